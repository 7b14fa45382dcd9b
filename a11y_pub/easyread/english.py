"""English words offline: which can be a conjugated verb.

No English spaCy model installs from the package index, so the English easy-read
path has no parser. ``lemminflect`` (MIT; its English lemma and inflection tables
ship inside the package) says whether a word can be a finite verb form (VBZ, VBD,
VBP or a modal), which is enough for the safe English transformations: a sentence
is only split when every piece keeps a possible conjugated verb, and a summary
sentence without one is flagged.
"""

from __future__ import annotations

import functools
import re

_MODALS = frozenset("will would shall should can could may might must am is are was were do does did has have had".split())
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Words lemminflect lists as verbs that, in letters, are nearly always something else.
_NOT_VERBS = frozenset("i a the an to of and or but if so this that these those".split())


@functools.lru_cache(maxsize=65536)
def can_be_finite(word: str) -> bool:
    """True when ``word`` can be a conjugated English verb ("spends", "ran", "will", "support").

    Contractions count by their verb ("I'll", "won't"). Offline (lemminflect tables).
    """
    low = word.lower().replace("’", "'")
    if "'" in low:
        head, tail = low.split("'", 1)
        return tail in ("ll", "d", "s", "re", "ve", "m", "t") and (tail != "s" or head in ("it", "that", "he", "she", "there", "what", "here"))
    if low in _MODALS:
        return True
    if low in _NOT_VERBS or len(low) < 2:
        return False
    from lemminflect import getAllInflections, getAllLemmas

    for upos, lemmas in getAllLemmas(low).items():
        if upos not in ("VERB", "AUX"):
            continue
        for lemma in lemmas:
            forms = getAllInflections(lemma, upos=upos)
            if any(low in forms.get(tag, ()) for tag in ("VBZ", "VBD", "VBP")):
                return True
    return False


@functools.lru_cache(maxsize=65536)
def only_verb(word: str) -> bool:
    """True when ``word`` can be a conjugated verb and cannot be a noun or adjective
    ("spends", "ran", "supports" is False: a noun too)."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word.lower())
    return can_be_finite(word) and not ({"NOUN", "ADJ", "ADV"} & set(found))


def has_finite_verb(sentence: str) -> bool:
    """True when ``sentence`` has a conjugated verb: a modal or auxiliary, a verb form that
    is nothing else ("ran", "spends"), or a pronoun subject followed by a possible verb
    ("we support"). A bare noun phrase ("Youth clubs.", "Mental health support in
    schools.") is False; a one-word answer ("Yes.", "No.") counts as a full reply."""
    words = _WORD_RE.findall(sentence)
    low = [w.lower().replace("’", "'") for w in words]
    if len(low) == 1 and low[0] in ("yes", "no"):
        return True
    for i, word in enumerate(low):
        if word in _MODALS or ("'" in word and can_be_finite(word)):
            return True
        if i > 0 and only_verb(word):
            return True
        if word in _SUBJECTS and any(can_be_finite(w) for w in low[i + 1 : i + 3]):
            return True
    return False


_SUBJECTS = frozenset("i we you he she it they who which that there".split())
