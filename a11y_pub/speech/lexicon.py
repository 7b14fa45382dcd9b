"""Pronunciation lexicon: written form (grapheme) -> what the voice says.

After W3C PLS 1.0 (https://www.w3.org/TR/pronunciation-lexicon/). The
package ships defaults per language (``data/lexicon/<lang>.toml``: the
sector's initials, association names); staff layer their own file on top
(``AudioOptions.lexicon``), where a grapheme replaces the default entry with
the same grapheme. Two file formats are read, chosen by the file's suffix:

TOML (``.toml``)::

    language = "fr"            # optional
    [[lexeme]]
    grapheme = "CLSM"           # or a list of written forms
    alias = "cé elle esse aime" # a respelling: what to say, in letters
    expansion = "Conseil Local de Santé Mentale"   # optional
    phoneme = "blanav"          # optional: phonemes, IPA unless ``alphabet`` says otherwise
    alphabet = "ipa"            # or "x-espeak" (espeak-ng's phoneme mnemonics)
    # or, several notations: phoneme = { ipa = "blanav", x-espeak = "bl'anav" }

W3C PLS (``.pls``, ``.xml``): ``<lexicon alphabet="ipa" xml:lang="fr">`` with
``<lexeme>`` elements holding ``<grapheme>`` (one or more), ``<phoneme>``
(optional ``alphabet`` attribute) and ``<alias>``. Parsed with defusedxml.

An entry needs an alias, a phoneme or an expansion. With an ``expansion``,
"Conseil Local de Santé Mentale (CLSM)" is said once: bracketed initials
right after their own expansion (or alias) are dropped; an entry with only
an expansion leaves the initials to the acronym step (spelled or read).
Phonemes go to the engines that take them: ``apply(text, "x-espeak")`` writes
espeak-ng's ``[[...]]`` phoneme input; ``pronunciations("ipa")`` gives typed
values for an engine with its own phonemiser (the neural voice).
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


# How an engine that takes phonemes wants them written inside its text.
PHONEME_MARKUP: dict[str, str] = {"x-espeak": "[[{}]]"}
PLS_NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon"


@dataclass(frozen=True, slots=True)
class Phoneme:
    """A pronunciation in a phoneme alphabet: ``ipa`` or an engine's own (``x-espeak``)."""

    alphabet: str
    text: str


@dataclass(frozen=True, slots=True)
class Pronunciation:
    """What an engine with phoneme input needs: this written form is said with these phonemes."""

    grapheme: str
    phonemes: str
    alphabet: str


@dataclass(frozen=True, slots=True)
class Lexeme:
    """One entry: written forms, what to say (respelling and/or phonemes), what initials stand for."""

    graphemes: tuple[str, ...]
    alias: str = ""
    expansion: str = ""
    phonemes: tuple[Phoneme, ...] = ()

    def phoneme(self, alphabet: str | None) -> str:
        """The phonemes in ``alphabet``; "" when there are none (or ``alphabet`` is None)."""
        return next((p.text for p in self.phonemes if p.alphabet == alphabet), "") if alphabet else ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An ordered set of lexemes; later entries win for the same grapheme.

    ``markup`` is the phoneme alphabet of the engine the text is for, when that
    engine reads phonemes inside its text (``"x-espeak"``); ``to_speech`` then
    writes the entries that have phonemes in it as the engine's markup. None:
    every entry is said by its respelling.
    """

    lexemes: tuple[Lexeme, ...] = ()
    sources: tuple[str, ...] = ()
    markup: str | None = None

    def for_engine(self, alphabet: str | None) -> Lexicon:
        """This lexicon for an engine reading phonemes in ``alphabet`` (None: respellings only)."""
        return Lexicon(self.lexemes, self.sources, alphabet)

    def layered(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s entries on top (same grapheme: ``other`` wins)."""
        replaced = {_canonical(g) for lexeme in other.lexemes for g in lexeme.graphemes}
        kept = []
        for lexeme in self.lexemes:
            left = tuple(g for g in lexeme.graphemes if _canonical(g) not in replaced)
            if left:
                kept.append(Lexeme(left, lexeme.alias, lexeme.expansion, lexeme.phonemes))
        return Lexicon((*kept, *other.lexemes), (*self.sources, *other.sources), self.markup)

    @property
    def table(self) -> dict[str, Lexeme]:
        """Written form (apostrophes as ') -> entry."""
        return {_canonical(g): lexeme for lexeme in self.lexemes for g in lexeme.graphemes}

    @property
    def said(self) -> frozenset[str]:
        """Graphemes whose pronunciation the lexicon gives (alias or phonemes): other steps leave them alone."""
        return frozenset(g for lexeme in self.lexemes if lexeme.alias or lexeme.phonemes for g in lexeme.graphemes)

    def pronunciations(self, alphabet: str = "ipa") -> tuple[Pronunciation, ...]:
        """Every grapheme with phonemes in ``alphabet``, in lexicon order (later entries win)."""
        table = self.table
        return tuple(
            Pronunciation(g, lexeme.phoneme(alphabet), alphabet) for g, lexeme in table.items() if lexeme.phoneme(alphabet)
        )

    def apply(self, text: str, phonemes: str | None = None) -> str:
        """Replace every grapheme by what is said (whole words, case-sensitive, any apostrophe).

        With ``phonemes`` an alphabet of ``PHONEME_MARKUP`` (``"x-espeak"``),
        an entry with phonemes in it keeps its written form here, for
        ``mark_phonemes`` to write in the engine's markup once every other
        step has run; otherwise the alias (respelling) is said, and an entry
        without alias keeps its written form. Bracketed graphemes right
        after their expansion or alias, as in "réduction des risques (RdR)",
        are dropped rather than said twice.
        """
        table = self.table
        if not table or not text:
            return text
        pattern = _pattern(tuple(sorted(table, key=len, reverse=True)))

        def redundant(match: re.Match[str]) -> str:
            lexeme = table[_canonical(match.group("g"))]
            before = text[: match.start()].rstrip().casefold()
            for said in (lexeme.expansion, lexeme.alias):
                if said and before.endswith(said.casefold()):
                    return ""
            return match.group(0)

        text = _bracketed(pattern).sub(redundant, text)
        markup = PHONEME_MARKUP.get(phonemes or "")

        def say(match: re.Match[str]) -> str:
            lexeme = table[_canonical(match.group("g"))]
            if markup and lexeme.phoneme(phonemes):
                return match.group("g")  # written as phonemes by ``mark_phonemes``, last
            return lexeme.alias or match.group("g")

        return pattern.sub(say, text)

    def mark_phonemes(self, text: str, phonemes: str | None) -> str:
        """Write graphemes with phonemes in ``phonemes`` (an alphabet of ``PHONEME_MARKUP``) in the
        engine's markup: "Blannaves" -> "[[bl'anav]]" for espeak-ng; unchanged for other alphabets."""
        markup = PHONEME_MARKUP.get(phonemes or "")
        sounds = {_canonical(p.grapheme): p.phonemes for p in self.pronunciations(phonemes)} if markup and phonemes else {}
        if not sounds or not text:
            return text
        pattern = _pattern(tuple(sorted(sounds, key=len, reverse=True)))
        return pattern.sub(lambda m: markup.format(sounds[_canonical(m.group("g"))]), text)


_APOSTROPHES = "'’ʼ`´′"


def _canonical(grapheme: str) -> str:
    """A written form with every apostrophe as ': "CVN’Actions" and "CVN'Actions" are one grapheme."""
    return re.sub(f"[{_APOSTROPHES}]", "'", grapheme)


@cache
def _pattern(graphemes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(g).replace("'", f"[{_APOSTROPHES}]") for g in graphemes)
    return re.compile(rf"(?<![\w-])(?P<g>{alternatives})(?![\w-])")


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
    line = _line_of_entry(text, index)
    if not isinstance(entry, dict):
        raise LexiconError(f"lexeme {index} must be a table", path=source, line=line)
    graphemes: Any = entry.get("grapheme")
    if isinstance(graphemes, str):
        graphemes = [graphemes]
    if not graphemes or not isinstance(graphemes, list) or not all(isinstance(g, str) and g.strip() for g in graphemes):
        raise LexiconError(f"lexeme {index} needs a 'grapheme' (text or list of texts)", path=source, line=line)
    name = graphemes[0]
    unknown = sorted(set(entry) - {"grapheme", "alias", "expansion", "phoneme", "alphabet"})
    if unknown:
        raise LexiconError(f"lexeme '{name}': unknown key(s) {', '.join(unknown)}", path=source, line=line)
    fields = {key: entry.get(key, "") for key in ("alias", "expansion", "alphabet")}
    for key, value in fields.items():
        if not isinstance(value, str):
            raise LexiconError(f"lexeme '{name}': '{key}' must be text", path=source, line=line)
    phonemes = _phonemes(entry.get("phoneme"), fields["alphabet"].strip() or "ipa", name, source, line)
    if not (fields["alias"].strip() or fields["expansion"].strip() or phonemes):
        raise LexiconError(
            f"lexeme '{name}' needs an 'alias' (what to say), a 'phoneme' or an 'expansion'", path=source, line=line
        )
    return Lexeme(tuple(g.strip() for g in graphemes), fields["alias"].strip(), fields["expansion"].strip(), phonemes)


def _phonemes(value: Any, alphabet: str, name: str, source: str, line: int | None) -> tuple[Phoneme, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (Phoneme(alphabet, value.strip()),)
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()):
        return tuple(Phoneme(k, v.strip()) for k, v in value.items())
    raise LexiconError(
        f"lexeme '{name}': 'phoneme' must be text or a table alphabet = text", path=source, line=line
    )


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
    if Path(path).suffix.lower() in (".pls", ".xml"):
        return parse_pls(text, str(path))
    return parse_lexicon(text, str(path))


def parse_pls(text: str, source: str = "<lexicon>") -> Lexicon:
    """Read a W3C PLS 1.0 lexicon from XML ``text`` (parsed with defusedxml: no entities, no DTD fetch).

    ``<lexeme>`` children: ``<grapheme>`` (one or more), ``<phoneme>`` (its
    ``alphabet`` attribute, else the lexicon's, else ``ipa``), ``<alias>``.

    Raises:
        LexiconError: not well-formed XML, forbidden XML (entities, DTD), not a
            PLS ``<lexicon>``, or a lexeme without grapheme or without alias and
            phoneme; with the line number.
    """
    from xml.etree.ElementTree import ParseError as XmlParseError
    from xml.etree.ElementTree import TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    lines: dict[int, int] = {}

    class _Builder(TreeBuilder):
        def start(self, tag: str, attrs: dict[str, str]) -> Any:
            element = super().start(tag, attrs)
            lines[id(element)] = parser.parser.CurrentLineNumber
            return element

    parser = DefusedXMLParser(target=_Builder(), forbid_dtd=True)
    try:
        parser.feed(text)
        root = parser.close()
    except XmlParseError as exc:
        raise LexiconError("lexicon is not well-formed XML", path=source, line=exc.position[0], cause=str(exc).split(":")[0]) from exc
    except DefusedXmlException as exc:
        raise LexiconError("lexicon uses forbidden XML (DTD or entities)", path=source, cause=type(exc).__name__) from exc
    ns = f"{{{PLS_NAMESPACE}}}"
    if root.tag not in (f"{ns}lexicon", "lexicon"):
        raise LexiconError("not a PLS lexicon (the root element must be <lexicon>)", path=source, line=lines.get(id(root)))
    ns = ns if root.tag.startswith("{") else ""
    default_alphabet = root.get("alphabet", "ipa")
    lexemes = []
    for index, element in enumerate(root.iter(f"{ns}lexeme"), start=1):
        line = lines.get(id(element))
        graphemes = tuple((g.text or "").strip() for g in element.iter(f"{ns}grapheme") if (g.text or "").strip())
        if not graphemes:
            raise LexiconError(f"lexeme {index} needs a <grapheme>", path=source, line=line)
        aliases = [(a.text or "").strip() for a in element.iter(f"{ns}alias") if (a.text or "").strip()]
        phonemes = tuple(
            Phoneme(p.get("alphabet", default_alphabet), (p.text or "").strip())
            for p in element.iter(f"{ns}phoneme")
            if (p.text or "").strip()
        )
        if not aliases and not phonemes:
            raise LexiconError(f"lexeme '{graphemes[0]}' needs an <alias> or a <phoneme>", path=source, line=line)
        lexemes.append(Lexeme(graphemes, aliases[0] if aliases else "", "", phonemes))
    return Lexicon(tuple(lexemes), (source,))


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
