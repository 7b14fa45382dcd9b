"""Inline text: a run of text (``Inline``) and its marks (``Span``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ParseError
from .checks import as_mapping, as_text, as_tuple, as_whole, check_keys

SPAN_KINDS = ("strong", "link", "lang", "note")

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


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
        as_whole(self.start, "span start")
        as_whole(self.end, "span end")
        if self.end < self.start:
            raise ParseError(f"span {self.start}-{self.end} ends before it starts")
        if self.kind not in SPAN_KINDS:
            raise ParseError(f"span kind '{self.kind}' is not one of {', '.join(SPAN_KINDS)}")
        object.__setattr__(self, "value", as_text(self.value, "span value"))
        if self.kind != "strong" and not self.value.strip():
            raise ParseError(f"a '{self.kind}' span needs a value")
        if self.kind == "lang" and not _LANG_RE.match(self.value):
            raise ParseError(f"span language '{self.value}' is not a BCP 47 tag")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        """Build from the JSON form. Raises ParseError on a malformed dict."""
        data = as_mapping(data, "each span")
        check_keys(data, cls, "span")
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
        object.__setattr__(self, "text", as_text(self.text, "text"))
        spans = as_tuple(self.spans, "spans")
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
        data = as_mapping(value, f"field '{name}'")
        check_keys(data, cls, f"'{name}'")
        return cls(as_text(data.get("text"), name), tuple(Span.from_dict(s) for s in as_tuple(data.get("spans"), "spans")))

    def to_value(self) -> str | dict[str, Any]:
        """The JSON form: the plain string when there are no spans."""
        if not self.spans:
            return self.text
        return {"text": self.text, "spans": [s.to_dict() for s in self.spans]}


def inlines_from(value: Any, name: str) -> tuple[Inline, ...]:
    """The ``Inline``s of a JSON list (strings or ``{"text", "spans"}``). Raises ParseError."""
    return tuple(Inline.from_value(item, name) for item in as_tuple(value, name))
