"""Steps for amounts: money, units and symbols, slashes that mean "per" or "out of"."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .rules import SpeechRules
from .words import cardinal, decimal, integer_value, named_number_pattern, say_number, takes_plural

# -- money --------------------------------------------------------------------------


def _attributive(text: str, start: int, rules: SpeechRules) -> bool:
    """An amount used as an adjective takes the singular in English: "a £45k shortfall"
    (after an article of ``numbers.attributive_after``)."""
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
        integral, _, fraction = format(exact.normalize(), "f").partition(".")
        value, frac, scale_entry = int(integral), fraction or None, None
    if isinstance(scale_entry, list):  # a scale word: ["million", "millions"]
        amount = float(f"{value}.{frac}") if frac else value
        word = scale_entry[1] if takes_plural(amount, rules) else scale_entry[0]
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
        unit = singular if not takes_plural(value, rules) else plural
    if cents and int(cents):
        cent_singular, cent_plural = currency.get("cents", ["", ""])
        cents_words = cardinal(int(cents), rules)
        if value == 0:
            return f"{cents_words} {cent_singular if int(cents) == 1 else cent_plural}"
        if rules.word("money", "cents") == "named":  # "three pounds and fifty pence"
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
    after, before = _money_res((named_number_pattern(rules), symbols, tuple(rules.table("money_scales")), rules.language))

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
    (« m² », « km/h », « °C ») is also said alone, in the singular. A unit letter that
    is also a scale (``count_scales``: "m", "bn", "k") is the scale before a plural
    noun: "5m people" -> "five million people", "5m wide" -> "five metres wide".
    """
    units = rules.table("units")
    if not units:
        return text
    fractions = rules.table("fractions")

    split_units = rules.words("numbers", "split_decimal_units")
    count_scales = rules.table("count_scales")

    def say(match: re.Match[str]) -> str:
        integer, frac = match.group("int"), match.group("frac")
        scale = count_scales.get(match.group("unit"))
        if scale and not match.group("frac_sign") and _before_plural_noun(match, rules):
            return f"{say_number(integer, frac, rules)} {scale}"  # "5m people": five million people
        if match.group("unit") not in units:
            return match.group(0)  # a scale letter that is not a unit ("a 10k run"): other steps read it
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
            unit = singular if attributive or not takes_plural(whole, rules) else plural
            return f"{cardinal(whole, rules, feminine)} {unit} {cardinal(int(frac), rules)}"
        number = say_number(integer, frac, rules, feminine=feminine)
        return f"{number} {singular if attributive or not takes_plural(value, rules) else plural}"

    text = _unit_re(named_number_pattern(rules), tuple({**units, **count_scales})).sub(say, text)
    # A unit without a number, when it cannot be a word: « le prix au m² » -> « le prix au mètre carré »
    alone = [u for u in units if not u.isalpha()]
    if alone:
        pattern = "|".join(re.escape(u) for u in sorted(alone, key=len, reverse=True))
        text = re.sub(rf"(?<![\w°])({pattern})(?![\w²³])", lambda m: units[m.group(1)][0], text)
    return text


def _before_plural_noun(match: re.Match[str], rules: SpeechRules) -> bool:
    """Whether the word after ``match`` is a plural noun ("people", "homes"): the number
    then counts things, and a unit letter that is also a scale ("m", "bn", "k") is the scale.
    English only (lemminflect's noun tables); other languages keep the unit."""
    following = re.match(r"[ \u00a0\u202f]+([A-Za-z]+)\b", match.string[match.end():])
    if following is None or rules.language != "en":
        return False
    from lemminflect import getAllInflections, getAllLemmas

    word = following.group(1).lower()
    return any(word in getAllInflections(lemma, upos="NOUN").get("NNS", ()) for lemma in getAllLemmas(word).get("NOUN", ()))


def read_symbols(text: str, rules: SpeechRules) -> str:
    """Symbols standing alone, said as words: « A & B » -> « A et B », « 5 + 3 = 8 », « ½ », "§ 4"."""
    symbols = rules.symbols
    if not symbols:
        return text
    for symbol in sorted(symbols, key=len, reverse=True):
        text = text.replace(symbol, f" {symbols[symbol]} ")
    return text


def read_ratios(text: str, rules: SpeechRules) -> str:
    """Slashes that mean "per" or "out of": « 100 000 €/an » -> « … euros par an », « 24h/24 » ->
    « vingt-quatre heures sur vingt-quatre », « 15/20 » -> « quinze sur vingt », "£5/hour" ->
    "five pounds per hour", "3/5" -> "three out of five", "24/7" -> "twenty-four seven".

    Tables ``ratios``: ``per`` (the word) and ``per_units`` (what may follow it), ``out_of``,
    ``units`` (« h », « j » in « 24h/24 », « 7j/7 ») and ``fixed`` (whole expressions).
    Dates, addresses and units with a slash (km/h) were read before.
    """
    table = rules.table("ratios")
    if not table:
        return text
    for written, said in table.get("fixed", {}).items():
        text = re.sub(rf"(?<![\w/]){re.escape(written)}(?![\w/])", said, text)
    per_units = "|".join(re.escape(u) for u in table.get("per_units", ()))
    if per_units:
        text = re.sub(rf"(?<=[^\W\d_])[ \u00a0]?/[ \u00a0]?({per_units})\b", rf" {table['per']} \1", text)
    units = table.get("units", {})
    if units:
        alternatives = "|".join(re.escape(u) for u in units)

        def around(match: re.Match[str]) -> str:
            value = int(match.group(1))
            singular, plural = units[match.group(2)]
            feminine = singular in rules.words("numbers", "feminine_units")
            unit = plural if takes_plural(value, rules) else singular
            return f"{cardinal(value, rules, feminine)} {unit} {table['out_of']} {cardinal(int(match.group(3)), rules, feminine)}"

        text = re.sub(rf"(?<![\d/])(\d{{1,3}})[ \u00a0]?({alternatives})[ \u00a0]?/[ \u00a0]?(\d{{1,3}})(?![\d/])", around, text)
    left, right = named_number_pattern(rules, "a"), named_number_pattern(rules, "b")
    return re.sub(
        rf"(?<![\d/.,])(?P<left>{left})[ \u00a0]?/[ \u00a0]?(?P<right>{right})(?![\d/]|[.,]\d)",
        lambda m: f"{m.group('left')} {table['out_of']} {m.group('right')}",
        text,
    )
