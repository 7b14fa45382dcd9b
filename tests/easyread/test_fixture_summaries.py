"""The draft summary of every fixture letter, through the real parser and summariser.

Fixtures: the parser's letters (``tests/letters``) and three sets of twelve letters written
by people who had not seen the simplifier (``tests/easyread/letters``, three sets, each 6 French, 6
English; each with the facts its writer said must survive, ``*.facts.md``).

For each: zero faithfulness errors (the verifier), no cut word, no lower-cased
« I » or name, and no sentence the simplifier made without a conjugated verb (a
sentence that is the letter's own, copied whole, may be verbless: « Absolutely. »).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from a11y_pub.easyread.facts import capitalised_words
from a11y_pub.easyread.lexicon import acronym_expansions, load_language_data
from a11y_pub.easyread.nlp import get_nlp, zipf
from a11y_pub.easyread.simplify import Simplifier
from a11y_pub.easyread.summarize import summarize
from a11y_pub.easyread.text import fold, looks_like_name
from a11y_pub.model import Letter
from a11y_pub.options import SummaryOptions
from a11y_pub.parse import parse_letter

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = sorted(
    [*TESTS.glob("letters/*.txt"), *TESTS.glob("letters/*.md"), *TESTS.glob("easyread/letters/*.txt")],
    key=lambda p: (p.parent.name, p.name),
)
_WORD_RE = re.compile(r"[^\W\d_]+")

pytestmark = pytest.mark.slow


@functools.cache
def _made(path: Path) -> tuple[Letter, object]:
    letter = parse_letter(path)
    return letter, summarize(letter)


def _body_sentences(summary: object) -> list[str]:
    return [s for b in summary.blocks if b.role != "about" for s in b.sentences]  # type: ignore[attr-defined]


def _letter_text(letter: Letter) -> str:
    rec = letter.recipient
    fields = [letter.author, letter.author_role, letter.signature, rec.name, rec.role, rec.organisation,
              letter.subject, letter.place, letter.salutation, letter.closing, letter.title]
    return "\n".join([*fields, *(s.title for s in letter.sections), *(s.text for s in letter.sections)])


def test_there_are_three_sets_of_twelve_new_letters_six_per_language() -> None:
    """Set 1 (``*-0N``), set 2 (``*-1N``) and set 3 (``*-2N``), each written by someone who had
    not seen the simplifier, each with its facts; their scores: ``held_out_scores.md``."""
    new = [p for p in FIXTURES if p.parent.name == "letters" and p.parent.parent.name == "easyread"]
    for prefix in ("fr-0", "en-0", "fr-1", "en-1", "fr-2", "en-2"):
        letters = [p for p in new if p.name.startswith(prefix)]
        assert len(letters) == 6, prefix
        assert all(p.with_suffix(".facts.md").is_file() for p in letters)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_draft_summary_is_faithful(path: Path) -> None:
    _letter, summary = _made(path)
    errors = [f"{m.kind}: {m.detail}: {p.sentence or p.sources}" for p in summary.verification.errors for m in p.mismatches]
    assert errors == []


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_no_cut_word(path: Path) -> None:
    """Every word of the summary is a word of the letter or of the easy-read data
    (templates, lexicon, glossary, acronym expansions): a cut word ("asbes") is neither."""
    letter, summary = _made(path)
    data = load_language_data(letter.language)
    known = _letter_text(letter) + "\n" + repr(dict(data.summary)) + repr(dict(data.replace))
    known += repr(dict(data.glossary)) + repr(dict(data.verify)) + repr(acronym_expansions(letter.language))
    vocabulary = {fold(w) for w in _WORD_RE.findall(known)}
    words = {fold(w) for s in _body_sentences(summary) for w in _WORD_RE.findall(s)}
    unknown = words - vocabulary
    if unknown:  # a verb the active voice conjugated anew (« financés » -> « financeront »): same lemma
        nlp = get_nlp(letter.language).pipeline
        lemmas = {fold(t.lemma_) for t in nlp(_letter_text(letter)) if t.pos_ in ("VERB", "AUX")}
        unknown = {w for w in unknown if fold(nlp(w)[0].lemma_) not in lemmas}
    assert sorted(unknown) == []


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_i_and_names_keep_their_capitals(path: Path) -> None:
    letter, summary = _made(path)
    people = f"{letter.author}  {letter.signature}  {letter.recipient.name}"
    body = "\n".join(s.text for s in letter.sections)
    # Names: what the body writes only with a capital, and the people's names (the header's
    # roles, « Directrice », are common nouns that a title capitalised).
    # A common word a title capitalised (« Pass Culture Rural », « la Ville ») is no proof of a name.
    written = {fold(w): w.lower() for w in _WORD_RE.findall(f"{body} {people}")}
    names = capitalised_words(body, letter.language)
    names |= {fold(w) for part in people.split("  ") if looks_like_name(part) for w in part.split() if w[:1].isupper()}
    names = {w for w in names if zipf(written.get(w, w), letter.language) < 4.0}
    text = "\n".join(s for b in summary.blocks for s in (b.heading, *b.sentences))
    lowered = [w for w in _WORD_RE.findall(text) if w[:1].islower() and fold(w) in names]
    if letter.language == "en":
        lowered += re.findall(r"(?<![\w'’])i(?![\w'’])", text)
    assert lowered == []


@functools.lru_cache(maxsize=4)
def _simplifier(language: str) -> Simplifier:
    letter = parse_letter(next(p for p in FIXTURES if p.name.startswith("fr-" if language == "fr" else "en-")))
    return Simplifier(letter, load_language_data(language), SummaryOptions())


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text``, folded, less numbers written in words (the summary writes digits)."""
    numbers = {fold(w) for lang in ("fr", "en") for w in load_language_data(lang).words("number_words")}
    numbers |= {"un", "une", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    return tuple(w for w in (fold(w) for w in _WORD_RE.findall(text)) if w not in numbers)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_sentence_the_simplifier_made_has_a_conjugated_verb(path: Path) -> None:
    letter, summary = _made(path)
    simplifier = _simplifier(letter.language)
    own: set[tuple[str, ...]] = set()
    for section in letter.sections:
        for line in section.text.split("\n"):
            own.add(_words(line))
            own.update(_words(part) for part in re.split(r"(?<=[.!?])\s+", line))
            # A letter's list marker (« (a) demand… ») is left out of the summary: still its own words.
            own.update(_words(re.sub(r"^\(?[a-z\d]{1,2}\)\s+", "", part)) for part in re.split(r"(?<=[.!?;])\s+", line))
    sentences = [
        s for b in summary.blocks if b.role != "about" for i, s in enumerate(b.sentences) if i not in b.items
    ]  # list items (a list stays a list) are not sentences
    made = [s for s in sentences if _words(s) not in own]
    assert [s for s in made if not simplifier.has_verb(s)] == []
