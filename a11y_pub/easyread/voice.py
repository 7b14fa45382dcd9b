"""Passive voice in a parsed sentence: which « être » + participle pairs are passives.

The rule (French), after the reference grammars' account of the passive (Riegel, Pellat
& Rioul, *Grammaire méthodique du français*, PUF; Grevisse & Goosse, *Le Bon Usage*,
De Boeck): a passive is **être + the past participle of a (direct) transitive verb**,
whose grammatical subject undergoes the action (« Le budget a été voté par le
conseil »: the council votes the budget). The parser's ``aux:pass`` label is only
a candidate; these are not passives:

- être + a noun or an infinitive (« Il est conseiller municipal », « Ce serait mentir »):
  the word after « être » is not a past participle by its ending;
- the compound tenses of the verbs conjugated with « être » (« Elle est arrivée », « Il
  est devenu maire ») and of pronominal verbs (« Je me suis engagé »): active forms;
- être + a noun that has a participle's form, with its adjective (« Je suis élue municipale »);
- être + an adjective of state (« La salle est ouverte le samedi », « Nous sommes
  opposés à ce projet »): a participle that the lexicon lists as an adjective of state
  (``state_participles``) and that has no agent (« par … ») describes a state, not an
  action undergone (the grammars' resulting-state reading of être + participle). With an agent
  (« La salle est ouverte par le gardien ») it is a passive again.

English keeps the parser's ``auxpass`` / ``aux:pass`` labels (with a verbal head), less the
adjectives of state of a ``state_participles`` list when its data has one (the same rule as
French's; the English checker's own participle rules live with the English parse).
"""

from __future__ import annotations

from typing import Any

from .lexicon import LanguageData
from .nlp import zipf

_PASSIVE_AUX = frozenset({"aux:pass", "auxpass"})
_AGENT_DEPS = frozenset({"obl:agent", "agent"})
# Past participle endings (1st group -é, 2nd -i, 3rd -u, -is, -it, -t, -s), with agreement.
_FR_PARTICIPLE_ENDINGS = tuple(
    stem + agreement for stem in ("é", "i", "u", "is", "it", "t", "s") for agreement in ("", "e", "s", "es")
)
_FR_INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")


def agent(verb: Any) -> Any | None:
    """The agent's head noun of a passive ``verb`` token (« par le conseil » -> conseil), or None."""
    return next((child for child in verb.children if child.dep_ in _AGENT_DEPS), None)


def _reflexive(token: Any) -> bool:
    """A pronominal verb's clitic (« se », « s' », « me »; « nous » / « vous » labelled expl)."""
    low = token.text.lower().replace("’", "'")
    return low in ("se", "s'", "me", "m'", "te", "t'") or (low in ("nous", "vous") and token.dep_.startswith("expl"))


def is_french_passive(verb: Any, data: LanguageData) -> bool:
    """True when the French ``verb`` token (the head of an ``aux:pass``) is a real passive."""
    word = verb.text.lower()
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or not word.endswith(_FR_PARTICIPLE_ENDINGS):
        return False  # « est conseiller », « serait mentir »
    if not lemma.endswith(_FR_INFINITIVE_ENDINGS) or zipf(lemma, "fr") <= 0:
        return False  # no verb behind it (« imméritée »: an adjective)
    if lemma in data.words("etre_verbs"):
        return False  # « elle est arrivée »: compound past of an intransitive verb
    if any(_reflexive(child) for child in verb.children):
        return False  # « je me suis engagé »: a pronominal verb's compound past
    adjective = any(c.pos_ == "ADJ" and c.i == verb.i + 1 and c.dep_ in ("amod", "xcomp") for c in verb.children)
    if adjective and _simple_present_or_past(verb):
        return False  # « je suis élue municipale »: a noun with its adjective
    return not _state(verb, data)  # « aucune n'est ouverte le samedi »


def _state(verb: Any, data: LanguageData) -> bool:
    """An adjective of state: a participle the data lists (``state_participles``), with no
    agent, after « être » / "be" in the present or imperfect (« la salle est ouverte le
    samedi »; « la salle sera ouverte en 2027 » tells an event: a passive)."""
    if verb.lemma_.lower() not in data.words("state_participles") or agent(verb) is not None:
        return False
    return _simple_present_or_past(verb)


def _simple_present_or_past(verb: Any) -> bool:
    """True when the participle's « être » / "be" is a present or imperfect indicative
    (« est », « était »; not « sera », « a été », « pourrait être », "will be")."""
    be = [c for c in verb.children if c.dep_ in ("aux:pass", "auxpass")]
    return all(
        "Ind" in c.morph.get("Mood") and set(c.morph.get("Tense")) <= {"Pres", "Imp", "Past"} and c.lower_ not in ("été", "been")
        for c in be
    ) and not any(c.dep_ == "aux:tense" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children)


def passive_auxiliaries(sent: Any, data: LanguageData) -> list[Any]:
    """The passive auxiliaries of a parsed sentence (``sent``: a spaCy span), in order.

    Each is the « être » / "be" token of one passive construction (its ``head`` is the
    participle); empty when the sentence has none. See the module docstring for the
    French rule and its source.
    """
    found: list[Any] = []
    for token in sent:
        if token.dep_ not in _PASSIVE_AUX:
            continue
        verb = token.head
        if data.language == "fr":
            if token.lemma_.lower() == "être" and is_french_passive(verb, data):
                found.append(token)
        elif verb.pos_ in ("VERB", "AUX") and not _state(verb, data):
            found.append(token)
    return found
