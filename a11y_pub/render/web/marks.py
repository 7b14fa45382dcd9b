"""The letter's blocks as HTML: marks (bold, links, languages, footnote calls) and tables.

``TextBlock`` is one block of a transcript: a paragraph, list item,
sub-heading, footnote, quotation attribution or table. ``TextBlock.html(start,
end)`` renders a slice of its text with the marks that fall in it, nested
in a fixed order (``<a>`` outside ``<span lang>`` outside ``<strong>``), so
that a sentence span can wrap any slice and the HTML stays well formed.
Web and e-mail addresses the source did not mark are linked too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...links import find_links
from ...model import Inline, Span, Table

__all__ = ["TextBlock", "esc", "one_line", "table_html"]

_ORDER = ("link", "lang", "strong")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces (no-break spaces are kept)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


def _open(kind: str, value: str) -> str:
    if kind == "link":
        return f'<a href="{esc(value)}">'
    if kind == "lang":
        return f'<span lang="{esc(value)}">'
    return "<strong>"


def _close(kind: str) -> str:
    return {"link": "</a>", "lang": "</span>", "strong": "</strong>"}[kind]


def marked_html(text: str, spans: tuple[Span, ...], start: int, end: int, note_base: int = 0) -> str:
    """``text[start:end]`` as HTML with its marks; footnote calls as ``[n]`` from ``note_base + 1``."""
    marks = [s for s in spans if s.kind in _ORDER and s.start < s.end]
    taken = [(s.start, s.end) for s in marks if s.kind == "link"]
    marks += [Span(a, b, "link", target) for a, b, target in find_links(text, taken)]
    notes = [s for s in spans if s.kind == "note"]
    cuts = {start, end}
    for span in (*marks, *notes):
        cuts.update(p for p in (span.start, span.end) if start < p < end)
    points = sorted(cuts)
    out: list[str] = []
    stack: list[Span] = []
    for left, right in zip(points, points[1:], strict=False):
        wanted = sorted((m for m in marks if m.start <= left and right <= m.end), key=lambda m: _ORDER.index(m.kind))
        wanted = [next(m for m in wanted if m.kind == kind) for kind in _ORDER if any(m.kind == kind for m in wanted)]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out += [_close(m.kind) for m in reversed(stack[keep:])]
        out += [_open(m.kind, m.value) for m in wanted[keep:]]
        stack = wanted
        for number, note in enumerate(notes, start=note_base + 1):
            if note.start == left and (note.start == note.end or note.end <= right):
                out.append(f"[{number}]")
        if not any(n.start <= left and right <= n.end and n.start < n.end for n in notes):
            out.append(esc(text[left:right]))
    out += [_close(m.kind) for m in reversed(stack)]
    for number, note in enumerate(notes, start=note_base + 1):
        if note.start == note.end == end == len(text) and start < end:
            out.append(f"[{number}]")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A transcript block: ``kind`` is p, li, h3, footnote, attribution or table.

    ``group`` is the wrapper it sits in: ``("ul", n)``, ``("ol", n, start)``,
    ``("blockquote", n)`` or None. ``note_base`` numbers its footnote calls;
    ``anchor`` is a footnote's id.
    """

    kind: str
    text: str
    spans: tuple[Span, ...] = ()
    group: tuple | None = None
    note_base: int = 0
    anchor: str = ""
    table: Table | None = field(default=None, compare=False)

    def html(self, start: int, end: int) -> str:
        return marked_html(self.text, self.spans, start, end, self.note_base)

    def wrap(self, body: str) -> str:
        """The block's element around ``body``."""
        if self.kind == "table" and self.table is not None:
            return table_html(self.table)
        if self.kind == "h3":
            return f"<h3>{body}</h3>"
        if self.kind == "li":
            return f"<li>{body}</li>"
        if self.kind == "footnote":
            return f'<p class="footnote" id="{esc(self.anchor)}">{body}</p>'
        if self.kind == "attribution":
            return f'<p class="attribution">{body}</p>'
        return f"<p>{body}</p>"


def _cell(inline: Inline) -> str:
    return marked_html(inline.text, inline.spans, 0, len(inline.text))


def _row(cells: str, cue: Any) -> str:
    if cue is None:
        return f"<tr>{cells}</tr>"
    return f'<tr class="s" data-start="{cue.start:.3f}" data-end="{cue.end:.3f}">{cells}</tr>'


def table_html(table: Table, row_cues: Mapping[int, Any] | None = None) -> str:
    """A ``<table>``: caption, header rows with ``<th scope="col">``, body rows with ``<td>``.

    ``row_cues`` maps a row's index (header rows count) to the cue that reads
    it: that row carries the cue's timings and is highlighted while it is read.
    """
    cues = row_cues or {}
    lines = ['<div class="table-wrap">', "<table>"]
    if table.caption:
        lines.append(f"<caption>{esc(one_line(table.caption))}</caption>")
    if table.header:
        lines.append("<thead>")
        lines += [_row("".join(f'<th scope="col">{_cell(c)}</th>' for c in row), cues.get(r)) for r, row in enumerate(table.header)]
        lines.append("</thead>")
    if table.body:
        lines.append("<tbody>")
        first = len(table.header)
        lines += [_row("".join(f"<td>{_cell(c)}</td>" for c in row), cues.get(first + r)) for r, row in enumerate(table.body)]
        lines.append("</tbody>")
    lines += ["</table>", "</div>"]
    return "\n".join(lines)
