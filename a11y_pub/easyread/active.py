"""Passive -> active voice, for the meaning-preserving kinds only.

- French, a passive with an explicit agent in the main clause, both noun phrases plain
  (no clause, comma or coordination inside): « Le projet est soutenu par 3 associations »
  -> « 3 associations soutiennent le projet »; « Le budget n'a pas été voté par le
  conseil » -> « Le conseil n'a pas voté le budget »; « L'aide pourrait être relevée par
  la mairie » -> « La mairie pourrait relever l'aide ». Tense, modal verb and negation
  are kept; a subject pronoun becomes the object pronoun (« Elle est soutenue par des
  députés » -> « Des députés la soutiennent »).
- English "If elected, I will …" -> "If I win the election, I will …" (the subject is the
  main clause's pronoun). The fixed election phrases (« si je suis élue », "if we are
  elected") are lexicon data (``[replace]`` of ``data/easyread/<lang>.toml``).

A passive without an agent stays as it is (the checker flags it): naming an agent, or
« on », would add to what the letter says. The caller gates every rewrite with the
faithfulness verifier and keeps the sentence when it would fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .active_en import to_active_en
from .conjugate import agree, conjugate, masculine_singular
from .lexicon import LanguageData
from .voice import agent, is_french_passive

_OBJECT_PRONOUNS = {"il": "le", "elle": "la", "ils": "les", "elles": "les", "je": "me", "nous": "nous", "vous": "vous"}
_MODALS = frozenset({"pouvoir", "devoir", "vouloir", "aller"})
_NP_DEPS = frozenset({"det", "amod", "nummod", "flat:name", "flat", "fixed", "nmod", "case", "compound"})
_DE = frozenset({"de", "d'", "d’", "du", "des"})
_PARTNERS = frozenset({"pas", "plus", "jamais", "guère", "point"})
_VOWEL_START = re.compile(r"^[aeiouyhàâéèêëîïôûœ]", re.IGNORECASE)
_IF_ELECTED_RE = re.compile(r"\b(if|If|IF) elected(\s*,?\s+|\s*,\s*)(I|we|he|she|they|you)\b")
_EN_WIN = {"he": "wins", "she": "wins"}
_AGENT_WORD = {"fr": re.compile(r"\bpar\b", re.IGNORECASE), "en": re.compile(r"\bby\b", re.IGNORECASE)}


def if_elected(sentence: str, language: str = "en") -> str:
    """English "If elected, I will …" -> "If I win the election, I will …"; else unchanged
    (and any other language unchanged)."""
    if language != "en":
        return sentence

    def swap(match: re.Match[str]) -> str:
        subject = match.group(3)
        return f"{match.group(1)} {subject} {_EN_WIN.get(subject, 'win')} the election{match.group(2)}{subject}"

    return _IF_ELECTED_RE.sub(swap, sentence)


def _tense(token: Any) -> str | None:
    """The simple tense of a finite auxiliary or verb, from its morphology (None: another one)."""
    mood, tense = token.morph.get("Mood"), token.morph.get("Tense")
    if "Cnd" in mood:
        return "conditional"
    if "Ind" not in mood:
        return None
    return {"Pres": "present", "Imp": "imperfect", "Fut": "future"}.get(tense[0] if tense else "")


def _plain_phrase(tokens: list[Any]) -> bool:
    """A contiguous noun phrase of a noun and its determiners, adjectives, numbers, names
    and « de » complements: no verb, clause, comma, coordination or other preposition."""
    if not tokens or tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return False
    top = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    if len(top) != 1:
        return False
    return all(
        t.i == top[0].i
        or (t.dep_ in _NP_DEPS and t.pos_ not in ("VERB", "AUX", "PUNCT", "CCONJ", "SCONJ"))
        and (t.dep_ != "case" or t.lower_ in _DE)
        and (t.dep_ != "nmod" or any(c.dep_ == "case" and c.lower_ in _DE for c in t.children))
        for t in tokens
    )


@dataclass(frozen=True)
class _Passive:
    """The parts of one French agent passive."""

    verb: Any  # the participle
    subject: list[Any]  # the patient, subject of the passive
    agents: list[list[Any]]  # the agent's noun phrases, without « par » and « et »
    agent_words: list[Any]  # the agent phrase with « par »
    finite: Any  # the finite word: être, avoir or a modal verb
    modal: bool
    negation: list[Any]  # « ne », « pas »


def _find(doc: Any, data: LanguageData) -> _Passive | None:
    """The sentence's agent passive when it is the main clause and both phrases are plain."""
    for verb in doc:
        if not any(c.dep_ == "aux:pass" and c.lemma_ == "être" for c in verb.children):
            continue
        by = agent(verb)
        if by is None or not is_french_passive(verb, data):
            continue
        head = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_ in _MODALS else verb
        if head.dep_ != "ROOT":
            return None
        around = {c.i: c for c in (*verb.children, *head.children)}.values()  # the clause's words
        subjects = [c for c in around if c.dep_ in ("nsubj:pass", "nsubj")]
        auxes = [c for c in verb.children if c.dep_ in ("aux:pass", "aux:tense", "aux")]
        finite = head if head.i != verb.i else next((a for a in auxes if "Fin" in a.morph.get("VerbForm")), None)
        if len(subjects) != 1 or finite is None or _tense(finite) is None:
            return None
        subject = list(subjects[0].subtree)
        phrases = _agent_phrases(by)
        if not _plain_phrase(subject) or phrases is None or by.pos_ not in ("NOUN", "PROPN"):
            return None
        if _coordination_after(doc, [*subject, *by.subtree]) or any(c.dep_ in ("conj", "cc") for c in around):
            return None  # « … par la mairie et 3 associations » read otherwise: who acts is unclear
        if subjects[0].pos_ == "PRON" and subjects[0].lower_ not in _OBJECT_PRONOUNS:
            return None
        negation = [c for c in around if c.lemma_ == "ne" or c.lower_ in _PARTNERS]
        return _Passive(verb, subject, phrases, list(by.subtree), finite, head.i != verb.i, negation)
    return None


def _coordination_after(doc: Any, phrase: list[Any]) -> bool:
    """True when a coordinator or a comma follows a phrase's last word: the parse may have
    cut a list of agents or subjects in two."""
    end = max(t.i for t in phrase) + 1
    return end < len(doc) and (doc[end].pos_ == "CCONJ" or doc[end].text == ",")


def _agent_phrases(by: Any) -> list[list[Any]] | None:
    """The agent's noun phrases without « par » and « et » (« par la Région et par l'État »
    -> [la Région], [l'État]); None when one is not plain or they are joined otherwise."""
    conjuncts = [c for c in by.children if c.dep_ == "conj"]
    inner = {t.i for c in conjuncts for t in c.subtree}
    phrases = [[t for t in by.subtree if t.i not in inner]] + [list(c.subtree) for c in conjuncts]
    cleaned: list[list[Any]] = []
    for phrase, head in zip(phrases, [by, *conjuncts], strict=True):
        joins = [t for t in phrase if t.head.i == head.i and t.dep_ == "cc"]
        if head.i != by.i and [t.lower_ for t in joins] != ["et"]:
            return None  # « ou », or no word between: not a plain list of agents
        words = [t for t in phrase if t not in joins and not (t.dep_ == "case" and t.head.i == head.i and t.lower_ == "par")]
        if not _plain_phrase(words):
            return None
        cleaned.append(words)
    return cleaned


def _object(p: _Passive) -> tuple[str | None, str | None]:
    """(clitic pronoun, noun phrase): the patient as the active verb's object."""
    head = next(t for t in p.subject if t.head not in p.subject or t.head.i == t.i)
    if head.pos_ == "PRON":
        return _OBJECT_PRONOUNS[head.lower_], None
    first = p.subject[0]
    words = [t.text_with_ws for t in p.subject]
    if first.i == 0 and first.pos_ in ("DET", "PRON", "ADJ"):  # « Le projet », « Tout »: no name
        words[0] = first.text[:1].lower() + first.text_with_ws[1:]
    return None, "".join(words).strip()


def _elide(words: list[str]) -> str:
    """Join words, eliding « le », « la », « ne », « me » before a vowel."""
    out: list[str] = []
    for word in words:
        if out and out[-1].lower() in ("le", "la", "ne", "me") and _VOWEL_START.match(word):
            out[-1] = out[-1][:-1] + "'"
            out.append(word)
            continue
        out.append(word)
    text = " ".join(out)
    return re.sub(r"' ", "'", text)


def _verb_group(p: _Passive, plural: bool, clitic: str | None, middle: list[str], data: LanguageData) -> list[str] | None:
    """The active verb words, in order, with negation, adverbs (``middle``: « déjà ») and
    object pronoun placed."""
    lemma = p.verb.lemma_.lower()
    tense = _tense(p.finite)
    finite_lemma = p.finite.lemma_.lower()
    ne = ["ne"] if any(t.lemma_ == "ne" for t in p.negation) else []
    partners = [t.text for t in p.negation if t.lemma_ != "ne"] + middle
    if p.modal:
        modal = conjugate(finite_lemma, tense, plural, data) if tense else None
        if modal is None:
            return None
        return [*ne, modal, *partners, *([clitic] if clitic else []), lemma]
    if finite_lemma == "avoir":
        aux = conjugate("avoir", tense, plural, data) if tense else None
        if aux is None:
            return None
        feminine = "Fem" in p.verb.morph.get("Gender")
        number = "Plur" in p.verb.morph.get("Number")
        participle = masculine_singular(p.verb.text.lower(), lemma, feminine, number)
        if clitic:  # « le conseil l'a votée »: the participle agrees with the object before it
            participle = agree(participle, feminine, number)
        return [*ne, *([clitic] if clitic else []), aux, *partners, participle]
    form = conjugate(lemma, tense, plural, data) if tense else None
    if form is None:
        return None
    return [*ne, *([clitic] if clitic else []), form, *partners]


def to_active(sentence: str, parse: Callable[[str], Any], data: LanguageData) -> str:
    """``sentence`` with its agent passive said in the active voice; unchanged otherwise.

    Args:
        sentence: one sentence in ``data.language``.
        parse: text -> spaCy Doc (with POS, morphology and dependencies).
        data: the language's easy-read data (verb forms, word lists).

    Returns:
        The active sentence, or ``sentence`` itself when it has no agent passive in its
        main clause, a phrase is not plain, or the verb cannot be conjugated.
    """
    if data.language == "en":
        sentence = if_elected(sentence)
        if not _AGENT_WORD["en"].search(sentence) or sentence.rstrip().endswith("?"):
            return sentence  # no "by": no agent passive, no parse needed; or a question
        doc = parse(sentence)
        return to_active_en(sentence, doc) if doc.has_annotation("DEP") else sentence
    if not _AGENT_WORD["fr"].search(sentence) or sentence.rstrip().endswith("?"):
        return sentence  # no « par »; or a question (« Le projet est-il soutenu par … ? »)
    doc = parse(sentence)
    p = _find(doc, data)
    if p is None:
        return sentence
    first_agent = p.agents[0]
    head = next(t for t in first_agent if t.head not in first_agent or t.head.i == t.i)
    plural = len(p.agents) > 1 or "Plur" in head.morph.get("Number") or any(
        t.dep_ == "nummod" and t.head.i == head.i and t.text != "1" for t in first_agent
    )
    clitic, noun_phrase = _object(p)
    used = {t.i for t in (*p.subject, *p.agent_words, *p.negation, p.verb, p.finite)}
    used |= {t.i for t in p.verb.children if t.dep_ in ("aux:pass", "aux:tense", "aux") or t.lower_ == "par"}
    first = min(t.i for t in p.subject)
    before = [t.text for t in doc if t.i < first and t.i not in used]
    rest = [t for t in doc if t.i > first and t.i not in used and not (t.is_punct and t.i == len(doc) - 1)]
    if any(t.i < p.verb.i and t.pos_ not in ("PRON", "ADV") for t in rest):
        return sentence  # « sera sans doute soutenu »: words between subject and verb that are no adverb
    clitics = [t.text for t in rest if t.pos_ == "PRON" and t.i < p.verb.i]
    middle = [t.text for t in rest if t.pos_ == "ADV" and t.i < p.verb.i]
    after = [t.text for t in rest if t.i > p.verb.i or t.pos_ not in ("PRON", "ADV")]
    verbs = _verb_group(p, plural, clitic, middle, data)
    if verbs is None:
        return sentence
    agent_text = " et ".join("".join(t.text_with_ws for t in phrase).strip() for phrase in p.agents)
    words = [*before, agent_text, *(verbs[:1] if verbs[0] == "ne" else []), *clitics]
    words += [*(verbs[1:] if verbs[0] == "ne" else verbs), *([noun_phrase] if noun_phrase else []), *after]
    text = _elide([w for w in words if w])
    end = doc[-1].text if doc[-1].is_punct else ""
    text = re.sub(r"\s+([,.;:!?])", r"\1", text).strip() + end
    return text[:1].upper() + text[1:]


def active_voice(sentence: str, parse: Callable[[str], Any], data: LanguageData, faithful: Callable[[str, str], bool]) -> str:
    """``to_active(sentence)`` when ``faithful(active, sentence)`` (the faithfulness
    verifier: same numbers, names, negation, modality, condition, speaker), else ``sentence``."""
    made = to_active(sentence, parse, data)
    if made != sentence and not faithful(made, sentence):
        return sentence
    return made
