"""Word wrap and pagination of blocks into page fragments."""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from ...options import PdfOptions
from .blocks import Block
from .style import FONT_FAMILY, PT_TO_MM


@dataclass(slots=True)
class Fragment:
    """Consecutive lines of one block placed on one page."""

    block: int
    first_line: int
    lines: list[str]
    y: float  # top of the first line box, mm


class Layout:
    """Metrics and pagination for one set of options."""

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

    def line_height(self, role: str) -> float:
        return self.sizes[role] * self.opts.line_spacing * PT_TO_MM

    def space_before(self, role: str) -> float:
        """A blank body line between paragraphs; more above headings."""
        body_line = self.line_height("P")
        if role in ("H1", "H2", "H3"):
            return 1.5 * body_line
        if role == "LI":
            return 0.5 * body_line
        return body_line

    def width(self, role: str) -> float:
        full = self.right - self.left
        return full - self.indent if role == "LI" else full

    def set_font(self, role: str) -> None:
        style = "B" if role in ("H1", "H2", "H3") else ""
        self.pdf.set_font(FONT_FAMILY, style=style, size=self.sizes[role])

    def wrap(self, block: Block) -> list[str]:
        """Greedy left-aligned word wrap; breaks only at ordinary spaces.

        No hyphenation. A single word wider than the line (a long web
        address) is cut between characters, the only way to keep it inside
        the margins.
        """
        self.set_font(block.role)
        width = self.width(block.role)
        measure = self.pdf.get_string_width
        lines: list[str] = []
        current = ""
        for word in block.text.split(" "):
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            # Room is kept for the space that ends a broken line (see below).
            if measure(candidate + " ") <= width:
                current = candidate
                continue
            if current:
                lines.append(current + " ")
            current = word
            while measure(current + " ") > width:
                cut = len(current) - 1
                while cut > 1 and measure(current[:cut]) > width:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        if current:
            lines.append(current)
        # A line that ends at a break keeps its space (drawn, invisible), so
        # text extraction and screen readers do not glue the words together.
        return lines or [""]

    def paginate(self, blocks: list[Block]) -> list[list[Fragment]]:
        """Place every block's lines on pages.

        Rules: a heading never splits and moves to the next page unless its
        next block's first two lines fit below it; a paragraph or list item
        leaves at least two lines at the foot and at the head of a page when
        it is split (a two- or three-line block is not split).
        """
        for block in blocks:
            block.lines = self.wrap(block)
        pages: list[list[Fragment]] = [[]]
        y = self.top

        def new_page() -> None:
            nonlocal y
            pages.append([])
            y = self.top

        for index, block in enumerate(blocks):
            lh = self.line_height(block.role)
            at_top = not pages[-1]
            gap = 0.0 if at_top else self.space_before(block.role)
            lines = block.lines
            if block.role in ("H1", "H2", "H3"):
                need = gap + lh * len(lines)
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if following is not None:
                    following.lines = following.lines or self.wrap(following)
                    keep = min(2, len(following.lines))
                    need += self.space_before(following.role) + keep * self.line_height(
                        following.role
                    )
                if y + need > self.bottom and not at_top:
                    new_page()
                    gap = 0.0
                y += gap
                # A heading taller than a page is split as a last resort.
                start = 0
                while start < len(lines):
                    fit = max(1, int((self.bottom - y + 1e-6) // lh))
                    chunk = lines[start : start + fit]
                    pages[-1].append(Fragment(index, start, chunk, y))
                    y += lh * len(chunk)
                    start += len(chunk)
                    if start < len(lines):
                        new_page()
                continue

            min_first = len(lines) if len(lines) <= 3 else 2
            if y + gap + lh * min_first > self.bottom and not at_top:
                new_page()
                gap = 0.0
            y += gap
            start = 0
            while start < len(lines):
                fit = int((self.bottom - y + 1e-6) // lh)
                remaining = len(lines) - start
                if fit >= remaining:
                    take = remaining
                else:
                    take = fit
                    if remaining - take < 2:
                        take = remaining - 2  # no widow: carry two lines over
                    if take < 2 and pages[-1]:
                        take = 0  # no orphan: start on the next page
                if take <= 0:
                    if pages[-1]:
                        new_page()
                        continue
                    take = min(remaining, max(1, fit))  # alone on a page: place what fits
                chunk = lines[start : start + take]
                pages[-1].append(Fragment(index, start, chunk, y))
                y += lh * len(chunk)
                start += take
                if start < len(lines):
                    new_page()
        if not pages[-1] and len(pages) > 1:
            pages.pop()
        return pages
