"""The easy-read checker: each rule with passing and failing sentences, figures, exit verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.easyread import CheckOptions, check_text, format_report
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.errors import LexiconError

LETTERS = Path(__file__).resolve().parent.parent / "letters"

# (language, rule, sentence that passes, sentence that breaks the rule)
RULES = [
    ("fr", "too-long", "La mairie aide les familles.",
     "La mairie aide les familles de la ville avec de l'argent et des conseils pour le logement et pour les enfants."),
    ("en", "too-long", "The council helps families.",
     "The council helps families in the town with money and advice about housing and about their children every week."),
    ("fr", "clauses", "La mairie aide les familles.", "La mairie aide les familles et elle construit des écoles."),
    ("en", "clauses", "The council helps families.", "The council helps families and it builds schools."),
    ("fr", "passive", "La mairie répare les routes.", "Les routes sont réparées par la mairie."),
    ("en", "passive", "The council repairs the roads.", "The roads are repaired by the council."),
    ("fr", "acronym", "La mairie aide les familles.", "La mairie aide les familles avec la CAF."),
    ("en", "acronym", "The council helps families.", "The council helps families with the DWP."),
    ("fr", "rare-word", "La mairie aide les familles.", "La mairie aide les familles vulnérabilisées."),
    ("en", "rare-word", "The council helps families.", "The council helps disenfranchised families."),
    ("fr", "number-in-words", "La mairie ouvre 3 écoles.", "La mairie ouvre trois écoles."),
    ("en", "number-in-words", "The council opens 3 schools.", "The council opens three schools."),
    ("fr", "parentheses", "La mairie ouvre 3 écoles.", "La mairie ouvre 3 écoles (en ville)."),
    ("en", "parentheses", "The council opens 3 schools.", "The council opens 3 schools (in town)."),
    ("fr", "semicolon", "La mairie ouvre 3 écoles.", "La mairie ouvre 3 écoles ; elles sont neuves."),
    ("en", "semicolon", "The council opens 3 schools.", "The council opens 3 schools; they are new."),
    ("fr", "negations", "La mairie ne ferme pas les écoles.", "La mairie ne ferme pas les écoles sans raison."),
    ("en", "negations", "The council does not close schools.", "The council does not close schools without a reason."),
    ("fr", "capitals", "La mairie ouvre 3 écoles.", "La mairie ouvre 3 écoles GRATUITES."),
    ("en", "capitals", "The council opens 3 schools.", "The council opens 3 FREE schools."),
]


def _rules(text: str, language: str) -> set[str]:
    return {f.rule for f in check_text(text, language).findings}


@pytest.mark.parametrize(("language", "rule", "good", "bad"), RULES, ids=[f"{r[0]}-{r[1]}" for r in RULES])
def test_rule_flags_the_bad_sentence_only(language: str, rule: str, good: str, bad: str) -> None:
    assert rule not in _rules(good, language)
    assert rule in _rules(bad, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Le CCAS aide les familles.\n\n## Mots difficiles\n\n- **CCAS** : Le service social de la mairie."),
        ("fr", "Le centre communal d'action sociale (CCAS) aide les familles."),
        ("en", "The DWP pays benefits.\n\n## Difficult words\n\n- **DWP** : The office that pays benefits."),
    ],
)
def test_acronym_explained_by_glossary_or_expansion(language: str, text: str) -> None:
    assert "acronym" not in _rules(text, language)


def test_rare_word_in_glossary_is_explained() -> None:
    text = "La mairie aide les familles vulnérabilisées.\n\n## Mots difficiles\n\n- **vulnérabilisées** : Qui sont fragiles."
    assert "rare-word" not in _rules(text, "fr")


def test_findings_carry_line_numbers() -> None:
    text = "# Titre\n\nLa mairie aide les familles.\n\nLa mairie ouvre trois écoles."
    report = check_text(text, "fr")
    assert [(f.rule, f.line) for f in report.findings] == [("number-in-words", 5)]


def test_average_rule_uses_target() -> None:
    text = "La mairie aide les familles de la ville avec de l'argent."  # 11 words
    assert check_text(text, "fr").passed
    report = check_text(text, "fr", CheckOptions(target_average=8))
    assert [f.rule for f in report.findings] == ["average"]


def test_kandel_moles_figure_follows_formula() -> None:
    report = check_text("Le chat dort.", "fr")
    fig = report.figures
    expected = 207 - 1.015 * 3 - 73.6 * fig["syllables_per_word"]
    assert fig["readability"]["name"] == "kandel_moles"
    assert fig["readability"]["score"] == pytest.approx(expected, abs=0.1)
    assert check_text("The cat sleeps.", "en").figures["readability"]["name"] == "flesch_reading_ease"


def test_original_letter_fails() -> None:
    text = (LETTERS / "lettre-infantes-ekko-2026-02-23.txt").read_text(encoding="utf-8")
    report = check_text(text, "fr")
    assert not report.passed
    counts = report.counts()
    assert counts["too-long"] >= 10 and counts["acronym"] >= 3 and counts["parentheses"] >= 3
    assert report.figures["average_words"] > 12
    assert report.figures["max_words"] > 30


def test_report_formats() -> None:
    report = check_text("La mairie ouvre trois écoles.", "fr")
    text = format_report(report)
    assert "line 1: number-in-words" in text and text.rstrip().endswith("FAIL: 1 problem(s)")
    data = report.to_dict()
    assert data["passed"] is False and data["findings"][0]["line"] == 1
    assert '"schema": "a11y-pub/easyread-check@1"' in format_report(report, "json")
    with pytest.raises(ValueError):
        format_report(report, "xml")


def test_lexicon_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "lexique.toml"
    bad.write_text('[replace]\n"a" = "b"\n"c" = \n', encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_language_data("fr", bad)
    assert caught.value.line == 3 and caught.value.path == bad
    assert str(caught.value).startswith(f"{bad}:3: ")
