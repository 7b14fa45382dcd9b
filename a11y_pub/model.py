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
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from .errors import ParseError

SCHEMA = "a11y-pub/letter@2"
SCHEMA_V1 = "a11y-pub/letter@1"
READABLE_SCHEMAS = (SCHEMA, SCHEMA_V1)

SECTION_KINDS = ("introduction", "commitment", "question", "conclusion", "appendix", "paragraph")
LANGUAGES = ("fr", "en")
SPAN_KINDS = ("strong", "link", "lang", "note")
LEFT_OUT_REASONS = (
    "page-furniture",  # page numbers, running headers and footers
    "quoted-history",  # earlier messages quoted in an e-mail
    "email-signature",  # the part after an e-mail's "-- " separator
    "email-header",  # an e-mail's From/To/Date/Subject lines (their values are read into the metadata)
    "tracked-deletion",  # text deleted with tracked changes
    "duplicate",  # text repeated verbatim (a header line also in the body)
    "other",  # anything else; the note says why
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ParseError(f"field '{name}' must be text, not {type(value).__name__}")
    return value


def _texts(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ParseError(f"field '{name}' must be a list of texts")
    return tuple(_text(item, name) for item in value)


def _list(value: Any, name: str) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise ParseError(f"field '{name}' must be a list")
    return tuple(value)


def _whole(value: Any, name: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParseError(f"field '{name}' must be a whole number of at least {minimum}")
    return value


def _check_keys(data: Mapping[str, Any], known: set[str] | type, where: str) -> None:
    names = {f.name for f in fields(known)} | {"schema"} if isinstance(known, type) else known
    unknown = sorted(set(data) - names)
    if unknown:
        raise ParseError(f"unknown field(s) in {where}: {', '.join(unknown)}")


def _mapping(data: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ParseError(f"{where} must be an object")
    return data


# -- inline text ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A mark over ``Inline.text[start:end]`` (character offsets, end exclusive).

    ``kind`` is one of ``SPAN_KINDS``:

    - ``strong``: bold in the source (rendered bold and tagged ``Strong``);
    - ``link``: ``value`` is the target (``https://…`` or ``mailto:…``);
    - ``lang``: ``value`` is the BCP 47 tag of a span in another language;
    - ``note``: a footnote or endnote call; ``value`` is the note's text. The
      span covers the call marker as printed (``¹``, ``[1]``), or is empty
      (``start == end``) at the call's position when the marker is not kept.

    Raises:
        ParseError: offsets out of order, unknown kind, or a missing value.
    """

    start: int
    end: int
    kind: str
    value: str = ""

    def __post_init__(self) -> None:
        _whole(self.start, "span start")
        _whole(self.end, "span end")
        if self.end < self.start:
            raise ParseError(f"span {self.start}-{self.end} ends before it starts")
        if self.kind not in SPAN_KINDS:
            raise ParseError(f"span kind '{self.kind}' is not one of {', '.join(SPAN_KINDS)}")
        object.__setattr__(self, "value", _text(self.value, "span value"))
        if self.kind != "strong" and not self.value.strip():
            raise ParseError(f"a '{self.kind}' span needs a value")
        if self.kind == "lang" and not _LANG_RE.match(self.value):
            raise ParseError(f"span language '{self.value}' is not a BCP 47 tag")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        """Build from the JSON form. Raises ParseError on a malformed dict."""
        data = _mapping(data, "each span")
        _check_keys(data, cls, "span")
        return cls(start=data.get("start"), end=data.get("end"), kind=data.get("kind", ""), value=data.get("value", ""))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "kind": self.kind}
        if self.value:
            out["value"] = self.value
        return out


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of text with its marks: ``text`` is what is said and printed.

    ``spans`` are kept sorted (start, end, kind, value), so equal content
    compares equal however it was built.

    Raises:
        ParseError: a span reaches past the end of ``text``.
    """

    text: str
    spans: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _text(self.text, "text"))
        spans = _list(self.spans, "spans")
        if not all(isinstance(s, Span) for s in spans):
            raise ParseError("spans must be Span values")
        for span in spans:
            if span.end > len(self.text):
                raise ParseError(f"span {span.start}-{span.end} reaches past the end of '{self.text[:40]}'")
        object.__setattr__(self, "spans", tuple(sorted(spans, key=lambda s: (s.start, s.end, s.kind, s.value))))

    @property
    def notes(self) -> tuple[str, ...]:
        """The texts of the footnotes called in this text, in call order."""
        return tuple(s.value for s in self.spans if s.kind == "note")

    def marked(self, kind: str) -> tuple[Span, ...]:
        """The spans of one kind, in order."""
        return tuple(s for s in self.spans if s.kind == kind)

    @classmethod
    def from_value(cls, value: Any, name: str = "text") -> Inline:
        """Build from the JSON form: a plain string, or ``{"text", "spans"}``."""
        if isinstance(value, Inline):
            return value
        if isinstance(value, str):
            return cls(value)
        data = _mapping(value, f"field '{name}'")
        _check_keys(data, cls, f"'{name}'")
        return cls(_text(data.get("text"), name), tuple(Span.from_dict(s) for s in _list(data.get("spans"), "spans")))

    def to_value(self) -> str | dict[str, Any]:
        """The JSON form: the plain string when there are no spans."""
        if not self.spans:
            return self.text
        return {"text": self.text, "spans": [s.to_dict() for s in self.spans]}


def _inlines(value: Any, name: str) -> tuple[Inline, ...]:
    return tuple(Inline.from_value(item, name) for item in _list(value, name))


# -- blocks ---------------------------------------------------------------------


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
        object.__setattr__(self, "items", _inlines(self.items, "items"))
        if not self.items:
            raise ParseError("a list needs at least one item")
        if not isinstance(self.ordered, bool):
            raise ParseError("field 'ordered' must be true or false")
        _whole(self.start, "start")

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
        rows = tuple(_inlines(row, "row") for row in _list(self.rows, "rows"))
        if not rows or not any(rows):
            raise ParseError("a table needs at least one cell")
        object.__setattr__(self, "rows", rows)
        if _whole(self.header_rows, "header_rows") > len(rows):
            raise ParseError(f"a table of {len(rows)} row(s) cannot have {self.header_rows} header row(s)")
        object.__setattr__(self, "caption", _text(self.caption, "caption"))

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
        blocks = _list(self.blocks, "blocks")
        if not blocks or not all(isinstance(b, (Paragraph, ListBlock)) for b in blocks):
            raise ParseError("a quotation holds one or more paragraphs or lists")
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "attribution", _text(self.attribution, "attribution"))

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
    data = _mapping(data, "each block")
    kind = data.get("type")
    if kind not in BLOCK_TYPES or (inside_quotation and kind not in ("paragraph", "list")):
        allowed = "paragraph, list" if inside_quotation else ", ".join(BLOCK_TYPES)
        raise ParseError(f"block type '{kind}' is not one of {allowed}")
    if kind == "paragraph":
        _check_keys(data, {"type", "text"}, "paragraph")
        return Paragraph(Inline.from_value(data.get("text", ""), "text"))
    if kind == "list":
        _check_keys(data, {"type", "items", "ordered", "start"}, "list")
        return ListBlock(_inlines(data.get("items"), "items"), ordered=data.get("ordered", False), start=data.get("start", 1))
    if kind == "table":
        _check_keys(data, {"type", "rows", "header_rows", "caption"}, "table")
        return Table(
            tuple(_inlines(row, "row") for row in _list(data.get("rows"), "rows")),
            header_rows=data.get("header_rows", 1),
            caption=data.get("caption", ""),
        )
    _check_keys(data, {"type", "blocks", "attribution"}, "quotation")
    inner = tuple(block_from_dict(b, inside_quotation=True) for b in _list(data.get("blocks"), "blocks"))
    return Quotation(inner, attribution=data.get("attribution", ""))  # type: ignore[arg-type]


def blocks_from_text(paragraphs: tuple[str, ...] = (), items: tuple[str, ...] = ()) -> tuple[Block, ...]:
    """The blocks of the ``@1`` form: each paragraph, then one list of the items."""
    blocks: list[Block] = [Paragraph(Inline(p)) for p in _texts(paragraphs, "paragraphs")]
    listed = _texts(items, "items")
    if listed:
        blocks.append(ListBlock(tuple(Inline(i) for i in listed)))
    return tuple(blocks)


# -- letter -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who the letter is addressed to.

    ``civility`` is the title written before the name (« Mme », « Monsieur »,
    "Ms", "Dr"), kept apart so renderers choose how to show it;
    ``name`` is the person's name without it.
    """

    name: str = ""
    role: str = ""
    organisation: str = ""
    address: tuple[str, ...] = ()
    civility: str = ""

    def __post_init__(self) -> None:
        for name in ("name", "role", "organisation", "civility"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        object.__setattr__(self, "address", _texts(self.address, "address"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recipient:
        """Build from the JSON form. Raises ParseError on a malformed dict."""
        data = _mapping(data, "field 'recipient'")
        _check_keys(data, cls, "recipient")
        return cls(
            name=data.get("name", ""),
            role=data.get("role", ""),
            organisation=data.get("organisation", ""),
            address=data.get("address", ()),
            civility=data.get("civility", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "civility": self.civility,
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "address": list(self.address),
        }


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Text of the input that is not part of the letter, and why (content accounting).

    ``reason`` is one of ``LEFT_OUT_REASONS``; ``note`` says more in words
    (for example which page a running header was on).
    """

    text: str
    reason: str
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _text(self.text, "left_out text"))
        if self.reason not in LEFT_OUT_REASONS:
            raise ParseError(f"left-out reason '{self.reason}' is not one of {', '.join(LEFT_OUT_REASONS)}")
        object.__setattr__(self, "note", _text(self.note, "left_out note"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LeftOut:
        data = _mapping(data, "each left_out entry")
        _check_keys(data, cls, "left_out")
        return cls(text=data.get("text", ""), reason=data.get("reason", ""), note=data.get("note", ""))

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "reason": self.reason}
        if self.note:
            out["note"] = self.note
        return out


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
        setter(self, "id", _text(id, "id"))
        if not _ID_RE.match(self.id):
            raise ParseError(f"section id '{self.id}' must be lower-case letters, digits and '-'")
        if kind not in SECTION_KINDS:
            raise ParseError(f"section '{self.id}': kind '{kind}' is not one of {', '.join(SECTION_KINDS)}")
        setter(self, "kind", kind)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
            raise ParseError(f"section '{self.id}': number must be a whole number or null")
        setter(self, "number", number)
        setter(self, "title", _text(title, "title"))
        setter(self, "slug", _text(slug, "slug") or self.id)
        if not _ID_RE.match(self.slug):
            raise ParseError(f"section '{self.id}': slug '{self.slug}' is not file-name safe")
        blocks = _list(blocks, "blocks")
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
        data = _mapping(data, "each section")
        base = {"id", "kind", "slug", "number", "title"}
        legacy = schema == SCHEMA_V1
        _check_keys(data, base | ({"paragraphs", "items"} if legacy else {"blocks"}), f"section '{data.get('id', '?')}'")
        if "id" not in data or "kind" not in data:
            raise ParseError("each section needs an 'id' and a 'kind'")
        common = {
            "id": data["id"],
            "kind": data["kind"],
            "slug": data.get("slug", ""),
            "number": data.get("number"),
            "title": data.get("title", ""),
        }
        if legacy:
            return cls(**common, paragraphs=_texts(data.get("paragraphs"), "paragraphs"), items=_texts(data.get("items"), "items"))
        return cls(**common, blocks=tuple(block_from_dict(b) for b in _list(data.get("blocks"), "blocks")))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "slug": self.slug,
            "number": self.number,
            "title": self.title,
            "blocks": [b.to_dict() for b in self.blocks],
        }


_V2_ONLY = ("title", "sender_contact", "source", "left_out", "doubts", "date_line")


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter: metadata, ordered sections and the content accounting. Valid once constructed.

    ``title`` is the letter's own title line when it has one (not the
    subject); ``sender_contact`` the sender's address, phone, e-mail and web
    lines; ``source`` the file-name stem of the input it was read from (so a
    model edited as JSON keeps its letter's output folder); ``left_out`` the
    input text that is not part of the letter, with the reason; ``doubts``
    the points where the reader was unsure, in words, for the review;
    ``date_line`` the place-and-date line as written (``Alès, le 23 févr.
    2026``), of which ``place`` and ``date`` are the reading.

    Raises:
        ParseError: a field has the wrong type, the language is not
            supported, the date is not ISO 8601, section ids repeat, or
            there is no section at all.
    """

    language: str
    sections: tuple[Section, ...]
    author: str = ""
    author_role: str = ""
    recipient: Recipient = field(default_factory=Recipient)
    subject: str = ""
    place: str = ""
    date: str | None = None
    salutation: str = ""
    closing: str = ""
    signature: str = ""
    title: str = ""
    sender_contact: tuple[str, ...] = ()
    source: str = ""
    left_out: tuple[LeftOut, ...] = ()
    doubts: tuple[str, ...] = ()
    date_line: str = ""

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ParseError(f"language '{self.language}' is not supported (use fr or en)")
        for name in ("author", "author_role", "subject", "place", "salutation", "closing", "signature", "title", "source", "date_line"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        if not isinstance(self.recipient, Recipient):
            raise ParseError("field 'recipient' must be a Recipient")
        if self.date is not None:
            try:
                _dt.date.fromisoformat(_text(self.date, "date"))
            except ValueError as exc:
                raise ParseError(f"date '{self.date}' is not an ISO 8601 date (YYYY-MM-DD)") from exc
        object.__setattr__(self, "sender_contact", _texts(self.sender_contact, "sender_contact"))
        object.__setattr__(self, "doubts", _texts(self.doubts, "doubts"))
        left_out = _list(self.left_out, "left_out")
        if not all(isinstance(item, LeftOut) for item in left_out):
            raise ParseError("left_out must hold LeftOut values")
        object.__setattr__(self, "left_out", left_out)
        sections = tuple(self.sections)
        if not sections:
            raise ParseError("the letter has no text to publish")
        if not all(isinstance(s, Section) for s in sections):
            raise ParseError("sections must be Section values")
        seen: set[str] = set()
        for section in sections:
            if section.id in seen:
                raise ParseError(f"section id '{section.id}' is used twice")
            seen.add(section.id)
        object.__setattr__(self, "sections", sections)

    # -- views -------------------------------------------------------------

    @property
    def commitments(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == "commitment")

    def section(self, section_id: str) -> Section:
        """Return the section with ``section_id``; KeyError if absent."""
        for candidate in self.sections:
            if candidate.id == section_id:
                return candidate
        raise KeyError(section_id)

    @property
    def date_value(self) -> _dt.date | None:
        return _dt.date.fromisoformat(self.date) if self.date else None

    # -- JSON --------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Letter:
        """Build from the JSON form; checks the schema tag (``@2``, or ``@1`` converted).

        Raises:
            ParseError: wrong or missing schema, unknown fields, bad values.
        """
        data = _mapping(data, "a letter model")
        schema = data.get("schema")
        if schema not in READABLE_SCHEMAS:
            raise ParseError(f"unsupported letter schema '{schema}' (this version reads '{SCHEMA}' and '{SCHEMA_V1}')")
        known = {f.name for f in fields(cls)} | {"schema"}
        if schema == SCHEMA_V1:
            known -= set(_V2_ONLY)
        _check_keys(data, known, "letter")
        sections = data.get("sections")
        if not isinstance(sections, list):
            raise ParseError("field 'sections' must be a list")
        return cls(
            language=data.get("language", ""),
            sections=tuple(Section.from_dict(s, schema) for s in sections),
            author=data.get("author", ""),
            author_role=data.get("author_role", ""),
            recipient=Recipient.from_dict(data.get("recipient") or {}),
            subject=data.get("subject", ""),
            place=data.get("place", ""),
            date=data.get("date"),
            salutation=data.get("salutation", ""),
            closing=data.get("closing", ""),
            signature=data.get("signature", ""),
            title=data.get("title", ""),
            sender_contact=_texts(data.get("sender_contact"), "sender_contact"),
            source=data.get("source", ""),
            left_out=tuple(LeftOut.from_dict(x) for x in _list(data.get("left_out"), "left_out")),
            doubts=_texts(data.get("doubts"), "doubts"),
            date_line=data.get("date_line", ""),
        )

    @classmethod
    def from_json(cls, text: str) -> Letter:
        """Parse the JSON form. Raises ParseError on invalid JSON or model."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParseError("invalid JSON", line=exc.lineno, cause=exc.msg) from exc
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "language": self.language,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "author_role": self.author_role,
            "sender_contact": list(self.sender_contact),
            "recipient": self.recipient.to_dict(),
            "subject": self.subject,
            "place": self.place,
            "date": self.date,
            "date_line": self.date_line,
            "salutation": self.salutation,
            "closing": self.closing,
            "signature": self.signature,
            "sections": [s.to_dict() for s in self.sections],
            "left_out": [x.to_dict() for x in self.left_out],
            "doubts": list(self.doubts),
        }

    def to_json(self) -> str:
        """Deterministic, human-editable JSON (UTF-8, 2-space indent, final newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
