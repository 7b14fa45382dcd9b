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
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import ParseError
from ..model import Letter, Recipient, Section
from . import cues
from .raw import Line, RawText

log = logging.getLogger(__name__)

_I = re.IGNORECASE
_SALUTATION = re.compile(rf"^{cues.SALUTATION}", _I)
_CLOSING = re.compile(rf"(?:^|(?<=[.!?…]\s)){cues.CLOSING}", _I)
_SUBJECT = re.compile(rf"^{cues.SUBJECT}", _I)
_RECIPIENT_LEAD = re.compile(rf"^{cues.RECIPIENT_LEAD}", _I)
_CIVILITY = re.compile(rf"^{cues.CIVILITY}(?=\s)\s*", _I)
_CONCLUSION = re.compile(rf"^(?:{cues.SALUTATION}[^,]{{0,40}},\s*)?{cues.CONCLUSION_CUES}", _I)
_QUESTION_PREFIX = re.compile(rf"^{cues.QUESTION_PREFIX}", _I)
_ANSWER_PREFIX = re.compile(rf"^{cues.ANSWER_PREFIX}", _I)

_NUMBERED = re.compile(r"^\s*(?:n[°o]\s*)?(\d{1,3})\s*(?:[.)°]|\s[-–—:])\s+(?=\S)")
_ROMAN = re.compile(r"^\s*([IVXLC]{1,7})\s*[.)–—-]\s+(?=\S)")
_NOUN_NUMBERED = re.compile(
    rf"^\s*{cues.ITEM_NOUNS}\s*(?:n[°o]\s*)?(\d{{1,3}})\s*[.:)–—-]?\s+(?=\S)", _I
)
_ORDINAL = re.compile(
    r"^\s*(" + "|".join(w for words in cues.ORDINALS.values() for w in words) + r")\s*[,:.–-]\s+(?=\S)", _I
)
_BULLET = re.compile(rf"^\s*[{re.escape(cues.BULLETS)}]\s+(?=\S)")

_MONTHS_RE = "|".join(sorted({m for ms in cues.MONTHS.values() for m in ms}, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({_MONTHS_RE})\.?,?\s+(\d{{4}})\b", _I),
    re.compile(rf"\b({_MONTHS_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", _I),
    re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)
_POSTCODE = re.compile(r"\b(?:\d{5}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b")
_TERMINAL = ".!?…:;,"
_CONTACT = re.compile(r"\d|@|www\.|https?:")  # address, phone, e-mail and web lines of a letterhead
_POSTSCRIPT = re.compile(r"(?i)^(p\.\s?s\.|ps\b|post-scriptum)\s*[:–-]?\s*")
_PAGE_MARK = re.compile(r"(?i)^(?:page\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])$")

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class _Block:
    lines: list[Line]
    text: str = ""
    marker: str = ""  # "number", "bullet", "" ; the marker is stripped from text
    number: int | None = None
    heading: bool = False
    lead: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class _Draft:
    kind: str
    title: str = ""
    number: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


# -- public -------------------------------------------------------------------


def structure(raw: RawText) -> Letter:
    """Turn extracted lines into a ``Letter``.

    Raises:
        ParseError: the text holds no letter body (naming ``raw.path``).
    """
    try:
        return _structure(raw)
    except ParseError as exc:
        if exc.path is None:
            exc.path = raw.path
        raise


def detect_language(text: str) -> str:
    """Return ``fr`` or ``en`` by counting each language's function words."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in cues.FUNCTION_WORDS["fr"] for w in words)
    en = sum(w in cues.FUNCTION_WORDS["en"] for w in words)
    return "en" if en > fr else "fr"


def slug_of(text: str, fallback: str) -> str:
    """A file-name-safe slug of ``text`` (ASCII, lower case, at most 60 characters)."""
    from slugify import slugify

    slug = slugify(text, max_length=60, word_boundary=True, save_order=True)
    return slug or fallback


# -- blocks -------------------------------------------------------------------


def _blocks(raw: RawText, language: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(_Block(lines=list(current)))
            current.clear()

    for line in raw.lines:
        text = line.text.strip()
        if _PAGE_MARK.match(text):
            continue  # "Page 2 sur 5", "2/5", "- 2 -": page furniture, not letter text
        if not text:
            flush()
            continue
        starts_item = bool(_marker(text)[0]) or line.bullet
        greeting = _is_salutation_text(text)
        if line.heading or raw.hard_paragraphs or starts_item or greeting or (current and current[-1].heading):
            flush()
        current.append(Line(text, heading=line.heading, bold=line.bold, lead=line.lead, bullet=line.bullet))
        if greeting:
            flush()
    flush()
    for block in blocks:
        _finish_block(block, language)
    return [b for b in blocks if b.text]


def _finish_block(block: _Block, language: str) -> None:
    first = block.lines[0]
    kind, number, rest = _marker(first.text)
    if not kind and first.bullet:
        kind = "bullet"
    keep_marker = kind == "number" and bool(_ORDINAL.match(first.text))
    lines = [rest if kind and not keep_marker else first.text] + [ln.text for ln in block.lines[1:]]
    block.marker, block.number = kind, number
    block.text = join_lines(lines, language)
    block.heading = bool(first.heading) or (all(ln.bold for ln in block.lines) and block.words <= 20)
    lead = first.lead
    if lead and kind:
        lead_kind, _, lead_rest = _marker(lead)
        lead = lead_rest if lead_kind else lead
    block.lead = lead.strip().rstrip(" :–—-").strip()


def _marker(text: str) -> tuple[str, int | None, str]:
    """Return (kind, number, text without marker) for an item's first line."""
    for pattern in (_NOUN_NUMBERED, _NUMBERED):
        match = pattern.match(text)
        if match:
            return "number", int(match.group(1)), text[match.end():]
    match = _ROMAN.match(text)
    if match and _roman(match.group(1)):
        return "number", _roman(match.group(1)), text[match.end():]
    match = _ORDINAL.match(text)
    if match:
        word = match.group(1).lower()
        for words in cues.ORDINALS.values():
            if word in words:
                return "number", words.index(word) + 1, text[match.end():]
    match = _BULLET.match(text)
    if match:
        return "bullet", None, text[match.end():]
    return "", None, text


def _roman(numeral: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total < 100 and _to_roman(total) == numeral.upper() else None


def _to_roman(value: int) -> str:
    out = ""
    for amount, symbol in ((90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += symbol
            value -= amount
    return out


def join_lines(lines: list[str], language: str) -> str:
    """Join wrapped lines into one paragraph, undoing hyphenation at line ends.

    A hyphen at a line end is dropped when the joined word is a known word
    and the hyphenated form is not (``addic-`` + ``tions``), and kept
    otherwise (``demi-`` + ``siècle``).
    """
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if not text:
            text = line
            continue
        match = re.search(r"(\w+)-$", text)
        if match and not line[:1].islower():
            text += line  # a compound split at its hyphen: "Ville-" + "Association"
            continue
        if match:
            head = match.group(1)
            tail = re.match(r"\w+", line)
            if tail and _prefers_unhyphenated(head, tail.group(0), language):
                text = text[:-1] + line
            else:
                text += line
            continue
        text += " " + line
    return text.strip()


def _prefers_unhyphenated(head: str, tail: str, language: str) -> bool:
    from wordfreq import zipf_frequency

    joined = zipf_frequency(head + tail, language)
    hyphenated = zipf_frequency(f"{head}-{tail}", language) if zipf_frequency(head, language) > 0 else 0.0
    return joined > 0 and joined >= hyphenated


# -- the letter ------------------------------------------------------------------


def _structure(raw: RawText) -> Letter:
    language = detect_language(raw.text)
    blocks = _blocks(raw, language)
    if not blocks:
        raise ParseError("file contains no text")

    salutation_at = _find_salutation(blocks)
    closing_at, closing, after_closing = _find_closing(blocks, salutation_at)
    header = blocks[: salutation_at if salutation_at is not None else 0]
    body_start = salutation_at + 1 if salutation_at is not None else 0
    body_end = closing_at if closing_at is not None else len(blocks)
    body = blocks[body_start:body_end]
    tail = after_closing + (blocks[closing_at + 1 :] if closing_at is not None else [])

    if salutation_at is None:
        header, body = _split_header_without_salutation(body)
    if closing_at is None:
        body, tail = _split_signature_without_closing(body)

    meta = _read_header(header, language)
    signature_lines, appendices = _read_tail(tail, language)
    signature = signature_lines[0].rstrip(" ,") if signature_lines else ""
    if "recipient" not in meta and _letterhead_is_recipient(meta.get("letterhead", []), signature):
        meta["recipient"] = _recipient(_Block(lines=[Line(t) for t in meta.pop("letterhead")]), lead=False)
    author, author_role = _author(meta.get("letterhead", []), signature_lines)

    drafts = _body_sections(body, language)
    drafts.extend(appendices)
    sections = _finalise(drafts, language)
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
        salutation=blocks[salutation_at].text if salutation_at is not None else "",
        closing=closing,
        signature=signature,
        source=raw.path.stem if raw.path else "",
    )


def _is_salutation_text(text: str) -> bool:
    return len(text.split()) <= 12 and bool(_SALUTATION.match(text)) and text.rstrip()[-1:] in ",!:"


def _find_salutation(blocks: list[_Block]) -> int | None:
    for index, block in enumerate(blocks):
        if not block.marker and _is_salutation_text(block.text):
            return index
    return None


def _find_closing(blocks: list[_Block], salutation_at: int | None) -> tuple[int | None, str, list[_Block]]:
    """Find the courtesy formula; split it from text before it and from the signature after it."""
    start = (salutation_at or 0) + (1 if salutation_at is not None else 0)
    for index in range(start, len(blocks)):
        block = blocks[index]
        match = _CLOSING.search(block.text)
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
            blocks[index] = _Block(lines=[Line(before)], text=before)
            blocks.insert(index + 1, _Block(lines=[Line(formula)], text=formula))
            index += 1
        tail = [_Block(lines=[Line(t)], text=t) for t in rest]
        return index, formula, tail
    return None, "", []


def _formula_done(lines: list[str]) -> bool:
    last = lines[-1].rstrip()
    return last[-1:] in ".,!" or (len(lines) == 1 and len(last.split()) <= 4)


def _split_header_without_salutation(body: list[_Block]) -> tuple[list[_Block], list[_Block]]:
    """Without a greeting, the header is the run of short leading blocks that look like one."""
    header: list[_Block] = []
    for block in body:
        if block.marker or block.heading:
            break
        if (
            _SUBJECT.match(block.text)
            or _RECIPIENT_LEAD.match(block.text)
            or (_find_date(block.text) and block.words <= 15)
            or (not header and block.words <= 25 and block.text[-1:] not in ".!?")
        ):
            header.append(block)
            continue
        break
    rest = body[len(header):]
    if not rest:
        return [], body
    return header, rest


def _split_signature_without_closing(body: list[_Block]) -> tuple[list[_Block], list[_Block]]:
    """Without a closing formula, trailing short unpunctuated blocks are the signature."""
    cut = len(body)
    while cut > 1:
        block = body[cut - 1]
        if block.marker or block.heading or block.words > 10 or block.text[-1:] in ".!?:":
            break
        cut -= 1
    return body[:cut], body[cut:]


# -- header ---------------------------------------------------------------------


def _read_header(header: list[_Block], language: str) -> dict:
    meta: dict = {}
    others: list[_Block] = []
    for block in header:
        text = block.text
        if _SUBJECT.match(text) and "subject" not in meta:
            meta["subject"] = _SUBJECT.sub("", text).strip().rstrip(".").strip()
        elif _RECIPIENT_LEAD.match(text) and "recipient" not in meta:
            meta["recipient"] = _recipient(block, lead=True)
        elif _find_date(text) and block.words <= 15 and "date" not in meta:
            place, iso = _place_and_date(text, language)
            meta["place"], meta["date"] = place, iso
        else:
            others.append(block)
    if "recipient" not in meta:
        for index, block in enumerate(others):
            if _CIVILITY.match(block.text) or (index == 1 and len(others) >= 2):
                meta["recipient"] = _recipient(block, lead=False)
                others = others[:index] + others[index + 1 :]
                break
    if others:
        meta["letterhead"] = [ln.text.strip() for ln in others[0].lines]
    return meta


def _letterhead_is_recipient(letterhead: list[str], signature: str) -> bool:
    """A lone header block that is not the signer's own name is the addressee."""
    return bool(signature) and bool(letterhead) and not _fold(" ".join(letterhead)).startswith(_fold(signature))


def _find_date(text: str) -> re.Match | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            return match
    return None


def _place_and_date(text: str, language: str) -> tuple[str, str | None]:
    match = _find_date(text)
    if match is None:
        return "", None
    iso = _quick_date(match, language) or parse_date(match.group(0), language)
    place = text[: match.start()]
    place = re.sub(r"(?i)\b(?:fait\s+)?(?:à|a)\s+|\ble\s*$|\bon\s*$", "", place)
    place = place.strip(" ,;:-–")
    place = re.sub(r"(?i)^(?:fait\s+à|fait\s+a|done\s+at)\s+", "", place).strip(" ,")
    return place, iso


def _quick_date(match: re.Match, language: str) -> str | None:
    """ISO date of a ``_DATE_PATTERNS`` match in a common form, without dateparser's
    start-up (0.35 s of regex compiling); None sends it to ``parse_date``."""
    from ..dates import read_date

    pattern = match.re
    groups = match.groups()
    if pattern is _DATE_PATTERNS[0]:
        day, month, year = groups
    elif pattern is _DATE_PATTERNS[1]:
        month, day, year = groups
    elif pattern is _DATE_PATTERNS[2]:  # numbers: day first, as parse_date reads them
        day, month, year = groups
    else:
        year, month, day = groups
    for tongue in (language, "fr" if language == "en" else "en"):  # as parse_date: the letter's, then the other
        found = read_date(day, month, year, tongue)
        if found:
            return found.isoformat()
    return None


def parse_date(text: str, language: str) -> str | None:
    """Parse a written date (``23 févr. 2026``, ``3 March 2026``) to ISO 8601, or None."""
    import dateparser

    order = "DMY" if language == "fr" or re.match(r"^\d", text.strip()) else "MDY"
    value = dateparser.parse(
        text,
        languages=[language, "fr" if language == "en" else "en"],
        settings={"DATE_ORDER": order, "STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"},
    )
    if value is None:
        log.warning("could not read the date %r", text)
        return None
    return value.date().isoformat()


def _recipient(block: _Block, *, lead: bool) -> Recipient:
    lines = [ln.text.strip() for ln in block.lines]
    if lead:
        lines[0] = _RECIPIENT_LEAD.sub("", lines[0]).strip()
        lines = [ln for ln in lines if ln]
        if not lines:
            return Recipient()
    if not lead and not _CIVILITY.match(lines[0]):
        address = tuple(ln.rstrip(",") for ln in lines[1:])
        return Recipient(organisation=lines[0].rstrip(","), address=address)
    if len(lines) == 1 or max(len(ln) for ln in lines) > 50:
        # One line, or lines wrapped by width rather than one field per line.
        return _recipient_from_run(" ".join(lines))
    name_line = _CIVILITY.sub("", lines[0]).strip().rstrip(",")
    role, organisation, address = "", "", []
    for line in lines[1:]:
        line = line.strip().rstrip(",")
        if re.search(r"\d", line):
            address.append(line)
        elif not role and not address:
            role, organisation = _role_and_organisation(line)
        elif not organisation and not address:
            organisation = line
        else:
            address.append(line)
    return Recipient(name=name_line, role=role, organisation=organisation, address=tuple(address))


def _recipient_from_run(text: str) -> Recipient:
    """Split one run of text 'Monsieur Jean DUPONT Président de l'Association X 12, rue Y 30100 Z'."""
    text = _CIVILITY.sub("", text).strip()
    tokens = text.split()
    name: list[str] = []
    for token in tokens:
        if len(name) >= 4 or not token[:1].isupper():
            break
        name.append(token)
        if _is_upper_word(token):
            break
    if name and not any(_is_upper_word(t) for t in name) and len(name) > 2:
        name = name[:2]
    rest = " ".join(tokens[len(name):])
    address: list[str] = []
    match = re.search(r"\b\d+(?:\s?(?:bis|ter))?,?\s", rest)
    if match:
        address_text = rest[match.start():].strip()
        rest = rest[: match.start()].strip()
        post = _POSTCODE.search(address_text)
        if post and post.start() > 0:
            address = [address_text[: post.start()].strip(" ,"), address_text[post.start():].strip()]
        else:
            address = [address_text]
    role, organisation = _role_and_organisation(rest)
    return Recipient(name=" ".join(name).rstrip(","), role=role, organisation=organisation, address=tuple(address))


def _role_and_organisation(text: str) -> tuple[str, str]:
    match = re.search(r"(?:\s(?:de l['’]|de la |du |des |d['’]|of the |of )|,\s)", text)
    if not match:
        return text.strip(" ,"), ""
    return text[: match.start()].strip(" ,"), text[match.end():].strip(" ,")


def _is_upper_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _author(letterhead: list[str], signature_lines: list[str]) -> tuple[str, str]:
    signature = signature_lines[0].rstrip(" ,") if signature_lines else ""
    sig_role = ", ".join(ln.strip().rstrip(" ,") for ln in signature_lines[1:] if ln.strip())
    if not letterhead:
        return signature, sig_role
    head = " ".join(letterhead)
    if signature and _fold(head).startswith(_fold(signature)):
        author = head[: len(signature)]
        if len(letterhead) > 1 and len(letterhead[0]) >= len(signature):
            # One field per line: the role is in the lines after the name, contact lines aside.
            rest = [letterhead[0][len(signature):], *letterhead[1:]]
            role = ", ".join(ln.strip(" ,") for ln in rest if ln.strip(" ,") and not _CONTACT.search(ln))
        else:
            role = head[len(signature):].strip(" ,")
        return author, sig_role or role
    if len(letterhead) > 1:
        role_lines = [ln for ln in letterhead[1:] if not _CONTACT.search(ln)]
        return letterhead[0].rstrip(" ,"), sig_role or ", ".join(role_lines)
    return (signature or head), sig_role


# -- tail: signature and appendices -------------------------------------------


def _read_tail(tail: list[_Block], language: str) -> tuple[list[str], list[_Draft]]:
    signature: list[str] = []
    appendices: list[_Draft] = []
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
        draft = _Draft(kind="appendix")
        postscript = _POSTSCRIPT.match(block.text)
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


# -- body -----------------------------------------------------------------------


def _is_title_line(block: _Block, following: _Block | None) -> bool:
    if block.heading and block.words <= 20:
        return True
    return (
        following is not None
        and not block.marker
        and len(block.lines) == 1
        and 1 <= block.words <= 12
        and block.text[-1:] not in _TERMINAL
        and (block.text[:1].isupper() or block.text[:1].isdigit())
        and not following.heading
    )


def _is_question(block: _Block) -> bool:
    return block.words <= 60 and (block.text.rstrip().endswith("?") or bool(re.match(r"(?i)^(question|q)\s*\d*\s*[.:)]", block.text)))


def _split_title_lines(body: list[_Block], language: str) -> list[_Block]:
    """Cut a short unpunctuated first line ("Respite Breaks") off the paragraph it heads."""
    out: list[_Block] = []
    for block in body:
        lines = block.lines
        if block.lead and not block.marker and block.text.startswith(block.lead):
            body_text = _capitalise(block.text[len(block.lead):].lstrip(" :–—-.").strip())
            if body_text:
                out.extend([
                    _Block(lines=[Line(block.lead)], text=block.lead, heading=True),
                    _Block(lines=[Line(body_text)], text=body_text),
                ])
                continue
        if block.marker or block.heading or len(lines) < 2:
            out.append(block)
            continue
        first, second = lines[0].text.strip(), lines[1].text.strip()
        if (
            1 <= len(first.split()) <= 12
            and first[-1:] not in _TERMINAL
            and first[:1].isupper()
            and second[:1].isupper()
            and len(first) < 0.6 * max(len(ln.text) for ln in lines[1:])
        ):
            head = _Block(lines=[lines[0]], text=first, heading=True)
            rest = _Block(lines=lines[1:])
            _finish_block(rest, language)
            out.extend([head, rest])
        else:
            out.append(block)
    return out


def _body_sections(body: list[_Block], language: str) -> list[_Draft]:
    body = _split_title_lines(body, language)
    numbered = [b for b in body if b.marker == "number"]
    if len(numbered) >= 2:
        return _items_sections(body, language, "number")
    titles = [i for i, b in enumerate(body) if _is_title_line(b, body[i + 1] if i + 1 < len(body) else None)]
    if len(titles) >= 2:
        return _heading_sections(body, set(titles), language)
    questions = [b for b in body if _is_question(b)]
    if len(questions) >= 2:
        return _qa_sections(body, language)
    bullets = [b for b in body if b.marker == "bullet"]
    if len(bullets) >= 2:
        return _items_sections(body, language, "bullet")
    log.warning("no list of commitments found: each paragraph becomes a section")
    drafts: list[_Draft] = []
    for block in body:
        if block.marker and drafts:
            drafts[-1].items.append(block.text)
        else:
            drafts.append(_Draft(kind="paragraph", paragraphs=[block.text]))
    return drafts


def _add_to(draft: _Draft, block: _Block) -> None:
    if block.marker:
        draft.items.append(block.text)
    else:
        draft.paragraphs.append(block.text)


def _items_sections(body: list[_Block], language: str, marker: str) -> list[_Draft]:
    intro = _Draft(kind="introduction")
    items: list[_Draft] = []
    continuation = False
    trailing: list[_Block] = []
    last_number = 0
    for block in body:
        is_item = block.marker == marker and (
            marker == "bullet" or block.number is None or block.number > last_number
        )
        if is_item:
            if trailing:
                for pending in trailing:
                    _add_to(items[-1], pending)
                continuation = True
                trailing = []
            last_number = block.number or last_number + 1
            items.append(_item_draft(block, language, len(items) + 1))
        elif not items:
            _add_to(intro, block)
        else:
            trailing.append(block)
    conclusion = _Draft(kind="conclusion")
    if trailing:
        split = _conclusion_start(trailing, continuation or any(not d.paragraphs for d in items))
        for pending in trailing[:split]:
            _add_to(items[-1], pending)
        for pending in trailing[split:]:
            if pending.heading and not (conclusion.title or conclusion.paragraphs or conclusion.items):
                conclusion.title = pending.text.rstrip(" :")  # "Un mot sur le financement"
            else:
                _add_to(conclusion, pending)
    # An item given only a title takes the paragraphs after it as its body.
    return [d for d in (intro, *items, conclusion) if d.kind == "commitment" or d.paragraphs or d.items]


def _conclusion_start(trailing: list[_Block], items_have_bodies_after: bool) -> int:
    """Index in ``trailing`` where the conclusion starts (len() when there is none)."""
    for index, block in enumerate(trailing):
        if _CONCLUSION.match(block.text) or (block.heading and re.match(r"(?i)conclusion", block.text)):
            return index
    return len(trailing) if items_have_bodies_after else 0


def _heading_sections(body: list[_Block], titles: set[int], language: str) -> list[_Draft]:
    drafts: list[_Draft] = [_Draft(kind="introduction")]
    number = 0
    for index, block in enumerate(body):
        if index in titles:
            kind, title = "commitment", block.text.rstrip(" :")
            inner_kind, inner_number, inner_text = _marker(title)
            if re.match(r"(?i)^(introduction|préambule|preamble)\b", title):
                kind = "introduction"
            elif re.match(r"(?i)^(conclusion|en conclusion|pour conclure|in conclusion)\b", title):
                kind = "conclusion"
            if kind == "commitment":
                number = inner_number if inner_kind == "number" and inner_number else number + 1
                title = inner_text if inner_kind else title
            drafts.append(_Draft(kind=kind, title=title.strip(), number=number if kind == "commitment" else None))
        else:
            _add_to(drafts[-1], block)
    _split_trailing_conclusion(drafts)
    return [d for d in drafts if d.kind == "commitment" or d.paragraphs or d.items]


def _split_trailing_conclusion(drafts: list[_Draft]) -> None:
    """Move the closing remarks that end the last commitment ("Je reste à votre disposition.") to a conclusion."""
    last = drafts[-1]
    if last.kind != "commitment" or len(last.paragraphs) < 2:
        return
    tail = [_Block(lines=[], text=p) for p in last.paragraphs[1:]]
    split = _conclusion_start(tail, items_have_bodies_after=True)
    moved = last.paragraphs[1 + split :]
    if moved:
        del last.paragraphs[1 + split :]
        drafts.append(_Draft(kind="conclusion", paragraphs=moved))


def _qa_sections(body: list[_Block], language: str) -> list[_Draft]:
    drafts: list[_Draft] = [_Draft(kind="introduction")]
    questions = 0
    for block in body:
        if _is_question(block):
            questions += 1
            text = _QUESTION_PREFIX.sub("", block.text).strip() if re.match(r"(?i)^(question|q)\s*\d*\s*[.:)]", block.text) else block.text
            question, _, answer = text.partition("?")
            drafts.append(_Draft(kind="commitment", title=f"{question.strip()} ?" if language == "fr" else f"{question.strip()}?", number=questions))
            if answer.strip():
                drafts[-1].paragraphs.append(_ANSWER_PREFIX.sub("", answer.strip(), count=1))
        elif questions:
            _add_to(drafts[-1], _Block(lines=block.lines, text=_ANSWER_PREFIX.sub("", block.text, count=1), marker=block.marker))
        else:
            _add_to(drafts[0], block)
    _split_trailing_conclusion(drafts)
    return [d for d in drafts if d.kind == "commitment" or d.paragraphs or d.items]


def _item_draft(block: _Block, language: str, ordinal: int) -> _Draft:
    title, body = split_title(block, language)
    if not body and title.endswith("?"):
        pass
    elif not body and not title:
        body = block.text
    draft = _Draft(kind="commitment", title=title, number=block.number or ordinal)
    if body:
        draft.paragraphs.append(_ANSWER_PREFIX.sub("", body, count=1) if title.endswith("?") else body)
    return draft


def split_title(block: _Block, language: str) -> tuple[str, str]:
    """Split an item's text into (title, body).

    In order: a bold lead; a short first line on its own; a title running
    into the body on one line (a capitalised sentence-starter after a
    content word: "… Ville-Association Nous nous engageons"); a question;
    a short first sentence or "Title : body". Otherwise no title.
    """
    text = block.text
    if block.lead and text.startswith(block.lead):
        return block.lead, text[len(block.lead):].lstrip(" :–—-.").strip()
    lines = [ln.text for ln in block.lines]
    if len(lines) > 1:
        kind, _, first = _marker(lines[0])
        first = (first if kind else lines[0]).strip()
        longest = max(len(ln) for ln in lines)
        if first[-1:] not in ".,;" and lines[1][:1].isupper() and len(first) < 0.75 * longest and len(first.split()) <= 15:
            body = text[len(first):].strip() if text.startswith(first) else join_lines(lines[1:], language)
            return first.rstrip(" :"), body
    if len(lines) == 1 and text[-1:] not in ".!?;," and len(text.split()) <= 15:
        run = _run_together_split(text, language)
        if run is None:
            return text.rstrip(" :"), ""
    run = _run_together_split(text, language)
    if run is not None:
        return run
    question = re.match(r"^(.{3,300}?\?)\s+(\S.*)$", text)
    if question and len(question.group(1).split()) <= 40:
        return question.group(1), question.group(2)
    if text.endswith("?") and len(text.split()) <= 40:
        return text, ""
    colon = re.match(r"^([^.:!?]{3,90}?)\s*[:–—]\s+(\S.*)$", text)
    if colon and len(colon.group(1).split()) <= 8 and len(colon.group(2).split()) >= 4:
        return colon.group(1), _capitalise(colon.group(2))
    sentence = re.match(r"^([^.!?]{3,90}?)\.\s+([A-ZÀ-Ý].*)$", text)
    if sentence and len(sentence.group(1).split()) <= 8 and not re.search(r"\b\w\.$", sentence.group(1) + "."):
        if not _looks_like_sentence(sentence.group(1), language):
            return sentence.group(1), sentence.group(2)
    return "", text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _looks_like_sentence(text: str, language: str) -> bool:
    words = text.lower().split()
    return bool(words) and words[0] in cues.SENTENCE_STARTERS[language]


def _run_together_split(text: str, language: str) -> tuple[str, str] | None:
    tokens = text.split()
    for index in range(1, min(len(tokens) - 1, 20)):
        token, previous = tokens[index], tokens[index - 1]
        word = re.sub(r"[^\w’'-]", "", token)
        if not word[:1].isupper() or _is_upper_word(word):
            continue
        if previous[-1:] in _TERMINAL or previous[-1:] in "(«\"“":
            continue
        head = re.split(r"['’]", word.lower())[0]
        if head not in cues.SENTENCE_STARTERS[language]:
            continue
        if re.sub(r"[^\w]", "", previous.lower()) in cues.FUNCTION_WORDS[language]:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following[:1].isupper() and not _is_upper_word(following):
            continue
        return " ".join(tokens[:index]), " ".join(tokens[index:])
    return None


# -- finishing --------------------------------------------------------------------


def unshout(title: str, language: str) -> str:
    """A title set in capitals for style ("LOGEMENT ET TRANSPORTS") in sentence case.

    Only when every word is in capitals and most are everyday words; words
    that are not (acronyms: CSAPA, EKKO) stay in capitals.
    """
    from wordfreq import zipf_frequency

    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", title)
    if not words or not all(w.isupper() for w in words):
        return title
    known = [w for w in words if zipf_frequency(w.lower(), language) >= 2.5 and len(w) > 1]
    if len(known) * 2 < len(words) or not any(len(w) >= 4 for w in known):
        return title
    keep = {w for w in words if w not in known}

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in keep else word.lower()

    lowered = re.sub(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", fix, title)
    return lowered[:1].upper() + lowered[1:]


def _finalise(drafts: list[_Draft], language: str) -> list[Section]:
    sections: list[Section] = []
    used_ids: set[str] = set()
    used_slugs: set[str] = set()
    counters: dict[str, int] = {}
    word = "engagement" if language == "fr" else "commitment"
    for draft in drafts:
        counters[draft.kind] = counters.get(draft.kind, 0) + 1
        ordinal = counters[draft.kind]
        if draft.kind == "commitment":
            section_id = f"commitment-{ordinal}"
            fallback = f"{word}-{draft.number or ordinal}"
        elif draft.kind in ("introduction", "conclusion", "appendix"):
            section_id = draft.kind if ordinal == 1 else f"{draft.kind}-{ordinal}"
            fallback = section_id
        else:
            section_id = f"paragraph-{ordinal}"
            fallback = section_id
        draft.title = unshout(draft.title, language)
        slug = slug_of(draft.title, fallback) if draft.title and draft.kind != "introduction" else fallback
        if draft.kind in ("introduction", "conclusion") and not draft.title:
            slug = section_id
        base, suffix = slug, 2
        while slug in used_slugs:
            slug = f"{base[:55]}-{suffix}"
            suffix += 1
        used_ids.add(section_id)
        used_slugs.add(slug)
        number = draft.number if draft.kind == "commitment" else None
        sections.append(
            Section(
                id=section_id,
                kind=draft.kind,
                slug=slug,
                number=number,
                title=draft.title,
                paragraphs=tuple(draft.paragraphs),
                items=tuple(draft.items),
            )
        )
    return sections
