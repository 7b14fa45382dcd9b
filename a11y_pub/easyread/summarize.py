"""Build an easy-to-read (FALC-inspired) summary from a ``Letter``.

The summary follows the letter's order:

1. who writes to whom, when (date written out) and about what;
2. one block per commitment (its number, a plain title, then its
   sentences), or one block per paragraph section when the letter has no
   list;
3. what the author proposes next (the conclusion);
4. a glossary of every acronym and remaining hard word.

Fidelity wins over brevity. In an election the easy-read text must carry
the same content as the candidate's own: nothing added, nothing dropped.
So every clause of each commitment and of the conclusion is kept, cut into
as many short sentences as it needs; "1-3 short sentences" per commitment
is a target that short commitments meet, never a limit that drops ideas.
When no split brings a sentence under the maximum, it is kept long (the
checker then flags it, and staff can write ``<stem>.resume.md``).

It is extractive: sentences are cut from the letter's own sentences, never
written from nothing. The techniques, all deterministic and offline:
parentheticals that define an acronym are dropped after the definition goes
to the glossary; a list in brackets after a noun becomes its own sentence
(« Ces dispositifs d'accueil sont le CSAPA et le CAARUD. »); other brackets
become commas; the simplification lexicon replaces hard words and phrases;
numbers written in words become digits (text2num); spaCy's dependency parse
splits sentences at semicolons, colons between clauses, coordinated
clauses (the subject is repeated), purpose clauses (« C'est pour ... »),
leading conditions, coordinated adjectives, and, for sentences still too
long, coordinated infinitives (« C'est aussi le moyen de ... »), completive
clauses (« S. Nous le savons. »), noun complements in a list
(« Ces conditions sont A et B. ») and long subjects that name an action and
who does it (« Des associations font un suivi. Ce suivi est P. »). Every
sentence keeps a conjugated verb: a split that would leave a bare noun
phrase is not made.
Each sentence keeps the id of the section it comes from.

Templates and word lists are data (``a11y_pub/data/easyread/<lang>.toml``).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import written_date
from ..errors import InputError
from ..model import Letter, Section
from ..options import SummaryOptions
from .checker import (
    CheckOptions,
    Report,
    _initials_match,
    _is_acronym,
    check_text,
    count_words,
)
from .lexicon import LanguageData, load_language_data
from .nlp import get_nlp, split_sentences, zipf

log = logging.getLogger(__name__)

SCHEMA = "a11y-pub/summary@1"

_PAREN_RE = re.compile(r"\s*\(([^()]{1,200})\)")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_SPACES_RE = re.compile(r"\s+")
_ORDINAL_RE = re.compile(
    r"\b(?:\w+i[eè]mes?|premi[eè]re?s?|seconde?s?|first|second|third|\w+(?:fth|th|tieth))\b",
    re.IGNORECASE,
)


# -- values -------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A group of summary sentences from one section of the letter."""

    section_id: str
    heading: str
    sentences: tuple[str, ...]
    role: str = "section"  # about, commitment, section, next

    def to_dict(self) -> dict[str, Any]:
        """The block as in ``summary.json``."""
        return {"section_id": self.section_id, "heading": self.heading, "sentences": list(self.sentences)}


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class Summary:
    """An easy-read summary; render it with ``to_markdown``/``to_text``/``to_dict``."""

    language: str
    title: str
    blocks: tuple[Block, ...]
    glossary: tuple[GlossaryEntry, ...]
    notice: tuple[str, ...] = ()
    source: str = "draft"
    headings: dict[str, str] = field(default_factory=dict)  # role -> group heading

    @property
    def sentences(self) -> list[dict[str, str]]:
        """Every content sentence with the id of its source section, in order."""
        return [
            {"text": sentence, "section_id": block.section_id}
            for block in self.blocks
            for sentence in block.sentences
        ]

    def to_dict(self) -> dict[str, Any]:
        """The ``a11y-pub/summary@1`` JSON form."""
        return {
            "schema": SCHEMA,
            "language": self.language,
            "source": self.source,
            "title": self.title,
            "notice": list(self.notice),
            "blocks": [b.to_dict() for b in self.blocks],
            "sentences": self.sentences,
            "glossary": [{"term": g.term, "definition": g.definition} for g in self.glossary],
        }

    def _lines(self, markdown: bool) -> list[str]:
        def heading(level: int, text: str) -> str:
            return f"{'#' * level} {text}" if markdown else text

        out = [heading(1, self.title), ""]
        for sentence in self.notice:
            out += [sentence, ""]
        group = None
        for block in self.blocks:
            level = 2
            group_title = self.headings.get(block.role)
            if group_title and block.role in ("commitment", "section"):
                if group != block.role:
                    out += [heading(2, group_title), ""]
                    group = block.role
                level = 3
            else:
                group = None
            if block.heading:
                out += [heading(level, block.heading), ""]
            for sentence in block.sentences:
                out += [sentence, ""]
        if self.glossary:
            out += [heading(2, self.headings.get("glossary", "Glossary")), ""]
            for entry in self.glossary:
                term = f"**{entry.term}**" if markdown else entry.term
                out.append(f"- {term} : {entry.definition}")
            out.append("")
        while out and out[-1] == "":
            out.pop()
        return out

    def to_markdown(self) -> str:
        """Markdown: one sentence per paragraph, glossary as a list. Ends with a newline."""
        return "\n".join(self._lines(True)) + "\n"

    def to_text(self) -> str:
        """Plain text, same layout without markup. Ends with a newline."""
        return "\n".join(self._lines(False)) + "\n"

    def check(self, opts: CheckOptions | None = None) -> Report:
        """Run the checker on the Markdown form, the glossary terms counting as explained."""
        base = opts or CheckOptions()
        opts = CheckOptions(
            max_words=base.max_words,
            target_average=base.target_average,
            rare_zipf=base.rare_zipf,
            glossary=(*base.glossary, *(g.term for g in self.glossary)),
            lexicon=base.lexicon,
        )
        return check_text(self.to_markdown(), self.language, opts)


# -- text helpers -------------------------------------------------------------------


def _clean(text: str) -> str:
    text = text.replace('"', "").replace("“", "").replace("”", "")
    text = _SPACES_RE.sub(" ", text).strip()
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    return text


def _sentence(text: str) -> str:
    """Capitalise and end with a full stop."""
    text = _clean(text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?":
        text += "."
    return text


def _lower_first(text: str, language: str) -> str:
    """Lower-case the first word when it is a common word (not a name or acronym)."""
    words = text.split(" ", 1)
    first = words[0]
    if first[:1].isupper() and not _is_acronym(first) and zipf(first.lower(), language) >= 3.0:
        return first[0].lower() + first[1:] + (" " + words[1] if len(words) > 1 else "")
    return text


def _person_name(name: str) -> str:
    """« Marc INFANTES » -> « Marc Infantes »: names are not written in capitals."""
    return " ".join(
        "-".join(p.capitalize() for p in word.split("-")) if word.isupper() and len(word) > 1 else word
        for word in name.split()
    )


def _replace_words(text: str, table: dict[str, str]) -> str:
    """Apply the simplification lexicon: longest keys first, whole words, first-letter case kept."""
    for key in sorted(table, key=lambda k: (-len(k), k)):
        pattern = re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", re.IGNORECASE)

        def swap(match: re.Match[str], value: str = table[key]) -> str:
            found = match.group(0)
            if found[:1].isupper() and value:
                return value[0].upper() + value[1:]
            return value

        text = pattern.sub(swap, text)
    return text


_ELISION_RE = re.compile(r"\b([dDjJmMtTsSnN]e|[qQ]ue)\s+(?=[aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ])")


def _elide(text: str, language: str) -> str:
    """French elision after a replacement: « de aider » -> « d'aider »."""
    if language != "fr":
        return text
    return _ELISION_RE.sub(lambda m: m.group(1)[:-1] + "'", text)


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn"
    )


# -- sentence surgery ---------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    parent: int | None = None  # index of the sentence an example belongs to
    order: int = 0


class _Simplifier:
    """Turns a section's text into short sentences, recording acronym definitions."""

    def __init__(self, letter: Letter, data: LanguageData, opts: SummaryOptions) -> None:
        self.letter = letter
        self.data = data
        self.opts = opts
        self.language = letter.language
        self.nlp = get_nlp(letter.language)
        self.acronyms: dict[str, str] = {}
        self.replace = dict(data.replace)
        self.function_words = data.words("function_words")
        self.opts_rare = getattr(opts, "rare_zipf", CheckOptions.rare_zipf)
        # Named entities are read by the checker only: the simplifier's many small parses skip them.
        self._skip = [name for name in ("ner",) if name in self.nlp.pipeline.pipe_names]

    def parse(self, text: str) -> Any:
        """``text`` through the language pipeline, without the components the simplifier never reads."""
        return self.nlp.pipeline(text, disable=self._skip)

    # parentheticals ----------------------------------------------------------

    def _parentheticals(self, sentence: str) -> tuple[str, list[tuple[str, str]]]:
        """Remove brackets: acronym definitions go to the glossary, lists become a sentence.

        Returns the sentence without brackets and the list sentences, each
        with the words (anchor) it should follow.
        """
        examples: list[tuple[str, str]] = []

        def handle(match: re.Match[str]) -> str:
            inside = match.group(1).strip()
            before = sentence[: match.start()]
            before_words = re.findall(r"[\w’'-]+", before)
            if _is_acronym(inside) and _initials_match(inside, [w for w in before_words], self.function_words):
                self.acronyms.setdefault(inside, self._expansion(inside, before_words))
                return ""
            previous = before_words[-1] if before_words else ""
            if _is_acronym(previous) and _initials_match(previous, re.findall(r"\w+", inside), self.function_words):
                self.acronyms.setdefault(previous, inside)
                return ""
            joiner = self.data.template("or") if re.search(r"\b(?:ou|or)\b", inside) else self.data.template("and")
            items = [i.strip() for i in re.split(r",|\b(?:et|and|ou|or)\b", inside) if i.strip()]
            if len(items) >= 2:
                noun = self._noun_before(before) if self.nlp.parsed else ""
                listed = self._this(noun, [self._article(i) for i in items], joiner) if noun else None
                anchor = noun or (before_words[-1] if before_words else "")
                examples.append((listed or self.data.template("example").format(items=", ".join(items)), anchor))
                return ""
            # Not a list nor an acronym: keep the words, without the brackets.
            return ", " + inside + ","

        return _PAREN_RE.sub(handle, sentence), examples

    def _expansion(self, acronym: str, words: list[str]) -> str:
        """The words before ``(ACR)`` that it stands for (shortest run that matches)."""
        for size in range(len(acronym), min(len(words), 3 * len(acronym)) + 1):
            run = words[-size:]
            content = [w for w in run if w.lower().strip("'’") not in self.function_words]
            if not run or run[0].lower().strip("'’") in self.function_words:
                continue
            initials = "".join(w[0].lower() for w in content)
            initials_all = "".join(w[0].lower() for w in run)
            if initials == acronym.lower() or initials_all == acronym.lower():
                text = " ".join(run)
                return text[0].upper() + text[1:]
        return ""

    # parse-based splits -------------------------------------------------------

    def _finite(self, doc: Any) -> bool:
        return any("Fin" in t.morph.get("VerbForm") for t in doc)

    def _split_punctuation(self, text: str) -> list[str]:
        parts: list[str] = []
        for chunk in re.split(r"\s*;\s*", text):
            halves = re.split(r"\s+:\s+", chunk, maxsplit=1)
            if len(halves) == 2 and self.nlp.parsed:
                left, right = self.parse(halves[0]), self.parse(halves[1])
                if self._finite(left) and self._finite(right):
                    parts += [halves[0], halves[1]]
                    continue
            parts.append(chunk)
        return [p for p in parts if _WORD_RE.search(p)]

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
        for conj in root.children:
            if conj.dep_ != "conj" or conj.i <= root.i or not self._verb_like(conj):
                continue
            if copular and not any(c.dep_.startswith("nsubj") for c in conj.children):
                continue
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
            span_end = max(t.i for t in token.subtree)
            if span_end < last:
                continue
            start = min(mark.i, token.left_edge.i)
            left = self._text_of(t for t in doc if t.i < start)
            rest = self._text_of(t for t in doc if t.i > mark.i and not (t.is_punct and t.i > last))
            if count_words(left) < 3 or count_words(rest) < 2:
                continue
            return [left, self.data.template("purpose").format(mark=mark.text.lower(), rest=rest)]
        return None

    def _split_condition(self, doc: Any) -> list[str] | None:
        marks = self.data.words("condition_marks") or frozenset({"if"})
        for token in doc:
            mark = next((c for c in token.children if c.dep_ == "mark" and c.text.lower() in marks), None)
            if mark is None or token.left_edge.i != 0:
                continue
            end = max(t.i for t in token.subtree)
            clause = self._text_of(t for t in doc if t.i <= end)
            main = self._text_of(t for t in doc if t.i > end)
            if count_words(main) < 3:
                return None
            return [main, self.data.template("condition").format(rest=_lower_first(clause, self.language))]
        return None

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

    # noun phrases, articles and "these are" sentences (French) ----------------

    def _this(self, noun: str, items: list[str], joiner: str) -> str | None:
        """« Ces {noun} sont A, B et C. » (template by number and gender), or None."""
        if not noun or not items:
            return None
        listed = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"
        head = noun.split()[0]
        morph = self.parse(head)[0].morph if self.nlp.parsed else None
        plural = head.lower().endswith(("s", "x")) or (morph is not None and "Plur" in morph.get("Number"))
        if plural:
            key = "these"
        elif morph is not None and "Fem" in morph.get("Gender"):
            key = "this_fem"
        elif head[:1].lower() in "aeiouyéèêàâîôûh":
            key = "this_vowel"
        else:
            key = "this"
        return self.data.template(key).format(noun=noun.lower(), items=listed)

    def _article(self, item: str) -> str:
        """French: put the definite article before a bare item (« chômage » -> « le chômage »)."""
        item = item.strip()
        if self.language != "fr" or not item:
            return item
        first = re.split(r"[\s'’]", item, maxsplit=1)[0].lower()
        if first in self.data.words("determiners") or re.match(r"^[ldLD]['’]", item):
            return item
        vowel = item[:1].lower() in "aeiouyéèêàâîôûh"
        if _is_acronym(item.split()[0]):
            definition = self.data.glossary.get(item) or self.acronyms.get(item) or ""
            words = _WORD_RE.findall(definition)
            if not words:
                return item
            gender = self.parse(words[0].lower())[0].morph.get("Gender") if self.nlp.parsed else []
            if "Fem" in gender:
                return "la " + item
            if "Masc" in gender:
                return "le " + item
            return item
        if item[:1].isupper():
            return item  # a name
        morph = self.parse(item)[0].morph if self.nlp.parsed else None
        if morph is None:
            return item
        if "Plur" in morph.get("Number"):
            return "les " + item
        if vowel:
            return "l'" + item
        return ("la " if "Fem" in morph.get("Gender") else "le ") + item

    def _noun_before(self, before: str) -> str:
        """The noun a parenthesis follows: « vos dispositifs d'accueil » -> « dispositifs d'accueil ».

        Scans back to the determiner (or to « de » before a plural, the
        indefinite article); keeps the head noun and a singular « de »
        complement. Empty when no determiner is found within six words.
        """
        words = re.findall(r"[\w’'-]+", before)[-6:]
        determiners = self.data.words("determiners")
        phrase: list[str] = []
        found = False
        for word in reversed(words):
            low = word.lower()
            elided = re.match(r"^([ldLD])['’](.+)$", word)
            if low in determiners:
                found = True
                break
            if elided and elided.group(1).lower() == "l":
                phrase.insert(0, elided.group(2))
                found = True
                break
            if low in ("de", "des") and phrase and phrase[0].lower().endswith(("s", "x")):
                found = True
                break
            phrase.insert(0, word)
        if not found or not phrase:
            return ""
        head = [phrase[0]]
        if len(phrase) >= 2 and re.match(r"^[dD]['’]", phrase[1]):
            head.append(phrase[1])
        elif len(phrase) >= 3 and phrase[1].lower() == "de" and not phrase[2].lower().endswith(("s", "x")):
            head += phrase[1:3]
        return " ".join(head)

    # splits for sentences still too long -------------------------------------

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
                                        action=_lower_first(action, self.language))
        second = self._this(subject.text, [rest], "")
        if second is None:
            return None
        return [first, second]

    def _use_acronyms(self, text: str) -> str:
        """In a long sentence, say a defined acronym instead of its long expansion."""
        for acronym, expansion in sorted(self.acronyms.items()):
            if expansion and count_words(expansion) >= 3:
                text = re.sub(re.escape(expansion), acronym, text, flags=re.IGNORECASE)
        return text

    def _simplify_sentence(self, text: str, depth: int = 0) -> list[tuple[str, bool]]:
        """Split and shorten one sentence.

        Returns (sentence, dependent) pairs; a dependent sentence (purpose,
        condition, description) only makes sense after the first one.
        """
        text = _clean(text.rstrip(".!?"))
        if not text:
            return []
        if not self.nlp.parsed:
            return [(t, i > 0) for i, t in enumerate(self._simplify_without_parser(text))]
        if depth > 8:
            return [(text, False)]
        pieces = self._split_punctuation(text)
        if len(pieces) > 1:
            return [pair for p in pieces for pair in self._simplify_sentence(p, depth + 1)]
        doc = self.parse(text)
        parts = self._split_coordination(doc)
        if parts:
            return [pair for p in parts for pair in self._simplify_sentence(p, depth + 1)]
        words = count_words(text)
        if words > self.opts.max_words:
            shorter = self._use_acronyms(text)
            if shorter != text:
                return self._simplify_sentence(shorter, depth + 1)
        if words > self.opts.target_average:
            for splitter in (self._split_purpose, self._split_condition, self._split_adjectives):
                parts = splitter(doc)
                if parts:
                    head = self._simplify_sentence(parts[0], depth + 1)
                    tail = [
                        pair
                        for p in parts[1:]
                        for pair in (
                            self._simplify_sentence(p, depth + 1)
                            if count_words(p) > self.opts.max_words
                            else [(p, True)]
                        )
                    ]
                    return head + [(text, True) for text, _dependent in tail]
        if words > self.opts.max_words:
            for splitter in (
                self._split_infinitives,
                self._split_completive,
                self._split_noun_list,
                self._split_subject,
            ):
                parts = splitter(doc)
                if parts:
                    return [pair for p in parts for pair in self._simplify_sentence(p, depth + 1)]
            log.info("sentence kept longer than %d words: %s", self.opts.max_words, text)
        return [(text, False)]

    def _simplify_without_parser(self, text: str) -> list[str]:
        """Word-pattern splitting for languages without a parser (English by default)."""
        parts = [p for p in re.split(r"\s*[;:]\s+", text) if _WORD_RE.search(p)]
        out: list[str] = []
        for part in parts:
            pieces = re.split(
                r",?\s+(?:and|but)\s+(?=(?:we|i|you|he|she|it|they|this)\b)", part, flags=re.IGNORECASE
            )
            for piece in pieces:
                condition = re.match(r"^(if\s[^,]{3,}),\s+(.{12,})$", piece, flags=re.IGNORECASE)
                if condition and count_words(piece) > self.opts.max_words:
                    piece = condition.group(2)
                    out.append(piece)
                    piece_index = len(out) - 1
                    out.append(self.data.template("condition").format(rest=condition.group(1).lower()))
                else:
                    out.append(piece)
                    piece_index = len(out) - 1
                purpose = re.split(r",?\s+(so that|in order to|to)\s+(?=\w+\s+\w+\s+\w+)", piece)
                if len(purpose) >= 3 and count_words(piece) > self.opts.max_words:
                    mark = "to" if purpose[-2].lower() == "in order to" else purpose[-2].lower()
                    left = piece[: piece.rfind(purpose[-2]) ].rstrip(" ,")
                    if count_words(left) >= 6:
                        out[piece_index] = left
                        out.insert(piece_index + 1, self.data.template("purpose").format(mark=mark, rest=purpose[-1]))
        return out

    # sections ---------------------------------------------------------------

    def strip_salutation(self, text: str) -> str:
        salutation = self.letter.salutation.strip().rstrip(",").strip()
        if salutation and text.lower().startswith(salutation.lower()):
            rest = text[len(salutation) :].lstrip(" ,")
            if rest:
                return rest[0].upper() + rest[1:]
        return text

    def simplify_text(self, text: str) -> list[_Piece]:
        """All candidate sentences of a section text, in order."""
        pieces: list[_Piece] = []
        for line in [ln for ln in text.split("\n") if ln.strip()]:
            for _start, raw in split_sentences(line, self.language):
                raw = self.strip_salutation(raw.strip())
                body, examples = self._parentheticals(raw)
                body = self.digits(_replace_words(_clean(body), self.replace))
                parent_index = None
                main_index = None
                for sentence, dependent in self._simplify_sentence(body):
                    sentence = _sentence(_elide(sentence, self.language))
                    if not sentence or count_words(sentence) < 1:
                        continue
                    if parent_index is None:
                        parent_index = len(pieces)
                    if not dependent:
                        main_index = len(pieces)
                    parent = main_index if dependent else None
                    pieces.append(_Piece(sentence, parent=parent, order=len(pieces)))
                first = parent_index if parent_index is not None else len(pieces)
                for example, anchor in examples:
                    example = _sentence(self.digits(_replace_words(example, self.replace)))
                    anchor = _replace_words(anchor, self.replace).lower()
                    at = next(
                        (i + 1 for i in range(first, len(pieces)) if anchor and anchor in pieces[i].text.lower()),
                        len(pieces),
                    )
                    pieces.insert(at, _Piece(example, parent=parent_index))
                for order, piece in enumerate(pieces):
                    piece.order = order
        return pieces

    def simplify_title(self, title: str) -> str:
        title, _examples = self._parentheticals(title)
        title = self.digits(_replace_words(_clean(title), self.replace))
        return title[:1].upper() + title[1:] if title else ""

    def digits(self, text: str) -> str:
        """Numbers written in words become digits (« vingt logements » -> « 20 logements »).

        text2num's ``alpha2digit`` does the work, with threshold 2 so that
        « un »/« une » (also articles) stay words. In French, a number word
        that the parser does not read as a number (« un programme neuf »,
        « pour cent ») is protected first. Dates are never written in words
        by this step: digits from the letter stay as they are.
        """
        from text_to_num import alpha2digit

        number_words = self.data.words("number_words")
        protected: list[str] = []
        if self.nlp.parsed and number_words:
            doc = self.parse(text)
            out: list[str] = []
            for token in doc:
                parts = token.lower_.split("-")
                if any(p in number_words for p in parts) and token.pos_ not in ("NUM", "DET"):
                    protected.append(token.text)
                    out.append(f"\ue000{len(protected) - 1}\ue001" + token.whitespace_)
                else:
                    out.append(token.text_with_ws)
            text = "".join(out)

        def protect(match: re.Match[str]) -> str:
            protected.append(match.group(0))
            return f"\ue000{len(protected) - 1}\ue001"

        # Ordinals stay words (« les premières semaines », "a second route").
        text = _ORDINAL_RE.sub(protect, text)
        try:
            text = alpha2digit(text, self.language, threshold=2)
        except (ValueError, KeyError) as exc:  # an unsupported language: leave the words
            log.warning("numbers left in words: %s", exc)
        return re.sub(r"\ue000(\d+)\ue001", lambda m: protected[int(m.group(1))], text)

    @staticmethod
    def select(pieces: list[_Piece]) -> list[str]:
        """Every sentence, in the letter's order: nothing is dropped (see the module docstring)."""
        return [p.text for p in sorted(pieces, key=lambda p: p.order)]


# -- the summary ------------------------------------------------------------------


def _format_date(letter: Letter) -> str:
    value = letter.date_value
    return written_date(value, letter.language) if value is not None else ""


def _with_de(phrase: str, language: str) -> str:
    """French « de » + article contraction: de le -> du, de les -> des."""
    if language != "fr":
        return phrase
    low = phrase.lower()
    if low.startswith("le "):
        return "du " + phrase[3:]
    if low.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def _topic(letter: Letter, data: LanguageData) -> str:
    subject = _clean(letter.subject.rstrip("."))
    if not subject:
        return ""
    low = subject.lower()
    for marker in data.template("topic_markers"):
        index = low.find(f" {marker} ")
        if index >= 0:
            subject = subject[index + len(marker) + 2 :]
            break
    subject = _lower_first(_replace_words(subject, dict(data.replace)), letter.language)
    if letter.language == "fr" and re.match(r"^(?:la|le|les)\s|^l['’]", subject):
        # « parle de la prévention et de l'accompagnement »: « de » again after « et ».
        subject = re.sub(
            r"\bet ((?:la|le|les)\s|l['’])", lambda m: "et " + _with_de(m.group(1), "fr"), subject
        )
    return subject


def _organisation(org: str, language: str) -> str:
    """« Association EKKO » -> « l'association EKKO » (French), unchanged in English."""
    if language != "fr" or not org:
        return _clean(org)
    org = _lower_first(_clean(org), language)
    if org[:1].lower() in "aeiouyéèêàâîôûh" and org[:1].islower():
        return "l'" + org
    return org


def _about(letter: Letter, data: LanguageData, section_id: str, body_text: str) -> Block:
    sentences: list[str] = []
    author = _person_name(letter.signature or letter.author)
    recipient = _person_name(letter.recipient.name)
    date = _format_date(letter)
    if author and recipient:
        key = "writes_on" if date else "writes"
        sentences.append(data.template(key).format(author=author, recipient=recipient, date=date))
    elif date:
        sentences.append(data.template("date").format(date=date))
    role = _clean(letter.author_role.split(",")[0]) if letter.author_role else ""
    if author and role:
        role = _lower_first(role, letter.language)
        if data.summary.get("article") and role[:1].islower():
            role = ("an " if role[0] in "aeiou" else "a ") + role
        sentences.append(data.template("author_role").format(author=author, role=role))
    rec = letter.recipient
    if recipient and rec.role and rec.organisation:
        org = _organisation(rec.organisation, letter.language)
        role_text = _lower_first(_clean(rec.role), letter.language)
        if data.summary.get("article") and role_text[:1].islower():
            role_text = ("an " if role_text[0] in "aeiou" else "a ") + role_text
        text = data.template("recipient_role").format(recipient=recipient, role=role_text, organisation=org)
        sentences.append(text.replace(" de l'", " de l'").replace(" de le ", " du "))
    elif recipient and rec.organisation:
        org = _organisation(rec.organisation, letter.language)
        sentences.append(data.template("recipient_org").format(recipient=recipient, organisation=org))
    topic = _topic(letter, data)
    if topic:
        sentences.append(data.template("topic").format(topic=topic).replace(" de de ", " de ").replace(
            "parle de " + topic, "parle " + _with_de(topic, letter.language)
        ))
    words = {w.lower() for w in _WORD_RE.findall(body_text)}
    if author and words & data.words("first_person"):
        list_words = {w.lower() for w in data.template("list_words")}
        has_list = any(w in _fold(letter.author_role) for w in map(_fold, list_words))
        key = "we" if has_list else "we_alone"
        sentences.append(data.template(key).format(author=author))
    if recipient and words & data.words("second_person"):
        sentences.append(data.template("you").format(recipient=recipient))
    return Block(section_id, data.template("about"), tuple(_sentence(s) for s in sentences), "about")


def _glossary(summary_text: str, letter: Letter, data: LanguageData, acronyms: dict[str, str], rare_zipf: float) -> tuple[GlossaryEntry, ...]:
    entries: dict[str, str] = {}
    definitions = {k.lower(): (k, v) for k, v in data.glossary.items()}
    # 1. acronyms
    for word in dict.fromkeys(re.findall(r"[\w’'-]+", summary_text)):
        for part in re.split(r"['’]", word):
            if not _is_acronym(part) or part in entries:
                continue
            if part in data.glossary:
                entries[part] = data.glossary[part]
            elif part.lower() in definitions:
                entries[part] = definitions[part.lower()][1]
            elif acronyms.get(part):
                entries[part] = _sentence(acronyms[part])
            elif part in letter.recipient.organisation:
                entries[part] = data.template("acronym_in_name").format(name=_clean(letter.recipient.organisation))
            else:
                entries[part] = data.template("acronym_unknown")
    # 2. listed hard words and phrases, longest first, each text span used once
    work = summary_text
    for key in sorted(data.glossary, key=lambda k: (-len(k), k)):
        if _is_acronym(key):
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", re.IGNORECASE)
        if not pattern.search(work):
            continue
        work = pattern.sub(" ", work)
        definition = data.glossary[key]
        if definition in entries.values():
            continue
        entries[key] = definition
    return tuple(
        GlossaryEntry(term, entries[term]) for term in sorted(entries, key=lambda t: (_fold(t), t))
    )


def _section_block(simplifier: _Simplifier, data: LanguageData, section: Section, position: int) -> Block:
    """The summary block of one body section (``position``: its rank among commitments)
    or of the conclusion (the « what comes next » block)."""
    if section.kind == "conclusion":
        sentences = simplifier.select(simplifier.simplify_text(section.text))
        return Block(section.id, data.template("next"), tuple(sentences), "next")
    pieces = simplifier.simplify_text(section.text)
    sentences = simplifier.select(pieces)
    title = simplifier.simplify_title(section.title)
    if section.kind == "commitment":
        number = section.number if section.number is not None else position
        heading = data.template("commitment_heading").format(number=number, title=title).strip()
        if not title:
            heading = heading.rstrip(". ")
        return Block(section.id, heading, tuple(sentences), "commitment")
    return Block(section.id, title, tuple(sentences), "section")


@dataclass(frozen=True)
class SectionCache:
    """Summary blocks already made, on disk, keyed by everything a block depends on:
    ``salt`` (code, language data, options), the section, the letter's language and
    salutation, and the acronyms defined by the sections before it.

    A block is a pure function of that key, so a rebuild after one section was
    edited re-simplifies that section alone. Unreadable entries are ignored;
    entries that cannot be written are skipped.
    """

    folder: Path
    salt: str
    read: bool = True

    def _path(self, payload: dict[str, Any]) -> Path:
        from ..files import sha256_bytes

        key = sha256_bytes(json.dumps({"salt": self.salt, **payload}, sort_keys=True, ensure_ascii=False).encode())
        return self.folder / key[:2] / f"{key}.json"

    def get(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        if not self.read:
            return None
        try:
            found = json.loads(self._path(payload).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def put(self, payload: dict[str, Any], value: dict[str, Any]) -> None:
        from ..errors import A11yPubError
        from ..files import atomic_write

        try:
            atomic_write(self._path(payload), json.dumps(value, ensure_ascii=False, sort_keys=True))
        except (A11yPubError, OSError) as exc:
            log.debug("summary cache not written: %s", exc)


def _cached_block(
    simplifier: _Simplifier, data: LanguageData, section: Section, position: int, cache: SectionCache | None
) -> Block:
    """``_section_block`` through ``cache``; the simplifier's acronyms end as if it had run."""
    if cache is None:
        return _section_block(simplifier, data, section, position)
    payload = {
        "section": section.to_dict(),
        "position": position,
        "language": simplifier.language,
        "salutation": simplifier.letter.salutation,
        "acronyms": [list(pair) for pair in simplifier.acronyms.items()],
    }
    found = cache.get(payload)
    try:
        if found is not None:
            block = Block(**found["block"])
            block = Block(block.section_id, block.heading, tuple(block.sentences), block.role)
            simplifier.acronyms = {str(k): str(v) for k, v in found["acronyms"]}
            return block
    except (KeyError, TypeError, ValueError):
        pass
    block = _section_block(simplifier, data, section, position)
    value = {"block": {**block.to_dict(), "role": block.role}, "acronyms": [list(p) for p in simplifier.acronyms.items()]}
    cache.put(payload, value)
    return block


def summarize(
    letter: Letter,
    opts: SummaryOptions | None = None,
    on_block: Callable[[Block], None] | None = None,
    cache: SectionCache | None = None,
) -> Summary:
    """Build the easy-read summary of ``letter``, or read the staff's own.

    Args:
        letter: the parsed letter.
        opts: summary options; ``summary_file`` set means the staff text
            replaces the draft (see ``read_staff_summary``).
        on_block: called with each block of the letter's body as soon as it
            is made (the opening block, made last, is not announced), so a
            listener can start on it; the returned summary is the reference.
        cache: blocks made by earlier builds (see ``SectionCache``).

    Returns:
        A ``Summary`` (deterministic for the same letter and options).

    Raises:
        LexiconError: the language data or the override lexicon is malformed.
        InputError: the staff summary file cannot be read.
        RenderError: the spaCy model is missing.
    """
    opts = opts or SummaryOptions()
    data = load_language_data(letter.language, opts.simplification_lexicon)
    if opts.summary_file is not None:
        return read_staff_summary(Path(opts.summary_file), letter, data)
    simplifier = _Simplifier(letter, data, opts)
    blocks: list[Block] = []
    body_sections = [s for s in letter.sections if s.kind in ("commitment", "paragraph")]
    for section in body_sections:
        number = len([b for b in blocks if b.role == "commitment"]) + 1
        blocks.append(_cached_block(simplifier, data, section, number, cache))
        if on_block is not None:
            on_block(blocks[-1])
    for section in letter.sections:
        if section.kind == "conclusion":
            block = _cached_block(simplifier, data, section, 0, cache)
            if block.sentences:
                blocks.append(block)
                if on_block is not None:
                    on_block(blocks[-1])
    first = next((s.id for s in letter.sections if s.kind == "introduction"), letter.sections[0].id)
    body_text = " ".join(s for b in blocks for s in b.sentences)
    about = _about(letter, data, first, body_text)
    blocks.insert(0, about)
    notice = tuple(data.template("notice"))
    all_text = "\n".join([*notice, *(b.heading for b in blocks), *(s for b in blocks for s in b.sentences)])
    glossary = _glossary(all_text, letter, data, simplifier.acronyms, getattr(opts, "rare_zipf", 3.5))
    headings = {
        "commitment": data.template("commitments"),
        "section": data.template("body"),
        "glossary": data.template("glossary"),
    }
    return Summary(
        language=letter.language,
        title=data.template("title"),
        blocks=tuple(blocks),
        glossary=glossary,
        notice=notice,
        source="draft",
        headings=headings,
    )


# -- staff summaries ----------------------------------------------------------------

_NUMBERED_RE = re.compile(r"^(\d{1,3})\s*[.)-]?\s+(.*)$")


def _match_section(heading: str, letter: Letter, previous: str) -> str:
    """Best-effort section id for a staff heading: its number, then shared title words."""
    number = _NUMBERED_RE.match(heading)
    if number:
        wanted = int(number.group(1))
        for section in letter.commitments:
            if section.number == wanted:
                return section.id
    words = {w for w in map(_fold, _WORD_RE.findall(heading)) if len(w) > 3}
    best, score = previous, 0.0
    for section in letter.sections:
        title_words = {w for w in map(_fold, _WORD_RE.findall(section.title)) if len(w) > 3}
        if not title_words or not words:
            continue
        overlap = len(words & title_words) / len(words | title_words)
        if overlap > score and overlap >= 0.3:
            best, score = section.id, overlap
    lowered = _fold(heading)
    if score == 0.0:
        for kind in ("conclusion", "introduction"):
            for section in letter.sections:
                if section.kind == kind and _fold(kind) in lowered:
                    return section.id
    return best


def read_staff_summary(path: Path, letter: Letter, data: LanguageData | None = None) -> Summary:
    """Read a staff-written summary (Markdown) into a ``Summary``.

    Format staff should write (UTF-8 Markdown):

    - ``# Title`` on the first line (optional);
    - paragraphs before the first ``##`` heading are the notice;
    - each ``## Heading`` (or ``### Heading``) opens a block. Write the
      commitment's number first (``### 2. Agir tôt à l'école``) so the block
      links to ``commitment-2``; other headings are matched to section
      titles by shared words, « introduction »/« conclusion » by name;
      a block that matches nothing keeps the previous block's section;
    - one sentence per line or paragraph; list items (``- ...``) are sentences;
    - a ``## Mots difficiles`` (English ``## Difficult words``) heading opens
      the glossary: ``- **term** : definition`` per line.

    Raises:
        InputError: the file cannot be read or is not UTF-8.
    """
    data = data or load_language_data(letter.language)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("cannot read the staff summary", path=path, cause=str(exc)) from exc
    glossary_titles = data.words("glossary_headings")
    title = data.template("title")
    notice: list[str] = []
    blocks: list[Block] = []
    glossary: list[GlossaryEntry] = []
    current: dict[str, Any] | None = None
    in_glossary = False
    first = next((s.id for s in letter.sections if s.kind == "introduction"), letter.sections[0].id)

    def close() -> None:
        if current is not None and (current["sentences"] or current["heading"]):
            blocks.append(Block(current["id"], current["heading"], tuple(current["sentences"]), "section"))

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            level, content = len(heading.group(1)), _clean(heading.group(2).replace("**", ""))
            if level == 1 and not blocks and current is None:
                title = content
                continue
            close()
            in_glossary = content.lower().rstrip(" :") in glossary_titles
            if in_glossary:
                current = None
                continue
            previous = blocks[-1].section_id if blocks else first
            current = {"id": _match_section(content, letter, previous), "heading": content, "sentences": []}
            continue
        content = re.sub(r"^([-*•]|\d{1,3}[.)])\s+", "", line).replace("**", "").strip()
        if in_glossary:
            parts = re.split(r"\s*:\s+|\s+[–—-]\s+", content, maxsplit=1)
            if len(parts) == 2:
                glossary.append(GlossaryEntry(parts[0].strip(), parts[1].strip()))
            continue
        sentences = [s.strip() for _o, s in split_sentences(content, letter.language) if s.strip()]
        if current is None:
            notice.extend(sentences)
        else:
            current["sentences"].extend(sentences)
    close()
    return Summary(
        language=letter.language,
        title=title,
        blocks=tuple(blocks),
        glossary=tuple(glossary),
        notice=tuple(notice),
        source=f"staff:{path.name}",
        headings={"glossary": data.template("glossary")},
    )
