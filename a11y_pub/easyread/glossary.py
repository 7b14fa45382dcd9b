"""The summary's glossary: acronyms, listed hard words, and the definitions of the rare
words found in its text.

Three sources, in order: acronyms; the language data's ``[glossary]`` (always listed
when found); its ``[definitions]`` (``data/easyread/glossary-<lang>.toml``), listed only
for a word of the summary that the rare-word rule would flag (below ``rare_zipf``,
judged by form and lemma, ``rarity.word_zipf``) and for its fixed phrases wherever they
occur, matched through lemmas so that « vacants », "kerbs" find the entries « vacant »,
"kerb". The notice (the tool's own text) is not searched for definitions. Names are
never defined: the letter's people, and capitalised words inside a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import Letter
from .acronyms import is_acronym
from .document import GlossaryEntry
from .lexicon import LanguageData, acronym_expansions
from .rarity import lemmas, word_zipf
from .text import clean, fold, sentence_case


def make_glossary(
    summary_text: str, letter: Letter, data: LanguageData, acronyms: dict[str, str], rare_zipf: float
) -> tuple[GlossaryEntry, ...]:
    """The glossary of ``summary_text``: every acronym (its definition from the easy-read
    data, the letter, or the pronunciation lexicon's expansion), then the listed hard words.

    Args:
        summary_text: the summary's text (notice, headings, sentences), one per line.
        letter: the letter (its language and people).
        data: the language data (``glossary``, ``definitions``, templates).
        acronyms: acronym -> expansion found in the letter.
        rare_zipf: the rare-word threshold (wordfreq Zipf scale) a defined word must be below.

    Returns:
        (term, definition) entries sorted by term, accents and case ignored.

    The letter's own people (author, signer, recipient) are never defined as hard words.
    """
    people = {fold(w) for w in f"{letter.author} {letter.signature} {letter.recipient.name}".split()}
    entries = _acronym_entries(summary_text, letter, data, acronyms)
    # 2. listed hard words and phrases, longest first, each text span used once
    work = summary_text
    for key in sorted(data.glossary, key=lambda k: (-len(k), k)):
        if is_acronym(key) or fold(key) in people:
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", re.IGNORECASE)
        if not pattern.search(work):
            continue
        work = pattern.sub(" ", work)
        definition = data.glossary[key]
        if definition in entries.values():
            continue
        entries[key] = definition
    # 3. definitions of the rare words and fixed phrases left, the notice (the tool's own words) aside
    notice = {str(line) for line in data.summary.get("notice", ())}
    text = "\n".join(w for w, o in zip(work.splitlines(), summary_text.splitlines(), strict=False) if o not in notice)
    listed = set(entries.values())  # two terms may share a definition (« giratoire », « rond-point »)
    for key, definition in _defined_words(text, letter.language, data.definitions, rare_zipf, people).items():
        if definition not in listed and key.lower() not in {k.lower() for k in entries}:
            entries[key] = definition
    return tuple(
        GlossaryEntry(term, entries[term]) for term in sorted(entries, key=lambda t: (fold(t), t))
    )


def _acronym_entries(
    summary_text: str, letter: Letter, data: LanguageData, acronyms: dict[str, str]
) -> dict[str, str]:
    """Acronym -> definition for every acronym of ``summary_text``: from the easy-read data,
    the letter, the pronunciation lexicon's expansion, the recipient's name, else a note
    that the letter does not say."""
    entries: dict[str, str] = {}
    definitions = {k.lower(): (k, v) for k, v in data.glossary.items()}
    expansions = acronym_expansions(letter.language)
    for word in dict.fromkeys(re.findall(r"[\w’'-]+", summary_text)):
        for part in re.split(r"['’]", word):
            if not is_acronym(part) or part in entries:
                continue
            if part in data.glossary:
                entries[part] = data.glossary[part]
            elif part.lower() in definitions:
                entries[part] = definitions[part.lower()][1]
            elif acronyms.get(part):
                entries[part] = sentence_case(acronyms[part])
            elif expansions.get(part):
                entries[part] = sentence_case(expansions[part])
            elif part in letter.recipient.organisation:
                name = re.sub(r"\s*\(" + re.escape(part) + r"\)", "", clean(letter.recipient.organisation))
                entries[part] = data.template("acronym_in_name").format(name=name)  # "X (ACR)": ACR is the entry
            else:
                entries[part] = data.template("acronym_unknown")
    return entries


_TOKEN_RE = re.compile(r"[^\W\d_](?:[\w-]*[^\W_])?")


def _defined_words(
    text: str, language: str, definitions: Mapping[str, str], rare_zipf: float, people: set[str]
) -> dict[str, str]:
    """Entries of ``definitions`` for the rare words and phrases of ``text``.

    A one-word entry matches a word when one of the word's forms or lemmas
    (``rarity.lemmas``) is one of the entry's, and the word's frequency is below
    ``rare_zipf``; a phrase (a fixed expression, jargon as a whole even when each word
    is common) matches the same words, lemma by lemma, in order, wherever it occurs.
    Skipped: the letter's people (folded words in ``people``) and capitalised words
    that do not open a sentence (names).
    """
    by_first: dict[str, list[tuple[str, tuple[frozenset[str], ...]]]] = {}
    for key in definitions:
        parts = tuple(_forms(word, language) for word in _TOKEN_RE.findall(key.replace("’", "'")))
        for form in parts[0] if parts else ():
            by_first.setdefault(form, []).append((key, parts))
    words = [(m.group(), m.start()) for m in _TOKEN_RE.finditer(text.replace("’", "'"))]
    forms = [_forms(w, language) if _usable(w, s, text, people) else frozenset() for w, s in words]
    found: dict[str, str] = {}
    covered = 0  # words before this index belong to a phrase already matched
    for i, (word, _start) in enumerate(words):
        if i < covered:
            continue
        candidates = {key: parts for form in forms[i] for key, parts in by_first.get(form, ())}
        for key, parts in sorted(candidates.items(), key=lambda kv: (-len(kv[1]), kv[0] != word.lower(), kv[0])):
            if all(p & f for p, f in zip(parts, forms[i : i + len(parts)], strict=False)) and \
                    i + len(parts) <= len(words) and (len(parts) > 1 or word_zipf(word, language) < rare_zipf):
                found.setdefault(key, definitions[key])
                covered = i + len(parts)
                break
    return found


def _usable(word: str, start: int, text: str, people: set[str]) -> bool:
    """A word that may be defined: not one of the letter's people, and not a name by
    its capital (a capital is allowed where a sentence or line starts)."""
    if fold(word) in people:
        return False
    if not word[0].isupper():
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t«\"“‘'(-–—•*":  # spaces, quotes, list markers
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def _forms(word: str, language: str) -> frozenset[str]:
    """The word, lower-case, and its lemmas from the lemma tables."""
    return frozenset(lemmas(word.lower(), language))
