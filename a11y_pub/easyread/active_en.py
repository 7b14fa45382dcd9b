"""English passive -> active voice, for an agent passive in the main clause.

"The budget was cut by the council" -> "The council cut the budget"; "The library has not
been funded by the county" -> "The county has not funded the library"; "The plan will be
approved by the mayor" -> "The mayor will approve the plan". Tense, modal verb and
negation are kept; verb forms come from lemminflect. Both phrases must be plain noun
phrases in the parse (the ClearNLP labels of spaCy's English models: ``nsubjpass``,
``auxpass``, ``agent``), else the sentence is returned unchanged. See ``active.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NP_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "case", "prep", "pobj", "nmod", "quantmod"})
_OBJECT = {"i": "me", "we": "us", "he": "him", "she": "her", "they": "them", "it": "it", "you": "you"}
_SUBJECT = {"us": "we", "them": "they", "him": "he", "her": "she", "me": "I", "you": "you", "it": "it"}
_THIRD_SINGULAR = frozenset({"he", "she", "it"})


@dataclass(frozen=True)
class _Parts:
    verb: Any
    subject: list[Any]
    agent: list[Any]  # the agent phrase, without "by"
    by: Any
    auxes: list[Any]  # aux, auxpass and neg children, in order


def _plain(tokens: list[Any]) -> bool:
    """A contiguous noun phrase: no verb, clause, comma or coordination; "of" the only preposition."""
    if not tokens or tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return False
    top = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    return len(top) == 1 and all(
        t.i == top[0].i or (t.dep_ in _NP_DEPS and (t.dep_ != "prep" or t.lower_ == "of")) for t in tokens
    )


def _find(doc: Any) -> _Parts | None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in root.children):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubjpass"]
    by = next((c for c in root.children if c.dep_ == "agent" and c.lower_ == "by"), None)
    objects = [c for c in by.children if c.dep_ == "pobj"] if by is not None else []
    if len(subjects) != 1 or len(objects) != 1 or any(c.dep_ in ("dobj", "dative", "attr", "oprd") for c in root.children):
        return None  # "has been offered £1.8m by …": the subject is not the object undergoing the action
    subject, agent = list(subjects[0].subtree), list(objects[0].subtree)
    if not _plain(subject) or not _plain(agent) or agent[0].i != by.i + 1:
        return None
    ends = [max(t.i for t in phrase) + 1 for phrase in (subject, agent)]
    if any(c.dep_ in ("conj", "cc") for c in root.children) or any(
        end < len(doc) and (doc[end].pos_ == "CCONJ" or doc[end].text == ",") for end in ends
    ):
        return None  # a list the parse may have cut in two: who acts would be unclear
    lone = [(subject, _OBJECT), (agent, _SUBJECT)]  # a pronoun alone must have its other case
    if any(len(words) == 1 and words[0].pos_ == "PRON" and words[0].lower_ not in table for words, table in lone):
        return None
    auxes = sorted((c for c in root.children if c.dep_ in ("aux", "auxpass", "neg")), key=lambda t: t.i)
    return _Parts(root, subject, agent, by, auxes)


def _inflect(lemma: str, tag: str) -> str | None:
    from lemminflect import getInflection

    forms = getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def _verbs(parts: _Parts, third_singular: bool) -> list[str] | None:
    """The active verb group: the passive's tense, modal and negation kept."""
    lemma = parts.verb.lemma_.lower()
    words = [t for t in parts.auxes]
    negated = [t.text for t in words if t.dep_ == "neg"]
    helpers = [t for t in words if t.dep_ == "aux"]
    be = [t for t in words if t.dep_ == "auxpass"]
    if len(be) != 1 or len(helpers) > 1 or len(negated) > 1:
        return None
    be_tag = be[0].tag_
    if helpers:
        helper = helpers[0]
        if helper.tag_ == "MD" and be_tag == "VB":  # will / could be cut -> will / could cut
            return [helper.text, *negated, lemma]
        if helper.lemma_ == "have" and be_tag == "VBN":  # has been cut -> has cut
            have = helper.text if helper.tag_ == "VBD" else ("has" if third_singular else "have")
            participle = _inflect(lemma, "VBN")
            return [have, *negated, participle] if participle else None
        return None
    if be_tag == "VBD":  # was cut -> cut; was not cut -> did not cut
        if negated:
            return ["did", *negated, lemma]
        past = _inflect(lemma, "VBD")
        return [past] if past else None
    if be_tag in ("VBZ", "VBP"):  # is cut -> cuts; is not cut -> does not cut
        if negated:
            return ["does" if third_singular else "do", *negated, lemma]
        present = _inflect(lemma, "VBZ") if third_singular else lemma
        return [present] if present else None
    return None


def to_active_en(sentence: str, doc: Any) -> str:
    """``sentence`` (parsed as ``doc``) with its agent passive said actively; else unchanged."""
    parts = _find(doc)
    if parts is None:
        return sentence
    head = next(t for t in parts.agent if t.head not in parts.agent or t.head.i == t.i)
    lone = len(parts.agent) == 1 and head.pos_ == "PRON"
    agent_text = _SUBJECT[head.lower_] if lone else "".join(t.text_with_ws for t in parts.agent).strip()
    third = (agent_text.lower() in _THIRD_SINGULAR) if lone else head.tag_ in ("NN", "NNP")
    verbs = _verbs(parts, third)
    if verbs is None:
        return sentence
    first = parts.subject[0]
    if len(parts.subject) == 1 and first.pos_ == "PRON":
        object_text = _OBJECT[first.lower_]
    else:
        words = [t.text_with_ws for t in parts.subject]
        if first.i == 0 and (first.pos_ == "DET" or first.tag_ in ("DT", "PRP$")):  # "Our plan" -> "our plan"
            words[0] = words[0][:1].lower() + words[0][1:]
        object_text = "".join(words).strip()
    used = {t.i for t in (*parts.subject, *parts.agent, *parts.auxes, parts.verb, parts.by)}
    start = parts.subject[0].i
    before = [t.text_with_ws for t in doc if t.i < start and t.i not in used]
    between = [t for t in doc if start < t.i < parts.verb.i and t.i not in used]
    if any(t.dep_ != "advmod" for t in between):
        return sentence  # "was, in 2024, cut by": words between subject and verb that are no adverb
    middle = [t.text for t in between]
    after = [t.text_with_ws for t in doc if t.i > start and t.i not in used and t.text not in middle]
    verbs = [*verbs[:1], *middle, *verbs[1:]] if len(verbs) > 1 else [*middle, *verbs]
    text = "".join(before) + " ".join([agent_text, *verbs, object_text]) + " " + "".join(after)
    text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
    return text[:1].upper() + text[1:]
