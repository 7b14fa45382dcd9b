"""Letters written by someone who had not seen the code, kept as regression fixtures.

Two sets: ``held-out/`` (24 letters, text, Markdown and e-mail) and
``held-out-2/`` (16 letters as staff receive them: DOCX, PDF, e-mail, text
and Markdown, with the ``make.py`` their writer made them with). Each
``NAME.*`` has a hand-written ``NAME.expected.json`` (see ``scoring.py``).
``fields-right.json`` records, per letter, the fields the parser has right:
none of them may go wrong again. The content accounting holds on every one
of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.parse import parse_letter, read_raw, structure
from a11y_pub.parse.accounting import account

from .scoring import field_results

LETTERS = Path(__file__).resolve().parent.parent / "letters"
SETS = {"held-out": 24, "held-out-2": 16}
RIGHT = {
    folder: json.loads((LETTERS / folder / "fields-right.json").read_text(encoding="utf-8")) for folder in SETS
}
SOURCES = sorted(
    p for folder in SETS for p in (LETTERS / folder).iterdir() if not p.name.endswith(".json") and p.name != "make.py"
)


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", SOURCES, ids=_id)
def test_held_out_fields_stay_right(path: Path) -> None:
    name = path.name.rsplit(".", 1)[0]
    expected = json.loads((path.parent / f"{name}.expected.json").read_text(encoding="utf-8"))
    results = field_results(parse_letter(path), expected)
    assert [f for f in RIGHT[path.parent.name][name] if not results[f]] == []


@pytest.mark.parametrize("path", SOURCES, ids=_id)
def test_held_out_letters_are_accounted_for(path: Path) -> None:
    raw = read_raw(path)
    result = account(raw.source_text, structure(raw))
    assert result.missing == () and result.extra == ()


@pytest.mark.parametrize(("folder", "count"), SETS.items())
def test_every_held_out_letter_has_an_expectation(folder: str, count: int) -> None:
    sources = [p for p in SOURCES if p.parent.name == folder]
    assert len(sources) == count == len(RIGHT[folder])
    assert all(p.with_name(p.name.rsplit(".", 1)[0] + ".expected.json").is_file() for p in sources)
