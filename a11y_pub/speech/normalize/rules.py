"""The tables a language's speech steps read, loaded once from ``data/speech/<lang>.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..lexicon import Lexicon, default_lexicon


@cache
def speech_tables(language: str) -> dict[str, Any]:
    """The speech data of ``language`` (``data/speech/<lang>.toml``).

    Args:
        language: primary language tag, ``fr`` or ``en``.

    Returns:
        The parsed TOML: announcements, titles and file names used by the audio
        renderer, and the normalisation tables (abbreviations, units, currencies,
        numbers, addresses, acronyms, roman numerals…); ``{}`` for a language
        without a file. Callers must not mutate it (it is cached).
    """
    resource = resources.files("a11y_pub") / "data" / "speech" / f"{language}.toml"
    if not resource.is_file():
        return {}
    return tomllib.loads(resource.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class SpeechRules:
    """What a step needs: the language, its tables and the pronunciation lexicon.

    ``tables`` is the read-only content of ``data/speech/<lang>.toml``;
    ``table(name)`` gives one of its sections (``{}`` when absent), and
    ``word(section, key)`` one of its strings (``""`` when absent), so steps
    degrade to doing nothing for a language without tables.
    """

    language: str
    tables: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    lexicon: Lexicon = field(default_factory=Lexicon)
    phonemes: str | None = None  # the phoneme alphabet of the engine that will speak, if it takes phonemes

    def table(self, name: str) -> dict[str, Any]:
        value = self.tables.get(name, {})
        return value if isinstance(value, dict) else {}

    def word(self, section: str, key: str, default: str = "") -> str:
        value = self.table(section).get(key, default)
        return value if isinstance(value, str) else default

    def words(self, section: str, key: str) -> tuple[str, ...]:
        value = self.table(section).get(key, ())
        return tuple(value) if isinstance(value, list | tuple) else ()

    @property
    def abbreviations(self) -> dict[str, str]:
        """Written abbreviation -> words, whatever follows it."""
        return self.table("abbreviations")

    @property
    def symbols(self) -> dict[str, str]:
        """Symbol -> words, when it stands alone."""
        return self.table("symbols")


def rules_for(language: str, lexicon: Lexicon | None = None, phonemes: str | None = None) -> SpeechRules:
    """The tables for ``language`` with ``lexicon`` (default: the shipped one).

    ``phonemes``: the phoneme alphabet of the engine that will speak
    (``"x-espeak"`` for espeak-ng), or None for respellings only.
    """
    return SpeechRules(
        language=language,
        tables=MappingProxyType(speech_tables(language)),
        lexicon=default_lexicon(language) if lexicon is None else lexicon,
        phonemes=phonemes,
    )
