"""Dates written out: one form for print, speech and easy read."""

from __future__ import annotations

import datetime as dt

import pytest

from a11y_pub.dates import written_date


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
