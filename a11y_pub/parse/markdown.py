"""Markdown letters -> ``RawText``, with a real parser (markdown-it-py and its plugins).

Headings keep their level; list items are written with their marker
(``- `` or ``3. ``) so the structure finder sees the numbering; tables
become rows of cells (the header row marked); ``>`` quotations are marked
as quoted; ``**bold**`` gives marks and a bold lead; links give link marks;
a footnote call ``[^1]`` is printed ``[1]`` with a note mark holding the
footnote's text (the definitions are not lines of their own). Front matter
``from:``/``to:``/``date:``/``subject:`` keys become header lines
(``From: …``) and ``title:`` a first heading; other keys are set aside in
``RawText.left_out``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import LeftOut
from .encoding import check_text, decode_text, read_bytes
from .raw import Line, RawText

_FRONT_KEYS = {"from": "From", "author": "From", "to": "To", "date": "Date", "subject": "Subject", "objet": "Objet"}


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin).use(footnote_plugin)


def read_md(path: Path, max_bytes: int) -> RawText:
    """Read a Markdown letter into lines with hints, cells and marks.

    Raises:
        ParseError: the file is missing, empty, too large or binary.
    """
    text = check_text(decode_text(read_bytes(path, max_bytes), path), path)
    tokens = _parser().parse(text)
    notes = _footnotes(tokens)
    reader = _Reader(notes)
    reader.walk(tokens)
    return RawText(path=path, lines=tuple(reader.lines), fmt="md", left_out=tuple(reader.left_out))


def _footnotes(tokens: list[Any]) -> dict[int, str]:
    notes: dict[int, str] = {}
    current: int | None = None
    for token in tokens:
        if token.type == "footnote_open":
            current = token.meta["id"]
            notes[current] = ""
        elif token.type == "footnote_close":
            current = None
        elif token.type == "inline" and current is not None:
            notes[current] = " ".join(x for x in (notes[current], token.content.strip()) if x)
    return notes


class _Reader:
    """Walks the token stream once, keeping list and table state."""

    def __init__(self, notes: dict[int, str]) -> None:
        self.notes = notes
        self.lines: list[Line] = []
        self.left_out: list[LeftOut] = []
        self.lists: list[list[Any]] = []  # [ordered, next number, item started]
        self.quote = 0
        self.heading = 0
        self.in_note = False
        self.row: list[str] | None = None
        self.header = False

    def walk(self, tokens: list[Any]) -> None:
        for token in tokens:
            handler = getattr(self, "_" + token.type, None)
            if handler is not None:
                handler(token)

    # -- blocks -------------------------------------------------------------

    def _front_matter(self, token: Any) -> None:
        for raw in token.content.splitlines():
            key, colon, value = raw.partition(":")
            name = _FRONT_KEYS.get(key.strip().lower())
            if key.strip().lower() == "title" and value.strip():
                self.lines += [Line(value.strip().strip("\"'"), heading=1), Line("")]
            elif colon and name and value.strip():
                self.lines.append(Line(f"{name}: {value.strip().strip(chr(34) + chr(39))}"))
            elif raw.strip() and raw.strip() != "---":
                self.left_out.append(LeftOut(raw.strip(), "other", "front matter field"))
        self.lines.append(Line(""))

    def _heading_open(self, token: Any) -> None:
        self.heading = int(token.tag[1])

    def _heading_close(self, token: Any) -> None:
        self.heading = 0
        self.lines.append(Line(""))

    def _paragraph_close(self, token: Any) -> None:
        if not self.lists and self.row is None:
            self.lines.append(Line(""))

    def _bullet_list_open(self, token: Any) -> None:
        self.lists.append([False, 1, False])

    def _ordered_list_open(self, token: Any) -> None:
        self.lists.append([True, int(token.attrs.get("start", 1) or 1), False])

    def _bullet_list_close(self, token: Any) -> None:
        self.lists.pop()
        if not self.lists:
            self.lines.append(Line(""))

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, token: Any) -> None:
        self.lists[-1][2] = True

    def _blockquote_open(self, token: Any) -> None:
        self.quote += 1

    def _blockquote_close(self, token: Any) -> None:
        self.quote -= 1

    def _footnote_block_open(self, token: Any) -> None:
        self.in_note = True

    def _footnote_block_close(self, token: Any) -> None:
        self.in_note = False

    def _thead_open(self, token: Any) -> None:
        self.header = True

    def _thead_close(self, token: Any) -> None:
        self.header = False

    def _tr_open(self, token: Any) -> None:
        self.row = []

    def _tr_close(self, token: Any) -> None:
        cells = tuple(self.row or ())
        self.lines.append(Line(" | ".join(cells), cells=cells, header_row=self.header))
        self.row = None

    def _table_close(self, token: Any) -> None:
        self.lines.append(Line(""))

    # -- inline -------------------------------------------------------------

    def _inline(self, token: Any) -> None:
        if self.in_note:
            return
        segments = _segments(token.children or [], self.notes)
        if self.row is not None:
            self.row.append(" ".join(text for text, _, _ in segments).strip())
            return
        prefix = ""
        if self.lists and self.lists[-1][2]:
            ordered, number, _ = self.lists[-1]
            prefix = f"{number}. " if ordered else "- "
            self.lists[-1][1] += 1
            self.lists[-1][2] = False
        for index, (text, marks, lead) in enumerate(segments):
            whole_bold = bool(text.strip()) and lead.strip() == text.strip()
            self.lines.append(
                Line(
                    (prefix if index == 0 else "") + text,
                    heading=self.heading,
                    bold=whole_bold,
                    lead=lead if lead and not whole_bold and index == 0 else "",
                    quote=self.quote > 0,
                    marks=tuple(marks),
                )
            )


def _segments(children: list[Any], notes: dict[int, str]) -> list[tuple[str, list[tuple[str, str, str]], str]]:
    """Lines of an inline token: (text, marks, leading bold text), split at line breaks."""
    out: list[tuple[str, list[tuple[str, str, str]], str]] = []
    text, marks, lead = "", [], ""
    strong_start: int | None = None
    link: tuple[int, str] | None = None
    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            out.append((text, marks, lead))
            text, marks, lead = "", [], ""
        elif kind in ("text", "code_inline", "html_inline"):
            text += child.content
        elif kind == "image":
            text += child.content
        elif kind == "strong_open":
            strong_start = len(text)
        elif kind == "strong_close" and strong_start is not None:
            fragment = text[strong_start:]
            if fragment.strip():
                marks.append((fragment.strip(), "strong", ""))
                if not text[:strong_start].strip():
                    lead = fragment.strip()
            strong_start = None
        elif kind == "link_open":
            link = (len(text), child.attrs.get("href", ""))
        elif kind == "link_close" and link is not None:
            fragment = text[link[0] :]
            if fragment.strip() and link[1]:
                marks.append((fragment.strip(), "link", link[1]))
            link = None
        elif kind == "footnote_ref":
            call = f"[{child.meta.get('label', child.meta['id'] + 1)}]"
            text += call
            note = notes.get(child.meta["id"], "")
            if note:
                marks.append((call, "note", note))
    out.append((text, marks, lead))
    return [(re.sub(r"[ \t]+", " ", t).strip(), m, ld) for t, m, ld in out]
