"""The easy-read checker's per-sentence rules.

``check_sentence`` measures one parsed sentence: too many words, more than one
conjugated main clause, passive voice, unexplained acronym, rare word not in the
glossary, number written in words, parentheses, semicolon, stacked negations,
double negatives, capitals used for emphasis (or names written in capitals).
Thresholds: ``CheckOptions`` (STANDARDS.md "Easy-to-read / FALC"); word
frequency: wordfreq's Zipf scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .acronyms import initials_match, is_acronym
from .english import is_plain_participle
from .english import main_clauses as english_main_clauses
from .findings import RULES, CheckOptions, Finding
from .layout import WORD_RE
from .lexicon import LanguageData
from .negation import double_negatives, negation_units
from .nlp import zipf
from .rarity import is_number_like, lemmas, word_zipf
from .voice import passive_auxiliaries

_EN_PASSIVE_RE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|made|done|held|kept|sent|told|found|brought|bought|paid|built|"
    r"led|left|met|run|set|put|cut|taught|sold|spent|heard|meant|shown|seen)\b",
    re.IGNORECASE,
)
_EN_SECOND_CLAUSE_RE = re.compile(
    r"(?:,|;|\s)\s*(?:and|but|or|so)\s+(?:we|i|you|he|she|it|they|this|there)\s+\w+",
    re.IGNORECASE,
)
_MAIN_DEPS = {"ROOT", "conj", "parataxis"}
_FINITE_CHILD_DEPS = {"aux", "aux:pass", "aux:tense", "cop", "auxpass"}
_EN_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions".split()
)



def count_words(text: str) -> int:
    """Words as readers count them: ``l'accueil``, ``médico-social``, ``2026`` are one each."""
    return len(WORD_RE.findall(text))


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def expanded_acronyms(text: str, data: LanguageData) -> set[str]:
    """Acronyms that the text itself expands: ``words (ACR)`` or ``ACR (words)``."""
    function_words = data.words("function_words")
    found: set[str] = set()
    for match in re.finditer(r"\(([^()]{1,120})\)", text):
        inside = match.group(1).strip()
        before = text[max(0, match.start() - 200) : match.start()]
        before_words = re.findall(r"\w+", before)
        if is_acronym(inside) and initials_match(inside, before_words, function_words):
            found.add(inside)
            continue
        previous = before_words[-1] if before_words else ""
        inside_words = re.findall(r"\w+", inside)
        if is_acronym(previous) and initials_match(previous, inside_words, function_words):
            found.add(previous)
    return found


def glossary_keys(terms: Iterable[str]) -> tuple[set[str], set[str]]:
    """(whole terms, words of terms), lower-cased, for matching."""
    whole: set[str] = set()
    parts: set[str] = set()
    for term in terms:
        low = term.strip().lower()
        if not low:
            continue
        whole.add(low)
        for word in WORD_RE.findall(low):
            parts.add(word)
    return whole, parts


def _in_glossary(word: str, lemma: str, keys: tuple[set[str], set[str]], language: str = "") -> bool:
    """True when the glossary explains ``word``: the word, its lemma (in context or from
    the lemma tables) or its singular is a glossary term or a word of one."""
    whole, parts = keys
    candidates = {word.lower(), lemma.lower(), word.lower().rstrip("s"), lemma.lower().rstrip("s")}
    if language:
        candidates.update(lemmas(word, language))
    return bool(candidates & whole) or bool(candidates & parts)


_FR_FUTURE = ("erons", "erez", "eront", "erai", "eras", "era", "irons", "irez", "iront", "irai", "ira")


def _verb_stem_zipf(word: str, language: str) -> float:
    """Frequency of the infinitive behind a regular French future (« travaillerons »).

    The small model sometimes misses such forms' lemma; without this they
    would read as rare words.
    """
    if language != "fr":
        return 0.0
    for ending in _FR_FUTURE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            infinitive = word[: len(word) - len(ending) + 2]
            return zipf(infinitive, language)
    for ending in ("ent", "ons", "ez"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return zipf(word[: -len(ending)] + "er", language)
    return 0.0


def _participle(token: Any, language: str) -> bool:
    """A real past participle: tagged so and, in French, with a verb's lemma.

    The small French model sometimes reads « est candidat » as a passive;
    a verb lemma (infinitive ending) rules such nouns out.
    """
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if language == "fr":
        return token.lemma_.lower().endswith(("er", "ir", "re", "oir"))
    if language == "en":
        return not is_plain_participle(token)  # "I am convinced that…", "get paid"
    return True


def main_clauses(sent: Any) -> int:
    """Finite clause heads linked to the root by coordination or parataxis only."""
    count = 0
    for token in sent:
        if token.dep_ not in _MAIN_DEPS:
            continue
        node = token
        main = True
        while node.dep_ != "ROOT" and node.head is not node:
            if node.dep_ not in _MAIN_DEPS:
                main = False
                break
            node = node.head
        if not main:
            continue
        finite = "Fin" in token.morph.get("VerbForm") or any(
            child.dep_ in _FINITE_CHILD_DEPS and "Fin" in child.morph.get("VerbForm")
            for child in token.children
        )
        if finite:
            count += 1
    return count



@dataclass(frozen=True)
class Context:
    """What every sentence of one text is checked with."""

    opts: CheckOptions
    data: LanguageData
    parsed: bool  # False: the language has no parser (word patterns stand in)
    explained_acronyms: frozenset[str]  # acronyms the text itself expands
    glossary_keys: tuple[set[str], set[str]]  # see ``glossary_keys``


def _structure(sent: Any, text: str, ctx: Context) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, words) for length, clauses, passive voice, parentheses and semicolons."""
    found: list[tuple[str, tuple[str, ...]]] = []
    language = ctx.data.language
    if count_words(text) > ctx.opts.max_words:
        found.append(("too-long", ()))
    if ctx.parsed:
        if (english_main_clauses(sent) if language == "en" else main_clauses(sent)) > 1:
            found.append(("clauses", ()))
        passive = [t.text for t in passive_auxiliaries(sent, ctx.data) if _participle(t.head, language)]
        if passive:
            found.append(("passive", tuple(passive)))
    elif language == "en":
        if _EN_SECOND_CLAUSE_RE.search(text):
            found.append(("clauses", ()))
        match = _EN_PASSIVE_RE.search(text)
        if match:
            found.append(("passive", (match.group(0),)))
    if "(" in text or ")" in text or "[" in text:
        found.append(("parentheses", ()))
    if ";" in text:
        found.append(("semicolon", ()))
    return found


def _negations_and_numbers(sent: Any, text: str, ctx: Context) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, words) for stacked negations, double negatives and numbers written in words."""
    found: list[tuple[str, tuple[str, ...]]] = []
    data = ctx.data
    lowered = [t.text.lower() for t in sent]
    units = negation_units(lowered, data)
    if len(units) >= 2:
        found.append(("negations", tuple(w for unit in units for w in unit)))
    doubled = double_negatives(text, data)
    if doubled:
        found.append(("double-negative", tuple(doubled)))
    number_words = data.words("number_words") or _EN_NUMBER_WORDS
    in_words = []
    keys = [str(k).lower() for k in data.verify.get("scale", {}) if str(k)[:1].isalpha()]
    scales = re.compile("|".join(re.escape(k.rstrip("*")) + (r"\w*" if k.endswith("*") else "") for k in keys) or "(?!)")
    for token in sent:
        parts = token.text.lower().split("-")
        previous = sent[token.i - sent.start - 1].text if token.i > sent.start else ""
        if previous[-1:].isdigit() and scales.fullmatch(token.text.lower()):
            continue  # « 1,1 million », "£4.2 million": a number in digits with its scale word
        if any(p in number_words for p in parts) and (not ctx.parsed or token.pos_ in ("NUM", "DET")):
            in_words.append(token.text)
    if in_words:
        found.append(("number-in-words", tuple(in_words)))
    return found


def _capital_or_acronym(token: Any, kind: str, person_tokens: set[int], ctx: Context) -> str:
    """'capitals', 'acronym', 'skip' (an acronym that is known, or any word of a glossary
    line past the capitals check) or '' (a word for the rare-word check)."""
    word = token.text
    known = _is_acronym_known(word, ctx.explained_acronyms, ctx.glossary_keys)
    if _all_caps(word) and len(word) >= 2:
        if token.i in person_tokens and len(word) >= 3:
            return "capitals"
        if len(word) >= 4 and zipf(word.lower(), ctx.data.language) >= 3.0 and not known:
            return "capitals"
    if is_acronym(word):
        return "acronym" if kind != "glossary" and not known else "skip"
    return "skip" if kind == "glossary" else ""


def _rare(sent: Any, token: Any, ctx: Context, rare_seen: list[tuple[str, bool]]) -> str:
    """The word to report when ``token`` is a rare word the glossary does not explain
    (the token, or the whole hyphenated word it opens), else ''; every rare word is
    recorded in ``rare_seen`` as (word, explained).

    A word is judged by its form and its lemmas (``rarity.word_zipf``); numbers,
    amounts, times, ordinals and codes are not words; names are left out (part of
    speech, or a capital); a word cut at a hyphen (« plain-pied », "co-ordinator") is
    judged whole, once, at its first part.
    """
    word = token.text
    language = ctx.data.language
    clean = word.strip("'’-").lower()
    if "'" in clean or "’" in clean:
        clean = re.split(r"['’]", clean)[-1]
    compound = _hyphen_compound(sent, token)
    if compound is None:
        return ""  # a later part of a hyphenated word: judged with its first part
    if len(compound) < 3 or is_number_like(compound):
        return ""
    at_start = token.i == sent.start
    if ctx.parsed and token.pos_ in ("PROPN", "NUM", "PUNCT", "SYM", "X"):
        return ""
    if word[0].isupper() and not at_start:
        return ""  # proper noun by its capital
    following = sent[token.i - sent.start + 1] if token.i + 1 < sent.end else None
    if at_start and word[0].isupper() and following is not None and following.text[:1].isupper():
        return ""  # a name that opens the sentence (« Priya Patel is ... »)
    lemma = token.lemma_ if ctx.parsed and token.lemma_ else clean
    if compound != clean:
        clean, lemma = compound, compound
        frequency = max(word_zipf(compound, language), word_zipf(compound.replace("-", ""), language))
    else:
        frequency = max(word_zipf(clean, language, (lemma,)), _verb_stem_zipf(clean, language))
    if frequency >= ctx.opts.rare_zipf:
        return ""
    explained = _in_glossary(clean, lemma, ctx.glossary_keys, language)
    rare_seen.append((clean, explained))
    if explained:
        return ""
    return word if compound == word.strip("'’-").lower() else _as_written(sent, token, compound)


def _as_written(sent: Any, token: Any, compound: str) -> str:
    """The hyphenated word ``token`` opens, as the sentence writes it."""
    start = token.idx - sent.start_char
    return sent.text[start : start + len(compound)]


def _hyphen_compound(sent: Any, token: Any) -> str | None:
    """The whole hyphenated word ``token`` opens, lower-case (the token itself when it
    is not cut at a hyphen), or None when ``token`` is a later part of such a word."""
    doc = token.doc
    if token.i >= sent.start + 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
            and not doc[token.i - 1].whitespace_:
        return None
    parts = [token.text]
    i = token.i
    while i + 2 < sent.end and not doc[i].whitespace_ and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ \
            and doc[i + 2].text[:1].isalpha():
        parts.append(doc[i + 2].text)
        i += 2
    return "-".join(parts).lower().strip("'’-")


def _words(sent: Any, kind: str, ctx: Context, rare_seen: list[tuple[str, bool]]) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, words) for capitals, unexplained acronyms and rare words."""
    person_tokens = {t.i for ent in getattr(sent, "ents", ()) if ent.label_ in ("PER", "PERSON") for t in ent}
    if ctx.data.language == "en":  # a postcode or letters after a name ("KW2", "MBE") are no shouting
        person_tokens = {i for i in person_tokens if _spelt_name(sent.doc[i])}
    by_rule: dict[str, list[str]] = {"capitals": [], "acronym": [], "rare-word": []}
    for token in sent:
        if not any(c.isalpha() for c in token.text):
            continue
        verdict = _capital_or_acronym(token, kind, person_tokens, ctx)
        if verdict in by_rule:
            by_rule[verdict].append(token.text)
        elif not verdict and (rare := _rare(sent, token, ctx, rare_seen)):
            by_rule["rare-word"].append(rare)
    return [(rule, tuple(words)) for rule, words in by_rule.items() if words]


def check_sentence(sent: Any, kind: str, line: int, ctx: Context, rare_seen: list[tuple[str, bool]]) -> list[Finding]:
    """The rules ``sent`` (a spaCy span, or the rule-based path's stand-in) breaks.

    Args:
        sent: the sentence, tokenised (and parsed when ``ctx.parsed``).
        kind: "body", "heading" or "glossary" (a glossary line is not checked for rare
            words or acronyms: a definition must name what it explains).
        line: its line number in the checked text.
        ctx: thresholds, language data and the text's explained acronyms and glossary.
        rare_seen: every rare word met is appended as (word, explained).

    Returns:
        One ``Finding`` per broken rule, in rule order of the checks.
    """
    text = sent.text.strip()
    found = [*_structure(sent, text, ctx), *_negations_and_numbers(sent, text, ctx), *_words(sent, kind, ctx, rare_seen)]
    return [
        Finding(rule, line, text, RULES[rule].format(max=ctx.opts.max_words), tuple(dict.fromkeys(words)))
        for rule, words in found
    ]


def _spelt_name(token: Any) -> bool:
    """An English name's word, not a code or post-nominal letters: no digit, and not a short
    word in capitals after a name's word written in lower case ("Marian Teague MBE")."""
    if any(c.isdigit() for c in token.text):
        return False
    before = token.nbor(-1) if token.i > 0 else None
    after_name = before is not None and before.text[:1].isupper() and not before.text.isupper()
    return not (after_name and len(token.text) <= 4)


def _is_acronym_known(word: str, explained: frozenset[str], glossary_keys: tuple[set[str], set[str]]) -> bool:
    whole, _parts = glossary_keys
    return word in explained or word.lower() in whole
