"""The element tree of a talking book's chapter: blocks, text elements and their ids.

Built by ``ChapterBuilder`` from the letter's blocks (``epub_chapters``), given
sentence spans by ``epub_align`` and written as XHTML by ``epub_xhtml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Inline, ListBlock, Paragraph, Quotation, Table
from .epub_shared import keep_together


@dataclass(eq=False)
class TextElement:
    """An element holding one text: its id, its inline text, the sentences found in it.

    A table row is also a ``TextElement`` (``row=True``): its cells' texts joined with ", ", as
    the row is read aloud; a sentence found in it is paired with the whole row.
    """

    id: str
    inline: Inline
    ranges: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, span id
    row: bool = False


@dataclass(eq=False)
class BlockNode:
    """A block: ``tag`` is h1, h2, p, ul, ol, table, blockquote, dl; its texts in ``parts``."""

    tag: str
    parts: list[Any]  # TextElement for h1/h2/p; list of TextElement for lists; rows for tables; BlockNode for quotations
    css: str = ""
    start: int = 1  # first number of an ordered list
    header_rows: int = 0
    caption: TextElement | None = None


class ChapterBuilder:
    """Builds one chapter's element tree, giving every text element an id."""

    def __init__(self, chapter_id: str, language: str) -> None:
        self.chapter_id = chapter_id
        self.language = language
        self.nodes: list[BlockNode] = []
        self.texts: list[TextElement] = []

    def text(self, inline: Inline | str) -> TextElement:
        """A new text element (its spaces kept together as the language wants), not yet placed."""
        value = inline if isinstance(inline, Inline) else Inline(inline)
        value = Inline(keep_together(value.text, self.language), value.spans)
        item = TextElement(f"{self.chapter_id}-e{len(self.texts) + 1}", value)
        self.texts.append(item)
        return item

    def add(self, tag: str, inline: Inline | str, css: str = "") -> TextElement:
        """A new text element placed as its own block ``tag`` (h1, h2, p) at the chapter's end."""
        item = self.text(inline)
        self.nodes.append(BlockNode(tag, [item], css=css))
        return item

    def block(self, block: Any) -> BlockNode:
        """The node of one block of the letter model (not placed). Raises TypeError for a non-block."""
        if isinstance(block, Paragraph):
            return BlockNode("p", [self.text(block.content)])
        if isinstance(block, ListBlock):
            return BlockNode("ol" if block.ordered else "ul", [self.text(i) for i in block.items], start=block.start)
        if isinstance(block, Table):
            caption = self.text(block.caption) if block.caption else None
            rows = []
            for row in block.rows:
                whole = self.text(", ".join(cell.text for cell in row if cell.text))
                whole.row = True
                rows.append((whole, [self.text(cell) for cell in row]))
            return BlockNode("table", rows, header_rows=block.header_rows, caption=caption)
        if not isinstance(block, Quotation):  # the model admits no other block
            raise TypeError(f"not a block of the letter model: {type(block).__name__}")
        inner = [self.block(b) for b in block.blocks]
        if block.attribution:
            inner.append(BlockNode("p", [self.text(block.attribution)], css="attribution"))
        return BlockNode("blockquote", inner)
