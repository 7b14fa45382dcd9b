"""Find the structure of a letter: ``structure(RawText) -> Letter``.

The finder works on the conventions of letters, not on any sample's words:

1. lines are grouped into blocks (blank lines, list markers and headings
   start a block; wrapped lines are joined, line-end hyphens undone);
2. the salutation ("Monsieur le Président,", "Dear Ms Smith,") splits the
   header from the body, the courtesy formula ("Je vous prie d'agréer…",
   "Yours sincerely,") splits the body from the signature and appendix;
3. header blocks are read as letterhead, recipient, subject, place and date;
4. the body is cut into sections by the strongest structure it shows:
   numbered items, then headings, then questions, then bullets; with none,
   each paragraph becomes a section of kind ``paragraph`` (with a warning).

Everything that goes wrong surfaces as ``ParseError``.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ...errors import ParseError
from ...model import LeftOut, Letter, Recipient
from ..raw import Line, RawText
from .blocks import Block, make_blocks
from .email import header_date, sender_name, sender_role, split_email
from .header import parse_date, place_and_date, read_header, read_recipient, recipient_from_greeting
from .landmarks import (
    find_author,
    find_closing,
    find_salutation,
    join_cosignatories,
    letterhead_is_recipient,
    read_tail,
    signer_of,
    split_header_without_salutation,
    split_repeated_role,
    split_signature_without_closing,
)
from .language import detect_language, fold, join_lines
from .marks import apply_marks
from .patterns import FRAME_HEADING, SUBJECT
from .sections import body_sections, finalise
from .titles import slug_of, split_title, unshout

log = logging.getLogger(__name__)


def structure(raw: RawText) -> Letter:
    """Turn extracted lines into a ``Letter``, with its content accounting.

    Text the finder does not place in the model goes to ``Letter.left_out``
    with a reason; words it could not account for at all become a doubt.
    Every left-out passage and every unaccounted word is logged as a
    warning naming the letter; other doubts (no recipient found…) are
    logged at info level and listed in the review.

    Raises:
        ParseError: the text holds no letter body (naming ``raw.path``).
    """
    try:
        letter = _structure(raw)
    except ParseError as exc:
        if exc.path is None:
            exc.path = raw.path
        raise
    letter = _with_accounting(raw, letter)
    name = raw.path.name if raw.path else "letter"
    for item in letter.left_out:  # a duplicate's words are in the model: the review lists it
        (log.info if item.reason == "duplicate" else log.warning)("%s: left out (%s): %s", name, item.reason, _short(item.text))
    for doubt in letter.doubts:  # words not placed are a warning; other doubts are in the review
        (log.warning if "not in the model" in doubt else log.info)("%s: %s", name, doubt)
    return letter


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _with_accounting(raw: RawText, letter: Letter) -> Letter:
    """Add a doubt naming the input words found neither in the model nor in ``left_out``."""
    from ..accounting import account

    result = account(raw.source_text, letter)
    if not result.missing:
        return letter
    listed = ", ".join(word for word, _ in result.missing[:12])
    more = "…" if len(result.missing) > 12 else ""
    doubt = f"{result.missing_words} word(s) of the input are not in the model: {listed}{more}"
    return replace(letter, doubts=(*letter.doubts, doubt))


def _parts(blocks: list[Block], salutation_at: int | None, language: str) -> tuple[list[Block], list[Block], list[Block], str]:
    """Split the blocks into (header, body, tail after the closing, closing formula)."""
    closing_at, closing, after_closing = find_closing(blocks, salutation_at)
    header = blocks[: salutation_at if salutation_at is not None else 0]
    body_start = salutation_at + 1 if salutation_at is not None else 0
    body_end = closing_at if closing_at is not None else len(blocks)
    body = blocks[body_start:body_end]
    tail = after_closing + (blocks[closing_at + 1 :] if closing_at is not None else [])
    if salutation_at is None:
        header, body = split_header_without_salutation(body)
    if closing_at is None:
        body, tail = split_signature_without_closing(body)
    return header, body, tail, closing


def _with_envelope(meta: dict, headers: dict[str, str], author: str, language: str) -> str:
    """Fill what the letter itself does not say from its e-mail or memo headers; return the author.

    Memo header lines ("From: Jane Roe, candidate" without addresses) are
    not left out: their values are the model's (author and role, recipient,
    date line, subject).
    """
    if headers.get("subject") and "subject" not in meta:
        meta["subject"] = headers["subject"]
    if headers.get("date") and not meta.get("date"):
        meta["date"] = header_date(headers["date"]) or place_and_date(headers["date"], language)[1]
        if "memo" in headers:
            meta["date_line"] = headers["date"]
    addressee = sender_name(headers.get("to", ""))
    if addressee and "@" not in addressee and "recipient" not in meta:  # a bare address names no one
        meta["recipient"] = Recipient(organisation=addressee)
    if "memo" in headers and sender_role(headers.get("from", "")):
        meta["sender_role"] = sender_role(headers["from"])
    sender = sender_name(headers.get("from", ""))
    if sender and "@" not in sender and (not author or fold(sender).startswith(fold(author))):
        return sender
    return author


def _subject_after_salutation(body: list[Block], meta: dict) -> list[Block]:
    """A short unpunctuated line right after the greeting, before the first paragraph, is the subject
    (a layout of British letters: "Dear Mrs Pike," then "Accessible transport in Abbeyfield")."""
    if len(body) < 3:
        return body
    first, second = body[0], body[1]
    if SUBJECT.match(first.text) and first.words <= 30 and not first.marker:  # "Re: …" under the greeting
        meta["subject"] = SUBJECT.sub("", first.text).strip().rstrip(".").strip()
        return body[1:]
    if (
        len(first.lines) == 1
        and not first.marker
        and not first.rows
        and 1 <= first.words <= 14
        and first.text[-1:] not in ".!?:;,"
        and not FRAME_HEADING.match(first.text)
        and not second.marker
        and not second.heading
        and second.words > 14
    ):
        meta["subject"] = first.text
        return body[1:]
    return body


def _structure(raw: RawText) -> Letter:
    mail = split_email(list(raw.lines))
    left_out: list[LeftOut] = [*raw.left_out, *mail.left_out]
    raw = replace(raw, lines=tuple(mail.lines))
    language = detect_language(raw.text)
    blocks = make_blocks(raw, language, left_out)
    if not blocks:
        raise ParseError("file contains no text")
    salutation_at = find_salutation(blocks)
    header, body, tail, closing = _parts(blocks, salutation_at, language)

    meta = read_header(header, language)
    signature_lines, appendices = read_tail(tail, language)
    signature_lines = join_cosignatories(signature_lines, language)
    signature = signature_lines[0].rstrip(" ,") if signature_lines else ""
    if "recipient" not in meta and letterhead_is_recipient(meta.get("letterhead", []), signature):
        meta["recipient"] = read_recipient(Block(lines=[Line(t) for t in meta.pop("letterhead")]), lead=False)
    author, author_role, contact = find_author(meta.get("letterhead", []), signature_lines)
    author = signer_of(author)  # « Élodie Carrère et toute l'équipe de … »: the author is the person
    contact, repeated = split_repeated_role(contact, author_role)
    for text in repeated:  # the letterhead says the role the signature gives: printed once
        left_out.append(LeftOut(text, "duplicate", "the sender's role as the signature gives it"))
    author = _with_envelope(meta, mail.headers, author, language)
    author_role = author_role or meta.get("sender_role", "")
    if salutation_at is not None:
        named = recipient_from_greeting(blocks[salutation_at].text, meta.get("recipient", Recipient()))
        meta["recipient"] = named if named.name or "recipient" in meta else meta.get("recipient")
        meta = {k: v for k, v in meta.items() if v is not None}
    doubts = [] if "recipient" in meta else ["no recipient found in the header"]
    for text in meta.get("unplaced", []):
        left_out.append(LeftOut(text, "other", "header text that is neither sender, recipient, subject nor date"))

    if salutation_at is not None and ("subject" not in meta or meta["subject"] == mail.headers.get("subject")):
        body = _subject_after_salutation(body, meta)  # the letter's own subject line wins over the envelope's
    drafts = body_sections(body, language)
    drafts.extend(appendices)
    sections = apply_marks(finalise(drafts, language), [m for b in blocks for m in b.marks])
    if not sections:
        raise ParseError("no letter body found (no paragraph between the greeting and the closing)")

    return Letter(
        language=language,
        sections=tuple(sections),
        author=author,
        author_role=author_role,
        recipient=meta.get("recipient", Recipient()),
        subject=meta.get("subject", ""),
        place=meta.get("place", ""),
        date=meta.get("date"),
        date_line=meta.get("date_line", ""),
        salutation=blocks[salutation_at].text if salutation_at is not None else "",
        closing=closing,
        signature=signature,
        title=meta.get("title", ""),
        sender_contact=contact,
        source=raw.path.stem if raw.path else "",
        left_out=tuple(left_out),
        doubts=tuple(doubts),
    )

__all__ = ["detect_language", "join_lines", "parse_date", "slug_of", "split_title", "structure", "unshout"]
