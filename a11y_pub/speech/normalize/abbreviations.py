"""Steps for shortened words: abbreviations, the pronunciation lexicon, acronyms."""

from __future__ import annotations

import re
from functools import cache

from .rules import SpeechRules


@cache
def _alternatives(abbreviations: tuple[str, ...]) -> str:
    return "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))


_CAPITAL = r"[A-ZÀ-ÖØ-Þ]"


def _sentence_start(before: str, rules: SpeechRules) -> bool:
    """Whether a sentence starts after ``before``: nothing, a line break, or a full stop, "!" or
    "?" then a space, unless the full stop is an abbreviation's ("e.g. No. 5")."""
    if not before.strip() or before.endswith("\n"):
        return True
    if not re.search(r"[.!?]\s+$", before):
        return False
    last = before.split()[-1]
    return last not in sentence_abbreviations(rules) or last in rules.words("sentences", "may_end")


def expand_abbreviations(text: str, rules: SpeechRules) -> str:
    """Say abbreviations in full, from four tables of the language.

    - ``abbreviations``: always (« Mme » -> « Madame », « etc. » -> « et cetera », "e.g." -> "for example");
    - ``abbreviations_before_number``: only before a number (« p. 12 » -> « page 12 », "No. 5" -> "number 5");
    - ``abbreviations_before_name``: only before a capital, hyphen allowed
      (« Me Durand » -> « Maître Durand », « St-Jean » -> « Saint-Jean », "St Paul" -> "Saint Paul");
    - ``abbreviations_after_name``: only after a capitalised word ("Baker St" -> "Baker Street").

    Matching is case-sensitive and on whole words. A dotted abbreviation at
    the end of a line (a sentence end) keeps its full stop.
    """

    may_end = set(rules.words("sentences", "may_end"))

    def expander(table: dict[str, str]):
        def expand(match: re.Match[str]) -> str:
            written, whole = match.group("a"), match.string
            end = match.end("a")
            at_end = end == len(whole) or whole[end] == "\n"
            if written in may_end and re.match(rf"\s+{_CAPITAL}", whole[end:]):
                at_end = True
            glued = end < len(whole) and whole[end].isalnum()
            before = match.groupdict().get("pre") or ""
            said = table[written]
            if written[:1].isupper() and not before and _sentence_start(whole[: match.start()], rules):
                said = said[:1].upper() + said[1:]  # « Tél. : » at a sentence start -> « Téléphone : »
            return before + said + ("." if written.endswith(".") and at_end else "") + (" " if glued else "")

        return expand

    before_number = rules.table("abbreviations_before_number")
    if before_number:
        pattern = rf"(?<![\w.])(?P<a>{_alternatives(tuple(before_number))})(?=[ \u00a0]?[\d])"
        text = re.sub(pattern, expander(before_number), text)
    before_name = rules.table("abbreviations_before_name")
    if before_name:
        pattern = rf"(?<![\w.])(?P<a>{_alternatives(tuple(before_name))})(?=(?:[ \u00a0]+|-){_CAPITAL})"
        text = re.sub(pattern, expander(before_name), text)
    after_name = rules.table("abbreviations_after_name")
    if after_name:
        pattern = rf"(?P<pre>(?<![\w]){_CAPITAL}[a-zà-ÿ]+ )(?P<a>{_alternatives(tuple(after_name))})(?![\w])"
        text = re.sub(pattern, expander(after_name), text)
    table = rules.abbreviations
    if table:
        pattern = rf"(?<![\w.])(?P<a>{_alternatives(tuple(table))})(?:(?<=\.)|(?<=°)|(?![^\W\d_]))"
        text = re.sub(pattern, expander(table), text)
    return text


def write_phonemes(text: str, rules: SpeechRules) -> str:
    """Last step: lexicon entries with phonemes for the engine (``rules.phonemes``) in its
    markup, "Blannaves" -> "[[bl'anav]]" for espeak-ng; nothing without phoneme input."""
    return rules.lexicon.mark_phonemes(text, rules.phonemes)


def sentence_abbreviations(rules: SpeechRules) -> frozenset[str]:
    """Dotted abbreviations after which a full stop does not end a sentence (every table)."""
    names = ("abbreviations", "abbreviations_before_number", "abbreviations_before_name", "abbreviations_after_name")
    return frozenset(a for name in names for a in rules.table(name) if a.endswith("."))


def apply_lexicon(text: str, rules: SpeechRules) -> str:
    """Say names and initials as the pronunciation lexicon says (respelling, or phonemes for
    an engine that takes them: see ``Lexicon.apply``)."""
    return rules.lexicon.apply(text, rules.phonemes)


# -- acronyms ---------------------------------------------------------------------------

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_ACRONYM_RE = re.compile(rf"(?<![\w-])([{_UPPER}]{{2,}})(s?)(?![\w'’-])")
_ROMAN_IVX_RE = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")  # "II", "XIV": a numeral left as written, not initials
_VOWELS = set("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸ")


def _pronounceable(letters: str, onsets: tuple[str, ...], codas: tuple[str, ...]) -> bool:
    """Initials a reader says as a word: four letters or more, starting with a vowel, one
    consonant or a known onset (``acronyms.onsets``), ending with a vowel, one consonant or a
    known coda (``acronyms.codas``), without three consonants in a row."""
    if len(letters) < 4 or not any(c in _VOWELS for c in letters):
        return False
    if not (letters[0] in _VOWELS or letters[1] in _VOWELS or letters[:2] in onsets):
        return False
    run = 0
    for char in letters:
        run = 0 if char in _VOWELS else run + 1
        if run >= 3:
            return False
    return letters[-1] in _VOWELS or letters[-2] in _VOWELS or letters[-2:] in codas


def say_acronym(letters: str, rules: SpeechRules) -> str:
    """How initials are said: the ``acronyms.words`` table (a respelling: « CEDEX » -> « cédex »),
    the ``acronyms.spelled`` list, else as written (a word: "UNESCO") when pronounceable,
    spelled otherwise (« SNCF » -> « S N C F », « AESH » -> « A E S H », "NHS" -> "N.H.S.")."""
    table = rules.table("acronyms")
    words = table.get("words", {})
    if letters in words:
        return words[letters]
    onsets, codas = tuple(table.get("onsets", ())), tuple(table.get("codas", ()))
    spelled = letters in table.get("spelled", ()) or not _pronounceable(letters, onsets, codas)
    if spelled:
        return spell(letters, rules)
    return letters  # a word: the voice reads it as written


def spell(letters: str, rules: SpeechRules) -> str:
    """Letters said one by one, written as ``acronyms.spelling`` says: ``spaced`` (« S N C F »)
    or ``dotted`` ("N.H.S.": espeak-ng reads a lone English "A" before a word as the article)."""
    if rules.table("acronyms").get("spelling") == "dotted":
        return "".join(f"{letter}." for letter in letters)
    return " ".join(letters)


def read_acronyms(text: str, rules: SpeechRules) -> str:
    """Initials in capitals, spelled or read as a word: « la SNCF » -> « la S N C F », « l'UNESCO » -> « l'Unesco ».

    Left alone: entries of the pronunciation lexicon (they win), numerals of
    I, V and X ("II", a list label), and lines written all in capitals (a
    heading, not initials). A plural ``s`` after spelled initials is said as
    ``acronyms.plural`` ("GPs" -> "G P's").
    """
    if not rules.table("acronyms"):
        return text
    known = rules.lexicon.said

    def line(part: str) -> str:
        if not re.search(r"[a-zà-ÿ]", part):
            return part

        def say(match: re.Match[str]) -> str:
            letters, plural = match.group(1), match.group(2)
            if letters in known or match.group(0) in known or _ROMAN_IVX_RE.fullmatch(letters):
                return match.group(0)
            said = say_acronym(letters, rules)
            if plural and said != letters:
                return said + rules.table("acronyms").get("plural", "s")  # "GPs" -> "G P's"
            return said + plural

        return _ACRONYM_RE.sub(say, part)

    return "\n".join(line(part) for part in text.split("\n"))
