"""The letter model: what a letter says, and nothing about how it is rendered.

A ``Letter`` holds the metadata of a letter (who writes to whom, when, about
what), its ordered ``Section``s, and the content accounting of the reading
(``left_out``: text of the input that is not part of the letter, with the
reason; ``doubts``: points where the reader was unsure). A section's content
is an ordered tuple of blocks: ``Paragraph``, ``ListBlock``, ``Table`` and
``Quotation``. Every piece of text is an ``Inline``: plain ``text`` plus
``spans`` marking emphasis (``strong``), links (``link``), a span in another
language (``lang``) and footnote calls (``note``, whose value is the note's
text), so every consumer that only needs the words reads ``Inline.text``.

Values are frozen dataclasses with tuple fields, so they compare and hash.
Input is checked once, at construction: a ``Letter`` that exists is valid.

JSON form (``Letter.to_json``) carries ``"schema": "a11y-pub/letter@2"``.
``a11y-pub/letter@1`` files (sections with ``paragraphs`` and ``items``)
still load: their paragraphs become ``Paragraph`` blocks followed by one
``ListBlock``. An ``Inline`` without spans is written as a plain string.

One job per module: ``checks`` (field checks at construction), ``inline``
(``Inline``, ``Span``), ``blocks``, ``section``, ``parts`` (``Recipient``,
``LeftOut``), ``letter`` and ``schema`` (the JSON forms ``@1`` and ``@2``).
Import every name from ``a11y_pub.model``.
"""

from __future__ import annotations

from .blocks import BLOCK_TYPES, Block, ListBlock, Paragraph, Quotation, Table, block_from_dict
from .inline import SPAN_KINDS, Inline, Span
from .letter import LANGUAGES, Letter
from .parts import LEFT_OUT_REASONS, LeftOut, Recipient
from .schema import READABLE_SCHEMAS, SCHEMA, SCHEMA_V1, blocks_from_text
from .section import SECTION_KINDS, Section

__all__ = [
    "BLOCK_TYPES",
    "LANGUAGES",
    "LEFT_OUT_REASONS",
    "READABLE_SCHEMAS",
    "SCHEMA",
    "SCHEMA_V1",
    "SECTION_KINDS",
    "SPAN_KINDS",
    "Block",
    "Inline",
    "LeftOut",
    "Letter",
    "ListBlock",
    "Paragraph",
    "Quotation",
    "Recipient",
    "Section",
    "Span",
    "Table",
    "block_from_dict",
    "blocks_from_text",
]
