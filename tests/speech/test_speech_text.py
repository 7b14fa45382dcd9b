"""Speech text: each normalisation step on a table of cases, sentences, the lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.errors import LexiconError
from a11y_pub.speech.lexicon import load_lexicon, parse_lexicon, read_lexicon
from a11y_pub.speech.normalize import (
    DEFAULT_STEPS,
    apply_lexicon,
    drop_bullets,
    drop_typographic_noise,
    drop_unspeakable,
    expand_abbreviations,
    read_dates,
    read_ordinals,
    read_postal_codes,
    read_symbols,
    rules_for,
    split_sentences,
    steps_for,
    tidy_spaces,
    to_speech,
    undo_line_hyphens,
    unify_quotes,
)

FR = rules_for("fr")
EN = rules_for("en")


@pytest.mark.parametrize(
    "step, rules, text, expected",
    [
        (undo_line_hyphens, FR, "accompa-\ngnement", "accompagnement"),
        (undo_line_hyphens, FR, "Ville-\nAssociation", "Ville-Association"),
        (undo_line_hyphens, FR, "pré\u00advention", "prévention"),
        (undo_line_hyphens, FR, "avant - après", "avant - après"),
        (drop_bullets, FR, "• un\n- deux\n* trois", "un\ndeux\ntrois"),
        (drop_bullets, FR, "  – quatre", "quatre"),
        (drop_bullets, FR, "Ville-Association", "Ville-Association"),
        (unify_quotes, FR, "« Alès »", " Alès "),
        (unify_quotes, FR, "“Alès”, „Alès“", "Alès, Alès"),
        (unify_quotes, FR, "lʼété l′été l´été", "l’été l’été l’été"),
        (drop_typographic_noise, FR, "oui — non", "oui, non"),
        (drop_typographic_noise, FR, "Quoi !!!", "Quoi !"),
        (expand_abbreviations, FR, "M. Dupont", "Monsieur Dupont"),
        (expand_abbreviations, FR, "Mme Durand et Mlle Roux", "Madame Durand et Mademoiselle Roux"),
        (expand_abbreviations, FR, "le 23 févr. 2026", "le 23 février 2026"),
        (expand_abbreviations, FR, "n° 12 et n°13", "numéro 12 et numéro 13"),
        (expand_abbreviations, FR, "des livres, etc.", "des livres, et cetera."),
        (expand_abbreviations, FR, "Mmex et M", "Mmex et M"),
        (expand_abbreviations, EN, "Mr. Smith and Dr. Jones", "Mister Smith and Doctor Jones"),
        (expand_abbreviations, EN, "e.g. No. 5", "for example number 5"),
        (read_dates, FR, "le 23/02/2026", "le vingt-trois février deux mille vingt-six"),
        (read_dates, FR, "le 2026-03-01", "le premier mars deux mille vingt-six"),
        (read_dates, FR, "le 31/02/2026", "le 31/02/2026"),
        (read_dates, EN, "on 2026-02-23", "on the twenty-third of February twenty twenty-six"),
        (read_postal_codes, FR, "30100 Alès", "trente mille cent Alès"),
        (read_postal_codes, FR, "75001 Paris", "soixante-quinze mille un Paris"),
        (read_postal_codes, FR, "30100 habitants", "30100 habitants"),
        (read_postal_codes, EN, "30100 Alès", "30100 Alès"),
        (read_ordinals, FR, "le 1er mars, la 1re fois, le 2e tour", "le premier mars, la première fois, le deuxième tour"),
        (read_symbols, FR, "% et €", " pour cent  et  euros "),
        (read_symbols, EN, "A & B", "A  and  B"),
        (drop_unspeakable, FR, "ok 😀👍🏽 ★ → fin", "ok         fin"),
        (drop_unspeakable, FR, "é (e\u0301)", "é (e\u0301)"),
        (apply_lexicon, FR, "la réduction des risques (RdR)", "la réduction des risques"),
        (apply_lexicon, FR, "le RdR et le CSAPA", "le réduction des risques et le cé-sapa"),
        (apply_lexicon, FR, "le CCAS", "le CCAS"),
        (apply_lexicon, FR, "Conseil Local de Santé Mentale (CLSM)", "Conseil Local de Santé Mentale"),
        (apply_lexicon, FR, "CSAPAX et d’EKKO", "CSAPAX et d’Écko"),
        (tidy_spaces, FR, "  un ,  deux .\n", "un, deux."),
        (tidy_spaces, FR, "point un\npoint deux", "point un. point deux"),
        (tidy_spaces, FR, "Engagement un sur trois : .", "Engagement un sur trois."),
        (tidy_spaces, FR, "Quelle place ? .", "Quelle place ?"),
        (tidy_spaces, FR, "Objet  :  la ville", "Objet : la ville"),
        (tidy_spaces, EN, "Subject  :  the town", "Subject: the town"),
    ],
)
def test_step(step, rules, text: str, expected: str) -> None:
    assert step(text, rules) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("M. Dupont, 30100 Alès, le 23/02/2026.", "fr", "Monsieur Dupont, trente mille cent Alès, le vingt-trois février deux mille vingt-six."),
        ("• Soutien à la réduction des risques (RdR) 😀", "fr", "Soutien à la réduction des risques"),
        ("😀 ★ ♥", "fr", ""),
        ("", "fr", ""),
        ("Mr. Smith & EKKO", "en", "Mister Smith and Ecko"),
    ],
)
def test_to_speech(text: str, lang: str, expected: str) -> None:
    assert to_speech(text, lang) == expected


def test_steps_are_a_tuple_and_bind_to_str_functions() -> None:
    assert isinstance(DEFAULT_STEPS, tuple)
    steps = steps_for("fr")
    assert len(steps) == len(DEFAULT_STEPS)
    text = "M. X"
    for step in steps:
        text = step(text)
    assert text == "Monsieur X"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bonjour M. Dupont. Nous sommes le 23 févr. 2026. Voici.", ["Bonjour M. Dupont.", "Nous sommes le 23 févr. 2026.", "Voici."]),
        ("Voici nos engagements : Le premier.", ["Voici nos engagements :", "Le premier."]),
        ("Un.\nDeux\n\nTrois !", ["Un.", "Deux", "Trois !"]),
        ("Signé J. Martin.", ["Signé J. Martin."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "fr") == expected


def test_split_sentences_cuts_long_runs() -> None:
    text = ", ".join(["les structures de terrain"] * 800)  # ~20,000 characters, one sentence
    pieces = split_sentences(text, "fr")
    assert all(0 < len(p) <= 300 for p in pieces)
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


# -- lexicon ---------------------------------------------------------------


def test_shipped_lexicons_load() -> None:
    for lang in ("fr", "en"):
        table = load_lexicon(lang).table
        assert "RdR" in table and "EKKO" in table
    assert load_lexicon("fr").table["RdR"].alias == "réduction des risques"
    for term in ("CSAPA", "CAARUD", "CLSM", "CLS", "CCAS"):
        assert term in load_lexicon("fr").table


def test_user_lexicon_overrides_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[lexeme]]\ngrapheme = "CCAS"\nalias = "centre communal"\n\n'
                    '[[lexeme]]\ngrapheme = ["Blannaves"]\nalias = "Blanave"\n', encoding="utf-8")
    lexicon = load_lexicon("fr", path)
    assert to_speech("le CCAS de Blannaves et le CLS", "fr", lexicon) == "le centre communal de Blanave et le C L S"


@pytest.mark.parametrize(
    "content, line, problem",
    [
        ('language = "fr"\n\n[[lexeme]]\ngrapheme = "X"\nalias = oops\n', 5, "lexicon is not valid TOML"),
        ('[[lexeme]]\ngrapheme = "X"\nalias = "x"\n[[lexeme\n', 4, "lexicon is not valid TOML"),
        ('[[lexeme]]\ngrapheme = "X"\nalias = "x"\n\n[[lexeme]]\ngrapheme = "Y"\n', 5, "lexeme 'Y' needs an 'alias'"),
        ('[[lexeme]]\ngrapheme = "X"\nphoneme = 3\n', 1, "lexeme 'X': 'phoneme' must be text"),
        ('[[lexeme]]\ngrapheme = "X"\nalias = "x"\nsay = "y"\n', 1, "lexeme 'X': unknown key(s) say"),
        ('[[lexeme]]\nalias = "x"\n', 1, "lexeme 1 needs a 'grapheme'"),
    ],
)
def test_lexicon_errors_name_file_and_line(tmp_path: Path, content: str, line: int, problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_lexicon(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: {problem}")
    assert "\n" not in message
    assert info.value.line == line and info.value.exit_code == 2


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="lexicon file not found"):
        load_lexicon("fr", tmp_path / "none.toml")


def test_parse_lexicon_keeps_source() -> None:
    lexicon = parse_lexicon('[[lexeme]]\ngrapheme = "A"\nalias = "a"\n', "inline")
    assert lexicon.sources == ("inline",)
