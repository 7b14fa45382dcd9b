"""Small text helpers shared by the summary's modules: cleaning, sentence case, names,
lexicon replacement, French elision, accent folding."""

from __future__ import annotations

import re
import unicodedata

from .acronyms import is_acronym
from .nlp import zipf

WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
SPACES_RE = re.compile(r"\s+")


def clean(text: str) -> str:
    text = text.replace('"', "").replace("“", "").replace("”", "")
    text = SPACES_RE.sub(" ", text).strip()
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    return text


def sentence_case(text: str) -> str:
    """Capitalise and end with a full stop."""
    text = clean(text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?":
        text += "."
    return text


def lower_first(text: str, language: str) -> str:
    """Lower-case the first word when it is a common word: not a name, an acronym, « I », nor
    the first word of a name in several capitalised words ("Green Party candidate")."""
    words = text.split(" ", 1)
    first = words[0]
    second = words[1].split(" ", 1)[0] if len(words) > 1 else ""
    next_capital = second[:1].isupper() and not is_acronym(second)  # "Green Party", not « Association EKKO »
    if (
        first[:1].isupper()
        and first != "I"
        and not next_capital
        and not is_acronym(first)
        and zipf(first.lower(), language) >= 3.0
    ):
        return first[0].lower() + first[1:] + (" " + words[1] if len(words) > 1 else "")
    return text


# Letters after a name (British honours and offices) are written in capitals: "Marian Teague MBE".
_POST_NOMINALS = frozenset("MBE OBE CBE KBE DBE BEM MP MSP MS AM MEP QC KC JP".split())


def person_name(name: str) -> str:
    """« Marc INFANTES » -> « Marc Infantes »: names are not written in capitals (letters after
    a name, "MBE", "MP", stay as they are)."""
    words = name.split()
    return " ".join(
        "-".join(p.capitalize() for p in word.split("-"))
        if word.isupper() and len(word) > 1 and not (i and word.strip(",.") in _POST_NOMINALS)
        else word
        for i, word in enumerate(words)
    )


def replace_words(text: str, table: dict[str, str]) -> str:
    """Apply the simplification lexicon: longest keys first, whole words, first-letter case kept."""
    for key in sorted(table, key=lambda k: (-len(k), k)):
        pattern = re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", re.IGNORECASE)

        def swap(match: re.Match[str], value: str = table[key]) -> str:
            found = match.group(0)
            if found[:1].isupper() and value:
                return value[0].upper() + value[1:]
            return value

        text = pattern.sub(swap, text)
    return text


_ELISION_RE = re.compile(r"\b([dDjJmMtTsSnN]e|[qQ]ue)\s+(?=[aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ])")


def elide(text: str, language: str) -> str:
    """French elision after a replacement: « de aider » -> « d'aider »."""
    if language != "fr":
        return text
    return _ELISION_RE.sub(lambda m: m.group(1)[:-1] + "'", text)


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn"
    )


_PARTICLES = frozenset({"de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "d'", "d’", "et", "and", "&"})


def looks_like_name(text: str) -> bool:
    """True for « Marc Infantes », "Cllr Martin Osei", « Sylvie Arnaud et Karim Mesbah »;
    False for a closing formula read as a name ("With kind regards", « Pour le collectif »):
    every word capitalised but name particles, six words a name at most ("Ann Lee, Bo Chen
    and Cy Dunn": three names)."""
    words = text.replace(",", " ").split()
    names = len(re.split(r",|\s(?:et|and|&)\s", text))
    if not 1 <= len(words) <= 6 * names or ":" in text:
        return False
    capitals = [w for w in words if w[:1].isupper()]
    return bool(capitals) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
