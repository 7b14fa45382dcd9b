"""Splits for sentences still too long after the clause splits: coordinated
infinitives, completive clauses, noun complements in a list, long action subjects
(a mixin of ``Simplifier``)."""

from __future__ import annotations

import re
from typing import Any

from .checker import count_words
from .text import lower_first


class LongSplits:
    """Needs ``parse``, ``data``, ``language``, ``_text_of`` and ``_this``."""

    def _subject_and_copula(self, doc: Any) -> tuple[Any, Any, Any] | None:
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        copula = next((c for c in root.children if c.dep_ == "cop"), None)
        if subject is None or copula is None or subject.left_edge.i != 0:
            return None
        if max(t.i for t in subject.subtree) >= copula.i:
            return None
        return root, subject, copula

    def _its(self, copula: Any) -> str:
        """« est » -> « C'est », « sont » -> « Ce sont »; empty for other tenses."""
        forms = self.data.summary.get("copula_forms", {})
        return str(forms.get(copula.text.lower(), ""))

    def _split_infinitives(self, doc: Any) -> list[str] | None:
        """« X est le moyen de faire A et de faire B » -> « ... de faire A. C'est aussi le moyen de faire B. »"""
        for second in doc:
            if second.dep_ != "conj" or "Inf" not in second.morph.get("VerbForm"):
                continue
            cc = next((c for c in second.children if c.dep_ == "cc"), None)
            mark = next((c for c in second.children if c.dep_ in ("mark", "case")), None)
            if cc is None or mark is None or mark.i < cc.i:
                continue
            firsts = [second.head] + list(second.head.children)
            first = next(
                (
                    t
                    for t in firsts
                    if t.i < cc.i
                    and "Inf" in t.morph.get("VerbForm")
                    and any(c.dep_ in ("mark", "case") and c.i < t.i for c in t.children)
                ),
                None,
            )
            if first is None:
                continue
            first_mark = min(c.i for c in first.children if c.dep_ in ("mark", "case"))
            left = [t for t in doc if t.i < cc.i]
            while left and left[-1].is_punct:
                left.pop()
            tail = [t for t in doc if t.i >= mark.i and not (t.is_punct and t.i == len(doc) - 1)]
            prefix = [t for t in doc if t.i < first_mark]
            found = self._subject_and_copula(doc)
            right = ""
            if found is not None:
                _root, _subject, copula = found
                its = self._its(copula)
                if its:
                    rest = self._text_of(t for t in prefix if t.i > copula.i)
                    right = self.data.template("also").format(its=its, rest=rest) + " " + self._text_of(tail)
            if not right:
                right = self._text_of(prefix) + " " + self._text_of(tail)
            left_text = self._text_of(left)
            if count_words(left_text) < 3 or count_words(right) < 3:
                continue
            return [left_text, right]
        return None

    def _split_completive(self, doc: Any) -> list[str] | None:
        """« Nous sommes conscients que S » -> « S. Nous en sommes conscients. » (indicative S only).

        A verb root takes « le »: « Nous savons que S » -> « S. Nous le savons. ». The main
        clause must be only a subject, auxiliaries or a copula, and the root (no negation, no
        other complement), so the short sentence says exactly what the letter's did; otherwise
        None (no vague « ceci »).
        """
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ not in ("VERB", "ADJ"):
            return None
        if root.lemma_ in self.data.words("subjunctive_verbs"):
            return None  # « Je propose que le service soit ouvert » : its clause alone is no sentence
        last = max((t.i for t in doc if not t.is_punct), default=0)
        for clause in root.children:
            if clause.dep_ != "ccomp" or clause.i < root.i:
                continue
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            if mark is None or mark.lower_.rstrip("'’") not in ("que", "qu", "that"):
                continue
            if max(t.i for t in clause.subtree) < last:
                continue
            verbs = [clause] + [c for c in clause.children if c.dep_ in ("cop", "aux", "aux:tense")]
            if any("Sub" in v.morph.get("Mood") or "Cnd" in v.morph.get("Mood") for v in verbs):
                continue
            main = [t for t in doc if t.i < mark.i]
            subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
            if subject is None or subject.left_edge.i != 0:
                continue
            head = [t for t in main if t.i > max(x.i for x in subject.subtree)]
            if not head or any(t.dep_ not in ("cop", "aux", "aux:tense") for t in head if t.i != root.i):
                continue
            right = self._text_of(t for t in doc if t.i > mark.i and not (t.is_punct and t.i > last))
            if count_words(right) < 3:
                continue
            verb = self._text_of(head)
            if root.pos_ == "ADJ":
                key = "known_adj"
            else:
                key = "known_verb_vowel" if verb[:1].lower() in "aeiouyéèêàâîôûh" else "known_verb"
            short = self.data.template(key).format(subject=self._text_of(subject.subtree), verb=verb)
            return [right[:1].upper() + right[1:], short]
        return None

    def _split_noun_list(self, doc: Any) -> list[str] | None:
        """« ... dans les conditions de A et de B » -> « ... dans les conditions. Ces conditions sont A et B. »"""
        last = max((t.i for t in doc if not t.is_punct), default=0)
        for first in doc:
            if first.dep_ != "nmod" or first.pos_ != "NOUN":
                continue
            case = next((c for c in first.children if c.dep_ == "case"), None)
            conj = [c for c in first.children if c.dep_ == "conj"]
            if case is None or case.lower_.rstrip("'’") not in ("de", "d") or not conj or case.i < 2:
                continue
            # The noun the list belongs to is the word just before « de » (the parse may
            # hang the list on an adjective before it: « les meilleures conditions de »).
            noun = doc[case.i - 1]
            if not noun.is_alpha or noun.pos_ not in ("NOUN", "ADJ"):
                continue
            if max(t.i for t in first.subtree) < last:
                continue
            if any(t.pos_ in ("VERB", "AUX") or "Rel" in t.morph.get("PronType") for t in doc if t.i > case.i):
                continue  # « … de l'arrêt de car, qui nous ont été signalés »: a clause, not a list
            left = self._text_of(t for t in doc if t.i < case.i)
            items_text = self._text_of(t for t in doc if t.i > case.i and not (t.is_punct and t.i > last))
            parts = [p.strip(" ,") for p in re.split(r",|\bet\b", items_text) if p.strip(" ,")]
            parts = [re.sub(r"^(?:de|des|du|d['’])\s*", "", p) for p in parts]
            if len(parts) < 2 or count_words(left) < 3:
                continue
            sentence = self._this(noun.text, [self._article(p) for p in parts], self.data.template("and"))
            if sentence:
                return [left, sentence]
        return None

    def _split_subject(self, doc: Any) -> list[str] | None:
        """A long subject before « est » naming an action and who does it.

        « Un suivi des familles par des associations est P » -> « Des associations font
        un suivi des familles. Ce suivi est P. »: every sentence keeps a conjugated verb
        (the light verb of the ``agent_does`` template) and the letter's words. Only when
        the subject's head is an action noun (``action_suffixes``) and the subject ends
        with a « par » phrase. Otherwise None: the sentence is kept long (a bare noun
        phrase is not a sentence).
        """
        found = self._subject_and_copula(doc)
        if found is None:
            return None
        _root, subject, copula = found
        if subject.pos_ != "NOUN" or not subject.lower_.endswith(tuple(self.data.words("action_suffixes"))):
            return None
        end = max(t.i for t in subject.subtree)
        by = next(
            (
                t
                for t in doc
                if subject.i < t.i < end
                and t.dep_ == "case"
                and t.lower_ in self.data.words("agent_marks")
                and t.head.i <= end
                and max(x.i for x in t.head.subtree) == end
                and t.head.pos_ in ("NOUN", "PROPN", "PRON")
            ),
            None,
        )
        if by is None:
            return None
        agent = self._text_of(t for t in doc if by.i < t.i <= end)
        action = self._text_of(t for t in doc if t.i < by.i)
        last = max((t.i for t in doc if not t.is_punct), default=0)
        rest = self._text_of(t for t in doc if t.i > copula.i and not (t.is_punct and t.i > last))
        if count_words(action) < 2 or count_words(rest) < 3:
            return None
        number = "Plur" if "Plur" in by.head.morph.get("Number") else "Sing"
        does = self.data.template("agent_does")
        first = does["template"].format(agent=agent[:1].upper() + agent[1:], verb=does[number],
                                        action=lower_first(action, self.language))
        second = self._this(subject.text, [rest], "")
        if second is None:
            return None
        return [first, second]

    def _split_relative(self, doc: Any) -> list[str] | None:
        """« …nous garderons la maison, qui ouvrira en 2027 » -> « …nous garderons la maison.
        Cette maison ouvrira en 2027. » (a name is repeated as written).

        Only a subject relative (« qui ») after a comma that runs to the sentence's end,
        on the noun phrase just before the comma when that phrase is a determiner, one
        noun (or a name) and adjectives, and is neither a complement of another noun
        (« le bureau de poste de la rue Haute, qui … ») nor the last of a list (« A et B,
        qui … »): the clause can then be about no other noun. The relative's verb must
        agree in number with the noun. Otherwise None.
        """
        last = max((t.i for t in doc if not t.is_punct), default=0)
        for rel in doc:
            if rel.i < 4 or doc[rel.i - 1].text != "," or rel.lower_ not in self.data.words("subject_relatives"):
                continue
            verb = rel.head
            to_end = max(t.i for t in verb.subtree) >= last or not any(t.text in ",;:—–()" for t in doc[rel.i + 1 :])
            if not rel.dep_.startswith("nsubj") or not to_end or not self._verb_like(verb):
                continue
            phrase = self._phrase_before(doc, rel.i - 1)
            if phrase is None:
                continue
            det, noun = phrase
            number = verb.morph.get("Number") or next(
                (c.morph.get("Number") for c in verb.children if c.dep_ in ("aux", "cop") and c.morph.get("Number")), [])
            if number and noun.morph.get("Number") and number != noun.morph.get("Number"):
                continue
            left = self._text_of(t for t in doc if t.i < rel.i - 1)
            rest = self._text_of(t for t in doc if t.i > rel.i and not (t.is_punct and t.i > last))
            words = self._text_of(t for t in doc if det.i < t.i < rel.i - 1)
            if any(t.text[:1].isupper() for t in doc[det.i + 1 : rel.i - 1]):
                subject = self._text_of(doc[det.i : rel.i - 1])  # a name: « la Fondation X » as written
            else:
                subject = self.demonstrative(noun.text) + " " + words
            if count_words(left) < 3 or count_words(rest) < 2:
                continue
            return [left, f"{subject[:1].upper()}{subject[1:]} {rest}"]
        return None

    def _phrase_before(self, doc: Any, comma: int) -> tuple[Any, Any] | None:
        """(determiner, noun) of the noun phrase ending just before ``doc[comma]``: a
        determiner, then one noun or a name, then adjectives or name words; None when the
        phrase is another shape, a noun's complement or a list's last item."""
        i = comma - 1
        tail = []
        while i > 0 and (doc[i].pos_ == "ADJ" and doc[i].dep_ == "amod" or doc[i].pos_ == "PROPN"):
            tail.append(doc[i])
            i -= 1
        nouns = [t for t in doc[i : comma] if t.pos_ == "NOUN"]
        if doc[i].pos_ == "NOUN":
            noun = doc[i]
            i -= 1
        elif tail and tail[-1].pos_ == "PROPN":
            noun = tail[-1]
        else:
            return None
        if len(nouns) > 1 or i < 1 or doc[i].pos_ != "DET":
            return None
        before = doc[i - 1]
        joins = self.data.words("complement_marks") | {"et", "ou", "and", "or", ","}
        if before.lower_.rstrip("'’") in joins or before.text == ",":
            return None
        if before.pos_ == "ADP" and (i < 2 or doc[i - 2].pos_ not in ("VERB", "AUX")):
            return None  # « le taux d'inflation dans la commune, qui … »: the rate or the town?
        return doc[i], noun
