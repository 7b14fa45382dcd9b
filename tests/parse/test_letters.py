"""The parser on real-looking letters: every fixture against its golden model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.model import Letter
from a11y_pub.parse import parse_letter

from ..golden import assert_matches_golden

LETTERS = Path(__file__).resolve().parent.parent / "letters"
FIXTURES = sorted(p for p in LETTERS.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf"))


def test_there_are_enough_varied_fixtures() -> None:
    languages = {parse_letter(p).language for p in FIXTURES}
    assert len(FIXTURES) >= 9
    assert languages == {"fr", "en"}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_matches_golden_model(path: Path) -> None:
    letter = parse_letter(path)
    expected = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
    assert_matches_golden(letter.to_dict(), expected)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_round_trips_through_json(path: Path) -> None:
    letter = parse_letter(path)
    assert Letter.from_json(letter.to_json()) == letter


def test_sample_letter_exactly(sample_path: Path) -> None:
    letter = parse_letter(sample_path)
    assert letter.language == "fr"
    assert letter.date == "2026-02-23"
    assert letter.place == "Alès"
    assert letter.author == "Marc INFANTES"
    assert (letter.recipient.civility, letter.recipient.name) == ("Monsieur", "Bruno MANGIN")
    assert [s.kind for s in letter.sections] == ["introduction", *["commitment"] * 5, "conclusion", "appendix"]
    intro = letter.sections[0]
    assert [p.split()[0:3] for p in intro.paragraphs] == [
        ["Par", "votre", "courrier,"], ["Nous", "considérons", "que"], ["Voici", "nos", "engagements"]
    ]
    titles_and_starts = [(s.number, s.title, s.paragraphs[0][:20]) for s in letter.commitments]
    assert titles_and_starts == [
        (1, "Renforcer le partenariat Ville-Association", "Nous nous engageons "),
        (2, "Agir sur la prévention précoce et le milieu scolaire", "La prévention des ad"),
        (3, "Soutien à la réduction des risques (RdR) et à l'inclusion", "Nous sommes conscien"),
        (4, "Une approche globale de la vulnérabilité", "Les addictions sont "),
        (5, "Sécurité et Santé : une vision équilibrée", "Pour nous, la sécuri"),
    ]
    assert letter.sections[-2].paragraphs[0].startswith("Monsieur le Président, si les Alésiens nous font confiance")
    appendix = letter.sections[-1]
    assert appendix.title == "Engagements associatifs" and len(appendix.items) == 4
    assert letter.closing.startswith("Je vous prie d'agréer")
    assert letter.signature == "Marc Infantes"
    expected = json.loads((LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text(encoding="utf-8"))
    assert letter.to_dict() == expected


def test_no_list_letter_warns_and_keeps_paragraphs(caplog: pytest.LogCaptureFixture) -> None:
    letter = parse_letter(LETTERS / "fr-sans-liste.txt")
    assert {s.kind for s in letter.sections} == {"paragraph"}
    assert "no list of commitments" in caplog.text
