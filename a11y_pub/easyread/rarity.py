"""How common a word is, judged by its lemma as well as its form; what is not a word.

Used by the checker's rare-word rule and by the glossary, so that both agree on
which words are rare.

- A word's frequency is the higher of its own form's and its lemmas' (wordfreq's Zipf
  scale): « Mettrez » is judged as « mettre », "bays" as "bay". Frequencies of a lemma's
  forms are not added up: that would rate every inflected word higher, as if the
  threshold had been lowered.
- Lemmas: spaCy's in-context lemma when the caller has one; French, spaCy's lookup
  table (form → lemma, no part of speech needed, so a verb mis-tagged at the start of a
  question still finds its infinitive); English, lemminflect's tables (MIT).
- Not words: anything with a digit (amounts « 250k », "65p", times "6.15pm", ordinals
  "23rd", « 3e », postcodes "5LN") and adverbs made from ordinal numbers
  (« troisièmement », "thirdly"): the checker reads them as numbers.
"""

from __future__ import annotations

import functools
import re

from .nlp import get_nlp, zipf

_EN_ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth last".split()
)
_FR_ORDINAL_RE = re.compile(r"(?:premi[eè]re?|seconde?|\w+i[eè]me)(?:ment)?", re.IGNORECASE)


def is_number_like(word: str) -> bool:
    """True for a number, amount, time, ordinal or code rather than a word.

    Args:
        word: one token as written ("250k", "6.15pm", "23rd", « troisièmement »).

    Returns:
        True when the token holds a digit, or is an adverb made from an ordinal number
        (« premièrement », « troisièmement », "secondly", "thirdly").
    """
    if any(c.isdigit() for c in word):
        return True
    low = word.lower()
    if low.endswith("ly") and low[:-2] in _EN_ORDINALS:
        return True
    return low.endswith("ment") and bool(_FR_ORDINAL_RE.fullmatch(low))


@functools.lru_cache(maxsize=65536)
def lemmas(word: str, language: str) -> tuple[str, ...]:
    """The word's possible lemmas without context, lower-case, the word itself first.

    French: spaCy's lookup table of the installed model; English: lemminflect.
    """
    low = word.lower()
    found = [low]
    if language == "fr":
        lemmatizer = _fr_lookup()
        value = lemmatizer.get(low) if lemmatizer is not None else None
        found += [value] if isinstance(value, str) else list(value or ())
        if len(found) == 1:  # not in the table: the singular by the regular rules
            found += _fr_singular(low)
    elif language == "en":
        from lemminflect import getAllLemmas

        found += [lemma.lower() for forms in getAllLemmas(low).values() for lemma in forms]
    if len(found) == 1 and "-" in low.strip("-"):  # « médico-sociales », "off-licences": by the last part
        head, _, last = low.rpartition("-")
        found += [f"{head}-{lemma}" for lemma in lemmas(last, language)[1:]]
    return tuple(dict.fromkeys(w for w in found if w))


def _fr_singular(word: str) -> list[str]:
    """Masculine singular guesses for a French word the lemma table lacks:
    « encadrants » → « encadrant », « locaux » → « local », « abritées » → « abrité »."""
    guesses = []
    if word.endswith("aux") and len(word) > 4:
        guesses.append(word[:-3] + "al")
    stem = word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word
    guesses.append(stem)
    if stem.endswith(("ée", "ante", "ente")):
        guesses.append(stem[:-1])
    return [g for g in guesses if g != word]


@functools.lru_cache(maxsize=2)
def _fr_lookup() -> object | None:
    """spaCy's French form → lemma table, or None when the model has none."""
    pipeline = get_nlp("fr").pipeline
    if "lemmatizer" not in pipeline.pipe_names:
        return None
    lookups = pipeline.get_pipe("lemmatizer").lookups
    return lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else None


def word_zipf(word: str, language: str, extra_lemmas: tuple[str, ...] = ()) -> float:
    """The frequency the rare-word rule judges ``word`` by (Zipf scale, 0–8).

    Args:
        word: the word as written (case ignored).
        language: "fr" or "en".
        extra_lemmas: lemmas known from context (spaCy's in-context lemma).

    Returns:
        The highest of the form's frequency and each lemma's.
    """
    low = word.lower()
    candidates = dict.fromkeys([*lemmas(low, language), *(x.lower() for x in extra_lemmas if x)])
    return max(zipf(c, language) for c in candidates)
