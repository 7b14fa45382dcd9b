"""Language of the letter and text helpers: language detection, folding, line joining."""

from __future__ import annotations

import re
import unicodedata

from .. import cues


def detect_language(text: str) -> str:
    """Return ``fr`` or ``en`` by counting each language's function words."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    fr = sum(w in cues.FUNCTION_WORDS["fr"] for w in words)
    en = sum(w in cues.FUNCTION_WORDS["en"] for w in words)
    return "en" if en > fr else "fr"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_upper_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_lines(lines: list[str], language: str) -> str:
    """Join wrapped lines into one paragraph, undoing hyphenation at line ends.

    A hyphen at a line end is dropped when the joined word is a known word
    and the hyphenated form is not (``addic-`` + ``tions``), and kept
    otherwise (``demi-`` + ``siècle``).
    """
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if not text:
            text = line
            continue
        match = re.search(r"(\w+)-$", text)
        if match and not line[:1].islower():
            text += line  # a compound split at its hyphen: "Ville-" + "Association"
            continue
        if match:
            head = match.group(1)
            tail = re.match(r"\w+", line)
            if tail and _prefers_unhyphenated(head, tail.group(0), language):
                text = text[:-1] + line
            else:
                text += line
            continue
        text += " " + line
    return text.strip()


def _prefers_unhyphenated(head: str, tail: str, language: str) -> bool:
    from wordfreq import zipf_frequency

    joined = zipf_frequency(head + tail, language)
    hyphenated = zipf_frequency(f"{head}-{tail}", language) if zipf_frequency(head, language) > 0 else 0.0
    return joined > 0 and joined >= hyphenated
