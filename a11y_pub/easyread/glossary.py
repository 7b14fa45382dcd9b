"""The summary's glossary: acronyms and listed hard words found in its text."""

from __future__ import annotations

import re

from ..model import Letter
from .acronyms import is_acronym
from .document import GlossaryEntry
from .lexicon import LanguageData
from .text import clean, fold, sentence_case


def make_glossary(summary_text: str, letter: Letter, data: LanguageData, acronyms: dict[str, str], rare_zipf: float) -> tuple[GlossaryEntry, ...]:
    entries: dict[str, str] = {}
    definitions = {k.lower(): (k, v) for k, v in data.glossary.items()}
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
            elif part in letter.recipient.organisation:
                entries[part] = data.template("acronym_in_name").format(name=clean(letter.recipient.organisation))
            else:
                entries[part] = data.template("acronym_unknown")
    # 2. listed hard words and phrases, longest first, each text span used once
    work = summary_text
    for key in sorted(data.glossary, key=lambda k: (-len(k), k)):
        if is_acronym(key):
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
