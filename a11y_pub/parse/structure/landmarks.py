"""The letter's landmarks: salutation, closing formula, signature and what follows it."""

from __future__ import annotations

import re

from ..raw import Line
from .blocks import Block, Draft, is_salutation_text
from .header import find_date
from .language import fold, join_lines
from .patterns import CLOSING, CLOSING_INSIDE, CONTACT, POSTSCRIPT, RECIPIENT_LEAD, ROLE, SUBJECT

_ON_BEHALF = re.compile(r"(?i)^(?:pour|au nom d|for|on behalf of)\b")


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
    return _short_closing(blocks, start)


def _short_closing(blocks: list[Block], start: int) -> tuple[int | None, str, list[Block]]:
    """A closing without a known formula: a short line ending with a comma ("Sportivement,")
    just before the signature at the end of the letter."""
    for index in range(len(blocks) - 2, max(start, len(blocks) - 4) - 1, -1):
        block = blocks[index]
        if (
            len(block.lines) == 1
            and not block.marker
            and block.words <= 4
            and block.text.endswith(",")
            and not is_salutation_text(block.text)
            and all(b.words <= 12 for b in blocks[index + 1 :])
        ):
            return index, block.text, []
    for index in range(len(blocks) - 2, max(start, len(blocks) - 4) - 1, -1):
        block = blocks[index]
        if not block.marker and block.words <= 80 and CLOSING_INSIDE.search(block.text) and all(
            b.words <= 12 or POSTSCRIPT.match(b.text) for b in blocks[index + 1 :]
        ):
            return index, block.text, []  # the formula ends a longer sentence: the sentence is the closing
    return None, "", []


def _formula_done(lines: list[str]) -> bool:
    last = lines[-1].rstrip()
    return last[-1:] in ".,!" or (len(lines) == 1 and len(last.split()) <= 4)


def split_header_without_salutation(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """Without a greeting, the header is the run of short leading blocks that look like one."""
    header: list[Block] = []
    for index, block in enumerate(body):
        if block.marker or (block.heading and index > 0):
            break  # a heading first is the letter's title, above its header
        if (
            _header_field(block)
            or (not header and _address_like(block))
            or (_address_like(block) and index + 1 < len(body) and _header_field(body[index + 1]))
        ):
            header.append(block)  # an address block followed by the date or subject is still the header
            continue
        break
    rest = body[len(header):]
    if not rest:
        return [], body
    return header, rest


def _header_field(block: Block) -> bool:
    """A block that only the header has: subject, attention line or a short date line."""
    return bool(SUBJECT.match(block.text) or RECIPIENT_LEAD.match(block.text) or (find_date(block.text) and block.words <= 15))


def _address_like(block: Block) -> bool:
    return block.words <= 25 and block.text[-1:] not in ".!?"


def split_signature_without_closing(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """Without a closing formula, trailing short unpunctuated blocks are the signature."""
    cut = len(body)
    while cut > 1:
        block = body[cut - 1]
        lines = [ln.text.strip() for ln in block.lines]
        signature_like = len(lines) <= 5 and all(len(x.split()) <= 10 and x[-1:] not in ".!?:" for x in lines)
        if block.marker or block.heading or not signature_like:
            break  # a signature block: a few short unpunctuated lines (name, role, website)
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
            draft.add_paragraph(block.text[postscript.end():].strip())
        elif block.marker:
            draft.add(block)
        elif block.words <= 15:
            draft.title = block.text.rstrip(" :").strip()
        else:
            draft.add_paragraph(block.text)
        index += 1
        while index < len(tail):
            nxt = tail[index]
            if nxt.marker:
                draft.add(nxt)
            elif not draft.items and not nxt.heading and not nxt.text.endswith(":"):
                draft.add_paragraph(nxt.text)
            else:
                break
            index += 1
        appendices.append(draft)
    return signature, appendices


_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)*|[A-ZÀ-ÖØ-Þ]{2,}(?:-[A-ZÀ-ÖØ-Þ]{2,})*)"
_PERSON = re.compile(
    rf"^(?:(?:Dr|Mr|Mrs|Ms|Mx|Cllr|M\.|Mme|Mlle)\.?\s+)?{_NAME_WORD}"
    rf"(?:\s+(?:(?:de|du|des|van|von|der|den|le|la|da|di|dos|bin|ben|al|el)\s+)?{_NAME_WORD}){{1,3}}$"
)
_JOINERS = {"fr": " et ", "en": " and "}
# Capitalised words of a group or a place, not of a person ("Green Party", "Harrowfield Ward").
_GROUP_WORDS = frozenset(
    "party parti ward council conseil association trust group groupe alliance campaign club society committee "
    "comité liste collectif union federation fédération canton borough county city town ville mairie team équipe "
    "candidates candidats candidate candidat labour green greens conservative conservatives liberal democrats "
    "independent independents residents friends amis centre center school école street road rue avenue "
    "office bureau network réseau coalition movement mouvement front forum".split()
)


def _joined_continuations(lines: list[str]) -> list[str]:
    """A signature line that opens with « et » / "and" continues the one above it
    (« Gérard Almeida » + « et l'équipe « Bien vieillir » »): one line."""
    out: list[str] = []
    for line in lines:
        if out and re.match(r"(?i)(?:et|and|&)\s", line.strip()):
            out[-1] = f"{out[-1].rstrip(' ,')} {line.strip()}"
        else:
            out.append(line)
    return out


_GROUP_AFTER = re.compile(
    r"\s(?:et|and|&)\s+(?:toute?s?\s+|all\s+)?"
    r"(?:l['’]|la\s|le\s|les\s|the\s|son\s|sa\s|ses\s|his\s|her\s|their\s|our\s|nos?\s|notre\s)"
)


def signer_of(signature: str) -> str:
    """The person of a signature that adds a group (« Gérard Almeida et l'équipe « Bien
    vieillir » », "Jo Bloggs and the Riverside team"): the name before it; else the signature."""
    match = _GROUP_AFTER.search(signature)
    return signature[: match.start()].strip() if match else signature


def join_cosignatories(signature_lines: list[str], language: str) -> list[str]:
    """Signature lines with the names of several signatories, one per line or side by side
    (« Nadia Khelifi      Christophe Roumagnac »), joined into one line: « Nadia Khelifi et
    Christophe Roumagnac », "Ann Lee, Bo Chen and Cy Dunn". One name: the lines unchanged."""
    signature_lines = _joined_continuations(signature_lines)
    names: list[str] = []
    index = 0
    for index, line in enumerate(signature_lines):  # noqa: B007 - the first line that is not names
        parts = [p.strip(" ,") for p in re.split(r"\s{3,}|\t", line.strip()) if p.strip(" ,")]
        if not parts or not all(_PERSON.match(p) and not ROLE.match(p) and not _GROUP_WORDS & set(fold(p).split()) for p in parts):
            break
        names += parts
    else:
        index = len(signature_lines)
    if len(names) < 2:
        return signature_lines
    joined = ", ".join(names[:-1]) + _JOINERS.get(language, " and ") + names[-1]
    return [joined, *signature_lines[index:]]


def find_author(letterhead: list[str], signature_lines: list[str]) -> tuple[str, str, tuple[str, ...]]:
    """Return (author, role, sender block lines) from the letterhead and the signature.

    The signature names the author when there is one; the letterhead line
    that starts with that name gives the role when the signature does not.
    Every other letterhead line (list name, address, phone, e-mail, web) is
    kept as a sender contact line, so no line of the sender block is lost.
    """
    signature = signature_lines[0].rstrip(" ,") if signature_lines else ""
    sig_contact = tuple(ln.strip() for ln in signature_lines[1:] if CONTACT.search(ln) and len(ln.split()) <= 4)
    sig_role = ", ".join(ln.strip().rstrip(" ,") for ln in signature_lines[1:] if ln.strip() and ln.strip() not in sig_contact)
    name, comma, after = signature.partition(", ")
    if comma and len(name.split()) <= 4 and (ROLE.match(after) or _ON_BEHALF.match(after)):
        signature, sig_role = name, ", ".join(x for x in (after, sig_role) if x)  # "Anne Roy, pour la liste X"
    if not letterhead:
        return signature, sig_role, sig_contact
    if not signature:
        role_lines = [ln.strip(" ,") for ln in letterhead[1:] if not CONTACT.search(ln)]
        return letterhead[0].rstrip(" ,"), ", ".join(role_lines), tuple(letterhead[1:])
    folded = fold(signature)
    # lines cut by width, not one field per line (unless a line is the signer's name alone)
    wrapped = max(len(ln) for ln in letterhead) > 60 and not any(fold(ln.strip(" ,")) == folded for ln in letterhead)
    for index, line in enumerate(letterhead if not wrapped else ()):
        if fold(line).startswith(folded):
            rest = line[len(signature) :].strip(" ,")
            others = [ln for i, ln in enumerate(letterhead) if i != index]
            role_lines = [rest] if rest else [ln.strip(" ,") for ln in others[index:] if not CONTACT.search(ln)]
            contact = tuple(others) + ((rest,) if rest and sig_role else ())
            return line[: len(signature)], sig_role or ", ".join(x for x in role_lines if x), contact + sig_contact
    head = " ".join(letterhead)
    if fold(head).startswith(folded):  # a name wrapped over lines
        rest = head[len(signature) :].strip(" ,")
        return head[: len(signature)], sig_role or rest, ((rest,) if rest and sig_role else ()) + sig_contact
    return signature, sig_role, tuple(letterhead) + sig_contact


def split_repeated_role(contact: tuple[str, ...], role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(contact lines, lines that only repeat ``role``): a letterhead line with the same
    words as the signature's role, whatever its capitals, apostrophes and punctuation."""
    said = _words(role)
    kept = tuple(line for line in contact if not said or _words(line) != said)
    return kept, tuple(line for line in contact if line not in kept)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(text)))


def letterhead_is_recipient(letterhead: list[str], signature: str) -> bool:
    """A lone header block that does not hold the signer's name is the addressee."""
    if not signature or not letterhead:
        return False
    folded = fold(signature)
    return folded not in fold(" ".join(letterhead))
