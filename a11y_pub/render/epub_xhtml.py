"""A talking book chapter's element tree as XHTML, in the EPUB 3 or DAISY 2.02 flavour."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .epub_shared import escape_xml, keep_together
from .epub_tree import BlockNode, ChapterBuilder, TextElement


def chapter_xhtml(build: ChapterBuilder, flavour: str, words: Mapping[str, Any]) -> str:
    """The XHTML body of a built chapter (``flavour`` ``"epub"`` or ``"daisy"``), its notes last.

    ``words`` are the book's strings (``epub_shared.book_strings``): the notes'
    heading, label and back link.
    """
    notes: list[tuple[str, str, str]] = []  # note id, ref id, text

    def inline(item: TextElement) -> str:
        return inline_html(item, flavour, notes, build.chapter_id)

    out: list[str] = []
    for node in build.nodes:
        out.append(_node_html(node, inline, flavour))
    if notes:
        out.append(f'<h2 id="{build.chapter_id}-notes">{escape_xml(words["notes"])}</h2>')
        for number, (note_id, ref_id, text) in enumerate(notes, start=1):
            label = escape_xml(keep_together(words["note"].format(number=number, text=text), build.language))
            back = f' <a href="#{ref_id}">{escape_xml(words["note_back"])}</a>'
            if flavour == "epub":
                out.append(f'<aside epub:type="footnote" role="doc-footnote" id="{note_id}"><p>{label}{back}</p></aside>')
            else:
                out.append(f'<p class="note" id="{note_id}">{label}{back}</p>')
    return "\n".join(out) + "\n"


def _attrs(item: TextElement, css: str = "") -> str:
    attrs = f' id="{item.id}"'
    if css:
        attrs += f' class="{css}"'
    return attrs


def _node_html(node: BlockNode, inline: Callable[[TextElement], str], flavour: str) -> str:
    if node.tag in ("h1", "h2", "p"):
        item = node.parts[0]
        return f"<{node.tag}{_attrs(item, node.css)}>{inline(item)}</{node.tag}>"
    if node.tag in ("ul", "ol"):
        start = f' start="{node.start}"' if node.tag == "ol" and node.start != 1 else ""
        items = "".join(f"<li{_attrs(i)}>{inline(i)}</li>" for i in node.parts)
        return f"<{node.tag}{start}>{items}</{node.tag}>"
    if node.tag == "dl":
        pairs = "".join(f"<dt{_attrs(t)}>{inline(t)}</dt><dd{_attrs(d)}>{inline(d)}</dd>" for t, d in node.parts)
        return f"<dl>{pairs}</dl>"
    if node.tag == "blockquote":
        return "<blockquote>" + "".join(_node_html(n, inline, flavour) for n in node.parts) + "</blockquote>"
    # table
    width = max(len(cells) for _, cells in node.parts)
    out = ["<table>"]
    if node.caption is not None:
        out.append(f"<caption{_attrs(node.caption)}>{inline(node.caption)}</caption>")
    head, body = node.parts[: node.header_rows], node.parts[node.header_rows :]

    def row_html(whole_row: tuple[TextElement, list[TextElement]], header: bool) -> str:
        whole, row = whole_row
        cells = []
        for position in range(width):
            if position < len(row):
                cell = row[position]
                if header:
                    cells.append(f'<th scope="col"{_attrs(cell)}>{inline(cell)}</th>')
                else:
                    cells.append(f"<td{_attrs(cell)}>{inline(cell)}</td>")
            else:
                cells.append("<th scope=\"col\"></th>" if header else "<td></td>")
        return f"<tr{_attrs(whole)}>" + "".join(cells) + "</tr>"

    if head:
        out.append("<thead>" + "".join(row_html(r, True) for r in head) + "</thead>")
    if body:
        out.append("<tbody>" + "".join(row_html(r, False) for r in body) + "</tbody>")
    out.append("</table>")
    return "".join(out)


def inline_html(item: TextElement, flavour: str, notes: list[tuple[str, str, str]], chapter_id: str) -> str:
    """The text with its sentence spans (outermost) and marks, properly nested.

    Marks are opened and closed per piece of text between two boundaries, so
    a mark crossing a sentence boundary is split in two rather than overlap.
    Footnote calls become links to the chapter's notes (``noteref`` in EPUB);
    a call with no marker in the text gets its number as marker.
    """
    text = item.inline.text
    marks: list[tuple[int, int, int, str, str]] = []  # start, end, priority, open, close
    empty_notes: dict[int, list[str]] = {}
    for start, end, span_id in item.ranges:
        marks.append((start, end, 0, f'<span id="{span_id}">', "</span>"))
    for span in item.inline.spans:
        if span.kind == "note":
            number = len(notes) + 1
            note_id, ref_id = f"{chapter_id}-note{number}", f"{chapter_id}-ref{number}"
            notes.append((note_id, ref_id, span.value))
            kind = ' epub:type="noteref" role="doc-noteref"' if flavour == "epub" else ""
            if span.start == span.end:
                empty_notes.setdefault(span.start, []).append(f'<a{kind} href="#{note_id}" id="{ref_id}">[{number}]</a>')
            else:
                marks.append((span.start, span.end, 3, f'<a{kind} href="#{note_id}" id="{ref_id}">', "</a>"))
        elif span.start < span.end:
            if span.kind == "strong":
                marks.append((span.start, span.end, 2, "<strong>", "</strong>"))
            elif span.kind == "link":
                marks.append((span.start, span.end, 1, f'<a href="{escape_xml(span.value)}">', "</a>"))
            elif span.kind == "lang":
                marks.append((span.start, span.end, 1, f'<span lang="{escape_xml(span.value)}" xml:lang="{escape_xml(span.value)}">', "</span>"))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks), *empty_notes})
    out: list[str] = []
    stack: list[tuple[int, int, int, str, str]] = []
    for left, right in zip(cuts, cuts[1:] + [None], strict=False):
        if left in empty_notes:
            # A note call stays inside the sentence it ends, outside any other mark.
            sentences = [m for m in stack if m[2] == 0]  # always at the bottom of the stack
            out.extend(m[4] for m in reversed(stack[len(sentences) :]))
            stack = sentences
            out.extend(empty_notes[left])
        if right is None:
            break
        wanted = sorted((m for m in marks if m[0] <= left and right <= m[1]), key=lambda m: (m[2], m[0], -m[1]))
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend(m[4] for m in reversed(stack[keep:]))
        out.extend(m[3] for m in wanted[keep:])
        stack = wanted
        out.append(escape_xml(text[left:right]))
    out.extend(m[4] for m in reversed(stack))
    return "".join(out)


