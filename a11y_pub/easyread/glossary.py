"""The summary's glossary: acronyms and listed hard words found in its text."""

from __future__ import annotations

import re

from ..model import Letter
from .acronyms import is_acronym
from .document import GlossaryEntry
from .lexicon import LanguageData, acronym_expansions
from .text import clean, fold, sentence_case


def make_glossary(
    summary_text: str, letter: Letter, data: LanguageData, acronyms: dict[str, str], rare_zipf: float
) -> tuple[GlossaryEntry, ...]:
    """The glossary of ``summary_text``: every acronym (its definition from the easy-read
    data, the letter, or the pronunciation lexicon's expansion), then the listed hard words.

    The letter's own people (author, signer, recipient) are never defined as hard words.
    """
    entries: dict[str, str] = {}
    definitions = {k.lower(): (k, v) for k, v in data.glossary.items()}
    expansions = acronym_expansions(letter.language)
    people = {fold(w) for w in f"{letter.author} {letter.signature} {letter.recipient.name}".split()}
    # 1. acronyms
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
    return tuple(
        GlossaryEntry(term, entries[term]) for term in sorted(entries, key=lambda t: (fold(t), t))
    )
