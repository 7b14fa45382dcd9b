"""The text of the talking books, with every spoken sentence findable in it.

Shared by the EPUB 3 (``render/epub.py``) and DAISY 2.02 (``render/daisy.py``)
renderers, which are otherwise independent. It turns a ``Letter`` (and the
easy-read summary) into ``Chapter`` values: one per section of the letter,
then one for the summary, each holding

- ``body``: XHTML for the chapter's content (headings, paragraphs, lists,
  tables with header cells, quotations, links, bold, language changes and
  footnotes), the same text as the large print, in one of two flavours:
  ``"epub"`` (XHTML 5 with ``epub:type`` footnotes) or ``"daisy"`` (XHTML 1.0);
- ``audio``: the section's MP3 and its sentence timings (a ``TimedFile``), or
  None when the audio renderer made no file for it;
- ``pars``: each of the file's sentences (``Cue``) paired with the id of the
  element that shows it, in the order they are heard: what a SMIL ``<par>``
  needs.

How a spoken sentence finds its text: the cue's letters and digits (case
folded) are looked for in the chapter's texts, in reading order, from where
the previous sentence was found; a match becomes a ``<span id>`` around that
part of the text. A sentence that is said differently from how it is
written (a heading announced as "Engagement 1 sur 5 : …", the letter's
header read as "Lettre de …") is paired with the whole element whose words
it shares most (at least ``_MIN_OVERLAP`` of the element's words), else with
the element shown before it. Every sentence is paired: none is dropped.

What the renderers need from the other stages arrives as a ``BookInputs``
value (``epub_shared.book_inputs``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import written_date
from ..model import Inline, Letter, ListBlock, Paragraph, Quotation, Section, Table
from ..timings import Cue, TimedFile
from .epub_shared import BookInputs, book_strings, book_title, escape_xml, keep_together, section_headings
from .epub_shared import book_downloads as book_downloads  # the web page's import (render/web/files.py)

# Share of an element's words a differently worded sentence must contain to be paired with it.
_MIN_OVERLAP = 0.6

log = logging.getLogger(__name__)
_WORD_RE = re.compile(r"\w+")


# -- the element tree ----------------------------------------------------------------


@dataclass(eq=False)
class _Text:
    """An element holding one text: its id, its inline text, the sentences found in it.

    A table row is also a ``_Text`` (``row=True``): its cells' texts joined with ", ", as
    the row is read aloud; a sentence found in it is paired with the whole row.
    """

    id: str
    inline: Inline
    ranges: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, span id
    row: bool = False


@dataclass(eq=False)
class _Node:
    """A block: ``tag`` is h1, h2, p, ul, ol, table, blockquote, dl; its texts in ``parts``."""

    tag: str
    parts: list[Any]  # _Text for h1/h2/p; list of _Text for lists; rows for tables; _Node for quotations
    css: str = ""
    start: int = 1  # first number of an ordered list
    header_rows: int = 0
    caption: _Text | None = None


@dataclass(frozen=True, slots=True)
class Chapter:
    """One content document of a talking book.

    ``id`` (``c01``…) names its files; ``heading`` is its title (navigation,
    NCC); ``heading_id`` the id of that heading in ``body``; ``body`` the
    XHTML of its content; ``audio`` its MP3 and timings (None: text only);
    ``pars`` each sentence heard, with the id of the element showing it (a
    sentence span or a whole element) and the id of the text element holding
    that (the same id for a whole element). ``role`` is ``letter`` or ``summary``.
    """

    id: str
    heading: str
    heading_id: str
    body: str
    audio: TimedFile | None
    pars: tuple[tuple[Cue, str, str], ...]
    role: str = "letter"


class _Builder:
    """Builds one chapter's element tree, giving every text element an id."""

    def __init__(self, chapter_id: str, language: str) -> None:
        self.chapter_id = chapter_id
        self.language = language
        self.nodes: list[_Node] = []
        self.texts: list[_Text] = []
        self.notes: list[tuple[str, str]] = []  # note id, note text

    def text(self, inline: Inline | str) -> _Text:
        value = inline if isinstance(inline, Inline) else Inline(inline)
        value = Inline(keep_together(value.text, self.language), value.spans)
        item = _Text(f"{self.chapter_id}-e{len(self.texts) + 1}", value)
        self.texts.append(item)
        return item

    def add(self, tag: str, inline: Inline | str, css: str = "") -> _Text:
        item = self.text(inline)
        self.nodes.append(_Node(tag, [item], css=css))
        return item

    def block(self, block: Any) -> _Node:
        if isinstance(block, Paragraph):
            return _Node("p", [self.text(block.content)])
        if isinstance(block, ListBlock):
            return _Node("ol" if block.ordered else "ul", [self.text(i) for i in block.items], start=block.start)
        if isinstance(block, Table):
            caption = self.text(block.caption) if block.caption else None
            rows = []
            for row in block.rows:
                whole = self.text(", ".join(cell.text for cell in row if cell.text))
                whole.row = True
                rows.append((whole, [self.text(cell) for cell in row]))
            return _Node("table", rows, header_rows=block.header_rows, caption=caption)
        if not isinstance(block, Quotation):  # the model admits no other block
            raise TypeError(f"not a block of the letter model: {type(block).__name__}")
        inner = [self.block(b) for b in block.blocks]
        if block.attribution:
            inner.append(_Node("p", [self.text(block.attribution)], css="attribution"))
        return _Node("blockquote", inner)


# -- building the chapters -----------------------------------------------------------


def letter_chapters(letter: Letter, inputs: BookInputs, flavour: str) -> tuple[Chapter, ...]:
    """The chapters of a talking book: one per section, then the summary's.

    Args:
        letter: the letter.
        inputs: timings and summary (``book_inputs``).
        flavour: ``"epub"`` (XHTML 5, ``epub:type`` notes) or ``"daisy"`` (XHTML 1.0).

    Returns:
        Chapters in reading order; the first starts with the letter's header
        (title, from, to, date, subject). Ids are ``c01``, ``c02``…; every
        element id in a chapter starts with its chapter id.
    """
    words = book_strings(letter.language)
    headings = section_headings(letter, words)
    closing_after = _closing_position(letter.sections)
    chapters: list[Chapter] = []
    for index, section in enumerate(letter.sections):
        build = _Builder(f"c{index + 1:02d}", letter.language)
        if index == 0:
            _header(build, letter, words)
        heading = build.add("h1", headings[index])
        if letter.salutation and (section.kind == "introduction" or (index == 0 and not any(s.kind == "introduction" for s in letter.sections))):
            build.add("p", letter.salutation)
        build.nodes.extend(build.block(b) for b in section.blocks)
        if index == closing_after:
            for line in (letter.closing, letter.signature):
                if line.strip():
                    build.add("p", line)
        chapters.append(_finish(build, headings[index], heading, inputs.file_for(section.id), flavour, words))
    if inputs.summary:
        build = _Builder(f"c{len(letter.sections) + 1:02d}", letter.language)
        title = str(inputs.summary.get("title") or words["summary"])
        heading = _summary(build, inputs.summary, title, words)
        chapters.append(_finish(build, title, heading, inputs.file_for("summary"), flavour, words, role="summary"))
    return tuple(chapters)


def _closing_position(sections: Sequence[Section]) -> int:
    """Where the closing and signature go: after the conclusion, else the last section that is not an appendix."""
    for index, section in enumerate(sections):
        if section.kind == "conclusion":
            return index
    others = [i for i, s in enumerate(sections) if s.kind != "appendix"]
    return others[-1] if others else len(sections) - 1


def _header(build: _Builder, letter: Letter, words: Mapping[str, Any]) -> None:
    build.add("p", book_title(letter, words), css="title")
    sender = ", ".join(p for p in (letter.author, letter.author_role) if p.strip())
    if sender:
        build.add("p", words["from"].format(value=sender), css="head")
    for line in letter.sender_contact:
        build.add("p", line, css="head")
    recipient = letter.recipient
    to = ", ".join(p for p in (recipient.name, recipient.role, recipient.organisation, *recipient.address) if p.strip())
    if to:
        build.add("p", words["to"].format(value=to), css="head")
    if letter.date_value is not None:
        day = written_date(letter.date_value, letter.language)
        line = words["date_place"].format(date=day, place=letter.place) if letter.place else words["date"].format(value=day)
        build.add("p", line, css="head")
    if letter.subject:
        build.add("p", words["subject"].format(value=letter.subject), css="head")


def _summary(build: _Builder, summary: Mapping[str, Any], title: str, words: Mapping[str, Any]) -> _Text:
    heading = build.add("h1", title)
    for line in summary.get("notice") or ():
        build.add("p", str(line), css="notice")
    for block in summary.get("blocks") or ():
        if block.get("heading"):
            build.add("h2", str(block["heading"]))
        for sentence in block.get("sentences") or ():
            build.add("p", str(sentence))
    glossary = [g for g in summary.get("glossary") or () if g.get("term")]
    if glossary:
        build.add("h2", words["glossary"])
        pairs = [[build.text(str(g["term"])), build.text(str(g.get("definition") or ""))] for g in glossary]
        build.nodes.append(_Node("dl", pairs))
    return heading


def _finish(
    build: _Builder,
    heading: str,
    heading_text: _Text,
    audio: TimedFile | None,
    flavour: str,
    words: Mapping[str, Any],
    role: str = "letter",
) -> Chapter:
    pars = _align(build.texts, audio.cues if audio else (), heading_text)
    body = _serialise(build, flavour, words)
    return Chapter(build.chapter_id, heading_text.inline.text, heading_text.id, body, audio, pars, role)


# -- pairing sentences with text -----------------------------------------------------


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


def _free(item: _Text, start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, _ in item.ranges)


def _align(texts: Sequence[_Text], cues: Sequence[Cue], fallback: _Text) -> tuple[tuple[Cue, str, str], ...]:
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
    texts: Sequence[_Text], keys: Sequence[tuple[str, list[int]]], cue: Cue, cursor: tuple[int, int]
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


def _closest(texts: Sequence[_Text], cue: Cue, first: int) -> int | None:
    """The index of the text (from ``first`` on, else any) sharing the largest part of its
    words or the cue's words (whichever has fewer), at least ``_MIN_OVERLAP``."""
    said = _words(cue.text)
    best: tuple[float, int] | None = None
    for index in list(range(first, len(texts))) + list(range(first)):
        shown = _words(texts[index].inline.text)
        if not shown or not said:
            continue
        share = len(shown & said) / min(len(shown), len(said))
        if share >= _MIN_OVERLAP and (best is None or share > best[0] + 1e-9):
            best = (share, index)
    return None if best is None else best[1]


def audio_clips(chapter: Chapter) -> list[tuple[str, str, float, float]]:
    """The chapter's audio clips: ``(element id, text id, begin, end)``, seconds rounded
    to the millisecond, in order and end to end from 0 to the file's duration.

    Each sentence's clip runs from where the previous one ended (0 for the first)
    to the start of the next sentence (the file's end for the last), so the pauses
    are heard and the clips add up to the whole file (DAISY 2.02 and EPUB Media
    Overlays both play clip after clip). A sentence that would get no time
    (timings out of order) is logged and left unsynchronised; its text stays.
    """
    if chapter.audio is None:
        return []
    limit = round(chapter.audio.duration, 3)
    starts = [min(max(round(cue.start, 3), 0.0), limit) for cue, _, _ in chapter.pars]
    out: list[tuple[str, str, float, float]] = []
    begin = 0.0
    for index, (cue, element, text) in enumerate(chapter.pars):
        end = limit if index + 1 == len(starts) else starts[index + 1]
        if end <= begin:
            name = chapter.audio.file
            log.warning("%s: sentence %r gets no audio of its own (%.3f-%.3f s): not synchronised", name, cue.text[:40], cue.start, cue.end)
            continue
        out.append((element, text, begin, end))
        begin = end
    if out and out[-1][3] < limit:  # the last sentences were left out: the file still plays to its end
        element, text, first, _ = out[-1]
        out[-1] = (element, text, first, limit)
    return out


# -- XHTML -----------------------------------------------------------------------------


def _serialise(build: _Builder, flavour: str, words: Mapping[str, Any]) -> str:
    notes: list[tuple[str, str, str]] = []  # note id, ref id, text

    def inline(item: _Text) -> str:
        return _inline_html(item, flavour, notes, build.chapter_id)

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


def _attrs(item: _Text, css: str = "") -> str:
    attrs = f' id="{item.id}"'
    if css:
        attrs += f' class="{css}"'
    return attrs


def _node_html(node: _Node, inline: Callable[[_Text], str], flavour: str) -> str:
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

    def row_html(whole_row: tuple[_Text, list[_Text]], header: bool) -> str:
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


def _inline_html(item: _Text, flavour: str, notes: list[tuple[str, str, str]], chapter_id: str) -> str:
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


