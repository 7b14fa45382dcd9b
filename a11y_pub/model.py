"""The letter model: what a letter says, and nothing about how it is rendered.

A ``Letter`` holds the metadata of a letter (who writes to whom, when, about
what) and its ordered ``Section``s. Values are frozen dataclasses with tuple
fields, so they compare and hash. Input is checked once, at construction: a
``Letter`` that exists is valid.

JSON form (``Letter.to_json``) carries ``"schema": "a11y-pub/letter@1"``.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import ParseError

SCHEMA = "a11y-pub/letter@1"

SECTION_KINDS = ("introduction", "commitment", "conclusion", "appendix", "paragraph")
LANGUAGES = ("fr", "en")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


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


def _check_keys(data: Mapping[str, Any], cls: type, where: str) -> None:
    known = {f.name for f in fields(cls)} | {"schema"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ParseError(f"unknown field(s) in {where}: {', '.join(unknown)}")


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who the letter is addressed to."""

    name: str = ""
    role: str = ""
    organisation: str = ""
    address: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("name", "role", "organisation"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        object.__setattr__(self, "address", _texts(self.address, "address"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recipient:
        """Build from the JSON form. Raises ParseError on a malformed dict."""
        if not isinstance(data, Mapping):
            raise ParseError("field 'recipient' must be an object")
        _check_keys(data, cls, "recipient")
        return cls(
            name=data.get("name", ""),
            role=data.get("role", ""),
            organisation=data.get("organisation", ""),
            address=data.get("address", ()),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "address": list(self.address),
        }


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the letter body, in reading order.

    ``id`` is stable and unique within a letter (``introduction``,
    ``commitment-1``, ``conclusion``, ``appendix``, ``paragraph-2``...);
    ``slug`` is a file-name-safe form of the title (or of the kind).
    """

    id: str
    kind: str
    slug: str = ""
    number: int | None = None
    title: str = ""
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", _text(self.id, "id"))
        if not _ID_RE.match(self.id):
            raise ParseError(f"section id '{self.id}' must be lower-case letters, digits and '-'")
        if self.kind not in SECTION_KINDS:
            raise ParseError(
                f"section '{self.id}': kind '{self.kind}' is not one of {', '.join(SECTION_KINDS)}"
            )
        if self.number is not None and (
            isinstance(self.number, bool) or not isinstance(self.number, int) or self.number < 0
        ):
            raise ParseError(f"section '{self.id}': number must be a whole number or null")
        object.__setattr__(self, "title", _text(self.title, "title"))
        object.__setattr__(self, "slug", _text(self.slug, "slug") or self.id)
        if not _ID_RE.match(self.slug):
            raise ParseError(f"section '{self.id}': slug '{self.slug}' is not file-name safe")
        object.__setattr__(self, "paragraphs", _texts(self.paragraphs, "paragraphs"))
        object.__setattr__(self, "items", _texts(self.items, "items"))

    @property
    def text(self) -> str:
        """Paragraphs then items, one per line: the section's full reading text."""
        return "\n".join((*self.paragraphs, *self.items))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        """Build from the JSON form. Raises ParseError on a malformed dict."""
        if not isinstance(data, Mapping):
            raise ParseError("each section must be an object")
        _check_keys(data, cls, f"section '{data.get('id', '?')}'")
        if "id" not in data or "kind" not in data:
            raise ParseError("each section needs an 'id' and a 'kind'")
        return cls(
            id=data["id"],
            kind=data["kind"],
            slug=data.get("slug", ""),
            number=data.get("number"),
            title=data.get("title", ""),
            paragraphs=data.get("paragraphs", ()),
            items=data.get("items", ()),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "slug": self.slug,
            "number": self.number,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "items": list(self.items),
        }


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter: metadata and ordered sections. Valid once constructed.

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

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ParseError(f"language '{self.language}' is not supported (use fr or en)")
        for name in ("author", "author_role", "subject", "place", "salutation", "closing", "signature"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        if not isinstance(self.recipient, Recipient):
            raise ParseError("field 'recipient' must be a Recipient")
        if self.date is not None:
            try:
                _dt.date.fromisoformat(_text(self.date, "date"))
            except ValueError as exc:
                raise ParseError(f"date '{self.date}' is not an ISO 8601 date (YYYY-MM-DD)") from exc
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
        """Build from the JSON form; checks the schema tag.

        Raises:
            ParseError: wrong or missing schema, unknown fields, bad values.
        """
        if not isinstance(data, Mapping):
            raise ParseError("a letter model must be a JSON object")
        schema = data.get("schema")
        if schema != SCHEMA:
            raise ParseError(
                f"unsupported letter schema '{schema}' (this version reads '{SCHEMA}')"
            )
        _check_keys(data, cls, "letter")
        sections = data.get("sections")
        if not isinstance(sections, list):
            raise ParseError("field 'sections' must be a list")
        return cls(
            language=data.get("language", ""),
            sections=tuple(Section.from_dict(s) for s in sections),
            author=data.get("author", ""),
            author_role=data.get("author_role", ""),
            recipient=Recipient.from_dict(data.get("recipient") or {}),
            subject=data.get("subject", ""),
            place=data.get("place", ""),
            date=data.get("date"),
            salutation=data.get("salutation", ""),
            closing=data.get("closing", ""),
            signature=data.get("signature", ""),
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
            "author": self.author,
            "author_role": self.author_role,
            "recipient": self.recipient.to_dict(),
            "subject": self.subject,
            "place": self.place,
            "date": self.date,
            "salutation": self.salutation,
            "closing": self.closing,
            "signature": self.signature,
            "sections": [s.to_dict() for s in self.sections],
        }

    def to_json(self) -> str:
        """Deterministic, human-editable JSON (UTF-8, 2-space indent, final newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
