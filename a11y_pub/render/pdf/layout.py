"""Word wrap and pagination of blocks into page fragments.

Page-break rules (UKAAF, typographic practice; STANDARDS.md "breaks"):

- a heading is never the last thing on a page: it moves to the next page
  unless the first two lines of what follows fit below it (the header row
  and first body row of a table);
- a paragraph, list item or footnote of up to ``KEEP_WHOLE`` (6) lines is
  never split; a longer one leaves at least two lines at the foot and two at
  the head of a page (no widow, no orphan);
- the first item of a list is never left alone at the foot of a page: it
  moves to the next page when the second item does not fit below it;
- a table row never splits; a table's header rows stay with its first
  body row, and are repeated (as artifacts) at the top of each later page
  the table runs onto;
- a figure (the QR code) never splits, and the paragraph just above it
  (the line that introduces it) goes to the next page with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from fpdf import FPDF

from ...options import PdfOptions
from .blocks import HEADINGS, AnyBlock, Block, FigureBlock, TableBlock
from .fonts import FALLBACK_FAMILY
from .runs import Run
from .style import FONT_FAMILY, PT_TO_MM

KEEP_WHOLE = 6  # lines: a paragraph this short is never split across pages
CELL_PAD_MM = 2.0
_SPACES = re.compile(r"( +)")

Line = tuple[Run, ...]


@dataclass(slots=True)
class Fragment:
    """Lines of one block placed on one page, or one table row (``row`` >= 0)."""

    block: int
    first_line: int
    lines: list[Line]
    y: float  # top of the first line box, mm
    row: int = -1
    repeat: bool = False  # a table's header row repeated on a later page (an artifact)


def _merge(line: list[Run]) -> Line:
    """Join neighbouring runs with the same marks, so each is drawn in one go."""
    out: list[Run] = []
    for run in line:
        if out and replace(out[-1], text="") == replace(run, text="") and not run.actual and not out[-1].actual:
            out[-1] = replace(out[-1], text=out[-1].text + run.text)
        else:
            out.append(run)
    return tuple(out)


class Layout:
    """Metrics, word wrap and pagination for one set of options."""

    def __init__(self, pdf: FPDF, opts: PdfOptions) -> None:
        self.pdf = pdf
        self.opts = opts
        self.body = opts.font_size
        self.sizes = {
            "H1": opts.font_size + 2 * opts.heading_increase,
            "H2": opts.font_size + 1.5 * opts.heading_increase,
            "H3": opts.font_size + opts.heading_increase,
            "P": opts.font_size,
            "LI": opts.font_size,
            "NOTE": opts.font_size,
            "Table": opts.font_size,
        }
        self.margin = opts.margin_mm
        self.left = opts.margin_mm
        self.right = pdf.w - opts.margin_mm
        self.top = opts.margin_mm
        # The page number sits inside the bottom margin line, one body line high,
        # with a blank line above it: body text stops above that.
        self.footer_height = self.line_height("P")
        self.bottom = pdf.h - opts.margin_mm - 2 * self.footer_height
        self.indent = 1.5 * opts.font_size * PT_TO_MM  # list item text, after the bullet
        self._widths: dict[tuple[str, str, float, str], float] = {}

    def line_height(self, role: str) -> float:
        return self.sizes[role] * self.opts.line_spacing * PT_TO_MM

    def space_before(self, role: str) -> float:
        """A blank body line between paragraphs; more above headings; less between list items."""
        body_line = self.line_height("P")
        if role in HEADINGS:
            return 1.5 * body_line
        if role == "LI":
            return 0.5 * body_line
        return body_line

    def indent_of(self, block: Block) -> float:
        if block.role == "LI":
            labels = max(self.indent, self.run_width(Run(block.label + "\u00a0"), "P") + 2)
            return labels
        if block.container and block.container[0] == "BlockQuote":
            return self.indent
        return 0.0

    def width(self, block: Block) -> float:
        return self.right - self.left - self.indent_of(block)

    def set_font(self, role: str, run: Run | None = None) -> None:
        bold = role in HEADINGS or (run is not None and run.strong)
        family = FALLBACK_FAMILY if run is not None and run.font == "fallback" else FONT_FAMILY
        self.pdf.set_font(family, style="B" if bold else "", size=self.sizes[role])

    def run_width(self, run: Run, role: str) -> float:
        bold = role in HEADINGS or run.strong
        key = (run.font, "B" if bold else "", self.sizes[role], run.text)
        width = self._widths.get(key)
        if width is None:
            self.set_font(role, run)
            width = self._widths[key] = self.pdf.get_string_width(run.text)
        return width

    def line_width(self, line: Line, role: str) -> float:
        return sum(self.run_width(run, role) for run in line)

    # -- wrapping -----------------------------------------------------------

    def wrap(self, runs: tuple[Run, ...], role: str, width: float) -> list[Line]:
        """Greedy left-aligned word wrap; breaks only at ordinary spaces.

        No hyphenation. A single word wider than the line (a long web
        address) is cut between characters, the only way to keep it inside
        the margins. A line that ends at a break keeps its space (drawn,
        invisible), so text extraction and screen readers do not glue the
        words together.
        """
        words: list[list[Run]] = [[]]
        for run in runs:
            for piece in _SPACES.split(run.text):
                if not piece:
                    continue
                if piece.startswith(" "):
                    words.append([replace(run, text=" ")])  # the space opens the next word
                    words.append([])
                else:
                    words[-1].append(replace(run, text=piece))
        lines: list[list[Run]] = []
        current: list[Run] = []
        used = 0.0
        pending_space: list[Run] = []
        for word in words:
            if not word:
                continue
            if word[0].text == " ":
                pending_space = word
                continue
            word_width = sum(self.run_width(r, role) for r in word)
            space_width = sum(self.run_width(r, role) for r in pending_space)
            if current and used + space_width + word_width + space_width <= width:
                current += pending_space + word
                used += space_width + word_width
            else:
                if current:
                    lines.append(current + pending_space)
                current, used = self._cut(word, role, width, lines)
            pending_space = []
        if current:
            lines.append(current)
        return [_merge(line) for line in lines] or [()]

    def _cut(self, word: list[Run], role: str, width: float, lines: list[list[Run]]) -> tuple[list[Run], float]:
        """Place ``word`` at the start of a line, cutting it when it is wider than the line."""
        current: list[Run] = []
        used = 0.0
        for run in word:
            chars = [run] if run.actual else [replace(run, text=c) for c in run.text]
            for piece in chars:
                w = self.run_width(piece, role)
                if current and used + w > width:
                    lines.append(current)
                    current, used = [], 0.0
                current.append(piece)
                used += w
        return current, used

    def wrap_block(self, block: AnyBlock) -> None:
        if isinstance(block, TableBlock):
            self.wrap_table(block)
        elif isinstance(block, Block) and not block.lines:
            block.lines = self.wrap(block.runs, block.role, self.width(block))

    def wrap_table(self, table: TableBlock) -> None:
        """Column widths in proportion to their content (at least the longest word), then cell lines."""
        columns = max(len(row) for row in table.rows)
        full = self.right - self.left
        natural = [1.0] * columns
        longest = [1.0] * columns
        for r, row in enumerate(table.rows):
            role = "H3" if r < table.header_rows else "Table"
            for c, cell in enumerate(row):
                natural[c] = max(natural[c], self.line_width(cell, role) + 2 * CELL_PAD_MM)
                for word in " ".join(run.text for run in cell).split():
                    longest[c] = max(longest[c], self.run_width(Run(word, strong=r < table.header_rows), "Table") + 2 * CELL_PAD_MM)
        total = sum(natural)
        widths = [full * n / total for n in natural] if total > full else [n * full / total for n in natural]
        short = [c for c in range(columns) if widths[c] < min(longest[c], full / columns)]
        for c in short:
            widths[c] = min(longest[c], full / columns)
        rest = [c for c in range(columns) if c not in short]
        spare = full - sum(widths[c] for c in short)
        if rest:
            scale = spare / sum(widths[c] for c in rest)
            for c in rest:
                widths[c] *= scale
        table.widths = widths
        lh = self.line_height("Table")
        table.cells, table.heights = [], []
        for r, row in enumerate(table.rows):
            header = r < table.header_rows
            cells = []
            for c in range(columns):
                runs = row[c] if c < len(row) else ()
                if header:
                    runs = tuple(replace(run, strong=True, strong_id=0) for run in runs)
                cells.append(self.wrap(runs, "Table", widths[c] - 2 * CELL_PAD_MM))
            table.cells.append(cells)
            table.heights.append(max(len(lines) for lines in cells) * lh + CELL_PAD_MM)

    # -- pagination -----------------------------------------------------------

    def paginate(self, blocks: list[AnyBlock]) -> list[list[Fragment]]:
        """Place every block on pages, following the page-break rules above."""
        for block in blocks:
            self.wrap_block(block)
        pager = _Pager(self, blocks)
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, TableBlock):
                pager.place_table(index, block)
            elif isinstance(block, FigureBlock):
                pager.place_figure(index, block)
            elif block.role in HEADINGS:
                pager.place_heading(index, block)
            else:
                pager.place_text(index, block, following)
        return pager.finish()

    def first_height(self, block: AnyBlock) -> tuple[str, float]:
        """Role and height of what must stay with a heading above it."""
        if isinstance(block, TableBlock):
            rows = min(len(block.heights), block.header_rows + 1)
            return "Table", sum(block.heights[:rows])
        if isinstance(block, FigureBlock):
            return "P", block.size_mm
        lines = len(block.lines)
        keep = lines if lines <= KEEP_WHOLE and block.role not in HEADINGS else min(2, lines)
        return block.role, keep * self.line_height(block.role)


def _opens_list(ahead: list[AnyBlock]) -> bool:
    """Whether ``ahead`` starts with the first two items of one list."""
    return (
        len(ahead) == 2
        and all(isinstance(b, Block) and b.role == "LI" for b in ahead)
        and ahead[0].container == ahead[1].container  # type: ignore[union-attr]
    )


class _Pager:
    """The pages being filled: fragments per page and the current height."""

    def __init__(self, layout: Layout, blocks: list[AnyBlock]) -> None:
        self.layout = layout
        self.blocks = blocks
        self.pages: list[list[Fragment]] = [[]]
        self.y = layout.top

    @property
    def at_top(self) -> bool:
        return not self.pages[-1]

    def room(self) -> float:
        return self.layout.bottom - self.y + 1e-6

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.layout.top

    def gap(self, role: str) -> float:
        return 0.0 if self.at_top else self.layout.space_before(role)

    def place_heading(self, index: int, block: Block) -> None:
        layout = self.layout
        lh = layout.line_height(block.role)
        need = self.gap(block.role) + lh * len(block.lines)
        ahead = self.blocks[index + 1 : index + 3]
        if ahead:
            role, height = layout.first_height(ahead[0])
            need += layout.space_before(role) + height
            if _opens_list(ahead):  # the list's first item takes its second one along
                need += layout.space_before("LI") + layout.first_height(ahead[1])[1]
        if need > self.room() and not self.at_top:
            self.new_page()
        self.y += self.gap(block.role)
        self._place_lines(index, block.lines, lh)

    def place_text(self, index: int, block: Block, following: AnyBlock | None) -> None:
        layout = self.layout
        lh = layout.line_height(block.role)
        lines = block.lines
        whole = len(lines) <= KEEP_WHOLE
        first = len(lines) if whole else 2
        need = self.gap(block.role) + lh * first
        follow = 0.0
        if (
            block.role == "LI"
            and isinstance(following, Block)
            and following.role == "LI"
            and following.container == block.container
            and not self._holds_item_of(block.container)
        ):
            # the first item of a list on this page does not stay there alone: the start of the
            # next item must fit under it (an item too long to keep whole is split instead, below)
            follow = layout.space_before("LI") + layout.first_height(following)[1]
            need += follow
        if isinstance(following, FigureBlock) and whole:  # a figure's introducing line stays with it
            need += layout.space_before("P") + following.size_mm
        if need > self.room() and not self.at_top:
            self.new_page()
        self.y += self.gap(block.role)
        start = 0
        while start < len(lines):
            fit = int(self.room() // lh)
            remaining = len(lines) - start
            take = remaining if fit >= remaining else fit
            if follow and not whole and start == 0 and take == remaining and self.room() - lh * take < follow:
                take = remaining - 2  # it would end at the page's foot alone: its last two lines open the next page
            if take < remaining:
                if remaining - take < 2:
                    take = remaining - 2  # no widow: carry two lines over
                if take < 2 and not self.at_top:
                    take = 0  # no orphan: start on the next page
            if take <= 0:
                if not self.at_top:
                    self.new_page()
                    continue
                take = min(remaining, max(1, fit))  # taller than a page: place what fits
            self.pages[-1].append(Fragment(index, start, lines[start : start + take], self.y))
            self.y += lh * take
            start += take
            if start < len(lines):
                self.new_page()

    def _holds_item_of(self, container: tuple[str, int] | None) -> bool:
        """Whether the current page already holds an item of the list ``container``."""
        for fragment in self.pages[-1]:
            block = self.blocks[fragment.block]
            if isinstance(block, Block) and block.role == "LI" and block.container == container:
                return True
        return False

    def place_table(self, index: int, table: TableBlock) -> None:
        gap = self.gap("P")
        keep = sum(table.heights[: min(len(table.heights), table.header_rows + 1)])
        if gap + keep > self.room() and not self.at_top:
            self.new_page()
            gap = 0.0
        self.y += gap
        for row, height in enumerate(table.heights):
            if height > self.room() and not self.at_top:
                self.new_page()
                self._repeat_header(index, table, row)
            self.pages[-1].append(Fragment(index, 0, [], self.y, row=row))
            self.y += height

    def place_figure(self, index: int, figure: FigureBlock) -> None:
        """A figure is placed whole: on the next page when it does not fit below."""
        if self.gap("P") + figure.size_mm > self.room() and not self.at_top:
            self.new_page()
        self.y += self.gap("P")
        self.pages[-1].append(Fragment(index, 0, [], self.y))
        self.y += figure.size_mm

    def _repeat_header(self, index: int, table: TableBlock, row: int) -> None:
        """On a table's next page, its header rows again (drawn as artifacts, read once)."""
        if row < table.header_rows:
            return
        for header in range(table.header_rows):
            self.pages[-1].append(Fragment(index, 0, [], self.y, row=header, repeat=True))
            self.y += table.heights[header]

    def _place_lines(self, index: int, lines: list[Line], lh: float) -> None:
        start = 0
        while start < len(lines):  # a heading taller than a page is split as a last resort
            fit = max(1, int(self.room() // lh))
            chunk = lines[start : start + fit]
            self.pages[-1].append(Fragment(index, start, chunk, self.y))
            self.y += lh * len(chunk)
            start += len(chunk)
            if start < len(lines):
                self.new_page()

    def finish(self) -> list[list[Fragment]]:
        if not self.pages[-1] and len(self.pages) > 1:
            self.pages.pop()
        return self.pages
