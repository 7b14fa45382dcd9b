"""Phrases built from names: French elision and articles, names in capitals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a11y_pub.phrases import capital_names, fix_capitals, of_name, starts_with_vowel_sound, to_name


@pytest.mark.parametrize(
    ("name", "of", "to"),
    [
        ("Marc Infantes", "de Marc Infantes", "à Marc Infantes"),
        ("Élise Martin", "d’Élise Martin", "à Élise Martin"),
        ("Hélène Roy", "d’Hélène Roy", "à Hélène Roy"),
        ("Yannick Noah", "de Yannick Noah", "à Yannick Noah"),
        ("Hugo Lemaire", "de Hugo Lemaire", "à Hugo Lemaire"),
        ("Association Ekko", "de l’Association Ekko", "à l’Association Ekko"),
        ("Collectif Santé Alès", "du Collectif Santé Alès", "au Collectif Santé Alès"),
        ("Mairie de Lyon", "de la Mairie de Lyon", "à la Mairie de Lyon"),
        ("Union locale CGT", "de l’Union locale CGT", "à l’Union locale CGT"),
        ("Amis de la Terre", "des Amis de la Terre", "aux Amis de la Terre"),
        ("La Ligue contre le cancer", "de la Ligue contre le cancer", "à la Ligue contre le cancer"),
        ("Le Comité des fêtes", "du Comité des fêtes", "au Comité des fêtes"),
        ("L'Escale", "de l’Escale", "à l’Escale"),
        ("Office du tourisme", "de l’Office du tourisme", "à l’Office du tourisme"),
        ("EKKO", "d’EKKO", "à EKKO"),
    ],
)
def test_french_phrases_elide_and_take_the_article(name: str, of: str, to: str) -> None:
    assert of_name(name, "fr") == of
    assert to_name(name, "fr") == to


@pytest.mark.parametrize("name", ["Association Ekko", "Priya Shah", "The Ramblers"])
def test_english_names_are_left_as_written(name: str) -> None:
    assert of_name(name, "en") == name == to_name(name, "en")


@pytest.mark.parametrize(
    ("word", "elides"),
    [("Élise", True), ("avenue", True), ("Hélène", True), ("Hollande", False), ("Marc", False), ("Yolande", False), ("Yves", True)],
)
def test_vowel_sounds(word: str, elides: bool) -> None:
    assert starts_with_vowel_sound(word) is elides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marc INFANTES répond.", "Marc Infantes répond."),
        ("Monsieur Bruno MANGIN, président du CAARUD", "Monsieur Bruno Mangin, président du CAARUD"),
        ("M. JEAN-PIERRE et le CSAPA", "M. Jean-Pierre et le CSAPA"),
        ("Le CSAPA et EKKO", "Le CSAPA et EKKO"),
    ],
)
def test_names_in_capitals_in_title_case_acronyms_kept(text: str, expected: str) -> None:
    names = capital_names("Marc INFANTES", "Bruno MANGIN", "")
    assert fix_capitals(text, names) == expected


@pytest.mark.slow
@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=60))
def test_fix_capitals_changes_only_case(text: str) -> None:
    fixed = fix_capitals(text, frozenset({"ABC"}))
    assert fixed.lower() == text.lower()


@given(st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_french_phrases_keep_the_name(name: str) -> None:
    phrase = of_name(name, "fr")
    core = name.strip()
    assert core[-1] == phrase[-1]
    assert phrase.startswith(("de ", "d’", "du ", "des "))
