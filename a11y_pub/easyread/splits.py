"""Parse-based splits of one sentence into clauses: punctuation, coordinated clauses,
purpose, leading condition, coordinated adjectives (a mixin of ``Simplifier``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .checker import count_words
from .negation import negated
from .text import WORD_RE, lower_first


class ClauseSplits:
    """Splits that any long sentence may get. Needs ``parse``, ``nlp``, ``data``, ``language``, ``has_verb``."""

    def _finite(self, doc: Any) -> bool:
        return any("Fin" in t.morph.get("VerbForm") for t in doc)

    def _split_punctuation(self, text: str) -> list[str]:
        parts: list[str] = []
        for chunk in re.split(r"\s*;\s*", text):
            halves = re.split(r"\s+:\s+", chunk, maxsplit=1)
            if len(halves) == 2 and self.nlp.parsed:
                lead = str(self.data.summary.get("condition", "")).split(":", 1)[0].strip()
                if halves[0].strip() != lead and self.has_verb(halves[0]) and self.has_verb(halves[1]):
                    parts += [halves[0], halves[1]]
                    continue
            parts.append(chunk)
        return [p for p in parts if WORD_RE.search(p)]

    @staticmethod
    def _text_of(tokens: Iterable[Any]) -> str:
        ordered = sorted(tokens, key=lambda t: t.i)
        return "".join(t.text_with_ws for t in ordered).strip()

    def _verb_like(self, token: Any) -> bool:
        if token.pos_ in ("VERB", "AUX") or "Fin" in token.morph.get("VerbForm"):
            return True
        # The small French model sometimes tags a future verb as a noun.
        return (
            self.language == "fr"
            and not any(c.dep_ == "det" for c in token.children)
            and token.text.lower().endswith(("rons", "rez", "rions", "riez", "ons", "ez"))
        )

    def _split_coordination(self, doc: Any) -> list[str] | None:
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        # « A est réel et les familles attendent »: a copula root joins a clause with its own subject.
        copular = not self._verb_like(root) and any(c.dep_ == "cop" for c in root.children)
        if not self._verb_like(root) and not copular:
            return None
        if any(c.dep_ == "mark" and c.i == 0 for c in root.children):
            return None  # « Si vous ne pouvez pas…, dites-le, et expliquez »: the root is itself a condition
        for conj in root.children:
            if conj.dep_ != "conj" or conj.i <= root.i or not self._verb_like(conj):
                continue
            if copular and not any(c.dep_.startswith("nsubj") for c in conj.children):
                continue
            if any(c.dep_ == "case" or c.dep_ == "mark" and c.pos_ == "ADP" for c in conj.children):
                continue  # « fortement et sans réserve »: a phrase, not a clause
            if any(c.dep_.startswith("nsubj") and "Rel" in c.morph.get("PronType") for c in conj.children):
                continue  # « une note qui … et qui traduit … »: two relative clauses, no main one
            if not any(c.dep_ == "cc" for c in conj.children):
                continue
            cc = next(c for c in conj.children if c.dep_ == "cc")
            if cc.i < root.i or min(t.i for t in conj.subtree) < cc.i:
                continue
            # Cut the text at the conjunction: attachments after it stay after it.
            left_tokens = [t for t in doc if t.i < cc.i]
            while left_tokens and left_tokens[-1].is_punct:
                left_tokens.pop()
            right_tokens = [t for t in doc if t.i > cc.i and not (t.is_punct and t.i == len(doc) - 1)]
            subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")]
            own_subject = any(c.dep_.startswith("nsubj") for c in conj.children)
            prefix = ""
            if subject and not own_subject:
                prefix = self._text_of(subject[0].subtree) + " "
            left_text = self._text_of(left_tokens)
            right_text = prefix + self._text_of(right_tokens)
            if count_words(left_text) < 3 or count_words(right_text) < 3:
                return None
            if cc.lower_ in self.data.words("contrast_marks"):
                # « A, mais nous ne pouvons pas B » -> « A. Mais nous ne pouvons pas B. »: the contrast stays.
                right_text = f"{cc.text[:1].upper()}{cc.text[1:].lower()} {lower_first(right_text, self.language)}"
            return [left_text, right_text]
        return None

    def _split_purpose(self, doc: Any) -> list[str] | None:
        marks = self.data.words("purpose_marks") or frozenset({"to", "so"})
        last = max((t.i for t in doc if not t.is_punct), default=0)
        for token in doc:
            mark = next(
                (
                    c
                    for c in token.children
                    if c.text.lower() in marks
                    and (c.dep_ == "mark" or (c.dep_ == "case" and token.dep_.startswith(("obl", "nmod"))))
                ),
                None,
            )
            if mark is None or mark.i < 3:
                continue
            verbal = token.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "aux") for c in token.children)
            que = mark.i + 1 < len(doc) and doc[mark.i + 1].lower_ in ("que", "qu'", "qu’")  # « pour que S »
            plain_noun = not any(t.pos_ in ("VERB", "AUX", "NUM") or t.text in "€$£%" for t in token.subtree)
            if not verbal and not que and not plain_noun:
                # « pour un budget de 620 000 € », « une commission pour l'accessibilité qui se
                # réunira… »: an amount, or a noun whose clause goes on, is no purpose.
                continue
            span_end = max(t.i for t in token.subtree)
            if span_end < last:
                continue
            start = min(mark.i, token.left_edge.i)
            if plain_noun and not verbal and any(t.like_num or t.text in "€$£%" for t in doc[max(0, start - 3) : start]):
                continue  # « portée à 400 € pour les foyers », « 240 000 € par an pour le département »: whose amount
            left = self._text_of(t for t in doc if t.i < start)
            rest = self._text_of(t for t in doc if t.i > mark.i and not (t.is_punct and t.i > last))
            if count_words(left) < 3 or count_words(rest) < 2 or negated(left, self.data):
                continue  # « Nous n'augmenterons pas les prix pour financer X »: the negation may bear on the purpose
            return [left, self.data.template("purpose").format(mark=mark.text.lower(), rest=rest)]
        return None

    def _condition_end(self, doc: Any) -> int | None:
        """The index of the last token of the condition a sentence opens with (« Si je suis
        élue, … »), or None."""
        marks = self.data.words("condition_marks") or frozenset({"if"})
        for token in doc:
            mark = next((c for c in token.children if c.dep_ == "mark" and c.text.lower() in marks), None)
            if mark is not None and token.left_edge.i == 0:
                return max(t.i for t in token.subtree)
        return None

    def leading_condition(self, doc: Any) -> tuple[str, str] | None:
        """(condition, main clause) of a sentence that opens with a condition (« Si je suis
        élue, je ferai X » -> (« Si je suis élue », « je ferai X »)); None otherwise."""
        end = self._condition_end(doc)
        return None if end is None else self._around(doc, end)

    def _around(self, doc: Any, end: int) -> tuple[str, str] | None:
        """(condition, main clause) of ``doc`` cut after token ``end``; None when the main
        clause is under 3 words."""
        clause = self._text_of(t for t in doc if t.i <= end).rstrip(" ,")
        main = self._text_of(t for t in doc if t.i > end).lstrip(" ,")
        return (clause, main) if count_words(main) >= 3 else None

    def is_promise(self, tokens: Any) -> bool:
        """Whether parsed ``tokens`` say a promise or an intention: a verb in the future or the
        conditional (read from its ending too: the small model tags « ferai » present), or one of
        the data's ``promise_verbs`` (« aller », « s'engager », « souhaiter »)."""
        future = re.compile(self.data.summary.get("future_endings", r"$^"))
        return any(
            t.pos_ in ("VERB", "AUX") and (future.search(t.lower_) or "Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood"))
            or t.lemma_ in self.data.words("promise_verbs")
            for t in tokens
        )

    def _split_condition(self, doc: Any) -> list[str] | None:
        """« Si je suis élue, je ferai X » -> « Je ferai X. » + « C'est à une condition : si je suis
        élue. » Only for a promise (a future or conditional verb, or one of ``promise_verbs``:
        « je vais », « je m'engage »): a statement in the present (« Si on vous dit le contraire,
        on vous ment ») or an invitation stays whole, its main clause alone saying something else."""
        end = self._condition_end(doc)
        found = None if end is None else self._around(doc, end)
        if found is None or not self.is_promise(doc[end + 1 :]):
            return None
        clause, main = found
        return [main, self.data.template("condition").format(rest=lower_first(clause, self.language))]

    def _split_adjectives(self, doc: Any) -> list[str] | None:
        """« les soutiens matériels et financiers de X » -> « les soutiens de X. Ces soutiens sont ... »."""
        if self.language != "fr":
            return None
        for noun in doc:
            if noun.pos_ != "NOUN":
                continue
            adjectives = [c for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i > noun.i]
            if not adjectives or not any(c.dep_ == "conj" for c in adjectives[0].children):
                continue
            first = adjectives[0]
            span = sorted(first.subtree, key=lambda t: t.i)
            words = self._text_of(span)
            number = noun.morph.get("Number")
            gender = noun.morph.get("Gender")
            if "Plur" in number:
                lead, verb = "Ces", "sont"
            elif "Fem" in gender:
                lead, verb = "Cette", "est"
            elif noun.text[:1].lower() in "aeiouyéèêàâîôûh":
                lead, verb = "Cet", "est"
            else:
                lead, verb = "Ce", "est"
            rest = self._text_of(t for t in doc if t not in span)
            return [rest, f"{lead} {noun.text.lower()} {verb} {words}"]
        return None

    def _split_cause(self, doc: Any) -> list[str] | None:
        """« A, parce que B » / « A, car B » -> « A. » + « C'est parce que B. » (template ``cause``).

        Only after a comma (« je ne l'ai pas fait parce que… » may deny the reason, not the
        act), and only when both halves keep a conjugated verb.
        """
        marks = self.data.words("cause_marks")
        text = self._text_of(doc)
        for mark in sorted(marks, key=len, reverse=True):
            match = re.match(rf"^(.{{12,}}?),\s+{re.escape(mark)}\s+(\S.{{8,}})$", text, flags=re.IGNORECASE)
            if match is None:
                continue
            left, rest = match.group(1), match.group(2).rstrip(" .")
            if not (self._finite(self.parse(left)) and self._finite(self.parse(rest))):
                return None
            return [left, self.data.template("cause").format(rest=rest)]
        return None
