"""Painting paginated blocks through the tagging layer."""

from __future__ import annotations

from fpdf import FPDF

from .blocks import Block
from .layout import Fragment, Layout
from .style import BULLET, PT_TO_MM, STRINGS, Theme
from .tags import TagElem, Tagger, add_bookmark
from .text import typeset


def draw(
    pdf: FPDF,
    tags: Tagger,
    layout: Layout,
    blocks: list[Block],
    pages: list[list[Fragment]],
    theme: Theme,
    language: str,
) -> None:
    """Paint the paginated blocks, tagging each fragment and the page numbers."""
    words = STRINGS[language]
    elements: dict[int, TagElem] = {}
    labels: dict[int, TagElem] = {}
    lists: dict[int, TagElem] = {}
    total = len(pages)
    for page_number, fragments in enumerate(pages, start=1):
        pdf.add_page()
        if theme.background != (255, 255, 255):
            with tags.artifact(kind="Layout", subtype=""):
                pdf.set_fill_color(*theme.background)
                pdf.rect(0, 0, pdf.w, pdf.h, style="F")
        for fragment in fragments:
            block = blocks[fragment.block]
            role = block.role
            layout.set_font(role)
            colour = theme.heading if role in ("H1", "H2", "H3") else theme.text
            pdf.set_text_color(*colour)
            size_mm = layout.sizes[role] * PT_TO_MM
            lh = layout.line_height(role)
            # Baseline: the glyphs sit centred in the line box.
            baseline = (lh - size_mm) / 2 + 0.8 * size_mm
            elem = elements.get(fragment.block)
            if elem is None:
                if role == "LI":
                    list_id = block.list_id or 0
                    parent = lists.get(list_id)
                    if parent is None:
                        parent = lists[list_id] = tags.element("L")
                    item = tags.element("LI", parent)
                    labels[fragment.block] = tags.element("Lbl", item)
                    elem = tags.element("LBody", item)
                else:
                    elem = tags.element(role)
                elements[fragment.block] = elem
                if block.outline is not None:
                    add_bookmark(pdf, block.text, block.outline, pdf.page, fragment.y, elem)
            x = layout.left
            if role == "LI":
                x += layout.indent
                if fragment.first_line == 0:
                    with tags.marked(labels[fragment.block]):
                        pdf.text(layout.left, fragment.y + baseline, BULLET)
            with tags.marked(elem):
                for offset, line in enumerate(fragment.lines):
                    pdf.text(x, fragment.y + offset * lh + baseline, line)
        # Page number, at body size, as a pagination artifact.
        with tags.artifact(subtype="Footer"):
            layout.set_font("P")
            pdf.set_text_color(*theme.text)
            label = typeset(words["page"].format(page=page_number, total=total), language)
            lh = layout.line_height("P")
            size_mm = layout.body * PT_TO_MM
            top = pdf.h - layout.margin - lh
            pdf.text(layout.left, top + (lh - size_mm) / 2 + 0.8 * size_mm, label)
    tags.close_check()
