"""Cutting written text into sentences, the unit of synthesis and of the read-along timings."""

from __future__ import annotations

import re

from .abbreviations import sentence_abbreviations
from .rules import rules_for

MAX_SENTENCE_CHARS = 300  # longer runs are cut at a comma, else at a space

_SENTENCE_END_RE = re.compile(r"(?<=[.!?…:])[\"»”)]*\s+(?=[\"«“(]*[A-ZÀ-ÖØ-Þ0-9])")


def split_sentences(text: str, lang: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[str]:
    """Cut written text into sentences, as written (for transcripts and timings).

    Lines are separate sentences (paragraphs and list items). A full stop
    after a known abbreviation (« M. », « cf. », « févr. », "Mr.", "e.g.",
    from the speech tables) or a single capital (an initial) does not end a
    sentence; those listed in ``sentences.may_end`` (« etc. ») end one
    when a capital follows. A run longer
    than ``max_chars`` is cut at a comma or semicolon, else at a space.

    Returns:
        The sentences in order, stripped, none empty.
    """
    rules = rules_for(lang)
    abbreviations = sentence_abbreviations(rules) - set(rules.words("sentences", "may_end"))
    sentences: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        start = 0
        for match in _SENTENCE_END_RE.finditer(line):
            before = re.split(r"['’]", line[start : match.start()].rsplit(" ", 1)[-1].lstrip("(«“\""))[-1]
            if before in abbreviations or re.fullmatch(r"[A-Z]\.", before):
                continue
            sentences.append(line[start : match.start()].strip())
            start = match.end()
        sentences.append(line[start:].strip())
    result: list[str] = []
    for sentence in sentences:
        result.extend(_cut(sentence, max_chars))
    return [s for s in result if s]


def _cut(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    window = sentence[:max_chars]
    cut = max(window.rfind(", "), window.rfind("; "))
    if cut < max_chars // 3:
        cut = window.rfind(" ")
    if cut <= 0:
        cut = max_chars - 1
    head, tail = sentence[: cut + 1].strip(), sentence[cut + 1 :].strip()
    return [head, *_cut(tail, max_chars)]
