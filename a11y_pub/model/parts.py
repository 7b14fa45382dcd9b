"""The letter's parts around its body: the recipient, and the text left out of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ParseError
from .checks import as_mapping, as_text, as_texts, check_keys

LEFT_OUT_REASONS = (
    "page-furniture",  # page numbers, running headers and footers
    "quoted-history",  # earlier messages quoted in an e-mail
    "email-signature",  # the part after an e-mail's "-- " separator
    "email-header",  # an e-mail's From/To/Date/Subject lines (their values are read into the metadata)
    "tracked-deletion",  # text deleted with tracked changes
    "duplicate",  # text repeated verbatim (a header line also in the body)
    "other",  # anything else; the note says why
)


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who the letter is addressed to.

    ``civility`` is the title written before the name (« Mme », « Monsieur »,
    "Ms", "Dr"), kept apart so renderers choose how to show it;
    ``name`` is the person's name without it. ``connector`` is what joined
    the role to the organisation in the letter (« de l'», « du », "of the"),
    empty when they were written apart; ``role_line`` joins them again.
    """

    name: str = ""
    role: str = ""
    organisation: str = ""
    address: tuple[str, ...] = ()
    civility: str = ""
    connector: str = ""

    def __post_init__(self) -> None:
        for name in ("name", "role", "organisation", "civility", "connector"):
            object.__setattr__(self, name, as_text(getattr(self, name), name))
        object.__setattr__(self, "address", as_texts(self.address, "address"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recipient:
        """Build from the JSON form. Raises ParseError on a malformed dict."""
        data = as_mapping(data, "field 'recipient'")
        check_keys(data, cls, "recipient")
        return cls(
            name=data.get("name", ""),
            role=data.get("role", ""),
            organisation=data.get("organisation", ""),
            address=data.get("address", ()),
            civility=data.get("civility", ""),
            connector=data.get("connector", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "civility": self.civility,
            "name": self.name,
            "role": self.role,
            "connector": self.connector,
            "organisation": self.organisation,
            "address": list(self.address),
        }

    @property
    def role_line(self) -> str:
        """The role and organisation as the letter joins them: « Président de l'Association X »,
        "Chair of the Trust"; "Role, Organisation" when it wrote them apart; either alone."""
        if not (self.role and self.organisation):
            return self.role or self.organisation
        if not self.connector:
            return f"{self.role}, {self.organisation}"
        gap = "" if self.connector.endswith(("'", "’")) else " "
        return f"{self.role} {self.connector}{gap}{self.organisation}"

    @property
    def header_line(self) -> str:
        """Name, ``role_line`` and address on one line, comma-separated (a document's "To:" line)."""
        return ", ".join(p for p in (self.name, self.role_line, *self.address) if p.strip())


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
        object.__setattr__(self, "text", as_text(self.text, "left_out text"))
        if self.reason not in LEFT_OUT_REASONS:
            raise ParseError(f"left-out reason '{self.reason}' is not one of {', '.join(LEFT_OUT_REASONS)}")
        object.__setattr__(self, "note", as_text(self.note, "left_out note"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LeftOut:
        data = as_mapping(data, "each left_out entry")
        check_keys(data, cls, "left_out")
        return cls(text=data.get("text", ""), reason=data.get("reason", ""), note=data.get("note", ""))

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "reason": self.reason}
        if self.note:
            out["note"] = self.note
        return out
