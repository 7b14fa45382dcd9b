"""Acronyms: what looks like one, and whether words spell it."""

from __future__ import annotations

import re

_ACRONYM_RE = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9]$")
_ROMAN_RE = re.compile(r"^[IVX]+$")


def is_acronym(word: str) -> bool:
    """True for « CSAPA », "NHS", « RdR » (two capitals at least, most letters capital); not Roman numerals."""
    if not _ACRONYM_RE.match(word) or len(word) > 10 or _ROMAN_RE.match(word):
        return False
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def initials_match(acronym: str, words: list[str], function_words: frozenset[str]) -> bool:
    """True when the initials of ``words`` (with or without ``function_words``) spell ``acronym``
    at their start or end."""
    letters = acronym.lower()
    for keep_small in (False, True):
        initials = [
            w[0].lower()
            for w in words
            if w and (keep_small or w.lower().strip("'’") not in function_words)
        ]
        joined = "".join(initials)
        if len(joined) >= len(letters) and joined.endswith(letters):
            return True
        if joined.startswith(letters):
            return True
    return False
