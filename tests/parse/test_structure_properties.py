"""Property tests: any text gives a valid Letter or a ParseError, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from a11y_pub.errors import ParseError
from a11y_pub.model import Letter
from a11y_pub.parse import Line, RawText, structure

LINE_PIECES = st.sampled_from([
    "Madame,", "Monsieur le Président,", "Dear Sir,", "1.", "2)", "IV.", "•", "-", "Premièrement,",
    "Question 1 :", "Q2.", "Réponse :", "Yours sincerely,", "Cordialement,", "Je vous prie d'agréer",
    "Objet :", "Subject:", "À l'attention de", "Alès, le 23 févr. 2026", "3 March 2026", "31/02/2026",
    "Nous", "We", "la", "the", "CSAPA", "INFANTES", "?", ":", "«", "»", "—", "(RdR)", "#", "##", "**",
    "\u200f", "😀", "<script>", "../../etc/passwd", "CON", "", " ",
])
WORD = st.one_of(LINE_PIECES, st.text(min_size=1, max_size=12))
LINE = st.lists(WORD, max_size=14).map(" ".join)


def _raw(lines: list[str], fmt: str = "txt") -> RawText:
    return RawText(path=Path("fuzz.txt"), lines=tuple(Line(t) for t in lines), fmt=fmt)


@pytest.mark.slow  # 300 examples: several seconds
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=40))
@pytest.mark.slow
def test_structure_returns_letter_or_parse_error(lines: list[str]) -> None:
    try:
        letter = structure(_raw(lines))
    except ParseError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(letter, Letter)
    assert Letter.from_json(letter.to_json()) == letter
    assert len({s.slug for s in letter.sections}) == len(letter.sections)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_unicode_text(text: str) -> None:
    try:
        letter = structure(_raw(text.splitlines()))
    except ParseError:
        return
    assert letter.sections


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=st.characters(categories=("L",)), min_size=1, max_size=10), st.integers(1, 30)), min_size=2, max_size=8))
def test_numbered_items_never_lose_text(items: list[tuple[str, int]]) -> None:
    lines = ["Madame,", ""]
    for index, (word, _) in enumerate(items, 1):
        lines += [f"{index}. Titre {word} Nous ferons {word} ensemble.", ""]
    lines += ["Cordialement,", "", "Paul"]
    letter = structure(_raw(lines))
    assert len(letter.commitments) == len(items)
    for section, (word, _) in zip(letter.commitments, items, strict=False):
        assert word in section.title + " " + " ".join(section.paragraphs)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nous sommes là pour vous et avec vous. We are here.", "fr"),
        ("Dear Sir, we will build the homes that our town needs.", "en"),
        ("Madame, nous ferons de notre mieux pour la ville.", "fr"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    from a11y_pub.parse.structure import detect_language

    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "lines,expected",
    [
        (["une addic-", "tion forte"], "une addiction forte"),
        (["un demi-", "siècle"], "un demi-siècle"),
        (["la ville  de", "  Nîmes"], "la ville de Nîmes"),
        (["Vil-", "le"], "Ville"),
        (["Ville-", "Association"], "Ville-Association"),
    ],
)
def test_join_lines(lines: list[str], expected: str) -> None:
    from a11y_pub.parse.structure import join_lines

    assert join_lines(lines, "fr") == expected


@pytest.mark.parametrize(
    "title,expected",
    [
        ("LOGEMENT", "Logement"),
        ("LOGEMENT ET TRANSPORTS", "Logement et transports"),
        ("SOUTIEN AU CSAPA", "Soutien au CSAPA"),
        ("CSAPA", "CSAPA"),
        ("Logement", "Logement"),
        ("Soutien au CSAPA", "Soutien au CSAPA"),
    ],
)
def test_unshout(title: str, expected: str) -> None:
    from a11y_pub.parse.structure import unshout

    assert unshout(title, "fr") == expected
