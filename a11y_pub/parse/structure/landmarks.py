"""The letter's landmarks: salutation, closing formula, signature and what follows it."""

from __future__ import annotations

import re

from ..raw import Line
from .blocks import Block, Draft, is_salutation_text
from .header import find_date
from .language import fold, join_lines
from .patterns import CLOSING, CONTACT, POSTSCRIPT, RECIPIENT_LEAD, SUBJECT


def find_salutation(blocks: list[Block]) -> int | None:
    for index, block in enumerate(blocks):
        if not block.marker and is_salutation_text(block.text):
            return index
    return None


def find_closing(blocks: list[Block], salutation_at: int | None) -> tuple[int | None, str, list[Block]]:
    """Find the courtesy formula; split it from text before it and from the signature after it."""
    start = (salutation_at or 0) + (1 if salutation_at is not None else 0)
    for index in range(start, len(blocks)):
        block = blocks[index]
        match = CLOSING.search(block.text)
        if not match or block.marker:
            continue
        before = block.text[: match.start()].strip()
        if before and before[-1:] not in ".!?…":
            continue
        if block.words - len(before.split()) > 60:
            continue
        # Lines of the block: the formula ends at the first line ending with punctuation.
        formula_lines: list[str] = []
        rest: list[str] = []
        seen = 0
        for line in block.lines:
            if rest or (formula_lines and _formula_done(formula_lines)):
                rest.append(line.text)
                continue
            formula_lines.append(line.text)
            seen += 1
        formula = join_lines(formula_lines, "fr")
        if before and formula.startswith(before):
            formula = formula[len(before):].strip()
        if before:
            blocks[index] = Block(lines=[Line(before)], text=before)
            blocks.insert(index + 1, Block(lines=[Line(formula)], text=formula))
            index += 1
        tail = [Block(lines=[Line(t)], text=t) for t in rest]
        return index, formula, tail
    return None, "", []


def _formula_done(lines: list[str]) -> bool:
    last = lines[-1].rstrip()
    return last[-1:] in ".,!" or (len(lines) == 1 and len(last.split()) <= 4)


def split_header_without_salutation(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """Without a greeting, the header is the run of short leading blocks that look like one."""
    header: list[Block] = []
    for block in body:
        if block.marker or block.heading:
            break
        if (
            SUBJECT.match(block.text)
            or RECIPIENT_LEAD.match(block.text)
            or (find_date(block.text) and block.words <= 15)
            or (not header and block.words <= 25 and block.text[-1:] not in ".!?")
        ):
            header.append(block)
            continue
        break
    rest = body[len(header):]
    if not rest:
        return [], body
    return header, rest


def split_signature_without_closing(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """Without a closing formula, trailing short unpunctuated blocks are the signature."""
    cut = len(body)
    while cut > 1:
        block = body[cut - 1]
        if block.marker or block.heading or block.words > 10 or block.text[-1:] in ".!?:":
            break
        cut -= 1
    return body[:cut], body[cut:]


def read_tail(tail: list[Block], language: str) -> tuple[list[str], list[Draft]]:
    signature: list[str] = []
    appendices: list[Draft] = []
    index = 0
    while index < len(tail):
        block = tail[index]
        next_is_item = index + 1 < len(tail) and tail[index + 1].marker
        starts_appendix = (
            block.marker
            or block.heading
            or block.text.endswith(":")
            or next_is_item
            or re.match(r"(?i)^(p\.?\s?s\.?|annexe|appendix|post-scriptum)\b", block.text)
            or (signature and block.words > 25)
        )
        if not starts_appendix:
            signature.extend(ln.text.strip() for ln in block.lines if ln.text.strip())
            index += 1
            continue
        draft = Draft(kind="appendix")
        postscript = POSTSCRIPT.match(block.text)
        if postscript and block.text[postscript.end():].strip():
            draft.title = postscript.group(1).strip()
            draft.paragraphs.append(block.text[postscript.end():].strip())
        elif block.marker:
            draft.items.append(block.text)
        elif block.words <= 15:
            draft.title = block.text.rstrip(" :").strip()
        else:
            draft.paragraphs.append(block.text)
        index += 1
        while index < len(tail):
            nxt = tail[index]
            if nxt.marker:
                draft.items.append(nxt.text)
            elif not draft.items and not nxt.heading and not nxt.text.endswith(":"):
                draft.paragraphs.append(nxt.text)
            else:
                break
            index += 1
        appendices.append(draft)
    return signature, appendices


def find_author(letterhead: list[str], signature_lines: list[str]) -> tuple[str, str]:
    signature = signature_lines[0].rstrip(" ,") if signature_lines else ""
    sig_role = ", ".join(ln.strip().rstrip(" ,") for ln in signature_lines[1:] if ln.strip())
    if not letterhead:
        return signature, sig_role
    head = " ".join(letterhead)
    if signature and fold(head).startswith(fold(signature)):
        author = head[: len(signature)]
        if len(letterhead) > 1 and len(letterhead[0]) >= len(signature):
            # One field per line: the role is in the lines after the name, contact lines aside.
            rest = [letterhead[0][len(signature):], *letterhead[1:]]
            role = ", ".join(ln.strip(" ,") for ln in rest if ln.strip(" ,") and not CONTACT.search(ln))
        else:
            role = head[len(signature):].strip(" ,")
        return author, sig_role or role
    if len(letterhead) > 1:
        role_lines = [ln for ln in letterhead[1:] if not CONTACT.search(ln)]
        return letterhead[0].rstrip(" ,"), sig_role or ", ".join(role_lines)
    return (signature or head), sig_role


def letterhead_is_recipient(letterhead: list[str], signature: str) -> bool:
    """A lone header block that is not the signer's own name is the addressee."""
    return bool(signature) and bool(letterhead) and not fold(" ".join(letterhead)).startswith(fold(signature))
