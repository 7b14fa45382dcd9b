"""Painting paginated blocks through the tagging layer.

Structure written (ISO 32000-1 §14.8.4 standard types): headings H1-H3,
P, L > LI > Lbl + LBody, Note (with an /ID, PDF/UA-1 §7.9), BlockQuote,
Table > TR > TH (``/Scope /Column``) / TD, and inside text: Strong for
bold, Span with ``/Lang`` for another language, Link with its annotation's
object reference (and ``/Contents`` on the annotation), Span with
``/ActualText`` for a character printed as a stand-in, and Figure (the QR
code) with ``/Alt`` and its ``/BBox`` (ISO 32000-1 §14.8.5.4.3; PDF/UA-1
§7.3: a figure has alternate text, and is content, not an artifact).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from fpdf import FPDF

from .blocks import HEADINGS, AnyBlock, Block, FigureBlock, TableBlock
from .layout import CELL_PAD_MM, Fragment, Layout, Line
from .runs import Run
from .style import PT_TO_MM, STRINGS, Theme
from .tags import TagElem, Tagger, add_bookmark
from .text import typeset

TH_SCOPE = "<</O /Table /Scope /Column>>"


@dataclass(frozen=True, slots=True)
class _Op:
    """One run to draw at (x, baseline), inside ``elem``."""

    elem: TagElem | None
    x: float
    baseline: float
    run: Run
    role: str


@dataclass
class _Painter:
    """State while one document is painted: elements made so far, link targets."""

    pdf: FPDF
    tags: Tagger
    layout: Layout
    theme: Theme
    language: str
    anchors: Mapping[str, tuple[int, float]]
    elements: dict[tuple, TagElem] = field(default_factory=dict)
    pending_links: list[tuple[TagElem, tuple[float, float, float, float], Run]] = field(default_factory=list)

    def elem(self, key: tuple, role: str, parent: TagElem | None, **attrs) -> TagElem:
        found = self.elements.get(key)
        if found is None:
            found = self.elements[key] = self.tags.element(role, parent, **attrs)
        return found

    # -- blocks ---------------------------------------------------------------

    def block_elem(self, index: int, block: Block) -> TagElem:
        parent = None
        if block.container is not None:
            kind, number = block.container
            parent = self.elem(("container", kind, number), kind, None)
        if block.role == "LI":
            item = self.elem(("LI", index), "LI", parent)
            self.elem(("Lbl", index), "Lbl", item)
            return self.elem(("LBody", index), "LBody", item)
        if block.role == "NOTE":
            return self.elem(("block", index), "Note", parent, elem_id=block.anchor)
        return self.elem(("block", index), block.role, parent)

    def run_elem(self, scope: tuple, base: TagElem, run: Run) -> TagElem:
        """The element a run's marked content belongs to: Link > Span(lang) > Strong > Span(actual)."""
        elem = base
        if run.link or run.target:
            elem = self.elem((*scope, "link", run.link_id), "Link", elem)
        if run.lang:
            elem = self.elem((*scope, "lang", run.lang_id, run.link_id), "Span", elem, lang=run.lang)
        if run.strong and run.strong_id != 0:
            elem = self.elem((*scope, "strong", run.strong_id, run.lang_id, run.link_id), "Strong", elem)
        if run.actual:
            elem = self.tags.element("Span", elem, actual_text=run.actual)
        return elem

    def line_ops(self, scope: tuple, base: TagElem | None, line: Line, role: str, x: float, top: float, *, tag: bool = True) -> list[_Op]:
        """What one line draws, run by run, each with its element; its link annotations are added.

        With ``tag=False`` (an artifact) no element is made and no link added.
        """
        layout = self.layout
        lh = layout.line_height(role)
        size_mm = layout.sizes[role] * PT_TO_MM
        baseline = top + (lh - size_mm) / 2 + 0.8 * size_mm
        ops: list[_Op] = []
        links: dict[int, tuple[float, float, Run]] = {}
        for run in line:
            width = layout.run_width(run, role)
            ops.append(_Op(self.run_elem(scope, base, run) if tag and base is not None else None, x, baseline, run, role))
            if tag and (run.link or run.target) and run.text.strip():
                start = links.get(run.link_id, (x, x, run))[0]
                links[run.link_id] = (start, x + width, run)
            x += width
        for start, end, run in links.values():
            link_elem = self.elements[(*scope, "link", run.link_id)]
            self.pending_links.append((link_elem, (start, top, end - start, lh), run))
        return ops

    def emit(self, ops: list[_Op]) -> None:
        """Draw ``ops``; consecutive ones of one element share one marked-content sequence."""
        index = 0
        while index < len(ops):
            elem = ops[index].elem
            end = index
            while end < len(ops) and ops[end].elem is elem:
                end += 1
            with self.tags.marked(elem):
                for op in ops[index:end]:
                    self.layout.set_font(op.role, op.run)
                    self.pdf.text(op.x, op.baseline, op.run.text)
            index = end
        for elem, rect, run in self.pending_links:
            self.annotate(elem, rect, run)
        self.pending_links.clear()

    def annotate(self, elem: TagElem, rect: tuple[float, float, float, float], run: Run) -> None:
        words = STRINGS[self.language]
        if run.target:
            page, top = self.anchors.get(run.target, (1, 0.0))
            title = run.text.rsplit(",", 1)[0].strip()
            alt = typeset(words["contents_alt"].format(title=title, page=page), self.language)
            self.tags.link(elem, rect, page=page, top=top, alt=alt)
            return
        shown = run.link.removeprefix("mailto:")
        key = "link_mail" if run.link.startswith("mailto:") else "link_web"
        self.tags.link(elem, rect, uri=run.link, alt=typeset(words[key].format(target=shown), self.language))

    def draw_text(self, index: int, block: Block, fragment: Fragment) -> None:
        layout, pdf = self.layout, self.pdf
        role = block.role
        pdf.set_text_color(*(self.theme.heading if role in HEADINGS else self.theme.text))
        base = self.block_elem(index, block)
        if block.outline is not None and fragment.first_line == 0:
            add_bookmark(pdf, block.text, block.outline, pdf.page, fragment.y, base)
        x = layout.left + layout.indent_of(block)
        lh = layout.line_height(role)
        if role == "LI" and fragment.first_line == 0:
            size_mm = layout.sizes[role] * PT_TO_MM
            with self.tags.marked(self.elements[("Lbl", index)]):
                layout.set_font(role)
                baseline = fragment.y + (lh - size_mm) / 2 + 0.8 * size_mm
                pdf.text(layout.left, baseline, block.label)
        ops: list[_Op] = []
        for offset, line in enumerate(fragment.lines):
            ops += self.line_ops(("block", index), base, line, role, x, fragment.y + offset * lh)
        self.emit(ops)

    def draw_figure(self, figure: FigureBlock, fragment: Fragment) -> None:
        """The image at the left margin, in a Figure element with its alternate text and box."""
        pdf, x, y, size = self.pdf, self.layout.left, fragment.y, figure.size_mm
        box = [x * pdf.k, (pdf.h - y - size) * pdf.k, (x + size) * pdf.k, (pdf.h - y) * pdf.k]
        attributes = f"<</O /Layout /BBox [{' '.join(f'{v:.2f}' for v in box)}]>>"
        elem = self.tags.element("Figure", None, alt=figure.alt, attributes=attributes)
        with self.tags.marked(elem):
            pdf.image(io.BytesIO(figure.png), x=x, y=y, w=size, h=size)

    def draw_row(self, index: int, table: TableBlock, fragment: Fragment) -> None:
        if fragment.repeat:
            self.draw_repeated_row(table, fragment)
            return
        layout, pdf, row = self.layout, self.pdf, fragment.row
        table_elem = self.elem(("table", index), "Table", None)
        row_elem = self.tags.element("TR", table_elem)
        header = row < table.header_rows
        x = layout.left
        height = table.heights[row]
        pdf.set_text_color(*self.theme.text)
        for column, lines in enumerate(table.cells[row]):
            width = table.widths[column]
            cell = self.tags.element("TH", row_elem, attributes=TH_SCOPE) if header else self.tags.element("TD", row_elem)
            ops: list[_Op] = []
            for offset, line in enumerate(lines):
                top = fragment.y + CELL_PAD_MM / 2 + offset * layout.line_height("Table")
                ops += self.line_ops(("cell", index, row, column), cell, line, "Table", x + CELL_PAD_MM, top)
            self.emit(ops)
            with self.tags.artifact(kind="Layout", subtype=""):
                pdf.set_draw_color(*self.theme.text)
                pdf.set_line_width(0.3)
                pdf.rect(x, fragment.y, width, height)
            x += width

    def draw_repeated_row(self, table: TableBlock, fragment: Fragment) -> None:
        """A header row repeated on a later page: drawn, not tagged (it was read once)."""
        layout, pdf = self.layout, self.pdf
        x = layout.left
        with self.tags.artifact(kind="Pagination", subtype="Header"):
            pdf.set_text_color(*self.theme.text)
            pdf.set_draw_color(*self.theme.text)
            pdf.set_line_width(0.3)
            for column, lines in enumerate(table.cells[fragment.row]):
                for offset, line in enumerate(lines):
                    top = fragment.y + CELL_PAD_MM / 2 + offset * layout.line_height("Table")
                    for op in self.line_ops(("repeat",), None, line, "Table", x + CELL_PAD_MM, top, tag=False):
                        layout.set_font(op.role, op.run)
                        pdf.text(op.x, op.baseline, op.run.text)
                pdf.rect(x, fragment.y, table.widths[column], table.heights[fragment.row])
                x += table.widths[column]

    def footer(self, page_number: int, total: int) -> None:
        layout, pdf = self.layout, self.pdf
        with self.tags.artifact(subtype="Footer"):
            layout.set_font("P")
            pdf.set_text_color(*self.theme.text)
            label = typeset(STRINGS[self.language]["page"].format(page=page_number, total=total), self.language)
            lh = layout.line_height("P")
            size_mm = layout.body * PT_TO_MM
            top = pdf.h - layout.margin - lh
            pdf.text(layout.left, top + (lh - size_mm) / 2 + 0.8 * size_mm, label)


def draw(
    pdf: FPDF,
    tags: Tagger,
    layout: Layout,
    blocks: list[AnyBlock],
    pages: list[list[Fragment]],
    theme: Theme,
    language: str,
    anchors: Mapping[str, tuple[int, float]],
) -> None:
    """Paint the paginated blocks, tagging each fragment, its marks and the page numbers.

    ``anchors`` maps a heading's anchor to its (page, y in mm) for the contents' links.
    """
    painter = _Painter(pdf, tags, layout, theme, language, anchors)
    for page_number, fragments in enumerate(pages, start=1):
        pdf.add_page()
        if theme.background != (255, 255, 255):
            with tags.artifact(kind="Layout", subtype=""):
                pdf.set_fill_color(*theme.background)
                pdf.rect(0, 0, pdf.w, pdf.h, style="F")
        for fragment in fragments:
            block = blocks[fragment.block]
            if isinstance(block, TableBlock):
                painter.draw_row(fragment.block, block, fragment)
            elif isinstance(block, FigureBlock):
                painter.draw_figure(block, fragment)
            else:
                painter.draw_text(fragment.block, block, fragment)
        painter.footer(page_number, len(pages))
    tags.close_check()


def anchor_positions(blocks: list[AnyBlock], pages: list[list[Fragment]]) -> dict[str, tuple[int, float]]:
    """Page number and top (mm) of every block that has an anchor."""
    found: dict[str, tuple[int, float]] = {}
    for page_number, fragments in enumerate(pages, start=1):
        for fragment in fragments:
            block = blocks[fragment.block]
            if isinstance(block, Block) and block.anchor and block.anchor not in found:
                found[block.anchor] = (page_number, fragment.y)
    return found
