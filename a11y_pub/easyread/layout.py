"""How the easy-read checker reads a text's layout: headings, paragraphs, list items
and the glossary.

Markdown headings (``#``) or one-line paragraphs without end punctuation are
headings; list items (``-``, ``*``, ``•``, ``1.``) are units of their own; a
heading called « Mots difficiles » (English: "Difficult words", "Glossary")
opens the glossary, whose items read ``term : definition``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import LanguageData

WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM_RE = re.compile(r"^([-*•–]|\d{1,3}[.)])\s+(.*)$")
_GLOSS_SPLIT_RE = re.compile(r"\s*(?:\s:\s|\s?:\s|\s[–—-]\s)\s*")
_MARKUP_RE = re.compile(r"\*\*|__|`|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_HEADING_WORDS = 10  # a one-line paragraph this short, without end punctuation, is a heading


@dataclass
class Unit:
    """A heading, a paragraph or a list item: its kind and its (line number, text) parts."""

    kind: str  # body, heading, glossary
    parts: list[tuple[int, str]]  # (line number, text)
    item: bool = False

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        """The unit's text (parts joined by spaces) and each part's (offset, line number)."""
        offsets: list[tuple[int, int]] = []
        chunks: list[str] = []
        position = 0
        for line, text in self.parts:
            offsets.append((position, line))
            chunks.append(text)
            position += len(text) + 1
        return " ".join(chunks), offsets


def strip_markup(text: str) -> str:
    """``text`` without Markdown emphasis, code marks and link targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _MARKUP_RE.sub("", text).strip()


def _norm_heading(text: str) -> str:
    return strip_markup(text).rstrip(" :").strip().lower()


def _glossary_term(content: str, terms: list[str], max_words: int | None) -> str:
    """A glossary line's definition; its term (when it has one) is appended to ``terms``."""
    pieces = _GLOSS_SPLIT_RE.split(content, maxsplit=1)
    if len(pieces) == 2 and (max_words is None or len(WORD_RE.findall(pieces[0])) <= max_words):
        terms.append(pieces[0].strip())
        return pieces[1]
    return content


def _reads_as_heading(unit: Unit) -> bool:
    """A one-line plain paragraph without end punctuation reads as a heading."""
    return (
        unit.kind == "body"
        and not unit.item
        and len(unit.parts) == 1
        and not re.search(r"[.!?…:;,»)\"]$", unit.parts[0][1])
        and len(WORD_RE.findall(unit.parts[0][1])) <= _HEADING_WORDS
    )


class _Reader:
    """The state of one pass over the lines: units made so far, the open one, the glossary."""

    def __init__(self, data: LanguageData) -> None:
        self.glossary_titles = data.words("glossary_headings")
        self.units: list[Unit] = []
        self.terms: list[str] = []
        self.paragraphs: list[Unit] = []
        self.current: Unit | None = None
        self.in_glossary = False

    def flush(self) -> None:
        if self.current is not None:
            self.units.append(self.current)
            self.paragraphs.append(self.current)
        self.current = None

    def line(self, number: int, stripped: str) -> None:
        heading = _HEADING_RE.match(stripped)
        if heading or _norm_heading(stripped) in self.glossary_titles:
            self.flush()
            title = strip_markup(heading.group(2) if heading else stripped)
            self.in_glossary = _norm_heading(title) in self.glossary_titles
            self.units.append(Unit("heading", [(number, title)]))
            return
        item = _ITEM_RE.match(stripped)
        kind = "glossary" if self.in_glossary else "body"
        if item:
            self.flush()
            content = strip_markup(item.group(2))
            if self.in_glossary:
                content = _glossary_term(content, self.terms, None)
            self.current = Unit(kind, [(number, content)], item=True)
            return
        content = strip_markup(stripped)
        if self.current is not None:
            self.current.parts.append((number, content))
            return
        if self.in_glossary:
            content = _glossary_term(content, self.terms, 5)
        self.current = Unit(kind, [(number, content)])


def read_layout(text: str, data: LanguageData) -> tuple[list[Unit], list[str]]:
    """Cut ``text`` into units (headings, paragraphs, list items) and glossary terms.

    Returns:
        (units in order, the glossary's terms as written).
    """
    reader = _Reader(data)
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped:
            reader.line(number, stripped)
        else:
            reader.flush()
    reader.flush()
    for unit in reader.paragraphs:
        if _reads_as_heading(unit):
            unit.kind = "heading"
    return reader.units, reader.terms
