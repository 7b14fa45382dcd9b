"""What a sentence asserts, as comparable values: the facts the faithfulness verifier
compares between a summary sentence and its source.

``read_facts(text, data)`` tokenises a sentence and returns a ``Facts``: numbers
(with their unit: per cent, money, ordinal), dates, named people, places and
organisations, and counts of negations, modal cues (possibility, obligation,
intention, conditional mood), conditions and first-person speakers (I / we).
The word lists are data: the ``[verify]`` table of
``a11y_pub/data/easyread/<lang>.toml``.

Everything here is deterministic and offline; the only model used is spaCy's
French part-of-speech tagger, to tell « neuf » the numeral from « neuf » the
adjective (the standard of STANDARDS.md "Faithfulness": numbers must agree).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .lexicon import LanguageData
from .nlp import zipf
from .text import fold

# Contractions spelled out before reading (English): the verifier compares words, not spellings.
_EN_CONTRACTIONS = (
    (r"\bcan['’]t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bwon['’]t\b", "will not"),
    (r"\bshan['’]t\b", "shall not"),
    (r"n['’]t\b", " not"),
    (r"['’]ll\b", " will"),
    (r"['’]d\b", " would"),
    (r"['’]re\b", " are"),
    (r"['’]ve\b", " have"),
    (r"\bI['’]m\b", "I am"),
)
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?"  # 1 000 000, 2 400,50
    r"|\d+(?:[.,]\d+)*"  # 1,000 / 2.5 / 3,5 / 1.000
    r"|(?i:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])['’](?=\w)"  # French elisions (« n' », « qu' »)
    r"|[^\W\d_]+(?:-[^\W\d_]+)*"  # words, hyphenated names
    r"|[%€£$]"
    r"|[,;:.!?()«»\"“”]"  # punctuation: clause boundaries for the verifier
)
_ORDINAL_SUFFIX_RE = re.compile(r"^(?:er|re|e|ème|eme|st|nd|rd|th)$", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    """One token of a sentence: its text, folded form and whether it opens the sentence."""

    text: str
    low: str  # lower-case, apostrophe ', accents kept
    key: str  # folded form (no case, no accents)
    index: int


@dataclass(frozen=True)
class Facts:
    """The comparable content of one sentence (or one span of it).

    ``numbers``: (value, unit) pairs, value as a normalised decimal string,
    unit "" / "%" / "money" / "ord"; ``dates``: (day, month, year) with 0 for
    an unknown part; ``names``: folded proper nouns and acronyms;
    ``negations``, ``conditions``: counts; ``modality``: the modal classes
    present; ``speakers``: "I" and/or "we".
    """

    numbers: frozenset[tuple[str, str]]
    dates: frozenset[tuple[int, int, int]]
    names: frozenset[str]
    negations: int
    modality: frozenset[str]
    conditions: int
    speakers: frozenset[str]


def normalise(text: str, language: str) -> str:
    """Typographic forms -> plain ones; English contractions spelled out."""
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    if language == "en":
        for pattern, value in _EN_CONTRACTIONS:
            text = re.sub(pattern, value, text, flags=re.IGNORECASE)
    return text


def tokens(text: str, language: str) -> list[Token]:
    """The sentence's tokens (numbers, words, « n' », %, currency signs)."""
    out: list[Token] = []
    for match in _TOKEN_RE.finditer(normalise(text, language)):
        word = match.group(0)
        out.append(Token(word, word.lower(), fold(word), len(out)))
    return out


@functools.lru_cache(maxsize=256)
def _cue_index(cues: tuple[str, ...]) -> tuple[dict[str, list[list[str]]], list[list[str]]]:
    """Cues by their exact first word, and the cues whose first word is a prefix (``*``)."""
    exact: dict[str, list[list[str]]] = {}
    prefixed: list[list[str]] = []
    for cue in cues:
        parts = cue.split()
        if parts[0].endswith("*"):
            prefixed.append(parts)
        else:
            exact.setdefault(parts[0], []).append(parts)
    return exact, prefixed


def cue_matches(toks: list[Token], cues: tuple[str, ...]) -> list[int]:
    """Indexes of the tokens where one of ``cues`` starts (phrases, trailing-* prefixes)."""
    exact, prefixed = _cue_index(cues)
    found: list[int] = []
    lows = [t.low for t in toks]
    for start, low in enumerate(lows):
        candidates = exact.get(low, []) + [p for p in prefixed if low.startswith(p[0][:-1])]
        for parts in candidates:
            if start + len(parts) > len(lows):
                continue
            if all(_word_matches(lows[start + k], part) for k, part in enumerate(parts)):
                found.append(start)
                break
    return found


def _word_matches(word: str, cue: str) -> bool:
    if cue.endswith("*"):
        return word.startswith(cue[:-1]) and len(word) > len(cue) - 1 or word == cue[:-1]
    return word == cue


def _negations(toks: list[Token], data: LanguageData) -> int:
    plain = set(cue_matches(toks, data.cues("negation")))
    partners = cue_matches(toks, data.cues("negation_partners"))
    lead = {i for i in plain if toks[i].low in ("ne", "n'")}
    count = len(plain)
    for i in partners:
        if not any(j in lead for j in range(max(0, i - 4), i)):
            count += 1
    return count


def _modality(toks: list[Token], data: LanguageData, dates: set[int]) -> frozenset[str]:
    """Modal classes present; a token read as part of a date ("7 May") is no modal."""
    classes = {
        name
        for name in ("possible", "obligation", "intention")
        if any(i not in dates for i in cue_matches(toks, data.cues(name)))
    }
    endings = data.cues("conditional_endings")
    exceptions = set(data.cues("not_conditional"))
    if cue_matches(toks, data.cues("conditional")) or any(
        len(t.low) >= 6 and t.low.endswith(endings) and t.low not in exceptions for t in toks if endings
    ):
        classes.add("conditional")
    return frozenset(classes)


def _speakers(toks: list[Token], data: LanguageData) -> frozenset[str]:
    found = set()
    if cue_matches(toks, data.cues("speaker_i")):
        found.add("I")
    if cue_matches(toks, data.cues("speaker_we")):
        found.add("we")
    return frozenset(found)


def _number_value(text: str, language: str) -> float | None:
    raw = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if language == "fr":
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            raw = raw.replace(".", "")
        raw = raw.replace(",", ".")
    else:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
            raw = raw.replace(",", "")
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def _show(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=8)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(w) for w in words)


def _month(word: str, data: LanguageData) -> int:
    folded = _folded(tuple(data.verify.get("months", ())))
    key = fold(word).rstrip(".")
    for index, month in enumerate(folded, start=1):
        if key == month or (len(key) >= 3 and month.startswith(key) and key not in ("mar", "mai", "may")):
            return index
    return 0


def _dates(toks: list[Token], data: LanguageData, used: set[int]) -> set[tuple[int, int, int]]:
    """(day, month, year) for « 23 février 2026 », "7 May", "May 7, 2026", « 23/02/2026 »."""
    found: set[tuple[int, int, int]] = set()
    for i, tok in enumerate(toks):
        month = _month(tok.text, data) if tok.text[:1].isalpha() else 0
        if not month or (tok.low == "may" and not _date_context(toks, i)):
            continue
        day = year = 0
        if i > 0 and toks[i - 1].text.isdigit() and int(toks[i - 1].text) <= 31:
            day = int(toks[i - 1].text)
            used.add(i - 1)
        elif i > 1 and _ORDINAL_SUFFIX_RE.match(toks[i - 1].text) and toks[i - 2].text.isdigit():
            day = int(toks[i - 2].text)
            used.update({i - 1, i - 2})
        elif i + 1 < len(toks) and toks[i + 1].text.isdigit() and int(toks[i + 1].text) <= 31:
            day = int(toks[i + 1].text)
            used.add(i + 1)
        after = i + 1 + (1 if i + 1 in used else 0)
        if after < len(toks) and re.fullmatch(r"\d{4}", toks[after].text):
            year = int(toks[after].text)
            used.add(after)
        used.add(i)
        found.add((day, month, year))
    return found


def _date_context(toks: list[Token], i: int) -> bool:
    """English "may" is a month only beside a day or a year, or capitalised mid-sentence."""
    near = [toks[j].text for j in (i - 1, i + 1) if 0 <= j < len(toks)]
    return any(w.isdigit() for w in near) or (i > 0 and toks[i].text == "May")


def _numbers(toks: list[Token], data: LanguageData, language: str, used: set[int]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    percent = data.cues("percent")
    money = data.cues("money")
    scales = {str(k).lower(): int(v) for k, v in data.verify.get("scale", {}).items()}
    for i, tok in enumerate(toks):
        if i in used or not tok.text[:1].isdigit():
            continue
        value = _number_value(tok.text, language)
        if value is None:
            continue
        unit = ""
        rest = toks[i + 1 : i + 4]
        if rest and _ORDINAL_SUFFIX_RE.match(rest[0].text) and not rest[0].text.isupper():
            unit = "ord"
        if rest:
            for key, factor in scales.items():
                if _word_matches(rest[0].low, key):
                    value *= factor
                    rest = rest[1:]
                    break
        if rest and (rest[0].low in ("d'", "de", "of") and len(rest) > 1):
            rest = rest[1:]
        if rest and cue_matches(rest[:2], percent) == [0]:
            unit = "%"
        elif rest and cue_matches(rest[:1], money):
            unit = "money"
        elif i > 0 and toks[i - 1].text in ("£", "$", "€"):
            unit = "money"
        found.add((_show(value), unit))
    return found


def _names(toks: list[Token], known: frozenset[str], data: LanguageData) -> set[str]:
    """Proper nouns and acronyms: capitalised words not opening the sentence, and words the
    letter itself writes with a capital (``known``), wherever they stand."""
    skip = {fold(w) for w in (*data.verify.get("months", ()), *data.verify.get("days", ()))}
    skip |= {fold(w) for w in data.cues("speaker_i")} | {fold(w) for w in data.cues("stopwords")}
    found: set[str] = set()
    first = next((i for i, t in enumerate(toks) if t.text[:1].isalnum()), 0)
    for i, tok in enumerate(toks):
        if not tok.text[:1].isupper() or tok.key in skip:
            continue
        opening = i == first or (i > 0 and toks[i - 1].text in ".!?:")
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        followed = after[:1].isupper() and after[:1].isalpha() and len(after) > 1  # "Marie Dupont", not "If I"
        if opening and not followed and (tok.key not in known or zipf(tok.low, data.language) >= 4.0):
            continue  # a common word opening the sentence ("Residents", « Si »), not a name
        found.add(tok.key)
    return found


# A list item's letter mark, « (b) » or "c)": the word after it opens the item.
_LETTER_MARK_RE = re.compile(r"^\s*\(?[a-zA-Z]\)\s+", re.MULTILINE)


def capitalised_words(text: str, language: str) -> frozenset[str]:
    """Folded words written with a capital anywhere but at a sentence's start: the
    letter's names, to recognise them where a sentence begins with one."""
    found: set[str] = set()
    lower: set[str] = set()
    for sentence in re.split(r"(?<=[.!?:])\s+|\n", _LETTER_MARK_RE.sub("", text)):
        toks = tokens(sentence, language)
        for i, tok in enumerate(toks[1:], start=1):
            if tok.text[:1].islower():
                lower.add(tok.key)
            elif tok.text[:1].isupper() and tok.low not in ("i",) and toks[i - 1].text not in ".!?:":
                found.add(tok.key)
    # A word the letter also writes in lower case is a common word that a title capitalised.
    return frozenset(found - lower)


def numeral_positions(tagged: list[tuple[str, str]], data: LanguageData) -> set[int]:
    """Indexes (in ``tagged``, a list of (word, POS)) of the ambiguous number words that are
    numerals here: tagged NUM, or an invariable number word (« neuf », "one") standing
    before a noun and not after one (« neuf logements », not « un logement neuf »).
    Inflected forms (« neufs », « neuve ») are adjectives whatever the tag."""
    ambiguous = set(data.cues("ambiguous_numbers"))
    invariable = set(data.cues("invariable_numbers"))
    found: set[int] = set()
    for i, (word, tag) in enumerate(tagged):
        low = word.lower()
        if low not in ambiguous:
            continue
        before = tagged[i - 1][1] if i > 0 else ""
        after = tagged[i + 1][1] if i + 1 < len(tagged) else ""
        if low in invariable and (tag == "NUM" or (after in ("NOUN", "ADJ") and before not in ("NOUN", "PROPN"))):
            found.add(i)
    return found


def number_words_to_digits(text: str, language: str, data: LanguageData, pos: Any = None) -> str:
    """Numbers written in words -> digits (text2num, threshold 2: « un », "one" stay words).

    Ambiguous number words (« neuf » the adjective) are left alone unless
    ``numeral_positions`` reads them as numerals in ``pos(text)`` (a callable
    text -> [(word, POS)]); without a tagger they are always left alone.
    """
    from text_to_num import alpha2digit

    ambiguous = set(data.cues("ambiguous_numbers"))
    invariable = set(data.cues("invariable_numbers"))
    keep: set[int] = set()  # character offsets of ambiguous words that are numerals
    if pos is not None and any(w in invariable for w in re.findall(r"\w+", text.lower())):
        tagged = pos(text)
        numerals = numeral_positions(tagged, data)
        offset = 0
        for i, (word, _tag) in enumerate(tagged):
            at = text.find(word, offset)
            if at >= 0:
                offset = at + len(word)
                if i in numerals:
                    keep.add(at)
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        if match.start() in keep:
            return match.group(0)
        protected.append(match.group(0))
        return f"\ue000{len(protected) - 1}\ue001"

    for cue in data.cues("percent"):
        if len(cue) > 1:  # « cinq pour cent » -> « cinq % »: « cent » is no number there
            text = re.sub(r"\s*\b" + re.escape(cue) + r"\b", " %", text, flags=re.IGNORECASE)
    if ambiguous:
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in sorted(ambiguous, key=len, reverse=True)) + r")\b"
        text = re.sub(pattern, protect, text, flags=re.IGNORECASE)
    try:
        text = alpha2digit(text, language, threshold=2)
    except (ValueError, KeyError):
        pass
    return re.sub(r"\ue000(\d+)\ue001", lambda m: protected[int(m.group(1))], text)


def read_facts(
    text: str, data: LanguageData, known_names: frozenset[str] = frozenset(), pos: Any = None
) -> Facts:
    """The facts of one sentence or span (see ``Facts``).

    Args:
        text: the sentence.
        data: the language's easy-read data (its ``[verify]`` table).
        known_names: folded words the letter writes with a capital (``capitalised_words``).
        pos: optional part-of-speech tagger, text -> [(word, POS)], for ambiguous number words.
    """
    from .negation import say_positively  # negation reads tokens from here

    language = data.language
    text = _LETTER_MARK_RE.sub("", say_positively(text, data))  # « (b) Safe route »: « Safe » opens it
    toks = tokens(number_words_to_digits(text, language, data, pos), language)
    used: set[int] = set()
    dates = _dates(toks, data, used)
    used_by_dates = set(used)
    numbers = _numbers(toks, data, language, used)
    return Facts(
        numbers=frozenset(numbers),
        dates=frozenset(dates),
        names=frozenset(_names(toks, known_names, data)),
        negations=_negations(toks, data),
        modality=_modality(toks, data, used_by_dates),
        conditions=len(cue_matches(toks, data.cues("condition"))),
        speakers=_speakers(toks, data),
    )
