"""Round-4 kinds: a subject relative split off with its noun repeated (and the cases where
the noun is unclear, kept whole), splits that must not happen, scale words after digits,
the verifier on a sentence copied whole, and who « nous » / "we" is when people sign for a group."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from a11y_pub.easyread import check_text
from a11y_pub.easyread.about import signed_for
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.simplify import Simplifier
from a11y_pub.easyread.verify import verify_pair
from a11y_pub.model import Letter, Section
from a11y_pub.options import SummaryOptions
from a11y_pub.parse import parse_letter

LETTERS = Path(__file__).resolve().parent / "letters"

# The French model and the English tables load on first use (about 5 s on the CI machine).
pytestmark = pytest.mark.slow


@functools.cache
def _simplifier(language: str) -> Simplifier:
    letter = parse_letter(LETTERS / ("fr-01.txt" if language == "fr" else "en-01.txt"))
    return Simplifier(letter, load_language_data(language), SummaryOptions())


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Nous ne fermerons pas pendant le mandat la piscine municipale, qui reste le seul bassin couvert du canton.",
            ["Nous ne fermerons pas pendant le mandat la piscine municipale.",
             "Cette piscine municipale reste le seul bassin couvert du canton."],
        ),
        (
            "Pendant tout le mandat, nous travaillerons avec les associations locales, qui connaissent bien le terrain et les familles.",
            ["Pendant tout le mandat, nous travaillerons avec les associations locales.",
             "Ces associations locales connaissent bien le terrain et les familles."],
        ),
        (
            "Pendant tout le mandat, nous soutiendrons la Fondation Abbé Pierre, qui connaît bien le terrain et les familles.",
            ["Pendant tout le mandat, nous soutiendrons la Fondation Abbé Pierre.",
             "La Fondation Abbé Pierre connaît bien le terrain et les familles."],
        ),
        # Which noun the clause is about is unclear (a complement, a list): kept whole.
        (
            "Enfin, je ne suis pas favorable à la fermeture du bureau de poste de la rue Haute, qui est le seul "
            "bâtiment de ce type accessible de plain-pied.",
            ["Enfin, je ne suis pas favorable à la fermeture du bureau de poste de la rue Haute, qui est le seul "
             "bâtiment de ce type accessible de plain-pied."],
        ),
        (
            "Nous pourrions commencer par les abords de la pharmacie et de l'arrêt de car de la rue de Brest, qui "
            "nous ont été signalés à plusieurs reprises.",
            ["Nous pourrions commencer par les abords de la pharmacie et de l'arrêt de car de la rue de Brest, qui "
             "nous ont été signalés à plusieurs reprises."],
        ),
        # A coordinated phrase is no second clause.
        (
            "Je soutiendrai fortement et sans réserve le projet de la maison de santé, qui accueillera 6 médecins.",
            ["Je soutiendrai fortement et sans réserve le projet de la maison de santé, qui accueillera 6 médecins."],
        ),
    ],
)
def test_french_relatives(written: str, expected: list[str]) -> None:
    assert [p.text for p in _simplifier("fr").simplify_text(written)] == expected


def test_relative_after_a_noun_complement_stays_whole() -> None:
    """« le taux d'inflation dans la commune, qui … »: the rate or the town? Kept whole."""
    written = "Je voterai contre toute hausse au-dessus du taux d'inflation dans la commune, qui était de 3,1 % en janvier."
    assert [p.text for p in _simplifier("fr").simplify_text(written)] == [written]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Next spring the 14 parking bays of Fore Street will be relocated to Chapel Lane, which is 40 metres away.",
            ["Next spring the 14 parking bays of Fore Street will be relocated to Chapel Lane.",
             "Chapel Lane is 40 metres away."],
        ),
        (
            "We will plant 5,000 trees over 4 years, starting with the Beacon Road estate, which has the lowest tree cover.",
            ["We will plant 5,000 trees over 4 years, starting with the Beacon Road estate.",
             "The Beacon Road estate has the lowest tree cover."],
        ),
        (
            "Kestwick has had 61 serious injuries on its roads since 2021, and 14 of them involved people on bikes.",
            ["Kestwick has had 61 serious injuries on its roads since 2021.", "14 of them involved people on bikes."],
        ),
        (
            "The council spends about 2 pounds per resident on active travel, but the county spends far more on roads.",
            ["The council spends about 2 pounds per resident on active travel.", "But the county spends far more on roads."],
        ),
        # Unclear antecedent, a noun phrase after "and", a condition over both halves: kept whole.
        ("I will vote against any rise above the rate of inflation in the county, which was 3.1% in January.", None),
        ("We met the chair of the housing committee last week, and the officer who runs the repair scheme.", None),
        ("I did not vote for the new car park in the town centre because it was cheap, but because the town needed it.", None),
        (
            "We would not back the proposal to close Church Walk to cars all day, because it is the only access road.",
            ["We would not back the proposal to close Church Walk to cars all day.",
             "This is because it is the only access road."],
        ),
    ],
)
def test_english_clauses_and_relatives(written: str, expected: list[str] | None) -> None:
    assert [p.text for p in _simplifier("en").simplify_text(written)] == (expected or [written])


def test_english_condition_stays_on_both_halves() -> None:
    written = "If I am elected, I will fund new benches in the park, and the council will repair the lights by May."
    assert [p.text for p in _simplifier("en").simplify_text(written)] == [
        "If I win the election, I will fund new benches in the park.",
        "If I win the election, the council will repair the lights by May.",
    ]


def test_two_relatives_joined_by_et_stay_one_sentence() -> None:
    written = ("Valfleury obtient la note de 2,4 sur 6 — note qui, je vous l'accorde, n'est pas imméritée, et qui "
               "traduit le sentiment d'insécurité des parents.")
    made = [p.text for p in _simplifier("fr").simplify_text(written)]
    assert not any(s.lower().startswith("qui ") for s in made), made


@pytest.mark.parametrize(
    ("language", "written", "expected"),
    [
        ("en", "the council is facing a £4.2 million gap", "the council is facing a £4.2 million gap"),
        ("en", "two hundred homes", "200 homes"),
        ("fr", "un coût de 1,1 million d'euros", "un coût de 1,1 million d'euros"),
        ("fr", "deux millions de personnes", "2 millions de personnes"),
    ],
)
def test_scale_word_after_digits_stays(language: str, written: str, expected: str) -> None:
    assert _simplifier(language).digits(written) == expected


@pytest.mark.parametrize(
    ("language", "text", "flagged"),
    [
        ("en", "The council has a £4.2 million gap.", False),
        ("en", "The council has a two million gap.", True),
        ("fr", "Le coût est de 1,1 million d'euros.", False),
        ("fr", "Le coût est de deux millions d'euros.", True),
    ],
)
def test_checker_reads_digits_and_scale_word_as_digits(language: str, text: str, flagged: bool) -> None:
    rules = [f.rule for f in check_text(text, language).findings]
    assert ("number-in-words" in rules) is flagged


@pytest.mark.parametrize(
    ("sentence", "source", "kinds"),
    [
        ("If you like, whether I have won or not, I will come back.",
         "If you like, whether I have won or not, I will come back.", []),
        ("If you like, I will come back.", "If you like, whether I have won or not, I will not come back.", ["negation"]),
    ],
)
def test_verifier_window_of_a_copied_sentence(sentence: str, source: str, kinds: list[str]) -> None:
    assert [m.kind for m in verify_pair(sentence, source, "en")] == kinds


def _signed(language: str, signature: str, role: str) -> Letter:
    body = Section(id="paragraph-1", kind="paragraph", paragraphs=("We write to you. We will vote.",))
    return Letter(language=language, sections=(body,), author=signature, signature=signature, author_role=role)


@pytest.mark.parametrize(
    ("language", "signature", "role", "group"),
    [
        ("en", "Denise Akinola (Chair)", "Tomasz Nowicki (Secretary), on behalf of the committee", "the committee"),
        ("en", "Cllr Martin Ebbage", "Leader, Ashcombe Labour Group, on behalf of all eleven Labour candidates",
         "all 11 Labour candidates"),
        ("fr", "Claire Dumas", "présidente, au nom du conseil d'administration", "le conseil d'administration"),
        ("fr", "Claire Dumas", "pour le compte de l'association Vivre", "l'association Vivre"),
        ("en", "Priya Shah", "Candidate", ""),
        ("fr", "Pour le collectif", "Fatoumata Diabaté, porte-parole", "le collectif"),
        ("fr", "Claire Dumas", "chargée de mission pour l'accessibilité", ""),
    ],
)
def test_we_is_the_group_signed_for(language: str, signature: str, role: str, group: str) -> None:
    assert signed_for(_signed(language, signature, role), load_language_data(language)) == group


@pytest.mark.parametrize(
    ("written", "expected"),
    [("Marc INFANTES", "Marc Infantes"), ("Marian Teague MBE", "Marian Teague MBE"), ("JEAN-PAUL DURAND", "Jean-Paul Durand")],
)
def test_person_name_keeps_letters_after_a_name(written: str, expected: str) -> None:
    from a11y_pub.easyread.text import person_name

    assert person_name(written) == expected


def test_english_split_drops_the_dash_that_closed_an_aside() -> None:
    written = "I may not win that vote — the Greens currently hold 4 of the 34 seats — but I will argue for it."
    made = [p.text for p in _simplifier("en").simplify_text(written)]
    assert not any(s.rstrip(".").endswith(("—", "–", ",")) for s in made), made


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [("Je m'y opposerai.", True), ("Nous nous y opposerons.", True), ("Je le ferai.", True),
     ("Le centre.", False), ("Les logements neufs du centre.", False), ("Nous, les parents.", False)],
)
def test_french_future_after_a_subject_is_a_verb(sentence: str, verb: bool) -> None:
    assert _simplifier("fr").has_verb(sentence) is verb


def test_semicolon_split_keeps_a_short_future_clause() -> None:
    written = ("Enfin, je ne suis pas favorable à la fermeture du bureau de poste, qui est le seul bâtiment accessible "
               "du centre ; je m'y opposerai.")
    made = [p.text for p in _simplifier("fr").simplify_text(written)]
    assert made[-1] == "Je m'y opposerai."
    assert not any(";" in s for s in made)


def test_letter_list_markers_are_left_out() -> None:
    written = "(c) attend a public meeting on the estate before the end of the year."
    assert [p.text for p in _simplifier("en").simplify_text(written)] == [
        "Attend a public meeting on the estate before the end of the year."
    ]


@pytest.mark.parametrize(
    ("language", "written", "condition"),
    [
        ("fr", "Si je suis élue, je rénoverai la salle des fêtes du quartier nord et je soutiendrai le club des jeunes.",
         "si je gagne l'élection"),
        ("fr", "Si la région nous aide, nous ouvrirons une maison de santé en 2027 et nous recruterons 3 médecins.",
         "si la région nous aide"),
        ("en", "If I am elected, I will repair the community hall in the north of the town and I will support the "
               "youth football club.", "if I win the election"),
    ],
)
def test_each_promise_keeps_its_condition(language: str, written: str, condition: str) -> None:
    """A leading condition over two coordinated promises: each promise's sentence is said with
    the condition, or followed by the sentence that states it; never a promise alone."""
    made = [p.text for p in _simplifier(language).simplify_text(written)]
    condition = condition.lower()
    promises = [i for i, s in enumerate(made) if condition not in s.lower()]
    assert len(made) >= 3
    for i in promises:
        assert i + 1 < len(made) and condition in made[i + 1].lower(), made
    assert not any(s.endswith(",.") for s in made)


@pytest.mark.parametrize(
    ("language", "written", "expected"),
    [
        ("fr", "Il n'est pas exclu que je dépose une proposition de loi.", "Il est possible que je dépose une proposition de loi."),
        ("fr", "Ce projet ne me semble pas inenvisageable.", "Ce projet me semble envisageable."),
        ("en", "A second route is not ruled out.", "A second route is possible."),
        # Not the same meaning said positively: left for the checker to flag.
        ("fr", "Nous ne sommes pas contre ce projet.", "Nous ne sommes pas contre ce projet."),
    ],
)
def test_negated_negative_said_positively_when_exact(language: str, written: str, expected: str) -> None:
    from a11y_pub.easyread.negation import say_positively

    assert say_positively(written, load_language_data(language)) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Nous rénoverons la salle des fêtes du quartier nord dès 2027, parce que le toit et le chauffage sont très anciens.",
            ["Nous rénoverons la salle des fêtes du quartier nord dès 2027.",
             "C'est parce que le toit et le chauffage sont très anciens."],
        ),
        # « ne … pas …, parce que »: the verifier cannot tell whether the negation governs the
        # reason; the sentence is kept whole for the checker to report.
        (
            "Nous ne fermerons pas la rue du marché aux voitures, parce que c'est le seul accès pour les personnes âgées.",
            ["Nous ne fermerons pas la rue du marché aux voitures, parce que c'est le seul accès pour les personnes âgées."],
        ),
    ],
)
def test_french_reason_after_a_comma(written: str, expected: list[str]) -> None:
    assert [p.text for p in _simplifier("fr").simplify_text(written)] == expected


def test_we_is_the_group_that_writes() -> None:
    """A letter signed « Pour le collectif, » or whose author is a group (its name opens with
    « collectif », "association"…)."""
    from a11y_pub.easyread.about import about_block

    letter = parse_letter(LETTERS / "fr-15.txt")
    block = about_block(letter, load_language_data("fr"), letter.sections[0].id, "")
    assert "Dans la lettre, « nous » veut dire le collectif." in block.sentences
    group = Letter(language="fr", sections=letter.sections, author="COLLECTIF « UN TOIT À GRANDVILLIERS »")
    block = about_block(group, load_language_data("fr"), letter.sections[0].id, "")
    assert "Dans la lettre, « nous » veut dire Collectif « Un Toit À Grandvilliers »." in block.sentences
