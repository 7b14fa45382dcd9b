"""Content accounting: the words of the input equal the words of the model plus ``left_out``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from a11y_pub.model import LeftOut
from a11y_pub.parse import read_raw, structure
from a11y_pub.parse.accounting import account, words

LETTERS = Path(__file__).resolve().parent.parent / "letters"
FIXTURES = sorted(p for p in LETTERS.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf", ".eml", ".odt"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_is_accounted_for(path: Path) -> None:
    raw = read_raw(path)
    result = account(raw.source_text, structure(raw))
    assert result.missing == ()
    assert result.extra == ()
    assert result.input_words > 0


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Objet : la santé", {"objet": 1, "la": 1, "santé": 1}),
        ("L'école, l'ÉCOLE", {"l": 2, "école": 2}),
        ("12 000 €", {"12": 1, "000": 1}),
        ("a_b — c", {"a": 1, "b": 1, "c": 1}),
        ("", {}),
    ],
)
def test_words(text: str, expected: dict[str, int]) -> None:
    assert dict(words(text)) == expected


def _sample() -> tuple[str, object]:
    raw = read_raw(LETTERS / "fr-puces.txt")
    return raw.text, structure(raw)


def test_a_dropped_section_is_missing() -> None:
    text, letter = _sample()
    shorter = replace(letter, sections=letter.sections[:-1])
    dropped = words(letter.sections[-1].text)
    result = account(text, shorter)
    assert result.missing and {w for w, _ in result.missing} <= set(dropped)


def test_an_invented_word_is_extra() -> None:
    text, letter = _sample()
    result = account(text, replace(letter, subject=letter.subject + " zanzibar"))
    assert result.extra == (("zanzibar", 1),)


def test_left_out_text_counts() -> None:
    text, letter = _sample()
    result = account(text + "\nquoted history here", replace(letter, left_out=(LeftOut("quoted history here", "quoted-history"),)))
    assert result.missing == ()


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç", min_size=2, max_size=9)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=3).map(" ".join)


@st.composite
def _letters(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["Madame la Présidente,", "Dear Ms Smith,", "Monsieur,"]))]
    parts += draw(st.lists(_PARAGRAPH, min_size=1, max_size=3))
    layout = draw(st.sampled_from(["numbered", "bullets", "none"]))
    items = draw(st.lists(_PARAGRAPH, min_size=1, max_size=4))
    if layout == "numbered":
        parts += [f"{i}. {item}" for i, item in enumerate(items, 1)]
    elif layout == "bullets":
        parts.append("\n".join(f"- {item}" for item in items))
    parts += draw(st.lists(_PARAGRAPH, min_size=0, max_size=2))
    parts.append(draw(st.sampled_from(["Cordialement,", "Kind regards,", "Bien à vous,"])))
    parts.append(draw(st.sampled_from(["Jeanne Dupont", "Tom Baker\nCandidate"])))
    return "\n\n".join(parts) + "\n"


@given(text=_letters())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_letters_are_accounted_for(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("acc") / "letter.txt"
    path.write_text(text, encoding="utf-8")
    raw = read_raw(path)
    result = account(raw.text, structure(raw))
    assert result.missing == ()
    assert result.extra == ()
