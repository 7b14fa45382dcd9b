"""Pronunciation lexicon: written form (grapheme) -> what the voice says (alias).

In the spirit of W3C PLS lexicons. The package ships defaults per language
(``data/lexicon/<lang>.toml``: the sector's initials, association names);
staff can layer their own file on top (``AudioOptions.lexicon``), where a
grapheme replaces the default entry with the same grapheme.

File format (TOML)::

    language = "fr"            # optional
    [[lexeme]]
    grapheme = "CLSM"           # or a list of written forms
    alias = "cé elle esse aime"
    expansion = "Conseil Local de Santé Mentale"   # optional

With an ``expansion``, "Conseil Local de Santé Mentale (CLSM)" is said once:
bracketed initials right after their own expansion (or alias) are dropped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import LexiconError

_LINE_RE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class Lexeme:
    """One entry: written forms, what to say, what the initials stand for."""

    graphemes: tuple[str, ...]
    alias: str
    expansion: str = ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An ordered set of lexemes; later entries win for the same grapheme."""

    lexemes: tuple[Lexeme, ...] = ()
    sources: tuple[str, ...] = ()

    def layered(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s entries on top (same grapheme: ``other`` wins)."""
        replaced = {g for lexeme in other.lexemes for g in lexeme.graphemes}
        kept = []
        for lexeme in self.lexemes:
            left = tuple(g for g in lexeme.graphemes if g not in replaced)
            if left:
                kept.append(Lexeme(left, lexeme.alias, lexeme.expansion))
        return Lexicon((*kept, *other.lexemes), (*self.sources, *other.sources))

    @property
    def table(self) -> dict[str, Lexeme]:
        return {g: lexeme for lexeme in self.lexemes for g in lexeme.graphemes}

    def apply(self, text: str, phonemes: str | None = None) -> str:
        """Replace every grapheme by its alias (whole words, case-sensitive).

        Bracketed graphemes right after their expansion or alias, as in
        "réduction des risques (RdR)", are dropped rather than said twice.
        """
        table = self.table
        if not table or not text:
            return text
        pattern = _pattern(tuple(sorted(table, key=len, reverse=True)))

        def redundant(match: re.Match[str]) -> str:
            lexeme = table[match.group("g")]
            before = text[: match.start()].rstrip().casefold()
            for said in (lexeme.expansion, lexeme.alias):
                if said and before.endswith(said.casefold()):
                    return ""
            return match.group(0)

        text = _bracketed(pattern).sub(redundant, text)
        return pattern.sub(lambda m: table[m.group("g")].alias, text)


@cache
def _pattern(graphemes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(g) for g in graphemes)
    return re.compile(rf"(?<![\w'’-])(?P<g>{alternatives})(?![\w-])")


@cache
def _bracketed(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(rf"\s*\(\s*{pattern.pattern}\s*\)")


def parse_lexicon(text: str, source: str = "<lexicon>") -> Lexicon:
    """Read a lexicon from TOML ``text``.

    Raises:
        LexiconError: TOML syntax error (with its line number), or an entry
            without grapheme/alias, or values of the wrong type.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _LINE_RE.search(message)
        line = int(found.group(1)) if found else None
        problem = _LINE_RE.split(message)[0].rstrip(" (")
        raise LexiconError(
            "lexicon is not valid TOML", path=source, line=line, cause=problem
        ) from exc
    entries = data.get("lexeme", [])
    if not isinstance(entries, list):
        raise LexiconError("'lexeme' must be a list of [[lexeme]] tables", path=source)
    lexemes = []
    for index, entry in enumerate(entries, start=1):
        lexemes.append(_lexeme(entry, index, text, source))
    return Lexicon(tuple(lexemes), (source,))


def _lexeme(entry: Any, index: int, text: str, source: str) -> Lexeme:
    if not isinstance(entry, dict):
        raise LexiconError(f"lexeme {index} must be a table", path=source)
    graphemes: Any = entry.get("grapheme")
    if isinstance(graphemes, str):
        graphemes = [graphemes]
    line = _line_of_entry(text, index)
    if not graphemes or not all(isinstance(g, str) and g.strip() for g in graphemes):
        raise LexiconError(
            f"lexeme {index} needs a 'grapheme' (text or list of texts)", path=source, line=line
        )
    alias = entry.get("alias")
    if not isinstance(alias, str) or not alias.strip():
        raise LexiconError(
            f"lexeme '{graphemes[0]}' needs an 'alias' (what to say)", path=source, line=line
        )
    expansion = entry.get("expansion", "")
    if not isinstance(expansion, str):
        raise LexiconError(f"lexeme '{graphemes[0]}': 'expansion' must be text", path=source, line=line)
    unknown = sorted(set(entry) - {"grapheme", "alias", "expansion"})
    if unknown:
        raise LexiconError(
            f"lexeme '{graphemes[0]}': unknown key(s) {', '.join(unknown)}", path=source, line=line
        )
    return Lexeme(tuple(g.strip() for g in graphemes), alias.strip(), expansion.strip())


def _line_of_entry(text: str, index: int) -> int | None:
    """Line number of the ``index``-th ``[[lexeme]]`` header (1-based), if found."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().replace(" ", "") == "[[lexeme]]":
            seen += 1
            if seen == index:
                return number
    return None


def read_lexicon(path: Path) -> Lexicon:
    """Read a lexicon file.

    Raises:
        LexiconError: the file cannot be read, is not UTF-8, or is malformed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError("lexicon file not found", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError("cannot read lexicon file", path=path, cause=str(exc)) from exc
    return parse_lexicon(text, str(path))


@cache
def default_lexicon(language: str) -> Lexicon:
    """The lexicon shipped for ``language`` (empty when there is none)."""
    resource = resources.files("a11y_pub") / "data" / "lexicon" / f"{language}.toml"
    if not resource.is_file():
        return Lexicon()
    return parse_lexicon(resource.read_text(encoding="utf-8"), f"a11y_pub/data/lexicon/{language}.toml")


def load_lexicon(language: str, override: Path | None = None) -> Lexicon:
    """The shipped lexicon for ``language`` with ``override``'s entries on top.

    Raises:
        LexiconError: the override file is missing or malformed.
    """
    base = default_lexicon(language)
    if override is None:
        return base
    return base.layered(read_lexicon(override))
