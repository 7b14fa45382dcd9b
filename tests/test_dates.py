"""Dates written out: one form for print, speech and easy read."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.dates import written_date
from a11y_pub.parse.structure.header import find_date, parse_date, quick_date


@pytest.mark.parametrize(
    "date,language,expected",
    [
        (dt.date(2026, 2, 23), "fr", "23 février 2026"),
        (dt.date(2026, 3, 1), "fr", "1er mars 2026"),
        (dt.date(2026, 3, 3), "en", "3 March 2026"),
        (dt.date(2026, 3, 1), "en", "1 March 2026"),
    ],
)
def test_written_date(date: dt.date, language: str, expected: str) -> None:
    assert written_date(date, language) == expected


# -- reading: the fast path agrees with dateparser ---------------------------------

_FORMS = {
    "fr": ("d MMMM y", "d MMM y", "EEEE d MMMM y", "dd/MM/y", "d.MM.y", "y-MM-dd"),
    "en": ("d MMMM y", "d MMM y", "MMMM d, y", "MMM d y", "dd/MM/y", "y-MM-dd"),
}


@settings(max_examples=150, deadline=None)
@given(
    date=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    language=st.sampled_from(["fr", "en"]),
    form=st.integers(min_value=0, max_value=5),
    folded=st.booleans(),
)
@pytest.mark.slow
def test_quick_date_reads_what_dateparser_reads(date: dt.date, language: str, form: int, folded: bool) -> None:
    from babel.dates import format_date
    from slugify import slugify

    text = format_date(date, _FORMS[language][form], locale={"fr": "fr_FR", "en": "en_GB"}[language])
    if folded:  # letters typed without accents: « 23 fevrier 2026 »
        text = " ".join(slugify(w) if w.isalpha() else w for w in text.split(" "))
    match = find_date(text)
    assert match is not None, text
    quick = quick_date(match, language)
    if form in (0, 4, 5) or (form == 3 and language == "fr"):  # full month names and numbers: always the fast path
        assert quick is not None, text
    if quick is not None:
        assert quick == parse_date(match.group(0), language) == date.isoformat(), text


@pytest.mark.parametrize(
    "text,language,expected",
    [
        ("Paris, le 1er mars 2026", "fr", "2026-03-01"),
        ("le 23 févr. 2026", "fr", "2026-02-23"),
        ("Lyon, 3 March 2026", "fr", "2026-03-03"),  # an English month in a French letter
        ("March 3rd, 2026", "en", "2026-03-03"),
        ("31/02/2026", "fr", None),  # impossible: left to dateparser, which refuses it too
    ],
)
def test_quick_date_common_forms(text: str, language: str, expected: str | None) -> None:
    match = find_date(text)
    assert match is not None
    assert (quick_date(match, language) or parse_date(match.group(0), language)) == expected
