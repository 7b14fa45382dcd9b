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
