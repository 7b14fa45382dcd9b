"""A section of the letter body: its id, kind, title and blocks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ParseError
from .blocks import Block, ListBlock, Paragraph, Quotation, Table
from .checks import as_mapping, as_text, as_tuple, check_keys
from .inline import Inline
from .schema import SCHEMA, blocks_from_text, section_blocks, section_keys

SECTION_KINDS = ("introduction", "commitment", "question", "conclusion", "appendix", "paragraph")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True, slots=True, init=False)
class Section:
    """One part of the letter body, in reading order.

    ``id`` is stable and unique within a letter (``introduction``,
    ``commitment-1``, ``question-2``, ``conclusion``, ``appendix``,
    ``paragraph-2``...); ``slug`` is a file-name-safe form of the title (or of
    the kind); ``blocks`` is the content in reading order.

    For code and files of the ``@1`` model, a section can also be built from
    ``paragraphs`` and ``items`` (each paragraph, then one list); ``paragraphs``
    and ``items`` remain read-only views of the blocks.

    Raises:
        ParseError: bad id, kind, number or slug, or both ``blocks`` and
            ``paragraphs``/``items`` given.
    """

    id: str
    kind: str
    slug: str
    number: int | None
    title: str
    blocks: tuple[Block, ...]

    def __init__(
        self,
        id: str,
        kind: str,
        slug: str = "",
        number: int | None = None,
        title: str = "",
        blocks: tuple[Block, ...] = (),
        *,
        paragraphs: tuple[str, ...] | None = None,
        items: tuple[str, ...] | None = None,
    ) -> None:
        if paragraphs is not None or items is not None:
            if blocks:
                raise ParseError(f"section '{id}': give blocks, or paragraphs and items, not both")
            blocks = blocks_from_text(paragraphs or (), items or ())
        setter = object.__setattr__
        setter(self, "id", as_text(id, "id"))
        if not _ID_RE.match(self.id):
            raise ParseError(f"section id '{self.id}' must be lower-case letters, digits and '-'")
        if kind not in SECTION_KINDS:
            raise ParseError(f"section '{self.id}': kind '{kind}' is not one of {', '.join(SECTION_KINDS)}")
        setter(self, "kind", kind)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
            raise ParseError(f"section '{self.id}': number must be a whole number or null")
        setter(self, "number", number)
        setter(self, "title", as_text(title, "title"))
        setter(self, "slug", as_text(slug, "slug") or self.id)
        if not _ID_RE.match(self.slug):
            raise ParseError(f"section '{self.id}': slug '{self.slug}' is not file-name safe")
        blocks = as_tuple(blocks, "blocks")
        if not all(isinstance(b, (Paragraph, ListBlock, Table, Quotation)) for b in blocks):
            raise ParseError(f"section '{self.id}': blocks must be Paragraph, ListBlock, Table or Quotation values")
        setter(self, "blocks", blocks)

    # -- views -------------------------------------------------------------

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Texts of every block but lists, in order (a table row is one text)."""
        return tuple(t for b in self.blocks if not isinstance(b, ListBlock) for t in b.texts)

    @property
    def items(self) -> tuple[str, ...]:
        """Texts of the items of the section's lists, in order."""
        return tuple(t for b in self.blocks if isinstance(b, ListBlock) for t in b.texts)

    @property
    def text(self) -> str:
        """Every text of the section, one per line, in reading order."""
        return "\n".join(t for b in self.blocks for t in b.texts)

    @property
    def inlines(self) -> tuple[Inline, ...]:
        """Every ``Inline`` of the section in reading order (for marks and notes)."""
        return tuple(i for b in self.blocks for i in b.inlines)

    # -- JSON --------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], schema: str = SCHEMA) -> Section:
        """Build from the JSON form of ``schema``. Raises ParseError on a malformed dict."""
        data = as_mapping(data, "each section")
        check_keys(data, section_keys(schema), f"section '{data.get('id', '?')}'")
        if "id" not in data or "kind" not in data:
            raise ParseError("each section needs an 'id' and a 'kind'")
        return cls(
            id=data["id"],
            kind=data["kind"],
            slug=data.get("slug", ""),
            number=data.get("number"),
            title=data.get("title", ""),
            blocks=section_blocks(data, schema),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "slug": self.slug,
            "number": self.number,
            "title": self.title,
            "blocks": [b.to_dict() for b in self.blocks],
        }
