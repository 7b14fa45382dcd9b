"""The letter as typed blocks of runs in reading order (the large print's content).

Order (UKAAF: the letter first): title block (document title, the letter's
own title line, who writes with their contact lines, to whom, date,
subject), contents with page numbers, the letter's sections (paragraphs,
lists, tables, quotations, each paragraph's footnotes after it; closing and
signature after the conclusion), then — only when asked — the easy-read
summary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ...model import Inline, Letter, ListBlock, Paragraph, Quotation, Section, Table
from ..link import link_alt_text, qr_png, short_link
from .fonts import Coverage
from .runs import Run, inline_runs, runs_text, split_by_font, typeset_runs
from .style import BULLET, STRINGS
from .text import capital_names, document_title, long_date, section_heading

HEADINGS = ("H1", "H2", "H3")


@dataclass(slots=True)
class Block:
    """One unit of text: a heading, paragraph, list item or footnote.

    ``role`` is H1, H2, H3, P, LI or NOTE. ``container`` groups blocks under
    one parent element: ``("L", n)`` for the items of list n,
    ``("BlockQuote", n)`` for a quotation. ``label`` is a list item's
    bullet or number. ``outline`` is a heading's bookmark level (None: no
    bookmark); ``anchor`` names a heading the contents link to.
    ``lines`` is filled by the layout.
    """

    role: str
    runs: tuple[Run, ...]
    outline: int | None = None
    container: tuple[str, int] | None = None
    label: str = BULLET
    anchor: str = ""
    lines: list[tuple[Run, ...]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return runs_text(self.runs)


@dataclass(slots=True)
class TableBlock:
    """A table: rows of cells (each a tuple of runs), the first ``header_rows`` header cells."""

    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    header_rows: int
    role: str = "Table"
    widths: list[float] = field(default_factory=list)
    cells: list[list[list[tuple[Run, ...]]]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)


@dataclass(slots=True)
class FigureBlock:
    """An image printed ``size_mm`` square at the left margin, tagged as a Figure with ``alt``.

    ``png`` is the image file's bytes (the QR code of the letter's web page).
    ``runs`` and ``lines`` stay empty: a figure holds no text of its own.
    """

    png: bytes
    alt: str
    size_mm: float
    role: str = "Figure"
    runs: tuple[Run, ...] = ()
    lines: list[tuple[Run, ...]] = field(default_factory=list)


AnyBlock = Block | TableBlock | FigureBlock

QR_SIZE_MM = 35.0  # the code's side, quiet zone included (4 modules): print guidance asks at least 2 x 2 cm


@dataclass
class _Builder:
    """Shared state while the blocks of one document are made."""

    letter: Letter
    coverage: Coverage
    names: frozenset[str] = frozenset()
    ids: Iterator[int] = field(default_factory=lambda: iter(range(1, 10**9)))
    notes: list[str] = field(default_factory=list)
    out: list[AnyBlock] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.letter.language

    def runs(self, inline: Inline | str, *, strong: bool = False) -> tuple[Run, ...]:
        value = Inline(inline) if isinstance(inline, str) else inline
        runs = inline_runs(value, self.lang, self.names, self.ids, self.notes)
        if strong:
            runs = [replace(r, strong=True, strong_id=-1) for r in runs]
        return split_by_font(runs, self.coverage)

    def plain(self, text: str) -> tuple[Run, ...]:
        """Text the renderer builds itself (never marked, still typeset and covered)."""
        return split_by_font(typeset_runs([Run(text)], self.lang, self.names), self.coverage)

    def add(self, role: str, runs: tuple[Run, ...], **kwargs: Any) -> None:
        if runs_text(runs).strip():
            self.out.append(Block(role, runs, **kwargs))

    def flush_notes(self, first: int) -> None:
        """Print the footnotes called since note number ``first`` (after their paragraph)."""
        for number in range(first, len(self.notes)):
            note = Inline(f"[{number + 1}] {self.notes[number]}")
            runs = split_by_font(inline_runs(note, self.lang, self.names, self.ids, []), self.coverage)
            self.out.append(Block("NOTE", runs, anchor=f"note-{number + 1}"))


def _title_block(b: _Builder) -> None:
    letter, words = b.letter, STRINGS[b.lang]
    b.add("H1", b.plain(document_title(letter, b.names)), outline=0)
    if letter.title:
        b.add("P", b.runs(letter.title))
    author = ", ".join(p for p in (letter.author, letter.author_role) if p.strip())
    if author:
        b.add("P", b.plain(words["from"].format(value=author)))
    for line in letter.sender_contact:
        b.add("P", b.runs(line))
    recipient = letter.recipient
    to = recipient.header_line
    if to:
        b.add("P", b.plain(words["to"].format(value=to)))
    if letter.date_value is not None:
        day = long_date(letter.date_value, b.lang)
        line = words["date_place"].format(date=day, place=letter.place) if letter.place else words["date"].format(value=day)
        b.add("P", b.plain(line))
    if letter.subject:
        b.add("P", b.plain(words["subject"].format(value=letter.subject)))


def _web_link(b: _Builder, page_url: str | None) -> None:
    """With ``--base-url``: a line with the short link to the letter's web page (a live
    link), then its QR code, tagged as a Figure with alternate text in the letter's language."""
    if not page_url:
        return
    shown = short_link(page_url)
    link = split_by_font((Run(shown, link=page_url, link_id=next(b.ids)),), b.coverage)
    b.add("P", (*b.plain(STRINGS[b.lang]["web_version"]), Run(" "), *link))
    b.out.append(FigureBlock(qr_png(page_url), link_alt_text(page_url, b.lang), QR_SIZE_MM))


def _contents(b: _Builder, entries: list[tuple[str, str]], page_of: Mapping[str, int]) -> None:
    """The contents: one list item per heading, its page number, linked to it."""
    if not entries:
        return
    words = STRINGS[b.lang]
    b.add("H2", b.plain(words["contents"]), outline=1)
    list_id = next(b.ids)
    for anchor, title in entries:
        page = page_of.get(anchor, 0)
        text = words["contents_entry"].format(title=title, page=page or "…")
        link_id = next(b.ids)
        runs = tuple(replace(r, target=anchor, link_id=link_id) for r in b.plain(text))
        b.add("LI", runs, container=("L", list_id))


def _content_blocks(b: _Builder, blocks: tuple[Any, ...], quote: int | None = None) -> None:
    container = ("BlockQuote", quote) if quote is not None else None
    for block in blocks:
        first_note = len(b.notes)
        if isinstance(block, Paragraph):
            b.add("P", b.runs(block.content), container=container)
        elif isinstance(block, ListBlock):
            list_id = next(b.ids)
            for number, item in enumerate(block.items, start=block.start):
                label = f"{number}." if block.ordered else BULLET
                b.add("LI", b.runs(item), container=("L", list_id), label=label)
        elif isinstance(block, Table):
            if block.caption:
                b.add("P", b.runs(block.caption, strong=True))
            rows = tuple(tuple(b.runs(cell) for cell in row) for row in block.rows)
            b.out.append(TableBlock(rows, block.header_rows))
        elif isinstance(block, Quotation):
            quote_id = next(b.ids)
            _content_blocks(b, block.blocks, quote_id)
            if block.attribution:
                attribution = STRINGS[b.lang]["attribution"].format(value=block.attribution)
                b.add("P", b.plain(attribution), container=("BlockQuote", quote_id))
        b.flush_notes(first_note)


def _closing_after(letter: Letter) -> int:
    """Index of the section after which the closing and signature go."""
    after = len(letter.sections) - 1
    for index, section in enumerate(letter.sections):
        if section.kind != "appendix":
            after = index
    for index, section in enumerate(letter.sections):
        if section.kind == "conclusion":
            after = index
    return after


def _headings(letter: Letter) -> list[tuple[Section, str]]:
    out: list[tuple[Section, str]] = []
    for position, section in enumerate(letter.sections, start=1):
        number = sum(1 for s in letter.sections[:position] if s.kind == "commitment")
        out.append((section, section_heading(section, letter.language, number)))
    return out


def letter_blocks(
    letter: Letter,
    summary: Mapping[str, Any] | None,
    coverage: Coverage,
    page_of: Mapping[str, int],
    page_url: str | None = None,
) -> list[AnyBlock]:
    """The large print's blocks in reading order.

    Args:
        letter: the letter.
        summary: the easy-read summary (``load_summary`` form) to print after
            the letter, or None.
        coverage: which font draws each character.
        page_of: page number of each heading anchor, from a previous layout
            pass (empty on the first pass: the contents show « … »).
        page_url: the letter's web page (``--base-url``): its short link and QR
            code follow the title block; None: neither is printed.
    """
    b = _Builder(letter, coverage, capital_names(letter))
    words = STRINGS[b.lang]
    _title_block(b)
    _web_link(b, page_url)
    headings = _headings(letter)
    entries = [(f"section-{section.id}", b.plain(h)) for section, h in headings if h]
    contents = [(anchor, runs_text(runs)) for anchor, runs in entries]
    if summary:
        contents.append(("summary", words["summary"]))
    _contents(b, contents, page_of)
    closing_after = _closing_after(letter)
    for index, (section, heading) in enumerate(headings):
        if heading:
            b.add("H2", b.plain(heading), outline=1, anchor=f"section-{section.id}")
        if section.kind == "introduction" and letter.salutation:
            b.add("P", b.runs(letter.salutation))
        _content_blocks(b, section.blocks)
        if index == closing_after:
            for line in (letter.closing, letter.signature):
                if line:
                    b.add("P", b.runs(line))
    if summary:
        b.out += summary_blocks(summary, b, anchor="summary")
    return b.out


def summary_blocks(summary: Mapping[str, Any], b: _Builder, *, anchor: str = "", top: str = "H2") -> list[AnyBlock]:
    """The easy-read part: its heading, block headings, one paragraph per sentence, the glossary."""
    words = STRINGS[b.lang]
    sub = "H3" if top == "H2" else "H2"
    level = 1 if top == "H2" else 0
    saved, b.out = b.out, []
    title = words["summary"] if top == "H2" else str(summary.get("title") or words["easy_read_title"])
    b.add(top, b.plain(title), outline=level, anchor=anchor)
    blocks = [blk for blk in summary.get("blocks", ()) if isinstance(blk, Mapping)]
    if blocks:
        for block in blocks:
            heading = str(block.get("heading") or "").strip()
            if heading:
                b.add(sub, b.plain(heading), outline=level + 1)
            for sentence in block.get("sentences", ()):
                b.add("P", b.plain(str(sentence)))
    else:
        for sentence in summary.get("sentences", ()):
            value = sentence.get("text", "") if isinstance(sentence, Mapping) else str(sentence)
            b.add("P", b.plain(value))
    glossary = [g for g in summary.get("glossary", ()) if isinstance(g, Mapping) and g.get("term")]
    if glossary:
        b.add(sub, b.plain(words["glossary"] if top == "H2" else words["easy_read_glossary"]), outline=level + 1)
        list_id = next(b.ids)
        sep = "\u00a0: " if b.lang == "fr" else ": "
        for entry in glossary:
            term = b.runs(str(entry["term"]), strong=True)
            definition = b.plain(f"{sep}{entry.get('definition', '')}".rstrip())
            b.add("LI", term + definition, container=("L", list_id))
    made, b.out = b.out, saved
    return made


def easy_read_blocks(
    summary: Mapping[str, Any], letter: Letter, coverage: Coverage, page_url: str | None = None
) -> list[AnyBlock]:
    """The easy-read PDF's blocks: title, the draft notice, the web page's short link and QR
    code (with ``page_url``), the sentences, the glossary."""
    b = _Builder(letter, coverage, capital_names(letter))
    made = summary_blocks(summary, b, top="H1")
    # A draft says so in the project's own words (a draft, inspired by FALC, not
    # checked by people with intellectual disabilities); a staff summary keeps its notice.
    notice = [str(line) for line in summary.get("notice") or () if str(line).strip()]
    if str(summary.get("source") or "draft") == "draft" or not notice:
        notice = [STRINGS[b.lang]["easy_read_notice"]]
    title, rest = made[:1], made[1:]
    body = [Block("P", b.plain(line)) for line in notice]
    subtitle = document_title(letter, b.names)
    _web_link(b, page_url)
    return [*title, Block("P", b.plain(subtitle)), *body, *b.out, *rest]
