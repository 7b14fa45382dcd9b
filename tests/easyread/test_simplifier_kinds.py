"""The simplifier's kinds of error, each as a table of written -> expected (French and English)."""

from __future__ import annotations

import functools

import pytest

from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.simplify import Simplifier
from a11y_pub.easyread.text import looks_like_name, lower_first
from a11y_pub.model import Letter, Section
from a11y_pub.options import SummaryOptions


@functools.lru_cache(maxsize=2)
def _simplifier(language: str) -> Simplifier:
    letter = Letter(language=language, sections=(Section(id="paragraph-1", kind="paragraph", paragraphs=("x",)),))
    return Simplifier(letter, load_language_data(language), SummaryOptions())


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Nous construirons des logements neufs.", "Nous construirons des logements neufs."),
        ("Un programme neuf de vingt logements.", "Un programme neuf de 20 logements."),
        ("Nous construirons neuf logements.", "Nous construirons 9 logements."),
        ("Il y a neuf écoles et des écoles neuves.", "Il y a 9 écoles et des écoles neuves."),
        ("Une seule école.", "Une seule école."),
        ("Nous réunirons la commission trois fois par an.", "Nous réunirons la commission 3 fois par an."),
    ],
)
def test_number_words_become_digits_only_as_numerals(written: str, expected: str) -> None:
    assert _simplifier("fr").digits(written) == expected


@pytest.mark.parametrize(
    ("language", "written", "expected"),
    [
        # never cut inside a word, never split at a bare "to" (complement, not purpose)
        ("en", "I won't commit to a figure until we know the cost of the roof and the asbestos work.",
         ["I won't commit to a figure until we know the cost of the roof and the asbestos work."]),
        ("en", "I'd like to see at least six of the borough's 19 primary schools closed to through traffic at "
               "drop-off and pick-up times by September 2027.",
         ["I'd like to see at least 6 of the borough's 19 primary schools closed to through traffic at "
          "drop-off and pick-up times by September 2027."]),
        # a leading condition moves after its clause, case kept
        ("en", "If I'm elected on 1 May, I'll push for a £250k fund to reopen at least three of the clubs.",
         ["I'll push for a £250k fund to reopen at least 3 of the clubs.", "This is on one condition: if I win the election on 1 May."]),
        # a split only where both pieces keep a conjugated verb
        ("en", "We will publish the audit in full; the council will pay for the work within twelve months.",
         ["We will publish the audit in full.", "The council will pay for the work within 12 months."]),
        # list enumerators and brackets glued to a word stay as written
        ("en", "We will build homes to the M4(3) standard for wheelchair users.",
         ["We will build homes to the M4(3) standard for wheelchair users."]),
        # connectors replaced only where they open a sentence
        ("fr", "Il n'est cependant pas certain que la mairie aide le projet.",
         ["Il n'est cependant pas certain que la mairie aide le projet."]),
        # negated negative words said positively only where the meaning is the same
        ("fr", "Il n'est pas impossible que la mairie aide le projet.", ["Il est possible que la mairie aide le projet."]),
        ("fr", "La mairie n'est pas contre ce projet.", ["La mairie n'est pas contre ce projet."]),
    ],
)
def test_sentences_are_simplified_safely(language: str, written: str, expected: list[str]) -> None:
    simplifier = _simplifier(language)
    assert simplifier.select(simplifier.simplify_text(written)) == expected


@pytest.mark.parametrize(
    ("language", "written", "expected"),
    [
        ("en", "Green Party candidate", "Green Party candidate"),
        ("en", "Secretary", "secretary"),
        ("en", "I am elected", "I am elected"),
        ("fr", "Association EKKO", "association EKKO"),
        ("fr", "Directrice", "directrice"),
    ],
)
def test_lower_first_keeps_names_and_i(language: str, written: str, expected: str) -> None:
    assert lower_first(written, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Marc Infantes", True), ("Cllr Martin Osei", True), ("Sylvie Arnaud et Karim Mesbah", True),
     ("With kind regards", False), ("All the best", False), ("Pour le collectif", False), ("Objet : vélo", False)],
)
def test_a_closing_formula_is_not_a_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("I will sign your petition.", True), ("The council spends about £2 per resident.", True),
     ("We support the scheme.", True), ("No.", True), ("Youth clubs.", False),
     ("Mental health support in schools.", False), ("This is to through traffic at drop-off.", True)],
)
def test_english_finite_verbs(sentence: str, expected: bool) -> None:
    assert _simplifier("en").has_verb(sentence) is expected  # read from the English parse
