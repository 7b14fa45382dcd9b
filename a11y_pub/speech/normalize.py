"""Speech text: what the voice should say for a piece of written text.

``to_speech(text, lang, lexicon)`` runs ``DEFAULT_STEPS`` in order. Each step
is a small pure function ``step(text, rules) -> str`` where ``rules`` holds
the language's tables (``data/speech/<lang>.toml``) and the pronunciation
lexicon; ``steps_for(lang, lexicon)`` binds them into plain ``str -> str``
functions (in the spirit of gTTS's pre-processors).

``split_sentences`` cuts written text into sentences (the unit of synthesis
and of the read-along timings), never inside an abbreviation, and cuts
over-long runs at commas or spaces so no engine call gets a huge text.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial, reduce
from importlib import resources
from typing import Any

from ..dates import written_date
from .lexicon import Lexicon, default_lexicon

Step = Callable[[str, "SpeechRules"], str]

MAX_SENTENCE_CHARS = 300  # longer runs are cut at a comma, else at a space


@dataclass(frozen=True)
class SpeechRules:
    """Tables a language's steps read: abbreviations, symbols, numbers, lexicon."""

    language: str
    abbreviations: dict[str, str] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)


@cache
def speech_tables(language: str) -> dict[str, Any]:
    """The speech data of ``language`` (``data/speech/<lang>.toml``): abbreviations,
    announcements, file names and titles; empty for a language without one."""
    resource = resources.files("a11y_pub") / "data" / "speech" / f"{language}.toml"
    if not resource.is_file():
        return {}
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def rules_for(language: str, lexicon: Lexicon | None = None) -> SpeechRules:
    """The tables for ``language`` with ``lexicon`` (default: the shipped one)."""
    tables = speech_tables(language)
    return SpeechRules(
        language=language,
        abbreviations=dict(tables.get("abbreviations", {})),
        symbols=dict(tables.get("symbols", {})),
        numbers=dict(tables.get("numbers", {})),
        lexicon=default_lexicon(language) if lexicon is None else lexicon,
    )


# -- steps ---------------------------------------------------------------------

_HYPHEN_BREAK_RE = re.compile(r"(\w)[-\u00ad]\n[ \t]*(\w)")
_SOFT_HYPHEN_RE = re.compile("\u00ad")


def undo_line_hyphens(text: str, rules: SpeechRules) -> str:
    """Join words cut at a line end: "accompa-\\ngnement" -> "accompagnement".

    A capital after the break means a real compound ("Ville-\\nAssociation"):
    the hyphen stays.
    """

    def join(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        return f"{first}-{second}" if second.isupper() else f"{first}{second}"

    return _SOFT_HYPHEN_RE.sub("", _HYPHEN_BREAK_RE.sub(join, text))


_BULLET_RE = re.compile(r"^[ \t]*(?:[-–—•·▪▫◦‣⁃*■□●○►▶➢✓✔→]+)[ \t]*", re.MULTILINE)


def drop_bullets(text: str, rules: SpeechRules) -> str:
    """Remove list markers at the start of lines ("• ", "- ", "– ", "* ")."""
    return _BULLET_RE.sub("", text)


_TYPOGRAPHY = (
    (re.compile(r"[«»“”„‟\"]"), ""),
    (re.compile(r"[‘’‚‛`´]"), "'"),
    (re.compile(r"…"), "..."),
    (re.compile(r"\s+[–—]\s+"), ", "),
    (re.compile(r"[–—]"), "-"),
    (re.compile(r"\[|\]|\{|\}"), " "),
    (re.compile(r"[_|~^#\\]+"), " "),
    (re.compile(r"\.{4,}"), "..."),
    (re.compile(r"([!?])\1+"), r"\1"),
)


def drop_typographic_noise(text: str, rules: SpeechRules) -> str:
    """Remove quotes, brackets and repeated punctuation; dashes between words become pauses."""
    return reduce(lambda acc, item: item[0].sub(item[1], acc), _TYPOGRAPHY, text)


def expand_abbreviations(text: str, rules: SpeechRules) -> str:
    """Say abbreviations in full: "M." -> "Monsieur", "févr." -> "février", "n°" -> "numéro".

    A dotted abbreviation at the very end of the text (a sentence end) keeps its full stop.
    """
    if not rules.abbreviations:
        return text
    table = rules.abbreviations
    pattern = _abbreviation_pattern(tuple(sorted(table, key=len, reverse=True)))

    def expand(match: re.Match[str]) -> str:
        written = match.group("a")
        at_end = match.end() == len(text) or text[match.end()] == "\n"
        glued = match.end() < len(text) and text[match.end()].isalnum()
        return table[written] + ("." if written.endswith(".") and at_end else "") + (" " if glued else "")

    return pattern.sub(expand, text)


@cache
def _abbreviation_pattern(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(a) for a in abbreviations)
    return re.compile(rf"(?<![\w.])(?P<a>{alternatives})(?:(?<=\.)|(?<=°)|(?![^\W\d_]))")


_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def read_dates(text: str, rules: SpeechRules) -> str:
    """Write dates out: "23/02/2026" and "2026-02-23" -> "23 février 2026" (day first)."""

    def convert(year: str, month: str, day: str, original: str) -> str:
        try:
            return written_date(_dt.date(int(year), int(month), int(day)), rules.language)
        except ValueError:
            return original

    text = _ISO_DATE_RE.sub(lambda m: convert(m[1], m[2], m[3], m[0]), text)
    return _NUMERIC_DATE_RE.sub(lambda m: convert(m[3], m[2], m[1], m[0]), text)


_POSTAL_RE = re.compile(r"\b(\d{2})(\d{3})(?=\s+(?:[A-ZÉÈÀÂÎÔ]|CEDEX\b))")


def read_postal_codes(text: str, rules: SpeechRules) -> str:
    """French postal codes before a town: "30100 Alès" -> "30, 100 Alès" (département, then office).

    Leading zeros of the office part are said digit by digit ("75001" -> "75, 0 0 1").
    """
    separator = rules.numbers.get("postal_code_separator", "")
    if not separator:
        return text

    def say(match: re.Match[str]) -> str:
        office = match.group(2)
        spoken = " ".join(office) if office.startswith("0") else office
        return f"{match.group(1)}{separator}{spoken}"

    return _POSTAL_RE.sub(say, text)


_ORDINAL_RE = re.compile(r"\b(\d+)(er|re|ère|e|ème|è)\b")


def read_ordinals(text: str, rules: SpeechRules) -> str:
    """French ordinals: "1er" -> "premier", "1re" -> "première", "2e" -> "2ème"."""
    first_m = rules.numbers.get("ordinal_first_masculine", "")
    if not first_m:
        return text
    first_f = rules.numbers.get("ordinal_first_feminine", first_m)
    suffix = rules.numbers.get("ordinal_suffix", "")

    def say(match: re.Match[str]) -> str:
        number, ending = match.group(1), match.group(2)
        if number == "1" and ending == "er":
            return first_m
        if number == "1" and ending in ("re", "ère"):
            return first_f
        if number != "1" and ending in ("e", "ème", "è"):
            return number + suffix
        return match.group(0)

    return _ORDINAL_RE.sub(say, text)


def read_symbols(text: str, rules: SpeechRules) -> str:
    """Say the symbols a voice may skip: "12 %" -> "12 pour cent", "&" -> "et"."""
    for symbol, said in sorted(rules.symbols.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"\s*{re.escape(symbol)}(?=\W|$)" if symbol[-1].isalnum() else rf"\s*{re.escape(symbol)}", f" {said} ", text)
    return text


_KEEP_CATEGORIES = ("L", "M", "N", "P", "Z")


def drop_unspeakable(text: str, rules: SpeechRules) -> str:
    """Remove emoji, pictographs and symbols no voice can say (kept: letters, digits, punctuation).

    Variation selectors, zero-width joiners and other format characters go too.
    """
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t" or (category[0] in _KEEP_CATEGORIES and category not in ("Mn",)):
            kept.append(char)
        elif category == "Mn" and kept and unicodedata.category(kept[-1])[0] == "L":
            kept.append(char)  # a combining accent on a letter
        else:
            kept.append(" ")
    return "".join(kept)


def apply_lexicon(text: str, rules: SpeechRules) -> str:
    """Say names and initials as the pronunciation lexicon says."""
    return rules.lexicon.apply(text)


_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?])")
_REPEATED_PUNCT_RE = re.compile(r"([,;:])(?:\s*[,;:])+")


def tidy_spaces(text: str, rules: SpeechRules) -> str:
    """One space between words, none before punctuation, no empty clauses; lines become spaces."""
    text = re.sub(r"(?<=\w)[ \t]*\n", ".\n", text)  # a line (list item) ends a sentence
    text = " ".join(text.split())
    text = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text)
    text = _REPEATED_PUNCT_RE.sub(r"\1", text)
    text = re.sub(r"^[\s,;:.]+", "", text)
    return text.strip()


DEFAULT_STEPS: tuple[Step, ...] = (
    undo_line_hyphens,
    drop_bullets,
    drop_typographic_noise,
    read_dates,
    expand_abbreviations,
    read_postal_codes,
    read_ordinals,
    apply_lexicon,
    read_symbols,
    drop_unspeakable,
    tidy_spaces,
)


def steps_for(
    language: str, lexicon: Lexicon | None = None, steps: tuple[Step, ...] = DEFAULT_STEPS
) -> tuple[Callable[[str], str], ...]:
    """``steps`` bound to ``language``'s tables: plain ``str -> str`` functions."""
    rules = rules_for(language, lexicon)
    return tuple(partial(step, rules=rules) for step in steps)


def to_speech(
    text: str,
    lang: str,
    lexicon: Lexicon | None = None,
    steps: tuple[Step, ...] = DEFAULT_STEPS,
) -> str:
    """What the voice should say for ``text`` in language ``lang``.

    Args:
        text: written text (a sentence, a paragraph or a section).
        lang: ``fr`` or ``en`` (other languages get the language-free steps).
        lexicon: pronunciation lexicon; None uses the shipped one.
        steps: the pipeline, ``DEFAULT_STEPS`` unless a caller needs another.

    Returns:
        The speech text, on one line; empty when nothing is left to say.
    """
    rules = rules_for(lang, lexicon)
    return reduce(lambda acc, step: step(acc, rules), steps, text)


# -- sentences -----------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"(?<=[.!?…:])[\"»”)]*\s+(?=[\"«“(]*[A-ZÀ-ÖØ-Þ0-9])")


def split_sentences(text: str, lang: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[str]:
    """Cut written text into sentences, as written (for transcripts and timings).

    Lines are separate sentences (paragraphs and list items). A full stop
    after a known abbreviation ("M.", "févr.") or a single capital (an
    initial) does not end a sentence. A run longer than ``max_chars`` is cut
    at a comma or semicolon, else at a space.
    """
    abbreviations = {a for a in speech_tables(lang).get("abbreviations", {}) if a.endswith(".")}
    sentences: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        start = 0
        for match in _SENTENCE_END_RE.finditer(line):
            before = line[start : match.start()].rsplit(" ", 1)[-1]
            if before in abbreviations or re.fullmatch(r"[A-Z]\.", before):
                continue
            sentences.append(line[start : match.start()].strip())
            start = match.end()
        sentences.append(line[start:].strip())
    result: list[str] = []
    for sentence in sentences:
        result.extend(_cut(sentence, max_chars))
    return [s for s in result if s]


def _cut(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    window = sentence[:max_chars]
    cut = max(window.rfind(", "), window.rfind("; "))
    if cut < max_chars // 3:
        cut = window.rfind(" ")
    if cut <= 0:
        cut = max_chars - 1
    head, tail = sentence[: cut + 1].strip(), sentence[cut + 1 :].strip()
    return [head, *_cut(tail, max_chars)]
