"""Word-pattern splits for English, which has no parser here (a mixin of ``Simplifier``).

Only safe cuts: at « ; » between clauses; before "and/but" + a subject and its verb; a
subject relative on a name or a determiner + noun; a leading condition kept with each clause
or moved after it; "so that", "in order to" and ", because" as sentences of their own. Every
piece must keep a conjugated verb (``english.has_finite_verb``, lemminflect's tables).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .checker import count_words
from .negation import negated
from .text import WORD_RE, lower_first


class EnglishSplits:
    """Needs ``data`` and ``opts`` (the ``Simplifier``'s)."""

    def _simplify_without_parser(self, text: str) -> list[str]:
        """Safe word-pattern splits for a language without a parser (English): at « ; » between
        clauses, before "and/but" + a pronoun subject, a leading "If …," condition moved after
        its main clause, and "so that" / "in order to" purposes. A split is made only when
        every piece keeps a conjugated verb (``english.has_finite_verb``); otherwise the
        sentence stays whole, for the checker to report."""
        from .english import has_finite_verb

        def whole(pieces: list[str]) -> bool:
            return len(pieces) > 1 and all(has_finite_verb(p) and count_words(p) >= 3 for p in pieces)

        condition = re.match(r"^((?:if|unless)\s[^,]{3,}),\s+(.{12,})$", text, flags=re.IGNORECASE)
        if condition:
            # "If elected, I will A, and we will B": each clause keeps the condition.
            clauses = self._english_main_clauses(condition.group(2), whole)
            if len(clauses) > 1:
                text_of = [f"{condition.group(1)}, {lower_first(c, 'en')}" for c in clauses]
                return [piece for c in text_of for piece in self._english_condition(c)]
        out: list[str] = []
        for piece in self._english_main_clauses(text, whole):
            for clause in self._english_relative(piece):
                out += self._english_condition(clause)
        return out

    def _english_main_clauses(self, text: str, whole: Callable[[list[str]], bool]) -> list[str]:
        """``text`` cut at « ; » between clauses and before "and/but" + a subject (``whole``:
        whether a cut's pieces are all clauses); the sentence itself when no cut is safe."""
        out: list[str] = []
        parts = [p for p in re.split(r"\s*;\s+", text) if WORD_RE.search(p)]
        for part in parts if whole(parts) else [text]:
            pieces = re.split(r",?\s+(?:and|but)\s+(?=(?:we|I|you|he|she|it|they)\b)", part)
            if not whole(pieces):
                pieces = self._english_clauses(part)
            # "… 4 of the 34 seats —, but I will": the aside's closing dash goes with the cut.
            out += [piece.rstrip(" ,—–") for piece in (pieces if whole(pieces) else [part])]
        return out

    def _english_relative(self, piece: str) -> list[str]:
        """"…to Chapel Lane, which is 40 metres away." -> "…to Chapel Lane." + "Chapel Lane is 40
        metres away." (``english.relative_antecedent`` says which noun phrases are safe)."""
        from .english import has_finite_verb, relative_antecedent

        found = list(re.finditer(r",\s+(?:which|who)\s+", piece))
        if count_words(piece) <= self.opts.max_words or len(found) != 1 or re.search(r"[,;:()—–]", piece[found[0].end():]):
            return [piece]
        left, rest = piece[: found[0].start()], piece[found[0].end():]
        antecedent = relative_antecedent(left, self.data.words("determiners"), self.data.words("complement_marks"))
        if not antecedent or not has_finite_verb(left):
            return [piece]
        if not any(w[:1].isupper() for w in antecedent.split()[1:]) and antecedent.split()[0].lower() in self.data.words("determiners"):
            noun = antecedent.split()[-1]
            antecedent = self.data.template("these" if noun.lower().endswith("s") else "this").split()[0] + " " + noun
        right = f"{antecedent[:1].upper()}{antecedent[1:]} {rest}"
        return [left, right] if has_finite_verb(right) else [piece]

    def _english_clauses(self, part: str) -> list[str]:
        """"A, and B" / "A, but B" -> "A." + "B." when B opens with its own subject and verb
        (``english.opens_clause``: "…since 2021, and 14 of them involved people on bikes").
        Not after a leading condition ("If elected, I will A, and the council will B": both
        halves depend on it), and only at one comma + conjunction."""
        from .english import opens_clause

        marks = self.data.words("condition_marks") or frozenset({"if"})
        if part.split(" ", 1)[0].lower() in marks or count_words(part) <= self.opts.max_words:
            return [part]
        found = list(re.finditer(r",\s+(and|but)\s+", part))
        if len(found) != 1:
            return [part]
        match = found[0]
        right = part[match.end():]
        if not opens_clause(right):
            return [part]
        right = "But " + right if match.group(1) == "but" else right[:1].upper() + right[1:]
        return [part[: match.start()], right]

    def _english_condition(self, piece: str) -> list[str]:
        """"If A, B" -> "B." + "This is on one condition: if A." (case kept); then purposes.
        Not when B ends on its verb ("…, whether I have won or not, I will."): alone it says nothing;
        nor when B is no promise (none of ``promise_verbs``: "will", "'ll", "promise"…): "If anyone
        tells you otherwise, they are not telling the truth" alone would say something else."""
        from .english import ends_on_auxiliary, has_finite_verb

        condition = re.match(r"^((?:if|unless)\s[^,]{3,}),\s+(.{12,})$", piece, flags=re.IGNORECASE)
        elliptic = condition is not None and ends_on_auxiliary(condition.group(2))
        promise = condition is not None and bool(
            {w.lower() for w in re.findall(r"[\w']+|'\w+", condition.group(2).replace("’", "'"))} & self.data.words("promise_verbs")
            or re.search(r"\w'(?:ll|d)\b", condition.group(2).replace("’", "'"))
        )
        if condition and promise and count_words(piece) > self.opts.max_words and has_finite_verb(condition.group(2)) and not elliptic:
            clause = condition.group(1)
            clause = clause[0].lower() + clause[1:]
            return [*self._english_purpose(condition.group(2)), self.data.template("condition").format(rest=clause)]
        return self._english_purpose(piece)

    def _english_purpose(self, piece: str) -> list[str]:
        """"A so that B" / "A in order to B" / "A, because B" -> "A." + "This is so that B." (unambiguous
        marks only: a bare "to" is as often a complement, "able to", as a purpose)."""
        from .english import has_finite_verb

        match = re.match(r"^(.{12,}?),?\s+(so that|in order to)\s+(\S.{8,})$", piece)
        # ", because B" (after a comma: "not A because B" may deny the reason, not A).
        match = match or re.match(r"^(.{12,}?),\s+(because)\s+(\S.{8,})$", piece)
        if not match or count_words(piece) <= self.opts.max_words or not has_finite_verb(match.group(1)):
            return [piece]
        if match.group(2) != "because" and negated(match.group(1), self.data):
            return [piece]  # "We will not raise fares in order to fund X": the negation may bear on the purpose
        if match.group(2) == "because" and not has_finite_verb(match.group(3)):
            return [piece]
        mark = "to" if match.group(2) == "in order to" else match.group(2)
        return [match.group(1), self.data.template("purpose").format(mark=mark, rest=match.group(3))]
