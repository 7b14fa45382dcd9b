"""Steps for things a listener writes down: e-mail and web addresses, telephone numbers, postal codes."""

from __future__ import annotations

import re
from functools import cache

from .abbreviations import spell as spell_letters
from .rules import SpeechRules
from .words import cardinal, digits

# -- e-mail and web addresses -------------------------------------------------------

_EMAIL = r"[\w.+-]*\w@\w[\w-]*(?:\.\w[\w-]*)+"
_URL = r"(?:https?://|www\.)[^\s<>\"«»]*[\w/]"


@cache
def _address_re(tlds: tuple[str, ...]) -> re.Pattern[str]:
    bare = rf"(?<![\w@./-])\w[\w-]*(?:\.\w[\w-]*)*\.(?:{'|'.join(map(re.escape, tlds))})(?![\w-])(?:/[^\s<>\"«»]*[\w/])?" if tlds else r"(?!x)x"
    return re.compile(rf"(?<![\w.@-])(?:{_EMAIL}|{_URL}|{bare})")


_ADDRESS_PART_RE = re.compile(r"[^\W\d_]+|\d+|.", re.UNICODE)


def say_address(address: str, rules: SpeechRules) -> str:
    """One address in words, piece by piece, so that it can be written down.

    Letters stay as written (a word is said as a word), digits are said one
    by one, each symbol by its name from the ``addresses`` table (« arobase »,
    « point », « tiret », « barre oblique »; "at", "dot", "dash", "slash").
    The scheme (``https://``) and a final slash are not said; parts of at
    most ``web.spell_up_to`` letters ending the domain (country domains: « fr », "uk") are spelled.
    """
    names = rules.table("addresses")
    address = re.sub(r"^https?://", "", address).rstrip("/")
    host = re.split(r"[/?#]", address.rsplit("@", 1)[-1], maxsplit=1)[0]
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    said: list[str] = []
    for part in _ADDRESS_PART_RE.findall(address):
        if part.isdigit():
            said.append(digits(part, rules))  # figures, one by one (superscripts too)
        elif part in names:
            said.append(names[part])
        elif part.lower() in names:
            said.append(names[part.lower()])
        elif part == tld and part.isalpha() and len(part) <= rules.table("web").get("spell_up_to", 0):
            said.append(" ".join(part))  # country domains: "fr" -> "f r", "uk" -> "u k"
        elif part.strip():
            said.append(part)
    return " ".join(said)


def read_web_addresses(text: str, rules: SpeechRules) -> str:
    """E-mail and web addresses: "contact@ville-ales.fr" -> « contact arobase ville tiret ales point fr ».

    Recognised: anything with ``@`` between a name and a dotted domain,
    anything starting ``http://``, ``https://`` or ``www.``, and bare domains
    ending in a top-level domain listed in ``addresses.tlds`` ("ville.fr/agenda").
    A full stop right after the address ends the sentence and stays.
    """
    if not rules.table("addresses"):
        return text
    pattern = _address_re(rules.words("web", "tlds"))
    return pattern.sub(lambda m: say_address(m.group(0), rules), text)


# -- telephone numbers --------------------------------------------------------------

_PHONE_RE = re.compile(
    r"(?<![\w+])(?P<intl>\+\d{2,3})?(?(intl)[ .\u00a0-]?(?:\(0\)[ \u00a0]?)?\d|0)(?:[ .\u00a0-]?\d){8,11}(?![\d])"
)
_GROUP_SPLIT_RE = re.compile(r"[ .\u00a0-]+")


def _national_groups(number: str, rules: SpeechRules) -> list[str]:
    """Unseparated digits in the groups people say them in (table ``phone.group_sizes``)."""
    sizes = rules.table("phone").get("unseparated_groups", [2])
    groups, index, step = [], 0, 0
    while index < len(number):
        size = sizes[min(step, len(sizes) - 1)]
        groups.append(number[index : index + size])
        index += size
        step += 1
    return groups


def _halves(group: str) -> list[str]:
    """A long written group said in two: "900123" -> "900", "123"."""
    middle = len(group) // 2
    return [group[:middle], group[middle:]]


def _say_group(group: str, rules: SpeechRules) -> str:
    if rules.word("phone", "groups") == "numbers" and len(group) <= 3:
        stripped = group.lstrip("0")
        zeros = [cardinal(0, rules)] * (len(group) - len(stripped))
        return " ".join([*zeros, cardinal(int(stripped), rules)] if stripped else zeros)
    return digits(group, rules, zero=rules.word("phone", "zero"))


def say_phone_number(written: str, rules: SpeechRules) -> str:
    """A telephone number in its groups: « 06 12 34 56 78 » -> « zéro six, douze, trente-quatre, cinquante-six,
    soixante-dix-huit »; "0161 496 0123" -> "oh one six one, four nine six, oh one two three".

    French reads groups of up to three digits as numbers, English reads
    digits ("oh" for 0); ``phone`` in the tables says which. The country code
    is « plus trente-trois » / "plus four four"; a "(0)" after it is not said.
    """
    intl = ""
    match = re.match(r"\+(\d{2,3})", written)
    body = written
    if match:
        code = match.group(1)
        intl = f"{rules.word('numbers', 'plus', 'plus')} " + (
            cardinal(int(code), rules) if rules.word("phone", "groups") == "numbers" else digits(code, rules)
        )
        body = written[match.end() :].replace("(0)", " ")
    groups = [g for g in _GROUP_SPLIT_RE.split(body.strip()) if g]
    if len(groups) == 1:
        groups = _national_groups(groups[0], rules) if not intl else [groups[0][:1], *_national_groups(groups[0][1:], rules)]
    else:
        groups = [piece for group in groups for piece in (_halves(group) if len(group) > 5 else [group])]
    said = [_say_group(g, rules) for g in groups]
    return ", ".join([intl, *said] if intl else said)


def read_phone_numbers(text: str, rules: SpeechRules) -> str:
    """Telephone numbers (French and UK formats, national or +33/+44) read in groups.

    A number starts with ``+`` and a country code or with ``0``, and has 9 to
    12 more digits, in groups separated by spaces, dots or hyphens (or none).
    """
    if not rules.table("phone"):
        return text
    return _PHONE_RE.sub(lambda m: say_phone_number(m.group(0), rules), text)


# -- postal codes ---------------------------------------------------------------------

_FR_POSTAL_RE = re.compile(r"(?<![\d\w,.])(\d{2})[ \u00a0]?(\d{3})(?=[ \u00a0]+(?:[A-ZÉÈÀÂÎÔ][\w'-]|CEDEX\b))")
_UK_POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b")


def read_postal_codes(text: str, rules: SpeechRules) -> str:
    """Postal codes, which are not quantities.

    French codes before a town: with ``postal_codes.style = "cardinal"`` as one
    number (« 52140 Varennes » -> « cinquante-deux mille cent quarante Varennes »),
    otherwise département then office (« trente, cent Alès »). UK postcodes
    are spelled in their two halves, the district as a number, letters as the
    language spells initials: "SE15 4RT" -> "S.E. fifteen, four R.T.".
    """
    separator = rules.word("postal_codes", "separator")
    if separator:

        def say_french(match: re.Match[str]) -> str:
            if rules.word("postal_codes", "style") == "cardinal":
                return cardinal(int(match.group(1) + match.group(2)), rules)
            office = match.group(2)
            spoken = digits(office, rules) if office.startswith("0") else cardinal(int(office), rules)
            return f"{cardinal(int(match.group(1)), rules)}{separator}{spoken}"

        text = _FR_POSTAL_RE.sub(say_french, text)

    def spell(part: str) -> str:
        return " ".join(cardinal(int(c), rules) if c.isdigit() else spell_letters(c, rules) for c in re.findall(r"\d+|\D+", part))

    if rules.word("postal_codes", "uk") == "spell":
        text = _UK_POSTCODE_RE.sub(lambda m: f"{spell(m.group(1))}, {spell(m.group(2))}", text)
    return text
