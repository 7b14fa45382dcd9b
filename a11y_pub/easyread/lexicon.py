"""Language data for easy-read text: simplification lexicon, glossary, word lists.

The defaults live in ``a11y_pub/data/easyread/<language>.toml`` and, for the
definitions of hard words, ``glossary-<language>.toml``; a staff file
(``SummaryOptions.simplification_lexicon``) with the same tables is layered
over them key by key. Tables are data, kept apart from the logic.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import LexiconError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "easyread"
TABLES = ("replace", "glossary", "checker", "summary", "verify", "definitions")
_LINE_RE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class LanguageData:
    """Everything language-specific the checker and the summary need."""

    language: str
    replace: Mapping[str, str]
    glossary: Mapping[str, str]
    checker: Mapping[str, Any]
    summary: Mapping[str, Any]
    sources: tuple[str, ...]  # files read, defaults first
    verify: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # the faithfulness verifier's word lists
    # hard word (its lemma) -> a one-sentence definition, listed only when the word is rare
    definitions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def cues(self, name: str) -> tuple[str, ...]:
        """A [verify] word list, lower-case, longest first; empty when absent."""
        values = {str(w).lower() for w in self.verify.get(name, ())}
        return tuple(sorted(values, key=lambda w: (-len(w), w)))

    def words(self, name: str) -> frozenset[str]:
        """A word list (from [checker], else [summary]) as a lower-case set; empty when absent."""
        values = self.checker.get(name, self.summary.get(name, ()))
        return frozenset(str(w).lower() for w in values)

    def template(self, name: str) -> Any:
        """A summary template or setting; LexiconError if the data lacks it."""
        try:
            return self.summary[name]
        except KeyError:
            tables = [p for p in self.sources if not Path(p).name.startswith("glossary-")]
            raise LexiconError(
                f"summary template '{name}' is missing", path=(tables or self.sources)[-1]
            ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    """Read one TOML table file. Raises LexiconError with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError("cannot read the lexicon", path=path, cause=str(exc)) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _LINE_RE.search(str(exc))
        raise LexiconError(
            "TOML syntax error in the lexicon",
            path=path,
            line=int(match.group(1)) if match else None,
            cause=str(exc).split(" (at line")[0],
        ) from exc
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise LexiconError(
            f"unknown table(s) {', '.join(unknown)}", path=path, cause=f"use {', '.join(TABLES)}"
        )
    for table in ("replace", "glossary", "definitions"):
        for key, value in data.get(table, {}).items():
            if not isinstance(value, str) or not key.strip():
                raise LexiconError(
                    f"[{table}] entry '{key}' must map a word to a text", path=path
                )
    return data


@functools.lru_cache(maxsize=8)
def load_language_data(language: str, override: Path | None = None) -> LanguageData:
    """Load the defaults for ``language`` and layer ``override`` over them.

    Args:
        language: "fr" or "en".
        override: optional TOML file with any of the tables ``replace``,
            ``glossary``, ``checker``, ``summary``, ``verify``, ``definitions``.

    Returns:
        The merged data (read-only mappings).

    Raises:
        LexiconError: unknown language, unreadable file, TOML syntax error
            (with the file and line), or a malformed entry.
    """
    default = DATA_DIR / f"{language}.toml"
    if not default.is_file():
        raise LexiconError(f"no easy-read data for language '{language}'", path=default)
    merged: dict[str, dict[str, Any]] = {t: {} for t in TABLES}
    definitions = DATA_DIR / f"glossary-{language}.toml"
    sources = [default] + ([definitions] if definitions.is_file() else [])
    sources += [Path(override)] if override is not None else []
    for path in sources:
        for table, values in _read_toml(path).items():
            merged[table].update(values)
    return LanguageData(
        language=language,
        replace=MappingProxyType(merged["replace"]),
        glossary=MappingProxyType(merged["glossary"]),
        checker=MappingProxyType(merged["checker"]),
        summary=MappingProxyType(merged["summary"]),
        verify=MappingProxyType(merged["verify"]),
        definitions=MappingProxyType(merged["definitions"]),
        sources=tuple(str(p) for p in sources),
    )


LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@functools.lru_cache(maxsize=4)
def acronym_expansions(language: str) -> dict[str, str]:
    """Acronym -> the words it stands for, from the built-in pronunciation lexicon
    (``a11y_pub/data/lexicon/<lang>.toml``, ``[[lexeme]]`` entries with an ``expansion``).

    Returns an empty mapping when the file is missing. Raises LexiconError when it is
    malformed TOML.
    """
    path = LEXICON_DIR / f"{language}.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError("cannot read the pronunciation lexicon", path=path, cause=str(exc)) from exc
    found: dict[str, str] = {}
    for entry in data.get("lexeme", ()):
        expansion = entry.get("expansion", "") if isinstance(entry, dict) else ""
        graphemes = entry.get("grapheme", ()) if isinstance(entry, dict) else ()
        for grapheme in [graphemes] if isinstance(graphemes, str) else graphemes:
            if expansion and isinstance(grapheme, str):
                found.setdefault(grapheme, expansion)
    return found
