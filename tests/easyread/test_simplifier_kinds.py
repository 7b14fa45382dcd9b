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


@pytest.mark.parametrize(
    ("language", "written"),
    [
        # a purpose after a negated clause stays with it: « Nous n'augmenterons pas les prix. C'est pour
        # financer X » would say the opposite (the refusal is what pays, not the rise).
        ("fr", "Nous n'augmenterons pas le prix de journée payé par les résidents et leurs familles pour financer ces mesures."),
        ("fr", "Je ne fermerai jamais la piscine municipale de la rue des Lilas pour faire des économies de chauffage."),
        ("fr", "Nous ne vendrons aucun terrain communal de la zone des Prés au promoteur pour construire des bureaux."),
        ("en", "We will not raise the fares paid by pensioners and students on the number 12 bus in order to fund the new route."),
        ("en", "I will never close a library in this borough, whatever its size, so that the council can balance its budget."),
    ],
)
def test_a_purpose_stays_with_a_negated_clause(language: str, written: str) -> None:
    pieces = [p.text for p in _simplifier(language).simplify_text(written)]
    assert len(pieces) == 1, pieces


@pytest.mark.parametrize(
    ("language", "written", "parts"),
    [
        # a promise under a condition: the condition may follow it, said as a condition
        ("fr", "Si la Région accepte de financer le projet, je construirai une piste cyclable entre le collège et la gare.", 2),
        ("fr", "Si le conseil vote le budget en avril, nous pourrions rénover la salle des fêtes avant la fin de 2027.", 2),
        ("en", "If we are elected on 7 May, we will open the swimming pool on Sundays from next summer onwards.", 2),
        # a statement or an invitation in the present: its main clause alone says something else
        ("fr", "Si quelqu'un vous dit que la mairie peut fermer cette route seule, il ne vous dit pas la vérité.", 1),
        ("en", "If anyone standing in this election tells you otherwise, they are not telling you the truth.", 1),
        ("en", "If any of your parents want to ask me anything, I am at the market every Saturday from 9 till 12.", 1),
    ],
)
def test_a_condition_is_detached_only_from_a_promise(language: str, written: str, parts: int) -> None:
    pieces = [p.text for p in _simplifier(language).simplify_text(written)]
    assert len(pieces) == parts, pieces


@pytest.mark.parametrize(
    ("language", "title", "expected"),
    [
        # a list in a title's brackets keeps its words (nothing dropped), after a colon
        ("fr", "Rénover le gymnase (toiture et vestiaires)", "Rénover le gymnase : toiture et vestiaires"),
        ("fr", "Créer des jardins partagés (quartier Nord, quartier Sud et centre)",
         "Créer des jardins partagés : quartier Nord, quartier Sud et centre"),
        ("en", "Repair the leisure centre (roof, pool and changing rooms)", "Repair the leisure centre: roof, pool and changing rooms"),
        ("fr", "Rouvrir la piscine", "Rouvrir la piscine"),
    ],
)
def test_a_title_keeps_its_bracketed_list(language: str, title: str, expected: str) -> None:
    assert _simplifier(language).simplify_title(title) == expected


@pytest.mark.parametrize(
    ("written", "detached"),
    [
        # a closing condition on a promise is said as a condition; on a courtesy it is no condition
        ("Nous créerons un poste d'animateur pour les jeunes du quartier de la gare, si la Région en paie la moitié.", True),
        ("Je peux venir présenter nos propositions dans vos locaux le mardi 15 juin à 18 h, si cela vous convient.", False),
    ],
)
def test_a_closing_condition_is_detached_only_from_a_promise(written: str, detached: bool) -> None:
    pieces = [p.text for p in _simplifier("fr").simplify_text(written)]
    assert any(p.startswith("C'est à une condition : si") for p in pieces) is detached, pieces


@pytest.mark.parametrize(
    ("acronym", "words", "expected"),
    [
        ("SSIAD", "service de soins infirmiers à domicile", True),  # « à » spells A, « de » does not
        ("ASE", "Aide sociale à l'enfance", True),  # an elided article is no word
        ("CCAS", "Centre communal d'action sociale", True),
        ("CSAPA", "Centre de soins d'accompagnement et de prévention en addictologie", True),
        ("RdR", "réduction des risques", True),
        ("ICB", "Integrated Care Board", True),
        ("PTA", "Parent Teacher Association", True),
        ("ARS", "Agence régionale", False),
        ("ABC", "le chat mange", False),
        ("SSIAD", "de soins infirmiers à domicile", False),  # a run does not open on a small word
    ],
)
def test_which_words_spell_an_acronym(acronym: str, words: str, expected: bool) -> None:
    from a11y_pub.easyread.acronyms import spells

    function_words = load_language_data("fr").words("function_words") | load_language_data("en").words("function_words")
    assert spells(acronym, words.split(), function_words) is expected


@pytest.mark.parametrize(
    "written",
    [
        # a « que » clause in the subjunctive is no sentence alone: kept with its verb
        "Je propose que le service de transport à la demande soit ouvert aux personnes handicapées sans justificatif chaque année.",
        "Nous demanderons que les contrôles sanitaires des produits donnés aux familles soient renforcés dans tout le département.",
        "Je souhaite que les produits soient donnés aux associations au moins 48 heures avant leur date limite de consommation.",
    ],
)
def test_a_subjunctive_clause_stays_with_its_verb(written: str) -> None:
    pieces = [p.text for p in _simplifier("fr").simplify_text(written)]
    assert len(pieces) == 1, pieces
