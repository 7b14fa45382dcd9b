"""The review of a reading: what was found, what was left out, where the reader was unsure.

``review_text(letter) -> str`` is a short Markdown text for staff (printed
by ``a11y-pub parse`` on stderr, written as ``review.md`` by ``build``):
sender, recipient, date, subject, salutation, closing, signature, the
sections found, every left-out passage with its reason, every doubt.
``review_counts(letter) -> dict`` gives the same in numbers, for the
manifest. Labels are in English like every staff-facing message; the
letter's own text is quoted as written.
"""

from __future__ import annotations

from typing import Any

from ..model import Letter
from .accounting import model_texts, words

_REASONS = {
    "page-furniture": "page number or running header/footer",
    "quoted-history": "quoted earlier message",
    "email-signature": "e-mail signature after '-- '",
    "email-header": "e-mail headers (read into the metadata)",
    "tracked-deletion": "text deleted with tracked changes",
    "duplicate": "repeated text",
    "other": "not placed",
}


def _missing(value: str) -> str:
    return value if value.strip() else "(not found)"


def _recipient(letter: Letter) -> str:
    r = letter.recipient
    person = " ".join(part for part in (r.civility, r.name) if part)
    return ", ".join(part for part in (person, r.role_line) if part)


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def review_text(letter: Letter) -> str:
    """The review as Markdown (one block per landmark, then sections, left out, doubts).

    Args:
        letter: the model of one letter (``Letter.source`` names it).

    Returns:
        Markdown text ending with a newline; the same letter always gives
        the same text.
    """
    sender = ", ".join(x for x in (letter.author, letter.author_role) if x)
    date = f"{letter.date} ({letter.date_line})" if letter.date and letter.date_line else (letter.date or "")
    lines = [
        f"# Review of {letter.source or 'the letter'}",
        "",
        f"- Language: {letter.language}",
        f"- Sender: {_missing(sender)}",
        *(f"  - {line}" for line in letter.sender_contact),
        f"- Recipient: {_missing(_recipient(letter))}",
        f"- Date: {_missing(date)}",
        f"- Subject: {_missing(letter.subject)}",
    ]
    if letter.title:
        lines.append(f"- Title: {letter.title}")
    lines += [
        f"- Salutation: {_missing(letter.salutation)}",
        f"- Closing: {_missing(_one_line(letter.closing))}",
        f"- Signature: {_missing(letter.signature)}",
        "",
        f"## Sections ({len(letter.sections)})",
        "",
    ]
    for section in letter.sections:
        number = f" {section.number}" if section.number is not None else ""
        title = f": {section.title}" if section.title else ""
        kinds = ", ".join(f"{n} {k}" for k, n in _block_kinds(section.blocks).items())
        lines.append(f"- {section.kind}{number}{title} ({kinds or 'empty'})")
    lines += ["", f"## Left out ({len(letter.left_out)})", ""]
    lines += [_left_out_line(x.reason, x.note, x.text) for x in letter.left_out] or ["- nothing"]
    lines += ["", f"## Doubts ({len(letter.doubts)})", ""]
    lines += [f"- {doubt}" for doubt in letter.doubts] or ["- none"]
    return "\n".join(lines) + "\n"


def _left_out_line(reason: str, note: str, text: str) -> str:
    why = _REASONS.get(reason, reason) + (f" ({note})" if note else "")
    return f"- {why}: {_one_line(text)}"


def _block_kinds(blocks: tuple[Any, ...]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for block in blocks:
        kinds[block.kind] = kinds.get(block.kind, 0) + 1
    return kinds


def review_counts(letter: Letter) -> dict[str, int]:
    """Counts for the manifest: sections, commitments, words kept, left-out passages and words, doubts."""
    kept = sum(sum(words(t).values()) for t in model_texts(letter))
    left = sum(sum(words(x.text).values()) for x in letter.left_out)
    return {
        "sections": len(letter.sections),
        "commitments": len(letter.commitments),
        "words": kept,
        "left_out": len(letter.left_out),
        "left_out_words": left,
        "doubts": len(letter.doubts),
    }
