"""The letter: its metadata, ordered sections and content accounting."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..errors import ParseError
from .checks import as_mapping, as_text, as_texts, as_tuple, check_keys
from .parts import LeftOut, Recipient
from .schema import SCHEMA, dump_json, letter_keys, load_json, read_schema
from .section import Section

LANGUAGES = ("fr", "en")


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
            object.__setattr__(self, name, as_text(getattr(self, name), name))
        if not isinstance(self.recipient, Recipient):
            raise ParseError("field 'recipient' must be a Recipient")
        if self.date is not None:
            try:
                _dt.date.fromisoformat(as_text(self.date, "date"))
            except ValueError as exc:
                raise ParseError(f"date '{self.date}' is not an ISO 8601 date (YYYY-MM-DD)") from exc
        object.__setattr__(self, "sender_contact", as_texts(self.sender_contact, "sender_contact"))
        object.__setattr__(self, "doubts", as_texts(self.doubts, "doubts"))
        left_out = as_tuple(self.left_out, "left_out")
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
        data = as_mapping(data, "a letter model")
        schema = read_schema(data)
        check_keys(data, letter_keys({f.name for f in fields(cls)}, schema), "letter")
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
            sender_contact=as_texts(data.get("sender_contact"), "sender_contact"),
            source=data.get("source", ""),
            left_out=tuple(LeftOut.from_dict(x) for x in as_tuple(data.get("left_out"), "left_out")),
            doubts=as_texts(data.get("doubts"), "doubts"),
            date_line=data.get("date_line", ""),
        )

    @classmethod
    def from_json(cls, text: str) -> Letter:
        """Parse the JSON form. Raises ParseError on invalid JSON or model."""
        data = load_json(text)
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
        return dump_json(self.to_dict())
