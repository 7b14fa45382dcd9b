"""Dates written out in the letter's language, the same way in every output."""

from __future__ import annotations

import datetime as _dt

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def written_date(date: _dt.date, language: str) -> str:
    """``23 février 2026``, ``1er mars 2026``, ``3 March 2026`` (British order in English).

    Used for print, speech and the easy-read text alike, so a listener hears
    the date the reader sees.
    """
    from babel.dates import format_date

    written = format_date(date, format="long", locale=_LOCALES.get(language, language))
    if language == "fr" and date.day == 1 and written.startswith("1 "):
        written = "1er" + written[1:]
    return written


def month_numbers(language: str) -> dict[str, int]:
    """Month names and abbreviations of ``language`` (CLDR, via babel), lower case,
    with and without accents and final dot -> month number."""
    from babel import Locale
    from slugify import slugify

    locale = Locale.parse(_LOCALES.get(language, language))
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                name = name.lower().rstrip(".")
                names[name] = number
                names[slugify(name)] = number  # février -> fevrier, août -> aout
    return names


def read_date(day: str, month: str, year: str, language: str) -> _dt.date | None:
    """The date ``day month year`` (month as a number or a name in ``language``); None if unknown or impossible.

    A fast path for the common written forms (``23 février 2026``, ``3 March 2026``,
    ``23/02/2026``); anything it does not know goes to dateparser.
    """
    if month.isdigit():
        number: int | None = int(month)
    else:
        number = month_numbers(language).get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return _dt.date(int(year), number, int(day))
    except ValueError:
        return None
