"""English sentence splits read from the dependency parse (a mixin of ``Simplifier``).

spaCy's English model labels dependencies in the ClearNLP style (``nsubj``,
``nsubjpass``, ``auxpass``, ``conj``, ``cc``, ``relcl``, ``advcl``, ``mark``).
Kinds of split, each tried in this order (the first three on any sentence of 6 words or
more: two main clauses are two sentences; the reason above 12 words, the rest above 15):

- clauses joined by « ; », a colon (not right after a verb: "said: …") or a dash, each
  with its own subject and conjugated verb, or orders among orders ("(a) repair…; (b)
  publish…"); an aside between two dashes stays with the clause before it;
- what opens the sentence (a condition, a place, a time) over coordinated clauses: each
  clause keeps it ("If I am elected, A. If I am elected, B.");
- coordinated main clauses, each with its own subject ("…, and we would rather tell
  you now…"; "but" and "so" open the second sentence; "or" never splits);
- a reason, purpose or concession after (or before) the main clause ("because", "since"
  with a present or modal verb, "so that", "although"): "This is because …", "This is so
  that …", "But …"; such a sentence is not cut again, and follows the one it explains;
- a subject relative that ends the sentence, on a name or a determiner and its noun
  (the noun is said again); "…, which means …": "This means …";
- a subject relative between two commas ("The new mayor, who took office in May, has…");
- a "where" clause on a place ("…Dunsley, where the roof…" -> "In Dunsley, the roof…");
- a leading "if" condition moved right after its clause ("This is on one condition: if …");
- a list of three or more objects after their verb: a lead-in ("We will fund:") and one
  list item per object (``object_lists.ITEM_MARK``, read by ``Simplifier``).

Every split is checked before it is kept (``_safe``): each piece has at least three
words, a subject and a conjugated verb outside any relative clause (or is an order among
orders), the faithfulness verifier finds nothing changed against the sentence (numbers,
names, negations, modality, conditions, speaker), and the pieces together keep every
digit and negation. Pieces are cut at token boundaries only. Otherwise the sentence stays
whole, for the checker to report.
"""

from __future__ import annotations

import re
from typing import Any

from .checker import count_words
from .english import SUBJECT_DEPS, has_english_verb, is_clause_head, is_finite
from .object_lists import ITEM_MARK
from .text import lower_first

_CONDITION_MARKS = frozenset({"if", "unless"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OPENERS = {"and": "", "but": "But ", "so": "So "}
# Words before a clause's subject that may open it without scoping over a coordinated clause.
_FREE_OPENERS = frozenset("first second third fourth finally also however yes no so then".split())
# Marks between two clauses (a colon too: "I cannot promise it: the council has no money").
_DASHES = frozenset({";", "—", "–", "--", ":"})
_MAX_DEPTH = 6


def _lower_first(text: str) -> str:
    """``text.lower_first`` that also keeps « I » in "I'll", "I'd", "I'm", "I've"."""
    return text if re.match(r"I(?:['’]\w+)?\b", text) else lower_first(text, "en")


_MARKER_RE = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+")


def _is_imperative(doc: Any) -> bool:
    """True when ``doc`` (parsed without its list marker) opens on its root verb in the base
    form, without a subject: "Attend a public meeting…"."""
    return (
        len(doc) > 0
        and doc[0].dep_ == "ROOT"
        and doc[0].tag_ in ("VB", "VBP")
        and not any(c.dep_ in SUBJECT_DEPS for c in doc[0].children)
    )


_LINK_MARKS = frozenset("because since as so if unless although though".split())


def _linked(clause: Any) -> bool:
    """True when ``clause`` is a reason, purpose, condition or concession (by its mark)."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _LINK_MARKS for c in clause.children)


def _main_chain(token: Any) -> bool:
    """True when ``token`` is the root or reaches it through complements and coordination only."""
    while token.dep_ in ("xcomp", "conj") and token.head is not token:
        token = token.head
    return token.dep_ == "ROOT"


def _has_main_clause(doc: Any) -> bool:
    """True when ``doc`` has a subject and its conjugated verb outside any relative clause: "A
    route to the estate, where 2,800 people work" is a noun phrase, not a sentence."""
    inside = {t.i for r in doc if r.dep_ == "relcl" for t in r.subtree}
    return any(is_clause_head(t) for t in doc if t.i not in inside)


def _root(doc: Any) -> Any:
    return next((t for t in doc if t.dep_ == "ROOT"), doc[0])


def _text(doc: Any, start: int, end: int) -> str:
    """Tokens ``start``..``end`` as written, without the punctuation at either edge."""
    span = doc[start:end].text.strip()
    return span.strip(" ,;:—–-").strip()


class EnglishSplits:
    """Needs ``data``, ``opts``, ``known``, ``acronyms`` and ``parse`` (the ``Simplifier``'s)."""

    def _simplify_english(self, text: str, depth: int = 0) -> list[tuple[str, bool]]:
        """``text`` -> (sentence, dependent) pairs, split by the parse where it is safe."""
        words = count_words(text)
        if depth > _MAX_DEPTH or words < 6:
            return [(text, False)]
        doc = self.parse(text)
        # Two main clauses are two sentences at any length; the other kinds only shorten.
        splitters = [self._en_punctuation, self._en_condition_over_clauses, self._en_coordination]
        if words > self.opts.target_average:
            splitters.append(self._en_reason)
        if words > self.opts.max_words:
            splitters += [self._en_relative, self._en_inner_relative, self._en_where, self._en_condition, self._en_object_list]
        for splitter in splitters:
            parts = splitter(doc)
            if parts and self._safe([p for p, _ in parts], text):
                # A reason or a condition said on its own ("This is because A, and B") is not cut
                # again: its clauses all belong to the link it keeps.
                final = splitter in (self._en_reason, self._en_condition)
                out: list[tuple[str, bool]] = []
                for part, dependent in parts:
                    if part.startswith(ITEM_MARK) or splitter == self._en_object_list:
                        out.append((part, dependent))  # a list's lead-in and items are not cut again
                        continue
                    if dependent and final:
                        # "This is because …" follows the sentence it explains, before any
                        # description made from that sentence ("This resident uses …").
                        kept = [i for i, (text, d) in enumerate(out) if not d or self._is_link(text)]
                        at = max(kept, default=len(out) - 1) + 1
                        out.insert(at, (part, True))
                        continue
                    out += [(s, dependent or d) for s, d in self._simplify_english(part, depth + 1)]
                return out
        return [(text, False)]

    def _is_link(self, sentence: str) -> bool:
        """True when ``sentence`` is a reason, purpose, concession or condition said on its own
        (it opens like the templates "This is because …", "But …", "This is on one condition: …")."""
        names = ("cause", "purpose", "concession", "condition")
        openings = [self.data.template(n).split("{")[0].strip() for n in names]
        return any(o and sentence.startswith(o) for o in openings)

    def english_has_verb(self, sentence: str) -> bool:
        """True when ``sentence`` has a conjugated verb (``has_english_verb`` on its parse); an
        order's capital may read as a name's ("Meet the tenants…"): it is parsed lower-cased too."""
        sentence = _MARKER_RE.sub("", sentence)  # "(b) publish the dates…"
        if has_english_verb(self.parse(sentence)):
            return True
        lowered = _lower_first(sentence)
        return lowered != sentence and _is_imperative(self.parse(lowered))

    def _safe(self, pieces: list[str], source: str) -> bool:
        """Every piece is a sentence of its own and faithful to ``source``; together they keep
        every digit and every negation of ``source``."""
        from .verify import compare, tagger

        # An order is a sentence of its own only among orders ("Repair A; publish B"): never after
        # a promise ("We will do two things: fund the clubs" must not become an order).
        orders = _is_imperative(self.parse(_MARKER_RE.sub("", pieces[0])))
        for piece in pieces:
            if piece.startswith(ITEM_MARK):  # a list item: a noun phrase, faithful all the same
                if compare(piece.lstrip(ITEM_MARK), source, self.data, self.known, self.acronyms, tagger("en")):
                    return False
                continue
            doc = self.parse(_MARKER_RE.sub("", piece))
            if count_words(piece) < 3 or not (_has_main_clause(doc) or orders and _is_imperative(doc)):
                return False
            if compare(piece, source, self.data, self.known, self.acronyms, tagger("en")):
                return False
        joined = " ".join(pieces)
        for pattern in (r"\d+(?:[.,]\d+)*", r"\b(?:not|n't|no|never|nor|without|cannot)\b"):
            if len(re.findall(pattern, joined, flags=re.IGNORECASE)) < len(re.findall(pattern, source, flags=re.IGNORECASE)):
                return False
        return True

    # kinds of split ----------------------------------------------------------

    def _en_punctuation(self, doc: Any) -> list[tuple[str, bool]] | None:
        """Clauses joined by « ; », a colon or a dash: one sentence each (a leading "and" is left out,
        "but" kept); None when a part is not a clause of its own."""
        cuts = [t.i for t in doc if t.text in _DASHES and 0 < t.i < len(doc) - 1]
        # "The council said: we will…", "as follows:": what follows the colon is the verb's own
        # content (who says it would change), not a clause beside it.
        cuts = [i for i in cuts if not (doc[i].text == ":" and doc[i - 1].pos_ in ("VERB", "AUX"))]
        dashes = [i for i in cuts if doc[i].text != ";" and doc[i].text != ":"]
        if len(dashes) == 2:
            cuts.remove(dashes[0])  # "A — an aside — but B": the aside stays with A
        if not cuts:
            return None
        bounds = [-1, *cuts, len(doc)]
        parts = [_text(doc, a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
        parts = [p for p in parts if p]
        out = []
        for part in parts:
            first, _, rest = part.partition(" ")
            if first.lower() in _OPENERS and rest:
                part = _OPENERS[first.lower()] + (_lower_first(rest) if _OPENERS[first.lower()] else rest)
            parsed = self.parse(_MARKER_RE.sub("", part))
            if not _has_main_clause(parsed) and not _is_imperative(parsed):
                return None
            out.append((part, False))
        return out if len(out) > 1 else None

    def _leading_condition(self, doc: Any) -> Any:
        """The "if"/"unless" clause that opens ``doc`` and is followed by a comma, or None."""
        opening = self._leading_modifier(doc)
        if opening is not None and {c.lower_ for c in opening.children if c.dep_ == "mark"} & _CONDITION_MARKS:
            return opening
        return None

    def _leading_modifier(self, doc: Any) -> Any:
        """The root's dependent that opens ``doc`` and is followed by a comma (a condition, a
        place or a time: "If I am elected,", "In Dunsley,", "Next year,"), or None."""
        root = _root(doc)
        for child in root.children:
            if child.left_edge.i != 0 or child.dep_ not in ("advcl", "prep", "npadvmod", "advmod"):
                continue
            after = child.right_edge.i + 1
            if after < root.i and doc[after].text == ",":
                return child
        return None

    def _en_condition_over_clauses(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"If A, B and C" -> "If A, B." + "If A, C.": each clause keeps what opens the sentence
        (a condition, a place, a time)."""
        opening = self._leading_modifier(doc)
        if opening is None or opening.lower_ in _FREE_OPENERS:
            return None
        head = _text(doc, 0, opening.right_edge.i + 1)
        rest = self.parse(_text(doc, opening.right_edge.i + 2, len(doc)))
        parts = self._en_coordination(rest)
        if not parts:
            return None
        return [(f"{head}, {_lower_first(p)}", False) for p, _ in parts]

    def _en_coordination(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"A, and B" / "A but B" / "A, so B": two sentences when the root and its coordinated
        verb each have a subject and a conjugated verb, and nothing before the root's subject
        (a time, a condition) could apply to both."""
        root = _root(doc)
        if not is_clause_head(root) or self._leading_condition(doc) is not None:
            return None
        subject = min((c.i for c in root.children if c.dep_ in SUBJECT_DEPS), default=root.i)
        for child in root.children:
            if child.i < subject and child.dep_ not in ("punct", "cc", "intj") and child.lower_ not in _FREE_OPENERS:
                return None
        for conj in (c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
            if not is_clause_head(conj):
                continue
            ccs = [c for c in root.children if c.dep_ == "cc" and c.i < conj.left_edge.i]
            if not ccs or ccs[-1].lower_ not in _OPENERS:
                continue
            cc = ccs[-1]
            second = {t.i for t in conj.subtree}
            if any(i in second for i in range(cc.i)):
                continue  # a word before the cut belongs to the second clause
            if any(t.i not in second and t.dep_ != "punct" for t in doc[cc.i + 1 :]):
                continue  # a word after the cut belongs to the first clause ("…, by May")
            before = [t for t in doc[: cc.i] if t.dep_ != "punct"]
            if before and any(before[-1].i in {t.i for t in c.subtree} for c in root.children if _linked(c)):
                continue  # "…, because A, and B": B may go on with the reason
            left, right = _text(doc, 0, cc.i), _text(doc, cc.i + 1, len(doc))
            opener = _OPENERS[cc.lower_]
            return [(left, False), (opener + _lower_first(right) if opener else right, False)]
        return None

    def _en_reason(self, doc: Any) -> list[tuple[str, bool]] | None:
        """A reason or purpose clause after (or before) the main one -> its own sentence that
        keeps the link ("This is because …", "This is so that …"). After a negated main clause
        only when a comma stands between them ("not A because B" may deny the reason)."""
        root = _root(doc)
        if not is_clause_head(root):
            return None
        negated = any(c.dep_ == "neg" for c in root.children)
        verbs = [t for t in root.subtree if _main_chain(t)]
        # "I'd like to raise it to £10, although …": a clause on the main verb, its complement
        # ("to raise") or a verb coordinated with them ("…permanent, and to extend it so that …").
        clauses = [c for v in verbs for c in v.children if c.dep_ == "advcl" and is_clause_head(c)]
        for clause in clauses:
            marks = [c for c in clause.children if c.dep_ == "mark" and c.i < clause.i]
            words = " ".join(m.lower_ for m in marks)
            if words not in ("because", "since", "so that", "although", "though"):
                continue
            if words == "since" and not is_finite(clause) or words == "since" and clause.tag_ == "VBD":
                continue  # "since we met": a time, not a reason
            start, end = clause.left_edge.i, clause.right_edge.i + 1
            tail = {t.i for c in root.children if c.i >= end and c.dep_ in ("cc", "conj") for t in c.subtree}
            if start > root.i and tail and all(t.i in tail or t.dep_ == "punct" for t in doc[end:]):
                end = len(doc)  # "…, because A, and B" read with B on the root: B goes on with the reason
            rest = _text(doc, marks[-1].i + 1, end)
            template = {"because": "cause", "since": "cause", "so that": "purpose"}.get(words, "concession")
            said = self.data.template(template).format(mark="so that", rest=rest).rstrip(".")
            if start == 0 and end < len(doc) and doc[end].text == ",":
                return [(_text(doc, end + 1, len(doc)), False), (said, True)]
            comma = start > 0 and doc[start - 1].text == ","
            if template == "purpose" and negated:
                continue  # "I will never close it, so that …": the negation may bear on the purpose
            if start > root.i and all(t.dep_ == "punct" for t in doc[end:]) and (comma or not negated):
                return [(_text(doc, 0, start), False), (said, True)]
        return None

    def _en_relative(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"…Chapel Lane, which is 40 metres away" -> "…Chapel Lane." + "Chapel Lane is 40 metres
        away." (the noun said again, ``english.relative_antecedent``); "…, which means …" after
        a clause -> "This means …". Only a relative that ends the sentence, after a comma."""
        from .english import relative_antecedent

        for clause in (t for t in doc if t.dep_ in ("relcl", "advcl")):  # "which means" may read as advcl
            pronoun = clause.left_edge
            comma = pronoun.i - 1
            if pronoun.lower_ not in ("which", "who") or pronoun.dep_ not in SUBJECT_DEPS or comma < 1:
                continue
            if doc[comma].text != "," or any(t.dep_ != "punct" for t in doc[clause.right_edge.i + 1 :]):
                continue
            left, rest = _text(doc, 0, comma), _text(doc, pronoun.i + 1, len(doc))
            if pronoun.lower_ == "which" and clause.lemma_ == "mean":
                return [(left, False), ("This " + rest, True)]  # "…, which means": the whole clause
            if clause.dep_ != "relcl":
                continue
            noun = relative_antecedent(left, self.data.words("determiners"), self.data.words("complement_marks"))
            noun = noun or self._name_before(doc, clause.head, comma)
            if noun and clause.head.i == comma - 1:
                words = noun.split()
                if words[0].lower() in self.data.words("determiners") and not any(w[:1].isupper() for w in words[1:]):
                    noun = ("These " if words[-1].lower().endswith("s") else "This ") + words[-1]
                return [(left, False), (noun[:1].upper() + noun[1:] + " " + rest, True)]
        return None

    def _en_inner_relative(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"One resident, who uses a wheelchair, has left her flat…" -> "One resident has left her
        flat…" + "This resident uses a wheelchair." A subject relative between two commas, on a
        name or on a short noun phrase that is its clause's subject or object."""
        for clause in (t for t in doc if t.dep_ == "relcl"):
            pronoun, head = clause.left_edge, clause.head
            comma, after = pronoun.i - 1, clause.right_edge.i + 1
            if pronoun.lower_ not in ("which", "who") or pronoun.dep_ not in SUBJECT_DEPS or head.i != comma - 1:
                continue
            if doc[comma].text != "," or after >= len(doc) - 1 or doc[after].text != ",":
                continue
            if head.dep_ not in (*SUBJECT_DEPS, "dobj") or head.left_edge.i + 4 < head.i:
                continue
            name = self._name_before(doc, head, comma)
            if not name:
                if head.pos_ != "NOUN" or any(t.pos_ not in ("DET", "NUM", "ADJ", "NOUN") for t in doc[head.left_edge.i : head.i]):
                    continue
                name = ("These " if head.tag_ == "NNS" else "This ") + head.text
            left = f"{doc[: comma].text} {doc[after + 1 :].text}".strip(" ,")
            right = f"{name[:1].upper()}{name[1:]} {_text(doc, pronoun.i + 1, after)}"
            return [(left, False), (right, True)]
        return None

    @staticmethod
    def _name_before(doc: Any, head: Any, comma: int) -> str:
        """The name a relative clause is about, read from the parse: its head is a proper noun
        just before the comma, with only a determiner and other proper nouns before it ("the
        Riverside Centre, which …"), and not a noun's complement; "" otherwise."""
        if head.pos_ != "PROPN" or head.i != comma - 1 or not head.is_alpha or not head.text[:1].isupper():
            return ""
        if head.dep_ == "pobj" and head.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return ""  # "the pool on Station Road, which closed": the pool or the road?
        start = head.left_edge.i
        if any(t.pos_ not in ("PROPN", "DET") or t.pos_ == "DET" and t.i != start for t in doc[start : head.i + 1]):
            return ""
        return _text(doc, start, head.i + 1)

    def _en_where(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"…, starting with Dunsley, where the roof was repaired" -> "…with Dunsley." + "In
        Dunsley, the roof was repaired." (a name of a place, after a comma, ending the sentence)."""
        for clause in (t for t in doc if t.dep_ == "relcl"):
            where = clause.left_edge
            comma, place = where.i - 1, clause.head
            if where.lower_ != "where" or comma < 1 or doc[comma].text != "," or place.i != comma - 1:
                continue
            if place.pos_ != "PROPN" or any(t.dep_ != "punct" for t in doc[clause.right_edge.i + 1 :]):
                continue
            name = _text(doc, place.left_edge.i, place.i + 1)
            if any(t.pos_ not in ("PROPN", "DET") for t in doc[place.left_edge.i : place.i + 1]):
                continue
            preposition = place.head.lower_ if place.dep_ == "pobj" and place.head.lower_ in ("in", "at", "on") else "in"
            rest = _text(doc, where.i + 1, len(doc))
            name = name[:1].upper() + name[1:] if not name.lower().startswith("the ") else "the" + name[3:]
            return [(_text(doc, 0, comma), False), (f"{preposition.capitalize()} {name}, {rest}", True)]
        return None

    def _en_object_list(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"We will fund A, B and C." -> "We will fund:" + one list item per object (items carry
        ``object_lists.ITEM_MARK``): three or more objects joined by commas and a last "and"
        (never "or"), right after their verb, ending the sentence, with nothing after the verb
        that bears on all of them ("…and C next year") and no verb of their own."""
        for verb in (t for t in doc if t.pos_ == "VERB" and t.i + 1 < len(doc)):
            tail = [t for t in doc[verb.i + 1 :] if not (t.is_punct and t.i == len(doc) - 1)]
            if not tail or tail[0].head.i != verb.i and tail[0].head.head.i != verb.i:
                continue
            if any(t.head.i == verb.i and t.dep_ not in ("dobj", "punct", "cc", "conj") for t in tail):
                continue  # "…, and C next year": a time for every object
            if any(t.lower_ in ("or", "nor") or t.tag_ in FINITE_VERB_TAGS or t.dep_ == "relcl" for t in tail):
                continue
            text = _text(doc, verb.i + 1, len(doc))
            items = [i.strip() for i in re.split(r",\s+(?:and\s+)?|\s+and\s+", text) if i.strip()]
            if len(items) < 3 or text.count(",") != len(items) - 2 + text.count(", and"):
                continue  # a comma inside an item: not a plain list
            return [(_text(doc, 0, verb.i + 1), False), *((ITEM_MARK + i, False) for i in items)]
        return None

    def _promise(self, verb: Any) -> bool:
        """True when the clause of ``verb`` promises: a modal auxiliary ("will", "'ll", "could"),
        or a verb of promising (``promise_verbs`` in the language data, else a short list)."""
        promising = self.data.words("promise_verbs") or frozenset({"promise", "pledge", "commit", "guarantee"})
        if verb.tag_ == "MD" or any(c.tag_ == "MD" for c in verb.children):
            return True
        return verb.lemma_.lower() in promising or any(
            c.dep_ == "xcomp" and c.head.lemma_.lower() in promising for c in verb.children
        )

    def _en_condition(self, doc: Any) -> list[tuple[str, bool]] | None:
        """"If A, B" -> "B." + "This is on one condition: if A." (never B alone: the condition
        follows at once). Only when B is a promise (a modal, "promise", "pledge"…): "If anyone
        tells you otherwise, they are not telling the truth" alone would say something else;
        not when B ends on its auxiliary ("…, I will.")."""
        from .english import ends_on_auxiliary

        condition = self._leading_condition(doc)
        if condition is None or doc[0].lower_ != "if" or not self._promise(_root(doc)):
            return None  # "This is on one condition: unless …" would not read
        clause = _text(doc, 0, condition.right_edge.i + 1)
        rest = _text(doc, condition.right_edge.i + 2, len(doc))
        if ends_on_auxiliary(rest):
            return None
        said = self.data.template("condition").format(rest=clause[:1].lower() + clause[1:]).rstrip(".")
        return [(rest, False), (said, True)]
