"""French splits for the long sentences the clause splits leave whole: cuts at a
sentence's commas (a mixin of ``Simplifier``).

A comma segment that restates, describes, places or conditions what comes before it
leaves the sentence and becomes a sentence of its own, with a conjugated verb:

- an amount after « soit »: « …à son niveau de 2021, soit 240 000 € par an » ->
  « …à son niveau de 2021. C'est 240 000 € par an. » (template ``circumstance``);
- a relative clause on « dont » with its own subject: « le lavoir de la rue du
  Moulin, dont la toiture menace de s'effondrer » -> « …le lavoir de la rue du
  Moulin. La toiture du lavoir de la rue du Moulin menace de s'effondrer. » The
  whole noun phrase before the comma is repeated as written, so the sentence says
  no more than the letter about which noun the clause is on;
- a complement opened by a preposition, closing the sentence or between two commas:
  « …avant le premier tour, à la date qui vous conviendra » -> « …avant le premier
  tour. C'est à la date qui vous conviendra. » (template ``circumstance``), only when
  the rest says no negation, modality, condition or question whose scope the
  complement could be in (« Je ne viendrai pas, avant 2028 » is kept whole);
- a clause with its own subject after « , mais » / « , et » / « , puis »
  (« A, mais il B » -> « A. Mais il B. »), never after a leading condition;
- a closing condition: « A, si B » -> « A. C'est à une condition : si B. ».

Lists of objects and long commitment titles are in ``object_lists``. Each split returns
None when its shape is not met; the simplifier then runs the faithfulness verifier on
every piece (``pieces.CutGate``) and keeps the letter's sentence when it fails.
"""

from __future__ import annotations

import re
from typing import Any

from .checker import count_words
from .facts import read_facts

# What « soit » restates: an amount, maybe approximate (« soit environ 9 km »).
_AMOUNT_RE = re.compile(r"(?:(?:environ|près de|plus de|moins de|presque|au moins)\s+)?\d", re.IGNORECASE)
# Conjunctions that may open a clause of its own after a comma (« et » is left out).
_CLAUSE_JOINERS = frozenset({"et", "mais", "puis"})
# Prepositions whose phrase completes a noun or a verb rather than placing the action.
_NOT_PLACES = frozenset({"de", "d'", "d’", "dont", "comme"})
# A question: a verb and its inverted subject (« engagez-vous », « va-t-il »), « est-ce ».
QUESTION_RE = re.compile(
    r"\w(?<!rendez)-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)\b|\best-ce\b|\?", re.IGNORECASE)
# « lequel » and its forms (and « à » + it): (gender, number) of the noun it stands for.
_LEQUEL = {
    "lequel": ("Masc", "Sing"), "laquelle": ("Fem", "Sing"), "lesquels": ("Masc", "Plur"),
    "lesquelles": ("Fem", "Plur"), "auquel": ("Masc", "Sing"), "auxquels": ("Masc", "Plur"),
    "auxquelles": ("Fem", "Plur"),
}
# Words that open a relative clause: what follows them is about the word before the comma.
RELATIVES = frozenset({"qui", "que", "qu'", "qu’", "dont", "où", "quoi"})
# A complement that restricts the whole clause (« à l'exception de », « sauf »): kept in place.
_EXCEPTION_RE = re.compile(r"(?:à l'exception|à l’exception|sauf|hormis|excepté)\b", re.IGNORECASE)
# « de » + a definite article: the contraction the repeated noun phrase takes.
_OF = (("le ", "du "), ("les ", "des "), ("la ", "de la "), ("l'", "de l'"), ("l’", "de l’"))


def comma_segments(text: str) -> list[str]:
    """``text`` cut at its commas outside quotation marks and brackets (« A, B » in
    quotes stays whole); a decimal comma (« 2,4 ») is no cut. Segments are stripped."""
    segments: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in "«([":
            depth += 1
        elif char in "»)]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0 and (i + 1 == len(text) or text[i + 1].isspace()):
            segments.append(text[start:i].strip())
            start = i + 1
    segments.append(text[start:].strip())
    return segments


def of_phrase(phrase: str) -> str | None:
    """« de » before a definite or possessive noun phrase (« le lavoir » -> « du lavoir »,
    « votre association » -> « de votre association »); None for an indefinite one
    (« une commission » -> « d'une commission » would name another thing)."""
    lowered = phrase.lower()
    for article, contracted in _OF:
        if lowered.startswith(article):
            return contracted + phrase[len(article) :]
    first = lowered.split(" ", 1)[0]
    if first in ("un", "une", "des", "du", "de", "d'", "d’") or not first.isalpha():
        return None
    return "de " + phrase


class CommaSplits:
    """Needs ``parse``, ``data``, ``language``, ``_text_of``, ``has_verb``, ``demonstrative``
    (``Simplifier``)."""

    def _split_commas(self, doc: Any) -> list[str] | None:
        """The first of the comma splits (module docstring) that fits ``doc``, or None."""
        if self.language != "fr":
            return None
        if QUESTION_RE.search(doc.text):
            return None  # « Vous engagez-vous à A, comme B ? »: a question is no statement to cut
        segments = comma_segments(self._text_of(doc))
        if len(segments) < 2 or not segments[0]:
            return None
        if doc[0].pos_ == "SCONJ" or doc[0].lower_ in self.data.words("condition_marks"):
            return None  # « Si A, B, et C »: what follows a comma may still be in the condition
        for splitter in (
            self._split_clauses,
            self._split_amount,
            self._split_dont,
            self._split_lequel,
            self._split_trailing_condition,
            self._split_inner,
            self._split_circumstance,
        ):
            parts = splitter(segments)
            if parts and all(count_words(p) >= 3 for p in parts):
                return parts
        return None

    def _split_clauses(self, segments: list[str]) -> list[str] | None:
        """« A, mais il B » -> « A. Mais il B. »; « A, et cela B » -> « A. Cela B. »; « A, elle
        B » -> « A. Elle B. »: a clause with its own subject after a comma (and a conjunction),
        when both halves keep a conjugated verb (an imperative « , et expliquez » has no
        subject: kept; « nous » and « vous » after a comma may be objects: not a clause start)."""
        for index, segment in enumerate(segments[1:], start=1):
            words = segment.split(" ", 1)
            joiner = words[0].lower()
            if joiner in self.data.words("subject_pronouns") - {"nous", "vous"}:
                if not self._side_by_side(segments, index):
                    continue
                joiner, words = "", ["", segment]  # « A, elle délivre B, elle vend C »: clauses side by side
            if joiner and joiner not in _CLAUSE_JOINERS or len(words) < 2:
                continue
            right = ", ".join([words[1], *segments[index + 1 :]])
            left = ", ".join(segments[:index])
            clause = self.parse(right)
            if clause[0].lower_ in RELATIVES or "Rel" in clause[0].morph.get("PronType"):
                continue  # « une note qui …, et qui traduit … »: a second relative, no main clause
            opens = clause[0].dep_.startswith("nsubj")
            subject = opens or clause[0].lower_ in self.data.words("subject_pronouns")
            if not subject and not any(t.dep_.startswith("nsubj") and t.left_edge.i == 0 for t in clause):
                continue
            if not (self.has_verb(left) and self.has_verb(right)):
                continue
            said = right if joiner in ("et", "") else f"{joiner} {right}"
            return [left, said[:1].upper() + said[1:]]
        return None

    def _side_by_side(self, segments: list[str], index: int) -> bool:
        """True when ``segments[index]`` (opened by a subject pronoun) is a clause beside the
        one before it: the sentence opens with its subject (an article or a pronoun, not a
        fronted « Sur les jeux …, »), the segment before does not end on a relative pronoun
        (« ce qui, je le sais, ne fera pas … »: an aside), and what follows, if anything, opens
        another clause the same way."""
        first = self.parse(segments[0])
        opens = first[0].pos_ == "DET" or first[0].lower_ in self.data.words("subject_pronouns")
        if not opens or segments[index - 1].split(" ")[-1].lower() in RELATIVES:
            return False
        if index + 1 < len(segments):
            following = segments[index + 1].split(" ", 1)[0].lower()
            return following in self.data.words("subject_pronouns") | _CLAUSE_JOINERS
        return True

    def _split_inner(self, segments: list[str]) -> list[str] | None:
        """« Je défendrai, lors du vote du budget, une hausse » -> « Je défendrai une hausse.
        C'est lors du vote du budget. »: a complement between two commas, opened by a
        preposition, when the rest keeps its verb and says no negation, modality,
        condition or question (the complement may be in their scope)."""
        for index in range(1, len(segments) - 1):
            doc = self.parse(segments[index])
            if not self._opens_complement(doc):
                continue
            finite = [t.i for t in doc if "Fin" in t.morph.get("VerbForm")]
            relative = min((t.i for t in doc if t.lower_ in RELATIVES), default=len(doc))
            if any(i < relative for i in finite) or _EXCEPTION_RE.match(segments[index]):
                continue  # a clause of its own; a verb in a relative on the complement's noun is fine
            following = segments[index + 1].split(" ", 1)[0].lower()
            if following in RELATIVES or following.startswith(("lequel", "laquelle", "lesquel", "auquel")):
                continue  # « …, à l'exception des boulevards, où la vitesse … »: the clause is on the complement
            # « Chaque année, avant le vote, nous réunirons … »: a fronted phrase keeps its comma.
            glue = ", " if index == 1 and not self.has_verb(segments[0]) else " "
            rest = glue.join([", ".join(segments[:index]), segments[index + 1]])
            rest = ", ".join([rest, *segments[index + 2 :]])
            if not self._plain(rest) or not self.has_verb(rest):
                continue
            return [rest, self.data.template("circumstance").format(rest=segments[index])]
        return None

    def _split_trailing_condition(self, segments: list[str]) -> list[str] | None:
        """« A, si B » -> « A. C'est à une condition : si B. » (the leading condition's template)."""
        last = segments[-1]
        first = last.split(" ", 1)[0].lower()
        if first not in self.data.words("condition_marks") and not last.lower().startswith(("s'il", "s’il")):
            return None
        rest = ", ".join(segments[:-1])
        if "?" in last or read_facts(rest, self.data).conditions:
            return None
        return [rest, self.data.template("condition").format(rest=last)]

    def _opens_complement(self, doc: Any) -> bool:
        """``doc`` (a comma segment) opens with a preposition (« avec », « lors de »: the
        data's ``complement_openers`` where the parser sees an adverb), not with « de »,
        « dont » or « comme », whose phrase completes a word rather than the clause."""
        if len(doc) < 2 or doc[0].lower_ in _NOT_PLACES or doc[1].lower_ in RELATIVES:
            return False  # « à laquelle votre association sera la bienvenue »: a relative clause
        if len(doc) > 2 and doc[1].lower_ == "ce" and doc[2].lower_.rstrip("'’") in RELATIVES | {"qu"}:
            return False  # « sur ce que je ferais »: what the verb is about, not where or when
        if doc[1].lower_.startswith(("lequel", "laquelle", "lesquel", "auquel", "duquel")):
            return False
        return doc[0].pos_ == "ADP" or doc[0].lower_ in self.data.words("complement_openers")

    def _plain(self, text: str) -> bool:
        """No negation, modality, condition or question in ``text``."""
        facts = read_facts(text, self.data)
        return not (facts.negations or facts.modality or facts.conditions or "?" in text)

    def _split_amount(self, segments: list[str]) -> list[str] | None:
        """« A, soit N …[, B] » -> « A[, B]. C'est N …. »"""
        for index, segment in enumerate(segments[1:], start=1):
            words = segment.split(" ", 1)
            if words[0].lower() != "soit" or len(words) < 2 or not _AMOUNT_RE.match(words[1]):
                continue  # « …, soit la bonne réponse »: the verb « être », no amount
            if index + 1 < len(segments) and re.match(r"(?:et|ou|mais)\b", segments[index + 1]):
                return None  # « A, soit N, et B »: « Cela » could be A or A and B
            rest = ", ".join(segments[:index] + segments[index + 1 :])
            return [rest, self.data.template("circumstance").format(rest=words[1])]
        return None

    def _split_dont(self, segments: list[str]) -> list[str] | None:
        """« … le N de X, dont le M V …[, B] » -> « … le N de X[, B]. Le M du N de X V …. »"""
        for index, segment in enumerate(segments[1:], start=1):
            words = segment.split(" ", 1)
            if words[0].lower() != "dont" or len(words) < 2:
                continue
            phrase = self._phrase_at_end(segments[index - 1])
            of = of_phrase(phrase) if phrase else None
            clause = self.parse(words[1])
            subject = next((t for t in clause if t.dep_.startswith("nsubj") and t.left_edge.i == 0), None)
            if of is None or subject is None or subject.pos_ != "NOUN" or not self.has_verb(words[1]):
                return None
            end = max(t.i for t in subject.subtree)
            said = self._text_of(t for t in clause if t.i <= end)
            then = self._text_of(t for t in clause if t.i > end)
            rest = ", ".join(segments[:index] + segments[index + 1 :])
            return [rest, f"{said[:1].upper()}{said[1:]} {of} {then}"]
        return None

    def _split_lequel(self, segments: list[str]) -> list[str] | None:
        """« A …une permanence …, à laquelle votre association sera la bienvenue » -> « A ….
        Votre association sera la bienvenue à cette permanence. »

        Only a last segment opened by a preposition and « lequel » / « laquelle » / … (or
        « auquel », « auxquelles »), with its own subject and verb, when exactly one noun of
        the sentence before it agrees with the pronoun in gender and number: the clause can
        then be about no other noun (« une réunion …, salle X, à laquelle … » is kept whole)."""
        words = segments[-1].split(" ")
        found = _LEQUEL.get(words[0].lower()) if words else None
        if found:
            prep, (gender, number), clause = "à", found, words[1:]
        elif len(words) > 2 and words[1].lower() in _LEQUEL and words[0].lower() not in ("de", "d'", "d’"):
            prep, (gender, number), clause = words[0], _LEQUEL[words[1].lower()], words[2:]
        else:
            return None
        said = " ".join(clause)
        parsed = self.parse(said)
        if not clause or not any(t.dep_.startswith("nsubj") for t in parsed) or not self.has_verb(said):
            return None
        before = ", ".join(segments[:-1])
        nouns = [t for t in self.parse(before) if t.pos_ == "NOUN" and number in t.morph.get("Number")
                 and gender in (t.morph.get("Gender") or [gender])]
        if len(nouns) != 1:
            return None
        noun = nouns[0]
        this = self.demonstrative(noun.text).lower()
        sentence = f"{said} {prep.lower()} {this} {noun.text}"
        return [before, sentence[:1].upper() + sentence[1:]]

    def _phrase_at_end(self, text: str) -> str | None:
        """The noun phrase that ends ``text``, as written (« le lavoir de la rue du
        Moulin »): the largest subtree of a noun, opened by a determiner, that runs to the
        end of ``text`` and is not the whole of it. None when there is no such phrase."""
        doc = self.parse(text)
        last = len(doc) - 1
        best = None
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "ROOT":
                continue
            span = sorted(token.subtree, key=lambda t: t.i)
            if span[-1].i != last or span[0].i == 0 or span[0].pos_ != "DET":
                continue
            if best is None or span[0].i < best[0].i:
                best = span
        return self._text_of(best) if best else None

    def _split_circumstance(self, segments: list[str]) -> list[str] | None:
        """« A, à la date qui vous conviendra » -> « A. C'est à la date qui vous conviendra. »

        Only the last segment, opened by a preposition, after a main part with no
        negation, modality, condition or question (the complement may be in its scope).
        """
        last = segments[-1]
        if not self._opens_complement(self.parse(last)):
            return None
        rest = ", ".join(segments[:-1])
        if not self._plain(rest) or "?" in last:
            return None
        return [rest, self.data.template("circumstance").format(rest=last)]
