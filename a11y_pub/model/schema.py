"""The letter model's JSON forms: the schema tags, and what differs between ``@1`` and ``@2``.

``a11y-pub/letter@2`` sections hold ``blocks``; ``a11y-pub/letter@1``
sections held ``paragraphs`` and ``items``, read as each paragraph followed
by one list of the items, and its letters had none of ``V2_ONLY_FIELDS``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..errors import ParseError
from .blocks import Block, ListBlock, Paragraph, block_from_dict
from .checks import as_texts, as_tuple
from .inline import Inline

SCHEMA = "a11y-pub/letter@2"
SCHEMA_V1 = "a11y-pub/letter@1"
READABLE_SCHEMAS = (SCHEMA, SCHEMA_V1)

# Letter fields that the @1 form did not have.
V2_ONLY_FIELDS = ("title", "sender_contact", "source", "left_out", "doubts", "date_line")
_SECTION_BASE = frozenset({"id", "kind", "slug", "number", "title"})


def read_schema(data: Mapping[str, Any]) -> str:
    """The schema tag of a letter's JSON form (one of ``READABLE_SCHEMAS``).

    Raises:
        ParseError: the tag is missing or not readable by this version.
    """
    schema = data.get("schema")
    if schema not in READABLE_SCHEMAS:
        raise ParseError(f"unsupported letter schema '{schema}' (this version reads '{SCHEMA}' and '{SCHEMA_V1}')")
    return schema


def letter_keys(field_names: set[str], schema: str) -> set[str]:
    """The keys a letter's JSON form of ``schema`` may hold, given the ``Letter`` field names."""
    known = field_names | {"schema"}
    return known - set(V2_ONLY_FIELDS) if schema == SCHEMA_V1 else known


def section_keys(schema: str) -> set[str]:
    """The keys a section's JSON form of ``schema`` may hold."""
    return set(_SECTION_BASE | ({"paragraphs", "items"} if schema == SCHEMA_V1 else {"blocks"}))


def section_blocks(data: Mapping[str, Any], schema: str) -> tuple[Block, ...]:
    """A section's blocks from its JSON form of ``schema``. Raises ParseError on bad values."""
    if schema == SCHEMA_V1:
        return blocks_from_text(as_texts(data.get("paragraphs"), "paragraphs"), as_texts(data.get("items"), "items"))
    return tuple(block_from_dict(b) for b in as_tuple(data.get("blocks"), "blocks"))


def blocks_from_text(paragraphs: tuple[str, ...] = (), items: tuple[str, ...] = ()) -> tuple[Block, ...]:
    """The blocks of the ``@1`` form: each paragraph, then one list of the items."""
    blocks: list[Block] = [Paragraph(Inline(p)) for p in as_texts(paragraphs, "paragraphs")]
    listed = as_texts(items, "items")
    if listed:
        blocks.append(ListBlock(tuple(Inline(i) for i in listed)))
    return tuple(blocks)


def load_json(text: str) -> Any:
    """The value of a JSON text. Raises ParseError (with the line) on invalid JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError("invalid JSON", line=exc.lineno, cause=exc.msg) from exc


def dump_json(data: Mapping[str, Any]) -> str:
    """Deterministic, human-editable JSON (UTF-8, 2-space indent, final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
