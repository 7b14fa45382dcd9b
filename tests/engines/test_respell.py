"""Respellings of the Kokoro engine's input: French names in -ès keep their s."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from a11y_pub.engines.respell import FRENCH_COMMON_ES, respell_for_espeak, respell_names


@pytest.mark.parametrize(
    ("written", "language", "expected"),
    [
        ("Écrite à Alès, le 23 février.", "fr", "Écrite à Alèss, le 23 février."),
        ("la ville d’Alès", "fr", "la ville d’Alèss"),
        ("Uzès-Alès", "fr", "Uzèss-Alèss"),
        ("ALÈS", "fr", "ALÈSS"),
        ("Hernán Cortès et Ramsès", "fr", "Hernán Cortèss et Ramsèss"),
        ("Très bien. Après cela, Dès demain, Près du Congrès", "fr", "Très bien. Après cela, Dès demain, Près du Congrès"),
        ("après le progrès, très près", "fr", "après le progrès, très près"),
        ("les Alésiens", "fr", "les Alésiens"),
        ("Alès", "en", "Alès"),
    ],
)
def test_respell_names(written: str, language: str, expected: str) -> None:
    assert respell_names(written, language) == expected


def test_common_words_stay_whatever_their_capitals() -> None:
    for word in FRENCH_COMMON_ES:
        assert respell_names(word.capitalize(), "fr") == word.capitalize()


@given(st.text(alphabet=st.sampled_from(list("AaLlèÈsS -’,.x"))))
def test_only_an_s_is_added_and_only_after_a_capitalised_word(text: str) -> None:
    assume(not re.search(r"[èÈ][sS][sS]", text))
    out = respell_names(text, "fr")
    assert re.sub(r"([èÈ])([sS])\2", r"\1\2", out) == text
    assert respell_names(text.lower(), "fr") == text.lower()


@pytest.mark.parametrize(
    ("written", "language", "expected"),
    [
        ("Moderne et Authentique.", "fr", "Moderne et Autentique."),
        ("l'enthousiasme, le rythme, le théâtre", "fr", "l'entousiasme, le rytme, le téâtre"),
        ("THÉÂTRE de Thomas", "fr", "TÉÂTRE de Tomas"),
        ("le Téléthon à Alès", "fr", "le Téléton à Alèss"),
        ("the theatre in Alès", "en", "the theatre in Alès"),
    ],
)
def test_respell_for_espeak(written: str, language: str, expected: str) -> None:
    assert respell_for_espeak(written, language) == expected
