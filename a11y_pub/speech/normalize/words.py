"""Numbers said as words: cardinals, ordinals, decimals, digits, years (through num2words).

Not steps: helpers the steps share. Every function takes the language's
``SpeechRules`` and returns words in that language. Where num2words reads a
form the way a careful reader would (cardinals, ordinals, English years),
it is used as it is; the tables in ``data/speech/<lang>.toml`` add what it
does not know (the decimal word, how the fractional part is read, the
feminine « une », the telephone zero "oh").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from num2words import num2words

from .rules import SpeechRules

_SUPPORTED = ("fr", "en")


def _lang(rules: SpeechRules) -> str:
    return rules.language if rules.language in _SUPPORTED else "en"


@cache
def _cardinal(number: int, lang: str) -> str:
    return num2words(number, lang=lang).replace(",", "")


def cardinal(number: int, rules: SpeechRules, feminine: bool = False) -> str:
    """``21`` -> « vingt et un » (« vingt et une » when ``feminine``), "twenty-one"; negatives with « moins »/"minus"."""
    if number < 0:
        return f"{rules.word('numbers', 'minus', 'minus')} {cardinal(-number, rules, feminine)}"
    words = _cardinal(number, _lang(rules))
    if feminine:
        for masculine, feminine_form in rules.table("feminine").items():
            words = re.sub(rf"\b{re.escape(masculine)}$", feminine_form, words)
    return words


@cache
def _ordinal(number: int, lang: str) -> str:
    return num2words(number, lang=lang, to="ordinal").replace(",", "")


def ordinal(number: int, rules: SpeechRules, feminine: bool = False) -> str:
    """``1`` -> « premier » / « première » (``feminine``), ``18`` -> « dix-huitième », "eighteenth"."""
    if number == 1 and feminine:
        return rules.word("ordinals", "first_feminine") or _ordinal(1, _lang(rules))
    return _ordinal(number, _lang(rules))


def digits(text: str, rules: SpeechRules, zero: str = "") -> str:
    """Each digit of ``text`` as a word: ``"007"`` -> « zéro zéro sept »; ``zero`` replaces the word for 0."""
    figures = [unicodedata.digit(d) for d in text if d.isdigit()]  # any script's figures, superscripts too
    return " ".join((zero or cardinal(0, rules)) if d == 0 else cardinal(d, rules) for d in figures)


def fraction(text: str, rules: SpeechRules) -> str:
    """The digits after a decimal mark, as said after « virgule » / "point".

    French reads a short fraction as a number after its leading zeros
    (``05`` -> « zéro cinq », ``25`` -> « vingt-cinq »); English reads digits
    (``25`` -> "two five"). The rule is ``numbers.fraction`` in the tables
    (``number`` or ``digits``); more than three digits are always read one by one.
    """
    if rules.word("numbers", "fraction") == "number" and len(text) <= 3:
        stripped = text.lstrip("0")
        zeros = [cardinal(0, rules)] * (len(text) - len(stripped))
        return " ".join([*zeros, cardinal(int(stripped), rules)] if stripped else zeros)
    return digits(text, rules)


def decimal(integer: int, frac: str, rules: SpeechRules, feminine: bool = False) -> str:
    """``integer`` and the digits after the mark: (2, "5") -> « deux virgule cinq », "two point five"."""
    whole = cardinal(integer, rules, feminine and not frac)
    if not frac:
        return whole
    return f"{whole} {rules.word('numbers', 'decimal_word', 'point')} {fraction(frac, rules)}"


def year(number: int, rules: SpeechRules) -> str:
    """A year: « deux mille vingt-six »; "twenty twenty-six", "nineteen oh-five", "two thousand and five".

    English years 1100-2099 are read in pairs (num2words' ``year``); other
    numbers and French years are cardinals.
    """
    if _lang(rules) == "en" and 1100 <= number <= 2099:
        return num2words(number, lang="en", to="year").replace(",", "")
    return cardinal(number, rules)


def number_pattern(rules: SpeechRules) -> str:
    """A regex (no groups of its own but named ``int`` and ``frac``) for a written number in ``rules``' language.

    Thousands separators and the decimal mark come from the tables: French
    ``12 000``, ``12 000``, ``12.000`` and ``2,5``; English ``12,000``,
    ``12 000`` and ``2.5``. A group after a separator has exactly three digits.
    """
    seps = "".join(re.escape(s) for s in rules.words("numbers", "thousands_separators")) or ","
    mark = re.escape(rules.word("numbers", "decimal_mark", "."))
    return rf"(?P<int>\d{{1,3}}(?:[{seps}]\d{{3}})+(?!\d)|\d+)(?:{mark}(?P<frac>\d+))?"


def integer_value(written: str) -> int:
    """The integer a written integer part stands for: ``"12 000"`` -> 12000."""
    return int("".join(str(unicodedata.decimal(c)) for c in written if c.isdecimal()))


def say_number(integer: str, frac: str | None, rules: SpeechRules, feminine: bool = False) -> str:
    """A written number (as matched by ``number_pattern``) in words."""
    return decimal(integer_value(integer), frac or "", rules, feminine)


def named_number_pattern(rules: SpeechRules, prefix: str = "") -> str:
    """``number_pattern`` with its groups renamed ``<prefix>int`` / ``<prefix>frac`` (two numbers in one regex)."""
    pattern = number_pattern(rules)
    return pattern.replace("?P<int>", f"?P<{prefix}int>").replace("?P<frac>", f"?P<{prefix}frac>")


def takes_plural(value: float, rules: SpeechRules) -> bool:
    """Whether a noun after ``value`` is plural: French from 2 (« 1,5 kilomètre »), English for
    anything but 1 (``numbers.plural_from``)."""
    limit = rules.table("numbers").get("plural_from", 2)
    return abs(value) >= limit if limit != 1 else abs(value) != 1
