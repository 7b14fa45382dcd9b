"""Acronyms: what looks like one, and whether words spell it."""

from __future__ import annotations

import re
import unicodedata

_ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9]$")
_ROMAN_RE = re.compile(r"^[IVX]+$")


def is_acronym(word: str) -> bool:
    """True for « CSAPA », "NHS", « RdR » (two capitals at least, most letters capital); not Roman numerals."""
    if not _ACRONYM_RE.match(word) or len(word) > 10 or _ROMAN_RE.match(word):
        return False
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 >= len(letters)


_ELIDED_RE = re.compile(r"^(?:[cdjlmnst]|qu)['’]", re.IGNORECASE)


def _marks(words: list[str], function_words: frozenset[str]) -> list[tuple[str, bool]]:
    """(initial without accent, is a function word) of each word; an elided article or
    pronoun is no word of its own (« l'enfance » gives « e »)."""
    marks: list[tuple[str, bool]] = []
    for word in words:
        word = _ELIDED_RE.sub("", word)
        if word:
            initial = unicodedata.normalize("NFD", word[0].lower())[0]  # « à » spells A
            marks.append((initial, word.lower().strip("'’") in function_words))
    return marks


def _spell(letters: str, run: list[tuple[str, bool]]) -> bool:
    reachable = {0}  # how many letters the words so far can have spelt
    for initial, optional in run:
        reachable = {n + 1 for n in reachable if n < len(letters) and letters[n] == initial} | (
            reachable if optional else set()
        )
        if not reachable:
            return False
    return len(letters) in reachable


def spells(acronym: str, words: list[str], function_words: frozenset[str]) -> bool:
    """True when ``words``, all of them, spell ``acronym``: every other word gives its initial,
    a function word may or may not (« service de soins infirmiers à domicile » spells SSIAD:
    « à » counts, « de » does not), and the first word is no function word."""
    marks = _marks(words, function_words)
    return bool(marks) and not marks[0][1] and _spell(acronym.lower(), marks)


def initials_match(acronym: str, words: list[str], function_words: frozenset[str]) -> bool:
    """True when a run of ``words`` at their start or end spells ``acronym`` (``spells``):
    « Aide sociale à l'enfance » spells ASE."""
    marks = _marks(words, function_words)
    runs = [marks[k:] for k in range(len(marks))] + [marks[:k] for k in range(1, len(marks) + 1)]
    return any(_spell(acronym.lower(), run) for run in runs if run and not run[0][1])
