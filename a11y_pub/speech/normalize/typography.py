"""Steps on the page's typography: broken lines, bullets, apostrophes and quotes, noise, spaces."""

from __future__ import annotations

import re
import unicodedata
from functools import reduce

from .rules import SpeechRules


def escape_phoneme_markup(text: str, rules: SpeechRules) -> str:
    """Double brackets in the letter are not phoneme input: "[[x]]" -> "[x]" (only the
    lexicon writes ``[[...]]``, for an engine that takes phonemes)."""
    while "[[" in text or "]]" in text:
        text = text.replace("[[", "[").replace("]]", "]")
    return text


_HYPHEN_BREAK_RE = re.compile(r"(\w)[-\u00ad]\n[ \t]*(\w)")
_SOFT_HYPHEN_RE = re.compile("\u00ad")


def undo_line_hyphens(text: str, rules: SpeechRules) -> str:
    """Join words cut at a line end: "accompa-\\ngnement" -> "accompagnement".

    A capital after the break means a real compound ("Ville-\\nAssociation"):
    the hyphen stays. Soft hyphens (U+00AD) are removed.
    """

    def join(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        return f"{first}-{second}" if second.isupper() else f"{first}{second}"

    return _SOFT_HYPHEN_RE.sub("", _HYPHEN_BREAK_RE.sub(join, text))


_BULLET_RE = re.compile(r"^[ \t]*(?:[-–—•·▪▫◦‣⁃*■□●○►▶➢✓✔→]+)[ \t]+|^[ \t]*[•·▪▫◦‣⁃■□●○►▶➢✓✔→]+[ \t]*", re.MULTILINE)


def drop_bullets(text: str, rules: SpeechRules) -> str:
    """Remove list markers at the start of lines ("• ", "- ", "– ", "* ").

    A hyphen or dash glued to a digit ("-5 °C") is a sign, not a bullet, and stays.
    """
    return _BULLET_RE.sub("", text)


# Characters used for an apostrophe that voices may misread: modifier letter
# apostrophe, grave and acute accents, primes, fullwidth apostrophe, reversed
# quote. The straight ' and the typographic ’ are read alike and kept as written.
_APOSTROPHES = "\u02bc\u0060\u00b4\u2032\u2035\uff07\u201b\u02b9\u02bb\u02bd"
_LETTER = r"[^\W\d_\u02b9\u02bb\u02bc\u02bd]"  # a letter, but not the modifier letters used as apostrophes
# Between two letters, or a letter and a digit (« d’1 »); before a decade ("the ’90s").
_APOSTROPHE_RE = re.compile(rf"(?<={_LETTER})[{_APOSTROPHES}\u2018\u2019'](?={_LETTER}|\d)|(?:^|(?<=\s))[\u2019'\u2018](?=\d0s\b)")
# A closing ’ after a word ("the students’ union") when no opening ‘ came before it.
_CLOSING_RE = re.compile(rf"(?<={_LETTER})[\u2019\u02bc'](?!{_LETTER})")
_SINGLE_QUOTES_RE = re.compile(r"[\u2018\u2019\u201b']")
_QUOTES_RE = re.compile(r"[«»“”„‟\"‹›「」『』〝〞＂][\u00a0\u202f]?|[\u00a0\u202f](?=[»›])")
_KEPT = "\x01"


def unify_quotes(text: str, rules: SpeechRules) -> str:
    """Apostrophes a voice reads, no quotation marks: « lʼété », "l`été", "l´été", "l′été" -> « l’été »
    (the apostrophe of ``typography.apostrophe``, U+2019 for French and English); the
    straight ' and the typographic ’, which voices read alike, stay as written.

    An apostrophe is any of the characters above between two letters, between
    a letter and a digit, before a decade ("the ’90s"), or closing a word when
    no opening single quote precedes it ("the students’ union"). Quotation
    marks of every kind (« », “ ”, „, ‹ ›, straight double quotes, single quotes
    around a phrase) are removed, with the no-break space French puts inside guillemets.
    """
    apostrophe = rules.word("typography", "apostrophe", "'")

    def keep(match: re.Match[str]) -> str:
        char = match.group(0)
        return {"'": "\x02", "\u2019": _KEPT}.get(char, _KEPT if apostrophe == "\u2019" else "\x02")

    def once(text: str) -> str:
        text = _QUOTES_RE.sub("", text)
        text = _APOSTROPHE_RE.sub(keep, text)
        text = _CLOSING_RE.sub(lambda m: m.group(0) if "\u2018" in text[: m.start()] else keep(m), text)
        return _SINGLE_QUOTES_RE.sub("", text).replace(_KEPT, "\u2019").replace("\x02", "'")

    # Removing a quotation mark can bring an apostrophe between two letters ("a`«a"): again until stable.
    for _ in range(4):
        done = once(text)
        if done == text:
            break
        text = done
    return text


_TYPOGRAPHY = (
    (re.compile(r"…"), "..."),
    (re.compile(r"\s+[–—―]\s+"), ", "),
    (re.compile(r"[–—―‐‑]"), "-"),
    (re.compile(r"\[|\]|\{|\}"), " "),
    (re.compile(r"[_|~^#\\*]+"), " "),
    (re.compile(r"\.{4,}"), "..."),
    (re.compile(r"([!?])\1+"), r"\1"),
)


def drop_typographic_noise(text: str, rules: SpeechRules) -> str:
    """Remove brackets, markup characters and repeated punctuation; dashes between words become pauses."""
    return reduce(lambda acc, item: item[0].sub(item[1], acc), _TYPOGRAPHY, text)


def elide(text: str, rules: SpeechRules) -> str:
    """French elision before the words numbers became: « de un mètre » -> « d’un mètre »,
    « que une » -> « qu’une » (table ``elision``: word -> elided form, ``before``: the words)."""
    table = dict(rules.table("elision"))
    following = table.pop("before", [])
    if not table or not following:
        return text
    words = "|".join(re.escape(w) for w in table)
    after = "|".join(re.escape(w) for w in following)
    return re.sub(rf"(?<![\w’'-])({words}) (?=(?:{after})\b)", lambda m: table[m.group(1)], text)


_KEEP_CATEGORIES = ("L", "M", "N", "P", "Z")


def drop_unspeakable(text: str, rules: SpeechRules) -> str:
    """Remove emoji, pictographs and symbols no voice can say (kept: letters, digits, punctuation).

    Variation selectors, zero-width joiners and other format characters go too.
    """

    kept: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t" or (category[0] in _KEEP_CATEGORIES and category != "Mn"):
            kept.append(char)
        elif category == "Mn" and kept and unicodedata.category(kept[-1])[0] == "L":
            kept.append(char)  # a combining accent on a letter
        else:
            kept.append(" ")
    return "".join(kept)


_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?])")
_REPEATED_PUNCT_RE = re.compile(r"([,;:])(?:\s*[,;:])+")


def tidy_spaces(text: str, rules: SpeechRules) -> str:
    """One space between words, none before punctuation (but one before « : ; ! ? » where
    ``typography.space_before`` lists them and the text had one: French typography), no empty
    clauses; lines become sentences."""
    text = re.sub(r"(?<=\w)[ \t]*\n", ".\n", text)  # a line (list item) ends a sentence
    text = " ".join(text.split())
    spaced = rules.word("typography", "space_before")
    text = _SPACE_BEFORE_PUNCT_RE.sub(lambda m: f" {m.group(1)}" if m.group(1) in spaced else m.group(1), text)
    text = _REPEATED_PUNCT_RE.sub(r"\1", text)
    text = re.sub(r"\s*([,;:])\s*\.", ".", text)  # « sur trois : . » (an empty title) -> « sur trois. »
    text = re.sub(r"([!?])\s*\.", r"\1", text)  # a question title, then the template's full stop
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # "the N.H.S." ending a sentence
    text = re.sub(r"^[\s,;:.]+", "", text)
    return text.strip()
