"""The blocks of a section's content: paragraphs, lists, tables and quotations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import ParseError
from .checks import as_mapping, as_text, as_tuple, as_whole, check_keys
from .inline import Inline, inlines_from


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    kind: ClassVar[str] = "paragraph"
    content: Inline

    def __post_init__(self) -> None:
        object.__setattr__(self, "content", Inline.from_value(self.content, "paragraph"))

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.content.text,)

    @property
    def inlines(self) -> tuple[Inline, ...]:
        return (self.content,)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.kind, "text": self.content.to_value()}


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted (``ordered=False``) or numbered list; ``start`` is the first number."""

    kind: ClassVar[str] = "list"
    items: tuple[Inline, ...]
    ordered: bool = False
    start: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", inlines_from(self.items, "items"))
        if not self.items:
            raise ParseError("a list needs at least one item")
        if not isinstance(self.ordered, bool):
            raise ParseError("field 'ordered' must be true or false")
        as_whole(self.start, "start")

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(item.text for item in self.items)

    @property
    def inlines(self) -> tuple[Inline, ...]:
        return self.items

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind, "ordered": self.ordered, "items": [i.to_value() for i in self.items]}
        if self.start != 1:
            out["start"] = self.start
        return out


@dataclass(frozen=True, slots=True)
class Table:
    """A table: ``rows`` of cells, the first ``header_rows`` of them header cells.

    Rows may have different lengths (merged cells are repeated or left empty
    by the reader). ``caption`` is the table's title when the source has one.
    """

    kind: ClassVar[str] = "table"
    rows: tuple[tuple[Inline, ...], ...]
    header_rows: int = 1
    caption: str = ""

    def __post_init__(self) -> None:
        rows = tuple(inlines_from(row, "row") for row in as_tuple(self.rows, "rows"))
        if not rows or not any(rows):
            raise ParseError("a table needs at least one cell")
        object.__setattr__(self, "rows", rows)
        if as_whole(self.header_rows, "header_rows") > len(rows):
            raise ParseError(f"a table of {len(rows)} row(s) cannot have {self.header_rows} header row(s)")
        object.__setattr__(self, "caption", as_text(self.caption, "caption"))

    @property
    def header(self) -> tuple[tuple[Inline, ...], ...]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> tuple[tuple[Inline, ...], ...]:
        return self.rows[self.header_rows :]

    @property
    def texts(self) -> tuple[str, ...]:
        """One line per row, cells joined with ', ' (the caption first)."""
        lines = tuple(", ".join(c.text for c in row if c.text) for row in self.rows)
        return ((self.caption,) if self.caption else ()) + tuple(line for line in lines if line)

    @property
    def inlines(self) -> tuple[Inline, ...]:
        return tuple(cell for row in self.rows for cell in row)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind, "header_rows": self.header_rows}
        if self.caption:
            out["caption"] = self.caption
        out["rows"] = [[c.to_value() for c in row] for row in self.rows]
        return out


@dataclass(frozen=True, slots=True)
class Quotation:
    """Quoted text (an article, a question being answered, a law): paragraphs and lists.

    ``attribution`` names who or what is quoted when the source says so.
    """

    kind: ClassVar[str] = "quotation"
    blocks: tuple[Paragraph | ListBlock, ...]
    attribution: str = ""

    def __post_init__(self) -> None:
        blocks = as_tuple(self.blocks, "blocks")
        if not blocks or not all(isinstance(b, (Paragraph, ListBlock)) for b in blocks):
            raise ParseError("a quotation holds one or more paragraphs or lists")
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "attribution", as_text(self.attribution, "attribution"))

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(t for b in self.blocks for t in b.texts)

    @property
    def inlines(self) -> tuple[Inline, ...]:
        return tuple(i for b in self.blocks for i in b.inlines)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind, "blocks": [b.to_dict() for b in self.blocks]}
        if self.attribution:
            out["attribution"] = self.attribution
        return out


Block = Paragraph | ListBlock | Table | Quotation
BLOCK_TYPES: dict[str, type] = {cls.kind: cls for cls in (Paragraph, ListBlock, Table, Quotation)}


def block_from_dict(data: Mapping[str, Any], inside_quotation: bool = False) -> Block:
    """Build one block from its JSON form (``{"type": "paragraph", …}``).

    Raises:
        ParseError: unknown type or fields, or bad values.
    """
    data = as_mapping(data, "each block")
    kind = data.get("type")
    if kind not in BLOCK_TYPES or (inside_quotation and kind not in ("paragraph", "list")):
        allowed = "paragraph, list" if inside_quotation else ", ".join(BLOCK_TYPES)
        raise ParseError(f"block type '{kind}' is not one of {allowed}")
    if kind == "paragraph":
        check_keys(data, {"type", "text"}, "paragraph")
        return Paragraph(Inline.from_value(data.get("text", ""), "text"))
    if kind == "list":
        check_keys(data, {"type", "items", "ordered", "start"}, "list")
        return ListBlock(inlines_from(data.get("items"), "items"), ordered=data.get("ordered", False), start=data.get("start", 1))
    if kind == "table":
        check_keys(data, {"type", "rows", "header_rows", "caption"}, "table")
        return Table(
            tuple(inlines_from(row, "row") for row in as_tuple(data.get("rows"), "rows")),
            header_rows=data.get("header_rows", 1),
            caption=data.get("caption", ""),
        )
    check_keys(data, {"type", "blocks", "attribution"}, "quotation")
    inner = tuple(block_from_dict(b, inside_quotation=True) for b in as_tuple(data.get("blocks"), "blocks"))
    return Quotation(inner, attribution=data.get("attribution", ""))  # type: ignore[arg-type]
