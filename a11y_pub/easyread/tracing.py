"""Tracing: which sentence(s) of the letter an easy-read sentence comes from.

A sentence is traced by its content words (``keys``: the first four letters of each
folded word that is not a stop word, digits whole) to the letter's sentence sharing
the most of them, or to two neighbouring sentences when together they cover more.
Used by the faithfulness verifier (``verify.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import written_date
from ..model import Letter
from .facts import Token, tokens
from .lexicon import LanguageData
from .nlp import split_sentences
from .text import replace_words


def content_key(tok: Token, stop: frozenset[str]) -> str:
    """The key a content word is matched by ('' for a function word)."""
    if tok.text[:1].isdigit():
        return tok.text
    if not tok.text[:1].isalpha() or tok.low in stop or len(tok.key) < 3:
        return ""
    return tok.key[:4]


def stop_words(data: LanguageData) -> frozenset[str]:
    """The language data's stop words (cue list ``stopwords``)."""
    return frozenset(data.cues("stopwords"))


@dataclass(frozen=True)
class Source:
    """One sentence (or title) of the letter and the keys it is traced by."""

    text: str
    section_id: str
    title: bool = False  # a section title: the summary's headings carry it, no sentence needs to
    keys: frozenset[str] = frozenset()  # content-word keys, of the text and of its lexicon-simplified form


def letter_sentences(letter: Letter, data: LanguageData) -> list[Source]:
    """Every sentence of the letter's sections (titles included), in order, with the keys
    it is traced by: its content words and those of its lexicon-simplified form (the
    simplifier's simple words trace too)."""
    table = dict(data.replace)

    def source(text: str, section_id: str, title: bool = False) -> Source:
        keys = keys_of(text, data) | keys_of(replace_words(text, table), data)
        return Source(text, section_id, title, frozenset(keys))

    out: list[Source] = []
    for section in letter.sections:
        if section.title:
            out.append(source(section.title, section.id, title=True))
        for line in section.text.split("\n"):
            for _start, text in split_sentences(line, letter.language):
                if text.strip():
                    out.append(source(text.strip(), section.id))
    return out


def header_text(letter: Letter) -> str:
    """The letter's header as sentences: who, to whom, when, about what."""
    date = written_date(letter.date_value, letter.language) if letter.date_value else ""
    rec = letter.recipient
    parts = [letter.author, letter.signature, letter.author_role, rec.name, rec.role, rec.organisation,
             letter.subject, letter.place, date, letter.title]
    return ". ".join(p for p in parts if p)


def keys_of(text: str, data: LanguageData) -> set[str]:
    """Content-word keys of ``text``; for a sentence of small words only (« No. », "I won't."),
    the keys of all its words."""
    stop = stop_words(data)
    toks = tokens(text, data.language)
    keys = {k for k in (content_key(t, stop) for t in toks) if k}
    return keys or {t.key for t in toks if t.text[:1].isalnum()}


def trace(
    sentence: str, candidates: list[Source], data: LanguageData, speaker: frozenset[str] = frozenset()
) -> tuple[list[Source], float]:
    """The source sentence(s) ``sentence`` comes from, and the share of its content words found.

    ``speaker``: keys of the author's name, which stands for « je » / « nous » anywhere
    (« Marc Infantes veut une rencontre » for « Je souhaite que nous puissions nous rencontrer »).
    """
    wanted = keys_of(sentence, data) - speaker if keys_of(sentence, data) - speaker else keys_of(sentence, data)
    if not wanted or not candidates:
        return [], 0.0
    if wanted & stop_words(data) or not any(wanted & c.keys for c in candidates):
        # A sentence of small words only (« No. », "RE."): traced by all the words.
        keyed = [c.keys | {t.key for t in tokens(c.text, data.language)} for c in candidates]
    else:
        keyed = [c.keys for c in candidates]
    best, score = [candidates[0]], -1.0
    rank = (-1.0, -1.0)
    every = {t.key for t in tokens(sentence, data.language)}
    for i, keys in enumerate(keyed):
        share = len(wanted & keys) / len(wanted)
        # Equal shares: the sentence sharing more of all its words (« Nous ne fermerons pas
        # Le Lumière » is the answer, not the question « … la fermeture du cinéma Le Lumière »).
        if share < rank[0]:
            continue
        tie = len(every & {t.key for t in tokens(candidates[i].text, data.language)}) / len(every)
        if (share, tie) > rank:
            best, score, rank = [candidates[i]], share, (share, tie)
    if score < 1.0:
        for i in range(len(candidates) - 1):
            if candidates[i].section_id != candidates[i + 1].section_id:
                continue
            share = len(wanted & (keyed[i] | keyed[i + 1])) / len(wanted)
            if share > score + 0.2:
                best, score = [candidates[i], candidates[i + 1]], share
    return best, score
