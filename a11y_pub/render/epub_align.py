"""Pairing each spoken sentence of a chapter with the element that shows it.

See ``epub_chapters``'s module doc for the rule: the cue's letters and digits
are looked for in reading order from where the previous sentence was found,
else the element sharing most of its words is chosen, else the one before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..timings import Cue
from .epub_tree import TextElement

# Share of an element's words a differently worded sentence must contain to be paired with it.
MIN_OVERLAP = 0.6

_WORD_RE = re.compile(r"\w+")



def _keyed(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text``, lower case, with each one's index in ``text``."""
    key: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isalnum():
            for folded in char.lower():
                key.append(folded)
                where.append(index)
    return "".join(key), where


def _words(text: str) -> set[str]:
    return set(_WORD_RE.findall(text.lower()))


def _free(item: TextElement, start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, _ in item.ranges)


def align_sentences(texts: Sequence[TextElement], cues: Sequence[Cue], fallback: TextElement) -> tuple[tuple[Cue, str, str], ...]:
    """Pair each cue with an element id and its text's id, adding sentence spans to ``texts``
    (see the module doc)."""
    keys = [_keyed(t.inline.text) for t in texts]
    cursor = (0, 0)  # text index, key offset
    last: tuple[str, str] | None = None
    pairs: list[tuple[Cue, str, str]] = []
    for cue in cues:
        target = _exact(texts, keys, cue, cursor)
        if target is not None:
            index, start, end, end_key = target
            cursor = (index, end_key)
            if texts[index].row:  # a row read aloud: the whole row is shown
                last = (texts[index].id, texts[index].id)
                pairs.append((cue, *last))
                continue
            span_id = f"s-{cue.id}"
            texts[index].ranges.append((start, end, span_id))
            texts[index].ranges.sort()
            last = (span_id, texts[index].id)
            pairs.append((cue, *last))
            continue
        found = _closest(texts, cue, cursor[0])
        if found is not None:
            if found > cursor[0]:
                cursor = (found, 0)
            last = (texts[found].id, texts[found].id)
        pairs.append((cue, *(last or (fallback.id, fallback.id))))
    return tuple(pairs)


_OPENING = set("«“‘\"'([{¿¡—–-")
_ENDS = set(".!?…:;")
_SPACES = {" ", "\u00a0", "\u202f", "\u2009"}


def _starts_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins where a sentence can begin (after . ! ? : ; or at the start)."""
    before = text[:start].rstrip("".join(_SPACES) + "".join(_OPENING))
    before = before.rstrip("»”’\")]")
    return not before or before[-1] in _ENDS


def _widen(text: str, start: int, end: int, said: str) -> tuple[int, int]:
    """Stretch ``text[start:end]`` over the punctuation the sentence has before and after its words."""
    lead = {c for c in said[: len(said) - len(said.lstrip("".join(_SPACES) + "".join(_OPENING) + "»”’"))] if c not in _SPACES}
    while start > 0 and lead and (text[start - 1] in lead or text[start - 1] in _SPACES):
        start -= 1
    while start < end and text[start] in _SPACES:
        start += 1
    tail = said.rstrip()
    trail = {c for c in tail[len(tail.rstrip(".!?…:;,»”’\")]" + "".join(_SPACES))) :] if c not in _SPACES}
    while end < len(text) and trail and (text[end] in trail or text[end] in _SPACES):
        end += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    return start, end


def _exact(
    texts: Sequence[TextElement], keys: Sequence[tuple[str, list[int]]], cue: Cue, cursor: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """Where the cue's words first occur at or after ``cursor`` in a free part of a text:
    (text index, start, end in the text, end in its key). An occurrence where a sentence can
    begin wins over one inside a sentence (« la lettre » is a heading, not the end of
    « ce que dit la lettre »)."""
    wanted, _ = _keyed(cue.text)
    if not wanted:
        return None
    inside: tuple[int, int, int, int] | None = None
    for index in range(cursor[0], len(texts)):
        key, where = keys[index]
        text = texts[index].inline.text
        found = key.find(wanted, cursor[1] if index == cursor[0] else 0)
        while found >= 0:
            start, end = where[found], where[found + len(wanted) - 1] + 1
            if _free(texts[index], start, end):
                wide = _widen(text, start, end, cue.text)
                if not _free(texts[index], *wide):
                    wide = (start, end)
                place = (index, *wide, found + len(wanted))
                if _starts_sentence(text, start):
                    return place
                inside = inside or place
            found = key.find(wanted, found + 1)
    return inside


def _closest(texts: Sequence[TextElement], cue: Cue, first: int) -> int | None:
    """The index of the text (from ``first`` on, else any) sharing the largest part of its
    words or the cue's words (whichever has fewer), at least ``MIN_OVERLAP``."""
    said = _words(cue.text)
    best: tuple[float, int] | None = None
    for index in list(range(first, len(texts))) + list(range(first)):
        shown = _words(texts[index].inline.text)
        if not shown or not said:
            continue
        share = len(shown & said) / min(len(shown), len(said))
        if share >= MIN_OVERLAP and (best is None or share > best[0] + 1e-9):
            best = (share, index)
    return None if best is None else best[1]
