"""Steps for numbers: decimal marks, ranges, signs, ordinals, Roman numerals, codes, decades, plain numbers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .rules import SpeechRules
from .words import cardinal, digits, integer_value, named_number_pattern, ordinal, say_number, year

_SUPERSCRIPT_FIGURES = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


# -- ranges and signs ---------------------------------------------------------------


def unify_decimal_marks(text: str, rules: SpeechRules) -> str:
    """The other language's decimal mark before one or two digits becomes this language's:
    « 2.5 litres » -> « 2,5 litres » in French (a dot before three digits stays a thousands separator)."""
    other, mark = rules.word("numbers", "other_decimal_mark"), rules.word("numbers", "decimal_mark")
    if not other or not mark:
        return text
    return re.sub(rf"(?<![\d.,])(\d+){re.escape(other)}(\d{{1,2}})(?![\d.,]\d|\d)", rf"\1{mark}\2", text)


def read_ranges(text: str, rules: SpeechRules) -> str:
    """A dash between two numbers is a range: « 2026-2032 » -> « 2026 à 2032 », "10–15" -> "10 to 15".

    Only when the second number is the larger: « loi n° 2016-41 » is a reference.
    Only the dash changes; the numbers are read by the later steps (so
    « 10–15 % » becomes « 10 à 15 % », then « dix à quinze pour cent »).
    """
    word = rules.word("numbers", "range")
    if not word:
        return text
    first, second = named_number_pattern(rules, "a"), named_number_pattern(rules, "b")
    pattern = rf"(?<![\d.,/:-])({first})[ \u00a0]?[-‒–—][ \u00a0]?(?P<b>[−+-]?{second})(?![\d/:]|-\d)"

    def value(sign: str, integer: str, frac: str | None) -> float:
        number = float(f"{integer_value(integer)}.{frac or 0}")
        return -number if sign and sign in "−-" else number

    def say(match: re.Match[str]) -> str:
        first = value("", match.group("aint"), match.group("afrac"))
        second = value(match.group("b")[0], match.group("bint"), match.group("bfrac"))
        if second <= first and match.group("b")[0] not in "−-+":
            return match.group(0)  # « loi n° 2016-41 », "A-road 12-3": a reference, not a range
        return f"{match.group(1)} {word} {match.group('b')}"

    return re.sub(pattern, say, text)


def read_signed_numbers(text: str, rules: SpeechRules) -> str:
    """A sign before a number is said: « −12 000 € » -> « moins 12 000 € », "+3" -> "plus 3".

    A hyphen-minus, U+2212 or a figure dash counts as a minus when it starts a
    word (after a space, a bracket or the start of the text) and a digit follows.
    """
    minus, plus = rules.word("numbers", "minus"), rules.word("numbers", "plus")
    if not minus:
        return text
    text = re.sub(r"(?:^|(?<=[\s(\[/:;]))[-−‒–](?=\d)", f"{minus} ", text)
    return re.sub(r"(?:^|(?<=[\s(\[/:;]))\+(?=\d)", f"{plus} ", text)


# -- ordinals and Roman numerals -----------------------------------------------------

_SUPERSCRIPTS = str.maketrans({"ᵉ": "e", "ʳ": "r", "ᵈ": "d", "ˢ": "s", "ᵗ": "t", "ʰ": "h", "ⁿ": "n", "ᵐ": "m", "ᵒ": "o"})


def _ordinal_suffix(ending: str, rules: SpeechRules) -> str | None:
    """The kind of ordinal a written ending marks (``ordinal_suffixes`` table): any, first_m, first_f, second_m…"""
    for kind, endings in rules.table("ordinal_suffixes").items():
        if ending in endings:
            return kind
    return None


def _say_ordinal(number: int, kind: str, plural: str, rules: SpeechRules) -> str | None:
    forms = rules.table("ordinals")
    if kind in ("first_m", "first_f"):
        if number != 1:
            return None
        said = forms.get("first_masculine") if kind == "first_m" else forms.get("first_feminine")
        said = said or ordinal(1, rules)
    elif kind in ("second_m", "second_f"):
        if number != 2:
            return None
        said = forms.get("second_masculine") if kind == "second_m" else forms.get("second_feminine")
        said = said or ordinal(2, rules)
    elif kind == "any":
        if number == 1 and forms.get("first_masculine"):
            return None  # « 1e » is not written
        said = ordinal(number, rules)
    else:
        return None
    return said + ("s" if plural else "")


def read_ordinals(text: str, rules: SpeechRules) -> str:
    """Ordinals in figures: « 1er », « 1re », « 2e », « 2nd », « 2nde », « 3ème », « 1ᵉʳ » -> « premier », « première »,
    « deuxième », « second », « seconde », « troisième », « premier »; "1st", "21st" -> "first", "twenty-first".

    Roman ordinals (« XVIIIe ») are read by ``read_roman_numerals``.
    """
    suffixes = rules.table("ordinal_suffixes")
    if not suffixes:
        return text
    endings = "|".join(sorted((re.escape(e) for es in suffixes.values() for e in es), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w,.])(\d+)[ \u00a0]?({endings})(s?)(?![\w])")

    def say(match: re.Match[str]) -> str:
        kind = _ordinal_suffix(match.group(2), rules)
        said = _say_ordinal(int(match.group(1)), kind or "", match.group(3), rules) if kind else None
        return said if said is not None else match.group(0)

    text = re.sub(r"(?<=\d)[ᵉʳᵈˢᵗʰⁿᵐᵒ]+", lambda m: m.group(0).translate(_SUPERSCRIPTS), text)
    return pattern.sub(say, text)


_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int | None:
    """``"XVIII"`` -> 18; None when ``numeral`` is not a well-formed Roman numeral."""
    if not numeral or not re.fullmatch(_ROMAN, numeral):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def read_roman_numerals(text: str, rules: SpeechRules) -> str:
    """Roman numerals where the context says they are numbers.

    - with an ordinal ending: « XVIIIe siècle », « IIIe République », « Ier » -> « dix-huitième siècle »,
      « troisième République », « premier »;
    - after a sovereign's or pope's name (``roman.names``): « Louis XIV » -> « Louis quatorze »,
      « François I » -> « François premier »; "Henry VIII" -> "Henry the Eighth";
    - after a word that counts parts (``roman.keywords``: chapitre, tome, acte, chapter, part, war…)
      or after any capitalised word when the numeral has two letters or more of I, V, X
      (« Vatican II », "Type II"): a cardinal.

    The pronoun « I », a list label at the start of a line and initials made
    of the same letters without such a context ("CD", "MIX") stay as written.
    """
    roman = rules.table("roman")
    if not roman:
        return text
    text = _read_roman_ordinals(text, rules)
    text = _read_regnal_numbers(text, roman, rules)
    return _read_counted_numbers(text, roman, rules)


def _read_roman_ordinals(text: str, rules: SpeechRules) -> str:
    """« XVIIIe », « Ier », « IIIes »: a numeral with one of the language's ordinal endings."""
    suffixes = rules.table("ordinal_suffixes")
    if not suffixes:
        return text
    endings = "|".join(sorted((re.escape(e) for es in suffixes.values() for e in es), key=len, reverse=True))

    def say_ordinal(match: re.Match[str]) -> str:
        value = roman_value(match.group(1))
        kind = _ordinal_suffix(match.group(2).translate(_SUPERSCRIPTS), rules)
        said = _say_ordinal(value, kind, match.group(3), rules) if value and kind else None
        return said if said is not None else match.group(0)

    # A lone L, C, D or M before « e » is a word (« Le », « De », « Ce », « Me »), not a numeral.
    return re.sub(rf"(?<![\w])((?:[IVXLCDM]{{2,}}|[IVX]))((?:{endings})|[ᵉʳ]+)(s?)(?![\w])", say_ordinal, text)


def _read_regnal_numbers(text: str, roman: Mapping[str, Any], rules: SpeechRules) -> str:
    """« Louis XIV », "Henry VIII": a numeral after a name of ``roman.names``, said as the language's ``regnal`` form."""
    names = "|".join(re.escape(n) for n in roman.get("names", ())) or r"(?!x)x"
    regnal = roman.get("regnal", "{cardinal}")

    def say_regnal(match: re.Match[str]) -> str:
        value = roman_value(match.group(2))
        if not value:
            return match.group(0)
        # "John I met" is the pronoun: a lone I is a rank only before punctuation or "of" ("Charles I of England")
        if match.group(2) == "I" and not re.match(r"\s*(?:[,.;:!?)]|$|(?:of|de|d['’])\b)", match.string[match.end() :]):
            return match.group(0)
        if value == 1 and "first" in roman:
            return f"{match.group(1)} {roman['first']}"
        said_ordinal = ordinal(value, rules)
        return f"{match.group(1)} " + regnal.format(cardinal=cardinal(value, rules), ordinal=said_ordinal[:1].upper() + said_ordinal[1:])

    return re.sub(rf"(?<![\w])((?:{names}))[ \u00a0]+([IVXLCDM]+)(?![\w'’])", say_regnal, text)


def _read_counted_numbers(text: str, roman: Mapping[str, Any], rules: SpeechRules) -> str:
    """« chapitre IV », "World War II", « Vatican II »: a cardinal after a counting keyword, a proper name
    of ``roman.proper_names``, or (two letters or more of I, V, X) any capitalised word."""
    keywords = "|".join(re.escape(k) for k in roman.get("keywords", ())) or r"(?!x)x"

    proper = set(roman.get("proper_names", ()))

    def say_cardinal(match: re.Match[str]) -> str:
        value = roman_value(match.group(2))
        if not value:
            return match.group(0)
        said = cardinal(value, rules)
        if match.group(1) in proper:
            said = said[:1].upper() + said[1:]  # a name: "World War Two"
        return f"{match.group(1)} {said}"

    text = re.sub(rf"(?<![\w])((?i:{keywords})|{'|'.join(map(re.escape, proper)) or '(?!x)x'})[ \u00a0]+([IVXLCDM]+)(?![\w'’])", say_cardinal, text)
    return re.sub(r"(?<![\w])([A-ZÀ-Ý][\w-]+)[ \u00a0]+([IVX]{2,})(?![\w'’])", say_cardinal, text)


# -- plain numbers ------------------------------------------------------------------


def read_codes(text: str, rules: SpeechRules) -> str:
    """Numbers that are codes, not quantities, said digit by digit: after a word of ``codes.words``
    (« code 4521 », « réf. 00123 », "PIN 0042") and any number written with a leading zero (« 007 »)."""
    words = rules.words("codes", "words")
    if words:
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        text = re.sub(
            rf"(?<![\w])((?i:{alternatives})[ \u00a0:]*)(\d[\d ]*\d|\d)(?![\d,.]\d)",
            lambda m: f"{m.group(1)}{digits(m.group(2), rules)}",
            text,
        )
    return re.sub(r"(?<![\d,.\w])(?<!\d[ \u00a0\u202f\u2009])0\d+(?![\d,.]\d|\d)", lambda m: digits(m.group(0), rules), text)


def _plural_word(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties", "eighty" -> "eighties"."""
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return f"{head} {last}".strip()


def read_decades(text: str, rules: SpeechRules) -> str:
    """Decades: "the ’90s", "the 80s", "the 1990s" -> "the nineties", "the eighties", "the nineteen nineties";
    « les années 80 » -> « les années quatre-vingt » (``numbers.decades``)."""
    style = rules.word("numbers", "decades")
    if style == "plural":
        text = re.sub(r"(?:^|(?<=\s))[’']?(\d0)s\b", lambda m: _plural_word(cardinal(int(m.group(1)), rules)), text)
        return re.sub(r"(?<![\d])(1[1-9]|20)(\d0)s\b", lambda m: _plural_word(year(int(m.group(1) + m.group(2)), rules)), text)
    if style == "années":
        return re.sub(r"(?<=années )(\d0)\b", lambda m: cardinal(int(m.group(1)), rules).replace("vingts", "vingt"), text)
    return text


def read_numbers(text: str, rules: SpeechRules) -> str:
    """Every number left, in words: thousands separators and decimal mark of the language
    (« 12 000 », « 2,5 »; "12,000", "2.5"), English years read in pairs ("in 2026" ->
    "in twenty twenty-six"), a vulgar fraction after a number (« 2 ½ » -> « deux et demi »),
    « une » before a feminine noun (``numbers.feminine_nouns``).
    """
    if not rules.table("numbers"):
        return text
    fractions = rules.table("fractions")
    feminine = rules.words("numbers", "feminine_nouns")
    feminine_re = re.compile(rf"[ \u00a0](?:{'|'.join(map(re.escape, feminine))})s?\b") if feminine else None
    years = rules.word("numbers", "years") == "pairs"
    pattern = rf"(?<![\d])(?P<n>{named_number_pattern(rules)})(?:[ \u00a0]?(?P<half>[½¼¾]))?"

    def say(match: re.Match[str]) -> str:
        integer, frac = match.group("int"), match.group("frac")
        half = match.group("half")
        try:
            if years and not frac and not half and integer.isdigit() and len(integer) == 4 and 1100 <= int(integer) <= 2099:
                return year(int(integer), rules)
            is_feminine = bool(feminine_re and feminine_re.match(text, match.end()))
            said = say_number(integer, frac, rules, feminine=is_feminine)
        except OverflowError:
            return digits(match.group(0), rules)
        if half:
            said += f" {fractions[half][1]}"
        if match.end() < len(text) and text[match.end()].isalpha():
            said += " "  # "Room 2B" -> "Room two B"
        if match.start() > 0 and text[match.start() - 1].isalpha():
            said = " " + said  # « CO2 », "A7" -> « CO deux », "A seven"
        return said

    # superscript figures left (a footnote mark, a power): read as figures
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: " " + m.group(0).translate(_SUPERSCRIPT_FIGURES), text)
    text = re.sub(pattern, say, text)
    for symbol, (alone, _after) in fractions.items():
        text = text.replace(symbol, f" {alone} ")
    return text
