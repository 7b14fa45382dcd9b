"""The glossary's definition tables (``data/easyread/glossary-<lang>.toml``) and how a
summary lists them: only for words of the summary, through lemmas, never for names."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.easyread import CheckOptions, check_text
from a11y_pub.easyread.glossary import make_glossary
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.nlp import split_sentences
from a11y_pub.easyread.rarity import lemmas, word_zipf
from a11y_pub.easyread.summarize import summarize
from a11y_pub.parse import parse_letter

HERE = Path(__file__).resolve().parent / "glossary"
LANGUAGES = ("fr", "en")


@functools.cache
def _definitions(language: str) -> dict[str, str]:
    return dict(load_language_data(language).definitions)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_defines_at_least_250_words(language: str) -> None:
    assert len(_definitions(language)) >= 250


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_definition_is_one_sentence(language: str) -> None:
    several = [t for t, d in _definitions(language).items() if len(split_sentences(d, language)) != 1]
    assert several == []


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_definition_passes_the_checker(language: str) -> None:
    """Each definition, as a sentence of body text: no finding at all, except a rare word
    that is the entry's own term (a definition may name what it explains)."""
    terms = list(_definitions(language))
    text = "\n\n".join(_definitions(language)[t] for t in terms)  # definition i on line 2i + 1
    report = check_text(text, language, CheckOptions())
    assert len([s for s in report.sentences if s.kind == "body"]) == len(terms)
    faults = []
    for finding in report.findings:
        if finding.rule == "average":
            continue  # the whole table's average is checked below
        if finding.rule == "no-verb":
            continue  # a definition may be a noun phrase ("Help and treatment for…"), as in a glossary line
        term = terms[(finding.line - 1) // 2]
        own = {form for word in term.split() for form in lemmas(word, language)}
        words = [w for w in finding.words if not own & set(lemmas(w, language))]
        if finding.rule != "rare-word" or words:
            faults.append((term, finding.rule, words))
    assert faults == []
    assert report.figures["average_words"] <= CheckOptions().target_average


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_single_word_entry_is_a_rare_word(language: str) -> None:
    """A one-word entry is listed only when the word is rare: a common one would never be."""
    common = [t for t in _definitions(language) if " " not in t and word_zipf(t, language) >= 3.5]
    assert common == []


# (language, summary text, entries listed from the definition table)
LISTED = [
    ("fr", "La commune ouvrira la médiathèque.", {"médiathèque"}),
    ("fr", "Les logements vacants et les maisons vacantes restent vides.", {"vacant"}),
    ("fr", "La ville crée des pistes cyclables et des arceaux.", {"piste cyclable", "arceau"}),
    ("fr", "La ville crée un permis de louer.", {"permis de louer"}),
    ("fr", "Madame Médiathèque écrit à la mairie.", set()),  # a name by its capital
    ("fr", "La piscine ferme.\nMédiathèque : elle ouvre le dimanche.", {"médiathèque"}),  # a line starts
    ("fr", "La mairie aide les familles.", set()),
    ("en", "The council will fix the dropped kerbs.", {"dropped kerb"}),
    ("en", "The charity runs 2 hostels and a tram.", {"hostel", "tram"}),
    ("en", "Every school will have a counsellor.", {"counsellor"}),
    ("en", "We met Mr Counsellor at the station.", set()),  # a name by its capital
    ("en", "The council helps families.", set()),
]


@pytest.mark.parametrize(("language", "text", "expected"), LISTED, ids=[f"{r[0]}-{i}" for i, r in enumerate(LISTED)])
def test_definitions_listed_for_the_words_of_the_summary(language: str, text: str, expected: set[str]) -> None:
    letter = parse_letter(HERE / ("fr-glossaire.txt" if language == "fr" else "en-glossary.txt"))
    data = load_language_data(language)
    entries = make_glossary(text, letter, data, {}, 3.5)
    assert {e.term for e in entries if e.term in data.definitions} == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("fr-glossaire.txt", {"médiathèque", "arceau", "vélobus", "permis de louer", "plafonné"}),
    ("en-glossary.txt", {"dropped kerb", "hostel", "school street", "counsellor", "tram"}),
])
def test_a_made_up_letter_lists_exactly_its_5_defined_words(name: str, expected: set[str]) -> None:
    """Five defined words in the letter, and the author's surname is a defined word too
    (« Lavoir », "Hustings"): the glossary lists the five and never the author."""
    letter = parse_letter(HERE / name)
    summary = summarize(letter)
    definitions = load_language_data(letter.language).definitions
    listed = {e.term for e in summary.glossary if e.term in definitions}
    assert listed == expected
    surname = letter.author.split()[-1].lower()
    assert surname in definitions
    assert surname not in {e.term.lower() for e in summary.glossary}


def test_staff_definitions_are_layered_over_the_tables(tmp_path: Path) -> None:
    override = tmp_path / "lexique.toml"
    override.write_text('[definitions]\n"médiathèque" = "La bibliothèque de la ville."\n"lavoir" = "Un bassin."\n',
                        encoding="utf-8")
    data = load_language_data("fr", override)
    assert data.definitions["médiathèque"] == "La bibliothèque de la ville."
    assert len(data.definitions) == len(_definitions("fr"))


_FILLER = ["la", "mairie", "aide", "les", "familles", "et", "ouvre", "une", "école", "Lavoir", "Claire", "."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*_FILLER, "médiathèque", "arceaux", "permis", "de", "louer", "vacantes", "lavoir"]),
                max_size=40))
def test_listed_definitions_come_from_the_text_and_never_name_the_author(words: list[str]) -> None:
    """Whatever the text: every listed definition's words are in it (by lemma), and the
    author's surname (« Lavoir », also a defined word) is never listed."""
    letter = parse_letter(HERE / "fr-glossaire.txt")
    data = load_language_data("fr")
    text = " ".join(words)
    listed = {e.term for e in make_glossary(text, letter, data, {}, 3.5) if e.term in data.definitions}
    present = {form for w in words for form in lemmas(w.lower(), "fr")}
    for term in listed:
        assert all(present & set(lemmas(part, "fr")) for part in term.split())
    assert "lavoir" not in listed
