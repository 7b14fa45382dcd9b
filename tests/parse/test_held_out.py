"""Letters written by someone who had not seen the code, kept as regression fixtures.

Each ``held-out/NAME.*`` has a hand-written ``NAME.expected.json`` (see
``scoring.py``). ``fields-right.json`` records, per letter, the fields the
parser had right when they were added: none of them may go wrong again.
The content accounting holds on every one of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.parse import parse_letter, read_raw, structure
from a11y_pub.parse.accounting import account

from .scoring import field_results

HELD_OUT = Path(__file__).resolve().parent.parent / "letters" / "held-out"
RIGHT = json.loads((HELD_OUT / "fields-right.json").read_text(encoding="utf-8"))
SOURCES = sorted(p for p in HELD_OUT.iterdir() if not p.name.endswith(".json"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_held_out_fields_stay_right(path: Path) -> None:
    name = path.name.rsplit(".", 1)[0]
    expected = json.loads((HELD_OUT / f"{name}.expected.json").read_text(encoding="utf-8"))
    results = field_results(parse_letter(path), expected)
    assert [f for f in RIGHT[name] if not results[f]] == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_held_out_letters_are_accounted_for(path: Path) -> None:
    raw = read_raw(path)
    result = account(raw.source_text, structure(raw))
    assert result.missing == () and result.extra == ()


def test_every_held_out_letter_has_an_expectation() -> None:
    assert len(SOURCES) == 24 == len(RIGHT)
