"""Properties of the speech steps on arbitrary text (hypothesis), and where sentences end."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from a11y_pub.speech.normalize import (
    DEFAULT_STEPS,
    drop_unspeakable,
    escape_phoneme_markup,
    read_numbers,
    rules_for,
    split_sentences,
    tidy_spaces,
    to_speech,
    unify_quotes,
)

RULES = {lang: rules_for(lang) for lang in ("fr", "en", "de")}

# Text made of what letters are made of: words, digits, every separator and sign the
# steps look at, apostrophes and quotes of every kind, symbols, line breaks, emoji.
PIECES = st.sampled_from(
    list("abcdeéèàôçABCDEÉMNSVXIL0123456789 \u00a0\u202f\u2009\n\t.,;:!?-−–—+/@%€$£&°²³½¼'’ʼ`´′«»“”\"()[]#_*=§‰😀")
    + ["M.", "Mme", "etc.", "e.g.", "Dr", "St", "n°", "1er", "2e", "XVIIIe", "Louis XIV", "Henry VIII", "14h30", "3pm", "€3bn",
       "12 000", "2,5", "2.5", "06 12 34 56 78", "+44 20 7946 0958", "a@b.fr", "www.x.co.uk/a-b", "23/02/2026", "SNCF", "[[x]]"]
)
TEXT = st.lists(PIECES, max_size=40).map("".join)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(sorted(RULES)))
def test_no_step_crashes_on_arbitrary_text(text: str, lang: str) -> None:
    for step in DEFAULT_STEPS:
        assert isinstance(step(text, RULES[lang]), str)
    assert "\n" not in to_speech(text, lang)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=80), lang=st.sampled_from(("fr", "en")))
def test_any_unicode_gives_a_speech_line(text: str, lang: str) -> None:
    said = to_speech(text, lang)
    assert said == said.strip() and "\n" not in said and "  " not in said


@settings(max_examples=150, deadline=None)
@given(text=TEXT, lang=st.sampled_from(("fr", "en")))
@pytest.mark.parametrize("step", [tidy_spaces, drop_unspeakable, unify_quotes, escape_phoneme_markup, read_numbers])
def test_idempotent_steps(step, text: str, lang: str) -> None:
    once = step(text, RULES[lang])
    assert step(once, RULES[lang]) == once


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(text=TEXT, lang=st.sampled_from(("fr", "en")))
def test_no_digit_is_left_for_the_voice_to_guess(text: str, lang: str) -> None:
    assert not any(c.isdigit() for c in to_speech(text, lang))


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Bonjour M. Dupont. Nous sommes le 23 févr. 2026. Voici.", "fr", ["Bonjour M. Dupont.", "Nous sommes le 23 févr. 2026.", "Voici."]),
        ("Voir l'art. 3, cf. Annexe, et MM. Blanc et Noir.", "fr", ["Voir l'art. 3, cf. Annexe, et MM. Blanc et Noir."]),
        ("Des livres, etc. Puis la suite.", "fr", ["Des livres, etc.", "Puis la suite."]),
        ("Des livres, etc. et la suite.", "fr", ["Des livres, etc. et la suite."]),
        ("Le Dr. Morel et le Pr. Roux viennent.", "fr", ["Le Dr. Morel et le Pr. Roux viennent."]),
        ("Mr. Smith met Dr. Jones, e.g. At noon. Then left.", "en", ["Mr. Smith met Dr. Jones, e.g. At noon.", "Then left."]),
        ("See No. 5 and p. 12, i.e. Chapter two. Done.", "en", ["See No. 5 and p. 12, i.e. Chapter two.", "Done."]),
        ("Signé J. Martin.", "fr", ["Signé J. Martin."]),
    ],
)
def test_sentences_do_not_end_at_abbreviations(text: str, lang: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected
