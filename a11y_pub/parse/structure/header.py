"""Read the header blocks: sender letterhead, recipient, subject, place and date."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from ...model import Recipient
from .. import cues
from .blocks import Block
from .language import is_upper_word
from .patterns import CIVILITY, DATE_PATTERNS, POSTCODE, RECIPIENT_LEAD, ROLE, SUBJECT

log = logging.getLogger(__name__)


_ARTICLE_ROLE = re.compile(rf"(?i)^(?:la|le|l['’]|the)\s*{cues.ROLE_WORDS}")
_CARE_OF = re.compile(r"(?i)^(?:c/o|care of|chez|aux bons soins d)\b")
_ATTACHED = "attached-to-attention"  # Block.lead of an address part split from its « À l'attention de » line


def _special(text: str, dates: bool = True) -> bool:
    """A header line that is a field of its own: subject, attention, or (``dates``) a date line."""
    date = dates and find_date(text) and len(text.split()) <= 10
    return bool(SUBJECT.match(text) or RECIPIENT_LEAD.match(text) or date)


def _date_apart(header: list[Block]) -> bool:
    """Whether a header block is a date line on its own (one line, at most 15 words)."""
    return any(len(b.lines) == 1 and find_date(b.text) and b.words <= 15 for b in header)


def _explode(header: list[Block]) -> list[Block]:
    """Split subject, attention and date lines out of the blocks they were typed in. A date
    line inside a block is the letter's date only when no block is a date line on its own
    ("Thornbury, 16 April 2026" set apart wins over "… elections, 7 May 2026" in the letterhead)."""
    dates = not _date_apart(header)
    out: list[Block] = []
    for block in header:
        if len(block.lines) == 1 or not any(_special(ln.text.strip(), dates) for ln in block.lines[1:]):
            out.append(block)
            continue
        part: list = []
        for line in block.lines:
            text = line.text.strip()
            if not _special(text, dates):
                part.append(line)
                continue
            if part:
                attached = _ATTACHED if RECIPIENT_LEAD.match(text) else ""
                out.append(Block(lines=part, text=" ".join(ln.text.strip() for ln in part), lead=attached))
                part = []
            out.append(Block(lines=[line], text=text))
        if part:
            out.append(Block(lines=part, text=" ".join(ln.text.strip() for ln in part)))
    return out


def _with_organisation(recipient: Recipient, before: Block | None, *, apart: bool = False) -> tuple[Recipient, bool]:
    """An attention line under an organisation's address (in its block, or ``apart`` in the next one):
    the organisation is the recipient's. Lines that start in lower case continue its name."""
    if before is None or not (before.lead == _ATTACHED or apart) or recipient.organisation:
        return recipient, False
    lines = [ln.text.strip() for ln in before.lines]
    name = 1
    while name < len(lines) and lines[name][:1].islower():  # "Conseil local FCPE" / "des écoles publiques de …"
        name += 1
    organisation = " ".join(lines[:name])
    return replace(recipient, organisation=organisation, address=(*recipient.address, *lines[name:])), True


def _postal(block: Block) -> bool:
    """A block of several lines that ends with a postcode line: an address."""
    return len(block.lines) >= 2 and bool(POSTCODE.search(block.lines[-1].text))


def read_header(header: list[Block], language: str) -> dict:
    """Read the header blocks into a dict: subject, recipient, place, date, date_line,
    letterhead (the sender block's lines), title, and unplaced texts."""
    meta: dict = {}
    others: list[Block] = []
    date_apart = _date_apart(header)
    for block in _explode(header):
        text = block.text
        if SUBJECT.match(text) and "subject" not in meta:
            meta["subject"] = SUBJECT.sub("", text).strip().rstrip(".").strip()
        elif RECIPIENT_LEAD.match(text) and "recipient" not in meta:
            before = others[-1] if others else None
            if before is not None and before.lead == _ATTACHED and CIVILITY.match(before.text):
                meta["recipient"] = read_recipient(others.pop(), lead=False)  # the person's block comes first
                meta.setdefault("unplaced", []).append(text)
                continue
            apart = len(others) >= 2 and before is not None and _postal(before)  # an address block above, not the letterhead
            meta["recipient"], merged = _with_organisation(read_recipient(block, lead=True), before, apart=apart)
            if merged:
                others.pop()
        elif find_date(text) and block.words <= 15 and "date" not in meta and (len(block.lines) == 1 or not date_apart):
            place, iso = place_and_date(text, language)
            meta["place"], meta["date"], meta["date_line"] = place, iso, text
        else:
            others.append(block)
    if "recipient" not in meta:
        for index, block in enumerate(others):
            if (index > 0 or len(others) == 1) and (CIVILITY.match(block.text) or index == 1):
                meta["recipient"] = read_recipient(block, lead=False)
                others = others[:index] + others[index + 1 :]
                break
    if len(others) > 1 and others[-1].heading and not others[0].heading and "subject" not in meta and others[-1].words <= 25:
        meta["subject"] = others.pop().text  # a heading set last in the header, above the greeting: the subject
    if len(others) > 1 and others[0].heading and not others[1].heading:
        meta["title"] = others.pop(0).text  # "# Lettre ouverte aux candidats" above the sender
    if others:
        meta["letterhead"] = [ln.text.strip() for ln in others[0].lines]
    for block in others[1:]:
        if "title" not in meta and not meta.get("unplaced") and len(block.lines) == 1 and block.words <= 15 and block.text[-1:] not in ".,;":
            meta["title"] = block.text  # "Lettre ouverte aux candidats": the letter's own title line
        else:
            meta.setdefault("unplaced", []).append(block.text)
    return meta


def find_date(text: str) -> re.Match | None:
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            return match
    return None


def place_and_date(text: str, language: str) -> tuple[str, str | None]:
    match = find_date(text)
    if match is None:
        return "", None
    iso = quick_date(match, language) or parse_date(match.group(0), language)
    place = text[: match.start()]
    place = re.sub(r"(?i)\b(?:fait\s+)?(?:à|a)\s+|\ble\s*$|\bon\s*$", "", place)
    place = place.strip(" ,;:-–")
    place = re.sub(r"(?i)^(?:fait\s+à|fait\s+a|done\s+at)\s+", "", place).strip(" ,")
    return place, iso


def quick_date(match: re.Match, language: str) -> str | None:
    """ISO date of a ``DATE_PATTERNS`` match in a common form, without dateparser's
    start-up (0.35 s of regex compiling); None sends it to ``parse_date``."""
    from ...dates import read_date

    pattern = match.re
    groups = match.groups()
    if pattern is DATE_PATTERNS[0]:
        day, month, year = groups
    elif pattern is DATE_PATTERNS[1]:
        month, day, year = groups
    elif pattern is DATE_PATTERNS[2]:  # numbers: day first, as parse_date reads them
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


def read_recipient(block: Block, *, lead: bool) -> Recipient:
    """Read an address block: a person (civility first) or an organisation, role, address.

    The civility is kept in ``name``; a role line is kept whole ("Président du
    Club des Nageurs"); the address starts at the street line, the line
    before the postcode, or the first line with a number.
    """
    lines = [ln.text.strip().rstrip(",") for ln in block.lines]
    if lead:
        lines[0] = RECIPIENT_LEAD.sub("", lines[0]).strip()
    lines = [ln for ln in lines if ln]
    if not lines:
        return Recipient()
    if len(lines) == 1 and not CIVILITY.match(lines[0]) and POSTCODE.search(lines[0]) and ", " in lines[0]:
        lines = [part.strip() for part in lines[0].split(", ")]  # "Association X, 4 rue de la Gare, 27150 Ville"
    if CIVILITY.match(lines[0]) and (len(lines) == 1 or (len(lines[0]) > 50 and not POSTCODE.match(lines[-1]))):
        return _recipient_from_run(" ".join(lines))  # lines wrapped by width, not one field per line
    street = _street_index(lines)
    fields, address = lines[:street], lines[street:]
    care_of = _CARE_OF.match(address[0]) if address else None
    if care_of and CIVILITY.match(address[0][care_of.end() :].strip()):  # "c/o Mrs Pauline Tregear, Secretary": a person
        fields, address = [*fields, address[0][care_of.end() :].strip()], address[1:]
    name, role, connector, organisation = "", "", "", []
    for index, line in enumerate(fields):
        found_role, found_connector, found_org = "", "", ""
        if role and organisation and connector == "" and not ROLE.match(line) and _joined_role_line(fields[index - 1]):
            # "Chair, Friends of Seaview Primary (PTA)" then "Seaview Primary School", "Links Road":
            # the organisation was on the role's line; what follows is where it is
            address = [*fields[index:], *address]
            break
        if not name and CIVILITY.match(line):
            name, _, rest = line.partition(", ")
            if rest:
                found_role, found_connector, found_org = _role_and_organisation(rest)
        elif not role and ROLE.match(line):
            found_role, found_connector, found_org = _role_and_organisation(line)
        else:
            organisation.append(line)
        if found_role and not role:
            role = found_role
            connector = found_connector if found_org and not organisation else ""  # joins the role to the first one only
        organisation += [found_org] if found_org else []
    civility, name = split_civility(name)
    if _ARTICLE_ROLE.match(name) and not role:  # « Madame la Présidente de l'association X »: a role, no name
        name, role = "", name
    return Recipient(name=name, role=role, organisation=", ".join(organisation), address=tuple(address),
                     civility=civility, connector=connector)


_GREETING = re.compile(r"(?i)^(?:dear|hi|hello|bonjour|bonsoir|cher|chère)\s+")
_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][\w'’-]*$|^(?:de|du|le|la|van|von|da|di|d['’][A-ZÀ-Ý][\w-]*)$")
_NOT_NAMES = re.compile(
    r"(?i)^(?:sir|madam|madame|monsieur|all|everyone|everybody|friends?|team|colleagues?|members?|candidates?|"
    r"neighbours?|residents?|voters?|amis?|amies?|tous|toutes|collègues|membres|habitants?|électeurs?|électrices?|"
    r"mesdames|messieurs|mademoiselle|présidente?|president|maire|mayor|directeur|directrice)$"
)


def recipient_from_greeting(salutation: str, recipient: Recipient) -> Recipient:
    """The person the greeting names (« Bonjour Madame Texier, », "Hi Gareth,"), when the header names nobody.

    When the header's organisation is the full name the greeting starts
    ("To: Jo Penhaligon" and "Hi Jo,"), it is the person's name. Only a
    name is taken: a civility alone (« Madame, »), a role (« Madame
    la Présidente, ») or a group ("Dear members,") names no one, and a
    recipient who already has a name is returned unchanged.
    """
    if recipient.name:
        return recipient
    text = _GREETING.sub("", salutation.strip()).rstrip(" ,:!;")
    civility, name = split_civility(text)
    if not civility and len(text) == len(salutation.strip().rstrip(" ,:!;")):
        return recipient  # neither a greeting word nor a civility: not a greeting naming a person
    words = name.split()
    if not 1 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words) or any(_NOT_NAMES.match(w) for w in words):
        return recipient
    if not words[0][:1].isupper() or ROLE.match(name):
        return recipient
    whole = recipient.organisation.split()
    if not recipient.role and 2 <= len(whole) <= 4 and whole[0] == words[0] and all(_NAME_WORD.match(w) for w in whole):
        return replace(recipient, civility=recipient.civility or civility, name=recipient.organisation, organisation="")
    if re.search(rf"(?i)\b{re.escape(name)}\b", " ".join((recipient.role, recipient.organisation))):
        return recipient  # the header already has the person, written as one run of text
    return replace(recipient, civility=recipient.civility or civility, name=name)


def split_civility(name: str) -> tuple[str, str]:
    """("Mme", "Odile Ferrand") from "Mme Odile Ferrand"; ("", name) without a civility."""
    match = CIVILITY.match(name)
    if not match:
        return "", name
    return name[: match.end()].strip(), name[match.end() :].strip()


def _joined_role_line(line: str) -> bool:
    """A line that gives a role then its organisation after a comma ("Chair, Riverside Trust")."""
    return bool(ROLE.match(line)) and ", " in line


def _street_index(lines: list[str]) -> int:
    """Index of the first address line: a line with a number, or the line before a postcode line."""
    for index, line in enumerate(lines):
        if index == 0:
            continue
        if _CARE_OF.match(line):  # "c/o Ashworth Library": the address of whoever is above
            return index
        if POSTCODE.search(line) and index >= 2 and not re.search(r"\d", lines[index - 1]) and not ROLE.match(lines[index - 1]):
            return index - 1 if not CIVILITY.match(lines[index - 1]) else index
        if re.search(r"\d", line):
            return index
    return len(lines)


def _recipient_from_run(text: str) -> Recipient:
    """Split one run of text 'Monsieur Jean DUPONT Président de l'Association X 12, rue Y 30100 Z'."""
    civility = CIVILITY.match(text)
    prefix = text[: civility.end()].strip() if civility else ""
    text = text[civility.end() :].strip() if civility else text.strip()
    tokens = text.split()
    name: list[str] = []
    for token in tokens:
        if len(name) >= 4 or not token[:1].isupper():
            break
        name.append(token)
        if is_upper_word(token) or token.endswith(","):
            break
    if name and not any(is_upper_word(t) for t in name) and len(name) > 2:
        name = name[:2]
    rest = " ".join(tokens[len(name):])
    address: list[str] = []
    match = re.search(r"\b\d+(?:\s?(?:bis|ter))?,?\s", rest)
    if match:
        address_text = rest[match.start():].strip()
        rest = rest[: match.start()].strip()
        post = POSTCODE.search(address_text)
        if post and post.start() > 0:
            address = [address_text[: post.start()].strip(" ,"), address_text[post.start():].strip()]
        else:
            address = [address_text]
    role, connector, organisation = _role_and_organisation(rest)
    return Recipient(civility=prefix, name=" ".join(name).strip().rstrip(","), role=role, organisation=organisation,
                     address=tuple(address), connector=connector)


def _role_and_organisation(text: str) -> tuple[str, str, str]:
    """("Présidente", "de l'", "Association X") from "Présidente de l'Association X";
    ("Présidente", "", "Association X") from "Présidente, Association X".

    The middle value is the connector as written (« de l' », « du », "of the"),
    kept so that renderers join the two as the letter did (``Recipient.role_line``).
    A line that starts with no role word is an organisation.
    """
    text = text.strip(" ,")
    if not ROLE.match(text):
        return "", "", text
    match = re.search(r"(?:\s(?:de l['’]|de la |du |des |d['’]|of the |of )|,\s)", text)
    if not match:
        return text, "", ""
    connector = match.group(0).strip(" ,")
    return text[: match.start()].strip(" ,"), connector, text[match.end() :].strip(" ,")
