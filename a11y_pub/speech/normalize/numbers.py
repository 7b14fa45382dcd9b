"""Steps for numbers: ranges, signs, money, units, ordinals, Roman numerals, codes, plain numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .rules import SpeechRules
from .words import cardinal, decimal, digits, integer_value, number_pattern, ordinal, say_number, year

_SUPERSCRIPT_FIGURES = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SIGNS = "-−‒–+"  # hyphen-minus, U+2212 minus, figure dash, en dash (used as a minus), plus


@cache
def _number(language_pattern: str) -> re.Pattern[str]:
    return re.compile(language_pattern)


def _num(rules: SpeechRules, prefix: str = "") -> str:
    """The number pattern with its groups renamed ``<prefix>int`` / ``<prefix>frac``."""
    pattern = number_pattern(rules)
    return pattern.replace("?P<int>", f"?P<{prefix}int>").replace("?P<frac>", f"?P<{prefix}frac>")


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

    Only the dash changes; the numbers are read by the later steps (so
    « 10–15 % » becomes « 10 à 15 % », then « dix à quinze pour cent »).
    """
    word = rules.word("numbers", "range")
    if not word:
        return text
    pattern = rf"(?<![\d.,/:-])({_num(rules, 'a')})[ \u00a0]?[-‒–—][ \u00a0]?(?=[−+-]?{_num(rules, 'b')}(?![\d/:]|-\d))"
    return re.sub(pattern, lambda m: f"{m.group(1)} {word} ", text)


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


# -- money --------------------------------------------------------------------------


def _plural(value: float, rules: SpeechRules) -> bool:
    """French takes the plural from 2 (« 1,5 kilomètre »), English from anything but 1."""
    limit = rules.table("numbers").get("plural_from", 2)
    return abs(value) >= limit if limit != 1 else abs(value) != 1


def _attributive(text: str, start: int, rules: SpeechRules) -> bool:
    """An amount used as an adjective takes the singular in English: "a £45k shortfall",
    "a 10 km walk" (after an article of ``numbers.attributive_after``)."""
    articles = rules.words("numbers", "attributive_after")
    before = text[:start].rstrip().rsplit(None, 1)
    return bool(articles and before and before[-1].lower() in articles)


def _currency(symbol: str, rules: SpeechRules) -> dict | None:
    table = rules.table("currencies")
    if symbol in table:
        return table[symbol]
    for entry in table.values():
        if symbol in entry.get("codes", ()):
            return entry
    return None


def say_money(integer: str, frac: str | None, scale: str, symbol: str, rules: SpeechRules, attributive: bool = False) -> str:
    """An amount: (« 12 000 », None, "", "€") -> « douze mille euros »; ("2", "5", "M", "€") ->
    « deux virgule cinq millions d'euros »; ("3", "50", "", "£") -> "three pounds fifty".

    ``scale`` is a key of ``money_scales`` (« k », « M », "bn", "million"…):
    a multiplier (k: the amount times 1,000) or a scale word said before the
    currency. French says « d'euros » after « million(s) » and « milliard(s) ».
    """
    currency = _currency(symbol, rules) or {}
    singular, plural = currency.get("name", [symbol, symbol])
    if attributive:
        plural = singular
    scales = rules.table("money_scales")
    value = integer_value(integer)
    scale_entry = scales.get(scale) if scale else None
    if isinstance(scale_entry, int):  # a multiplier: 300 k€ = 300,000 €
        exact = Decimal(f"{value}.{frac or 0}") * scale_entry
        if exact == exact.to_integral_value():
            value, frac, scale_entry = int(exact), None, None
    if isinstance(scale_entry, list):  # a scale word: ["million", "millions"]
        amount = float(f"{value}.{frac}") if frac else value
        word = scale_entry[1] if _plural(amount, rules) else scale_entry[0]
        return f"{decimal(value, frac or '', rules)} {word} {plural if attributive else currency.get('after_scale', plural)}"
    cents = ""
    if frac:
        if len(frac) <= 2:
            cents = frac.ljust(2, "0")
        else:
            return f"{decimal(value, frac, rules)} {plural}"
    said = cardinal(value, rules)
    if re.search(rules.word("money", "scale_ending", r"(?!x)x"), said):
        unit = currency.get("after_scale", plural)
    else:
        unit = singular if not _plural(value, rules) else plural
    if cents and int(cents):
        cent_singular, cent_plural = currency.get("cents", ["", ""])
        cents_words = cardinal(int(cents), rules)
        if value == 0:
            return f"{cents_words} {cent_singular if int(cents) == 1 else cent_plural}"
        if currency.get("cents_said", True) is True and rules.word("money", "cents") == "named":
            return f"{said} {unit} {rules.word('money', 'and', 'and')} {cents_words} {cent_singular if int(cents) == 1 else cent_plural}"
        return f"{said} {unit} {cents_words}"
    return f"{said} {unit}"


@cache
def _money_res(rules_key: tuple[str, tuple[str, ...], tuple[str, ...], str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    number, symbols, scales, _lang = rules_key
    symbol_alt = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    scale_alt = "|".join(re.escape(s) for s in sorted(scales, key=len, reverse=True)) or r"(?!x)x"
    after = re.compile(
        rf"(?<![\d\w])(?P<n>{number})[ \u00a0\u202f]?(?:(?P<scale>{scale_alt})[ \u00a0]?)?(?P<sym>{symbol_alt})(?![\w])"
    )
    before = re.compile(
        rf"(?<![\w])(?P<sym>{symbol_alt})[ \u00a0\u202f]?(?P<n>{number})(?:[ \u00a0]?(?P<scale>{scale_alt})(?![\w]))?"
    )
    return after, before


def read_money(text: str, rules: SpeechRules) -> str:
    """Amounts with the currency before or after, and scale words: « 12 000 € », « 2,5 M€ »,
    « 300 k€ », "£40", "$3 million", "£2.5m", "€3bn", "12 EUR".

    The currency (symbol or ISO code) and scales come from ``currencies`` and
    ``money_scales``. Written-out amounts (« 5 millions d'euros ») are left to
    the number step: they are already said as written.
    """
    currencies = rules.table("currencies")
    if not currencies:
        return text
    symbols = tuple(s for key, entry in currencies.items() for s in (key, *entry.get("codes", ())))
    after, before = _money_res((_num(rules), symbols, tuple(rules.table("money_scales")), rules.language))

    def say(match: re.Match[str]) -> str:
        attributive = _attributive(match.string, match.start(), rules)
        return say_money(match.group("int"), match.group("frac"), match.group("scale") or "", match.group("sym"), rules, attributive)

    text = after.sub(say, text)
    return before.sub(say, text)


# -- units and symbols --------------------------------------------------------------


@cache
def _unit_re(number: str, units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?P<n>{number})[ \u00a0\u202f]?(?P<frac_sign>[½¼¾])?[ \u00a0\u202f]?(?P<unit>{alternatives})(?![\w²³])")


def read_units(text: str, rules: SpeechRules) -> str:
    """A number with its unit: « 50 m² » -> « cinquante mètres carrés », « −2 °C » -> « moins deux degrés Celsius »,
    « 1,5 km » -> « un virgule cinq kilomètre », "30 km/h" -> "thirty kilometres per hour".

    Units are a table (``units``: symbol -> [singular, plural]); French takes
    the plural from 2, English for anything but 1. A unit that is not a word
    (« m² », « km/h », « °C ») is also said alone, in the singular.
    """
    units = rules.table("units")
    if not units:
        return text
    fractions = rules.table("fractions")

    split_units = rules.words("numbers", "split_decimal_units")

    def say(match: re.Match[str]) -> str:
        integer, frac = match.group("int"), match.group("frac")
        value = float(f"{integer_value(integer)}.{frac}") if frac else integer_value(integer)
        singular, plural = units[match.group("unit")]
        feminine = singular in rules.words("numbers", "feminine_units")
        half = match.group("frac_sign")
        if half:
            return f"{say_number(integer, None, rules, feminine)} {fractions[half][1]} {plural}"
        attributive = False  # "a 20 mph limit": units keep their plural
        if frac and len(frac) == 2 and match.group("unit") in split_units and int(frac):
            # « 1,40 m » -> « un mètre quarante », as French says a height or a length
            whole = integer_value(integer)
            unit = singular if attributive or not _plural(whole, rules) else plural
            return f"{cardinal(whole, rules, feminine)} {unit} {cardinal(int(frac), rules)}"
        number = say_number(integer, frac, rules, feminine=feminine)
        return f"{number} {singular if attributive or not _plural(value, rules) else plural}"

    text = _unit_re(_num(rules), tuple(units)).sub(say, text)
    # A unit without a number, when it cannot be a word: « le prix au m² » -> « le prix au mètre carré »
    alone = [u for u in units if not u.isalpha()]
    if alone:
        pattern = "|".join(re.escape(u) for u in sorted(alone, key=len, reverse=True))
        text = re.sub(rf"(?<![\w°])({pattern})(?![\w²³])", lambda m: units[m.group(1)][0], text)
    return text


def read_symbols(text: str, rules: SpeechRules) -> str:
    """Symbols standing alone, said as words: « A & B » -> « A et B », « 5 + 3 = 8 », « ½ », "§ 4"."""
    symbols = rules.symbols
    if not symbols:
        return text
    for symbol in sorted(symbols, key=len, reverse=True):
        text = text.replace(symbol, f" {symbols[symbol]} ")
    return text


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
    suffixes = rules.table("ordinal_suffixes")
    if suffixes:
        endings = "|".join(sorted((re.escape(e) for es in suffixes.values() for e in es), key=len, reverse=True))

        def say_ordinal(match: re.Match[str]) -> str:
            value = roman_value(match.group(1))
            kind = _ordinal_suffix(match.group(2).translate(_SUPERSCRIPTS), rules)
            said = _say_ordinal(value, kind, match.group(3), rules) if value and kind else None
            return said if said is not None else match.group(0)

        # A lone L, C, D or M before « e » is a word (« Le », « De », « Ce », « Me »), not a numeral.
        text = re.sub(rf"(?<![\w])((?:[IVXLCDM]{{2,}}|[IVX]))((?:{endings})|[ᵉʳ]+)(s?)(?![\w])", say_ordinal, text)

    names = "|".join(re.escape(n) for n in roman.get("names", ())) or r"(?!x)x"
    regnal = roman.get("regnal", "{cardinal}")

    def say_regnal(match: re.Match[str]) -> str:
        value = roman_value(match.group(2))
        if not value:
            return match.group(0)
        if value == 1 and "first" in roman:
            return f"{match.group(1)} {roman['first']}"
        said_ordinal = ordinal(value, rules)
        return f"{match.group(1)} " + regnal.format(cardinal=cardinal(value, rules), ordinal=said_ordinal[:1].upper() + said_ordinal[1:])

    text = re.sub(rf"(?<![\w])((?:{names}))[ \u00a0]+([IVXLCDM]+)(?![\w'’])", say_regnal, text)
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
    pattern = rf"(?<![\d])(?P<n>{_num(rules)})(?:[ \u00a0]?(?P<half>[½¼¾]))?"

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
        return said

    # superscript figures left (a footnote mark, a power): read as figures
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: " " + m.group(0).translate(_SUPERSCRIPT_FIGURES), text)
    text = re.sub(pattern, say, text)
    for symbol, (alone, _after) in fractions.items():
        text = text.replace(symbol, f" {alone} ")
    return text
