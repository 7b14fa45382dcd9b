"""Round 5: French long sentences cut at their commas (``easyread/comma_splits.py``), by kind:
an amount after « soit », a relative on « dont » or « à laquelle », a complement closing the
sentence or set between two commas, a clause with its own subject after « , mais / , et »
(« Mais » kept), a closing condition, a list of objects as list items; long commitment titles
cut into a heading and sentences. Each kind has made-up
sentences (none from the held-out letters) and the cases that must stay whole."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from a11y_pub.easyread.comma_splits import comma_segments, of_phrase
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.object_lists import list_span
from a11y_pub.easyread.simplify import Simplifier
from a11y_pub.options import SummaryOptions
from a11y_pub.parse import parse_letter

LETTERS = Path(__file__).resolve().parent / "letters"


@functools.cache
def _simplifier() -> Simplifier:
    letter = parse_letter(LETTERS / "fr-01.txt")
    return Simplifier(letter, load_language_data("fr"), SummaryOptions())


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("A, B, C", ["A", "B", "C"]),
        ("la note de 2,4 sur 6, soit peu", ["la note de 2,4 sur 6", "soit peu"]),
        ("le festival « Rires, chants et danses », en juin", ["le festival « Rires, chants et danses »", "en juin"]),
        ("le gymnase (toit, vestiaires), pour 5 €", ["le gymnase (toit, vestiaires)", "pour 5 €"]),
        ("sans virgule", ["sans virgule"]),
    ],
)
def test_comma_segments(written: str, expected: list[str]) -> None:
    assert comma_segments(written) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("le lavoir de la rue Haute", "du lavoir de la rue Haute"),
        ("les 84 logements du Pré-Vert", "des 84 logements du Pré-Vert"),
        ("la halle du marché", "de la halle du marché"),
        ("l'école Jules-Ferry", "de l'école Jules-Ferry"),
        ("votre association", "de votre association"),
        ("une commission communale", None),  # « d'une commission » would name another one
        ("des terrains", None),
    ],
)
def test_of_phrase(phrase: str, expected: str | None) -> None:
    assert of_phrase(phrase) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Rendre accessibles la médiathèque, le gymnase du collège et la piscine avant la fin de 2029",
            ("Rendre accessibles", ["la médiathèque", "le gymnase du collège", "la piscine"], "avant la fin de 2029"),
        ),
        (
            "Nous rénoverons le budget de la ville, les 3 écoles et la mairie",
            ("Nous rénoverons", ["le budget de la ville", "les 3 écoles", "la mairie"], ""),
        ),
        (
            "Je consacrerai 2 % du budget à la rénovation des écoles et aux travaux dans les crèches",
            ("Je consacrerai 2 % du budget", ["à la rénovation des écoles", "aux travaux dans les crèches"], ""),
        ),
        ("Nous irons à la mairie, au stade et à l'école", ("Nous irons", ["à la mairie", "au stade", "à l'école"], "")),
        # No list: one object, objects that open differently, « et » between clauses.
        ("Nous rénoverons la mairie de la commune avant 2029", None),
        ("Nous rénoverons la mairie et à la rentrée nous ouvrirons", None),
    ],
)
def test_list_span(written: str, expected: tuple[str, list[str], str] | None) -> None:
    assert list_span(written) == expected


_OBJECTS = ["la mairie annexe", "le gymnase du collège", "les 3 écoles", "l'école Jules-Ferry", "la salle des fêtes",
            "notre médiathèque", "chaque crèche"]


@given(
    items=st.lists(st.sampled_from(_OBJECTS), min_size=2, max_size=4, unique=True),
    before=st.sampled_from(["Nous rénoverons", "Je rendrai accessibles", "Rénover en priorité"]),
    after=st.sampled_from(["", "avant la fin de 2030", "pendant le mandat"]),
    joiner=st.sampled_from(["et", "ou"]),
)
def test_list_span_finds_every_object(items: list[str], before: str, after: str, joiner: str) -> None:
    """Every object of a written list comes back as one item, in order, and nothing else is lost."""
    written = f"{before} {', '.join(items[:-1])} {joiner} {items[-1]}" + (f" {after}" if after else "")
    assert list_span(written) == (before, items, after)


# Made-up sentences over 15 words -> the sentences the draft says, by kind.
KINDS = [
    # « , soit N » restates an amount: « C'est N. »
    (
        "Nous augmenterons dès la rentrée le budget des crèches de la commune à 300 000 € par an, soit 12 % du "
        "budget municipal.",
        ["Nous augmenterons dès la rentrée le budget des crèches de la commune à 300 000 € par an.",
         "C'est 12 % du budget municipal."],
    ),
    (
        "Je ferai planter des arbres le long de la route départementale de Lorient et du chemin des écoliers, soit "
        "environ 400 arbres en 5 ans.",
        ["Je ferai planter des arbres le long de la route départementale de Lorient et du chemin des écoliers.",
         "C'est environ 400 arbres en 5 ans."],
    ),
    (
        "Nous agrandirons le cimetière de la commune vers le nord, soit 2 500 mètres carrés de plus, et nous "
        "planterons une haie.",
        ["Nous agrandirons le cimetière de la commune vers le nord.", "C'est 2 500 mètres carrés de plus.",
         "Nous planterons une haie."],
    ),
    # « , dont le M V »: the whole noun phrase is repeated as written.
    (
        "Nous rénoverons dès la première année du mandat la halle du marché de la place Carnot, dont la charpente a "
        "brûlé en 2024.",
        ["Nous rénoverons dès la première année du mandat la halle du marché de la place Carnot.",
         "La charpente de la halle du marché de la place Carnot a brûlé en 2024."],
    ),
    # « , à laquelle / auquel … » when one noun only agrees with the pronoun.
    (
        "Nous créerons un conseil des jeunes avec les élèves des 2 collèges de la ville, auquel la mairie confiera "
        "un budget de 10 000 €.",
        ["Nous créerons un conseil des jeunes avec les élèves des 2 collèges de la ville.",
         "La mairie confiera un budget de 10 000 € à ce conseil."],
    ),
    (
        "Chaque samedi matin, j'animerai une permanence au marché couvert de Saint-Paul, à laquelle les habitants "
        "pourront venir sans rendez-vous.",
        ["Chaque samedi matin, j'animerai une permanence au marché couvert de Saint-Paul.",
         "Les habitants pourront venir sans rendez-vous à cette permanence."],
    ),
    # A complement closing the sentence, or between two commas: « C'est … ».
    (
        "Nous ouvrirons une maison des jeunes dans l'ancienne gare du quartier Saint-Michel, avec un animateur "
        "présent chaque après-midi.",
        ["Nous ouvrirons une maison des jeunes dans l'ancienne gare du quartier Saint-Michel.",
         "C'est avec un animateur présent chaque après-midi."],
    ),
    (
        "Je présenterai au conseil municipal, dès le mois de juin, un plan de rénovation des 3 écoles de la commune.",
        ["Je présenterai au conseil municipal un plan de rénovation des 3 écoles de la commune.",
         "C'est dès le mois de juin."],
    ),
    (
        "Chaque printemps, avant le vote du budget, nous réunirons les associations sportives de la commune à la "
        "mairie.",
        ["Chaque printemps, nous réunirons les associations sportives de la commune à la mairie.",
         "C'est avant le vote du budget."],
    ),
    # A clause with its own subject after « , et » / « , mais ».
    (
        "Ce projet de parking souterrain coûterait beaucoup trop cher à la commune, et cela retarderait la "
        "rénovation des écoles.",
        ["Ce projet de parking souterrain coûterait beaucoup trop cher à la commune.",
         "Cela retarderait la rénovation des écoles."],
    ),
    # A list of objects after its verb: a lead-in and one list item per object.
    (
        "Nous rénoverons la médiathèque du centre, le gymnase du collège et la piscine municipale avant la fin de 2029.",
        ["Nous rénoverons avant la fin de 2029 :", "La médiathèque du centre.", "Le gymnase du collège.",
         "La piscine municipale."],
    ),
    (
        "Je consacrerai chaque année 2 % du budget communal à la rénovation des écoles et aux travaux dans les crèches.",
        ["Je consacrerai chaque année 2 % du budget communal :", "À la rénovation des écoles.",
         "Aux travaux dans les crèches."],
    ),
    # Coordinated clauses: the contrast of « mais » stays with the second sentence.
    (
        "Nous ne sommes pas opposés à la création d'une piste cyclable rue Pasteur, mais nous ne pouvons pas la "
        "financer en 2027.",
        ["Nous ne sommes pas opposés à la création d'une piste cyclable rue Pasteur.",
         "Mais nous ne pouvons pas la financer en 2027."],
    ),
    (
        "Le centre social de la commune a perdu la moitié de ses bénévoles depuis 2 ans, mais nous trouverons une "
        "solution avec vous.",
        ["Le centre social de la commune a perdu la moitié de ses bénévoles depuis 2 ans.",
         "Mais nous trouverons une solution avec vous."],
    ),
    # Clauses side by side, each opened by its subject pronoun.
    (
        "La commune a des moyens pour agir sur le logement, elle construit des logements sociaux, elle garde ses "
        "terrains.",
        ["La commune a des moyens pour agir sur le logement.",
         "Elle construit des logements sociaux, elle garde ses terrains."],
    ),
    # A closing condition keeps its « si » in the condition template.
    (
        "Nous créerons un poste d'animateur pour les jeunes du quartier de la gare, si la Région en finance la "
        "moitié chaque année.",
        ["Nous créerons un poste d'animateur.", "C'est pour les jeunes du quartier de la gare.",
         "C'est à une condition : si la Région en finance la moitié chaque année."],
    ),
]

# Long sentences no comma split may cut: the complement could be in the scope of a negation or
# a modal, the relative is on an indefinite noun, an exception restricts the clause and a
# relative follows it, two relatives share one noun.
WHOLE = [
    "Nous ne fermerons pas la maison des jeunes de l'ancienne gare du quartier Saint-Michel, avant la fin des "
    "travaux de la salle.",
    "Nous pourrions ouvrir une maison des jeunes dans l'ancienne gare du quartier Saint-Michel, avec un animateur "
    "présent chaque après-midi.",
    "Nous ne vendrons pas, pendant tout le mandat, les terrains de l'ancienne usine Renard au bord du canal de Nantes.",
    "Nous rénoverons dès la première année du mandat une halle du marché de la place Carnot, dont la charpente a "
    "brûlé en 2024.",
    "Nous limiterons la vitesse à 30 km/h dans toutes les rues du bourg, à l'exception de la route de Nantes, où "
    "elle restera à 50 km/h.",
    "Nous soutiendrons le club de football de la commune, qui accueille 200 enfants, et qui manque de terrains "
    "depuis 2022.",
    # An aside (« je le reconnais ») inside a relative, and a fronted complement before the main
    # clause: neither is a clause beside the one before it.
    "Nous baisserons le prix de la cantine pour les familles, ce qui, je le reconnais, coûtera cher à la commune "
    "chaque année.",
    "Sur la piscine municipale, dont vous dites qu'elle coûte trop cher, il est possible que nous changions les "
    "horaires.",
    # Two feminine nouns could be what « laquelle » stands for.
    "Nous tiendrons chaque mois une permanence ouverte à tous dans le hall de la mairie, à laquelle les élus "
    "viendront à tour de rôle.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("written", "expected"), KINDS)
def test_comma_split_kinds(written: str, expected: list[str]) -> None:
    assert [p.text for p in _simplifier().simplify_text(written)] == expected


@pytest.mark.slow
@pytest.mark.parametrize("written", WHOLE)
def test_unsafe_comma_splits_are_not_made(written: str) -> None:
    assert [p.text for p in _simplifier().simplify_text(written)] == [written]


@pytest.mark.slow
@pytest.mark.parametrize(
    "written",
    [
        "Soutiendrez-vous la création d'une maison des jeunes dans l'ancienne gare du quartier, avec un animateur ?",
        "Pourquoi la mairie a-t-elle fermé la piscine, et quand rouvrira-t-elle ?",
    ],
)
def test_a_question_stays_one_question(written: str) -> None:
    """A question is not cut, and keeps its question mark (it is no statement)."""
    assert [p.text for p in _simplifier().simplify_text(written)] == [written]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "rétablir l'aide aux clubs sportifs de la commune à son niveau de 2020, soit 45 000 € par an",
            ("Rétablir l'aide aux clubs sportifs de la commune à son niveau de 2020", ("C'est 45 000 € par an.",), ()),
        ),
        (
            "à rénover la salle des fêtes de la rue Pasteur, dont le chauffage tombe en panne chaque hiver, avant la "
            "fin de 2027",
            ("À rénover la salle des fêtes de la rue Pasteur, dont le chauffage tombe en panne chaque hiver",
             ("C'est avant la fin de 2027.",), ()),
        ),
        # Short enough for a heading: left whole.
        ("créer un jardin partagé près de l'école", ("Créer un jardin partagé près de l'école", (), ())),
        # A list of objects: the heading leads in, each object is a list item.
        (
            "rendre accessibles la médiathèque du centre, le gymnase du collège et la piscine municipale avant la "
            "fin de 2029",
            ("Rendre accessibles avant la fin de 2029 :",
             ("La médiathèque du centre.", "Le gymnase du collège.", "La piscine municipale."), (0, 1, 2)),
        ),
    ],
)
def test_long_commitment_title_is_cut(title: str, expected: tuple[str, tuple[str, ...], tuple[int, ...]]) -> None:
    assert _simplifier().cut_title(title) == expected


_NEGATIONS = re.compile(r"\b(?:ne|n'|pas|jamais|sans|aucun|aucune|plus)\b", re.IGNORECASE)
_NAMES = re.compile(r"\b[A-Z][a-zé]+\b")

_MAINS = [
    "Nous rénoverons la salle des fêtes du quartier de la gare",
    "Je ne fermerai jamais la bibliothèque municipale de la rue Pasteur",
    "Nous pourrions agrandir le parking de la maison de santé Lamartine",
    "Je soutiendrai le club de rugby de Saint-Martin",
]
_TAILS = [
    "soit {n} € par an pour la commune",
    "avant la fin de l'année {y}",
    "avec l'aide de la Région Bretagne",
    "dont la toiture a brûlé en {y}",
    "si la Région finance {n} % des travaux",
    "mais nous ne promettons rien avant {y}",
]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    main=st.sampled_from(_MAINS),
    tail=st.sampled_from(_TAILS),
    middle=st.sampled_from(["", ", lors du conseil municipal de {y}", ", dès le mois de mars"]),
    n=st.integers(min_value=2, max_value=900_000),
    y=st.integers(min_value=2026, max_value=2040),
)
def test_no_digit_negation_or_name_is_lost(main: str, tail: str, middle: str, n: int, y: int) -> None:
    """Whatever is cut, every digit, negation word and capitalised name of the letter's
    sentence is still said, in the same numbers, by the sentences made from it."""
    written = f"{main}{middle.format(y=y)}, {tail.format(n=n, y=y)}."
    made = " ".join(p.text for p in _simplifier().simplify_text(written))
    assert sorted(re.findall(r"\d+", made)) == sorted(re.findall(r"\d+", written))
    assert len(_NEGATIONS.findall(made)) >= len(_NEGATIONS.findall(written))
    said = set(_NAMES.findall(made))
    assert {w for w in _NAMES.findall(written)[1:]} <= said | {"Nous", "Je"}


@pytest.mark.slow
def test_listed_objects_are_list_items_under_their_lead_in() -> None:
    written = "Nous rénoverons la médiathèque du centre, le gymnase du collège et la piscine municipale avant la fin de 2029."
    made = _simplifier().simplify_text(written)
    assert [p.item for p in made] == [False, True, True, True]
    assert made[0].text.endswith(" :")
