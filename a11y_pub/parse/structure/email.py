"""E-mails, saved (``.eml``) or pasted as text: the envelope, the signature and quoted history.

``split_email(lines) -> EmailParts`` finds, in a letter's lines:

- a leading header block (``From:``/``De :``, ``To:``/``À :``, ``Date:``/
  ``Envoyé :``, ``Subject:``/``Objet :``…, at least two lines, one of them
  the sender): its values become metadata, its lines are left out as
  ``email-header``;
- quoted history, from the first « -----Message d'origine----- »,
  "-----Original Message-----", "On … wrote:" / « Le … a écrit : » line or
  second header block to the end, and runs of ``>`` lines: left out as
  ``quoted-history``, never read as the sender's words;
- the ``-- `` signature separator: the lines after it are left out as
  ``email-signature`` (the name above it stays the letter's signature).
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field, replace

from ...model import LeftOut
from ..raw import Line
from .patterns import CLOSING

_HEADER = re.compile(
    r"^(from|de|to|à|a|cc|bcc|cci|date|envoyé|sent|subject|objet|reply-to|répondre à|message-id|mime-version|content-type)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_FIELDS = {
    "from": "from", "de": "from",
    "to": "to", "à": "to", "a": "to",
    "date": "date", "envoyé": "date", "sent": "date",
    "subject": "subject", "objet": "subject",
}
_QUOTE_START = re.compile(
    r"^(?:-{2,}\s*(?:message d['’]origine|original message|message transféré|forwarded message)\s*-{2,}|"
    r"(?:on|le)\s.{4,200}(?:wrote|a écrit)\s*:)\s*$",
    re.IGNORECASE,
)
_SIGNATURE_SEPARATOR = re.compile(r"^--\s?$")


@dataclass
class EmailParts:
    """What ``split_email`` found: the letter's own lines, header values and left-out text."""

    lines: list[Line]
    headers: dict[str, str] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)


def _header_block(lines: list[Line], start: int) -> int:
    """End index of a header block starting at ``start`` (``start`` when there is none)."""
    end = start
    fields: list[str] = []
    while end < len(lines):
        match = _HEADER.match(lines[end].text.strip())
        if match:
            fields.append(_FIELDS.get(match.group(1).lower(), "other"))
        elif not (fields and lines[end].text[:1] in " \t" and lines[end].text.strip()):
            break  # a folded header line goes on with a space
        end += 1
    return end if len(fields) >= 2 and "from" in fields else start


def _headers(lines: list[Line]) -> dict[str, str]:
    values: dict[str, str] = {}
    last = ""
    for line in lines:
        match = _HEADER.match(line.text.strip())
        if match:
            last = _FIELDS.get(match.group(1).lower(), "")
            if last and last not in values:
                values[last] = match.group(2).strip()
        elif last and last in values:
            values[last] += " " + line.text.strip()
    return values


def split_email(lines: list[Line]) -> EmailParts:
    """Separate an e-mail's envelope, signature block and quoted history from its message."""
    first = next((i for i, ln in enumerate(lines) if ln.text.strip()), 0)
    header_end = _header_block(lines, first)
    if header_end == first and not any(_QUOTE_START.match(ln.text.strip()) for ln in lines):
        # Not an e-mail: "> " lines quote a text (the question answered), they are not history.
        return EmailParts([_quoted(ln) for ln in lines])
    parts = EmailParts([])
    if header_end > first:
        block = lines[first:header_end]
        parts.headers = _headers(block)
        if any("@" in ln.text for ln in block):
            parts.left_out.append(LeftOut("\n".join(ln.text for ln in block), "email-header", "e-mail headers"))
        else:
            parts.headers["memo"] = "\n".join(ln.text for ln in block)  # "From: … / To: …" lines of a memo: all read
    body = list(lines[header_end:])
    cut = _quote_start(body)
    if cut is not None:
        quoted = "\n".join(ln.text for ln in body[cut:]).strip()
        if quoted:
            parts.left_out.append(LeftOut(quoted, "quoted-history", "earlier message quoted in the e-mail"))
        body = body[:cut]
    separator = next((i for i, ln in enumerate(body) if _SIGNATURE_SEPARATOR.match(ln.text)), None)
    if separator is not None and header_end > first:
        kept = _signature_after_closing(body, separator)
        rest = body[separator + 1 + len(kept) :]
        signed = "\n".join(ln.text for ln in [body[separator], *rest]).strip()
        if "".join(ln.text for ln in rest).strip() or not kept:
            parts.left_out.append(LeftOut(signed, "email-signature", "signature block after '-- '"))
        body = [*body[:separator], *kept]
    parts.lines = _drop_quoted_runs(body, parts.left_out)
    return parts


def _signature_after_closing(body: list[Line], separator: int) -> list[Line]:
    """When the closing formula comes right before the '-- ' separator (no name between), the signature
    block's first short lines (name, role, phone, site) are the letter's signature: they are returned."""
    before = [ln.text.strip() for ln in body[:separator] if ln.text.strip()]
    if not before or len(before[-1].split()) > 6 or not CLOSING.match(before[-1]):
        return []
    kept: list[Line] = []
    for line in body[separator + 1 :]:
        text = line.text.strip()
        if not text or len(text.split()) > 8 or text[-1:] in ".!?":
            break  # a sentence ("Sent from my phone…") is not part of the signature block
        kept.append(line)
    return kept


def _quoted(line: Line) -> Line:
    if not line.text.startswith(">"):
        return line
    return replace(line, text=line.text[1:].lstrip(), quote=True)


def _quote_start(body: list[Line]) -> int | None:
    for index, line in enumerate(body):
        text = line.text.strip()
        if _QUOTE_START.match(text) or (index > 0 and _header_block(body, index) > index):
            return index
    return None


def _drop_quoted_runs(body: list[Line], left_out: list[LeftOut]) -> list[Line]:
    """Move runs of ``>`` lines (quoted replies) to ``left_out``; keep the rest in order."""
    kept: list[Line] = []
    run: list[str] = []
    for line in [*body, Line("")]:
        if line.text.startswith(">"):
            run.append(line.text)
            continue
        if run:
            left_out.append(LeftOut("\n".join(run), "quoted-history", "quoted reply lines"))
            run = []
            kept.append(Line(""))
        kept.append(line)
    return kept[:-1]


def header_date(value: str) -> str | None:
    """ISO date of an RFC 5322 ``Date:`` value, or None (the caller tries written forms)."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def sender_name(value: str) -> str:
    """The display name of a ``From:`` value (``Lucas Ferrand <l@x.fr>`` -> ``Lucas Ferrand``).

    A value without an address ("Jane Roe, candidate") is a name, then a role
    after the first comma: the name is returned.
    """
    if "@" not in value:
        return value.split(",")[0].strip()
    bare = re.match(r"^\s*([^<>@\"]+?)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*$", value)
    if bare:  # "Peter Nolan peter@x.org": the brackets lost (a Markdown autolink, a copy from a web mail)
        return bare.group(1).strip()
    name, address = email.utils.parseaddr(value)
    return name.strip().strip('"') or address


def sender_role(value: str) -> str:
    """The role after the name in a ``From:`` value without an address ("Jane Roe, candidate")."""
    return value.partition(",")[2].strip() if "@" not in value else ""
