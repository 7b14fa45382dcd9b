"""Easy-to-read checker: measures a text against the project's FALC rules.

``check_text(text, language, opts)`` reads plain text or Markdown, cuts it into
sentences with spaCy (keeping each sentence's line number), and reports:

- per sentence: too many words, more than one conjugated main clause,
  passive voice, unexplained acronym, rare word not in the glossary,
  number written in words, parentheses, semicolon, stacked negations,
  capitals used for emphasis (or names written in capitals);
- for the whole text: average and longest sentence, share of rare words,
  and a readability score (Kandel & Moles for French, Flesch reading ease
  for English), syllables counted offline with pyphen.

Layout the checker understands: Markdown headings (``#``) or one-line
paragraphs without end punctuation are headings (checked, but left out of
the averages); list items (``-``, ``*``, ``•``, ``1.``) are units of their
own; a heading called « Mots difficiles » (English: "Difficult words",
"Glossary") opens the glossary, whose items read ``term : definition``.
Glossary terms count as explained; definitions are checked for length,
clauses, passive, parentheses, semicolons, negations and capitals, but not
for rare words or acronyms (a definition must name what it explains).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..options import SummaryOptions
from .acronyms import initials_match, is_acronym
from .lexicon import LanguageData, load_language_data
from .negation import double_negatives
from .nlp import get_nlp, split_sentences, syllables, zipf

RULES: dict[str, str] = {
    "too-long": "sentence longer than {max} words",
    "clauses": "more than one conjugated main clause",
    "passive": "passive voice",
    "acronym": "acronym not explained in the text or the glossary",
    "rare-word": "rare word not explained in the glossary",
    "number-in-words": "number written in words (write digits)",
    "parentheses": "parentheses",
    "semicolon": "semicolon",
    "negations": "negations piled up",
    "capitals": "word written in capitals",
    "average": "average sentence length above the target",
    "double-negative": "double negative or negated negative word: say it positively or check it",
    "unfaithful-number": "a number, amount or percentage differs from the letter",
    "unfaithful-date": "a date differs from the letter",
    "unfaithful-name": "a name differs from the letter",
    "unfaithful-negation": "a negation was added or lost",
    "unfaithful-modality": "the modality differs (will / may / must / would)",
    "unfaithful-condition": "a condition was added or lost",
    "unfaithful-speaker": "the speaker differs (I / we)",
    "untraced": "no sentence of the letter says this",
    "dropped": "something the letter says is missing from the summary",
}
FAITHFULNESS_RULES = frozenset(r for r in RULES if r.startswith("unfaithful-") or r in ("untraced", "dropped"))

_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM_RE = re.compile(r"^([-*•–]|\d{1,3}[.)])\s+(.*)$")
_GLOSS_SPLIT_RE = re.compile(r"\s*(?:\s:\s|\s?:\s|\s[–—-]\s)\s*")
_MARKUP_RE = re.compile(r"\*\*|__|`|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_EN_PASSIVE_RE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|made|done|held|kept|sent|told|found|brought|bought|paid|built|"
    r"led|left|met|run|set|put|cut|taught|sold|spent|heard|meant|shown|seen)\b",
    re.IGNORECASE,
)
_EN_SECOND_CLAUSE_RE = re.compile(
    r"(?:,|;|\s)\s*(?:and|but|or|so)\s+(?:we|i|you|he|she|it|they|this|there)\s+\w+",
    re.IGNORECASE,
)
_PASSIVE_DEPS = {"aux:pass", "nsubj:pass", "auxpass", "nsubjpass"}
_MAIN_DEPS = {"ROOT", "conj", "parataxis"}
_FINITE_CHILD_DEPS = {"aux", "aux:pass", "aux:tense", "cop", "auxpass"}
_EN_NEGATIONS = frozenset(
    "not n't no never nothing nobody none neither nor without cannot nowhere".split()
)
_EN_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions".split()
)


@dataclass(frozen=True)
class CheckOptions:
    """Thresholds of the checker; defaults are the project's standard."""

    max_words: int = 15
    target_average: float = 12.0
    rare_zipf: float = 3.5  # wordfreq Zipf frequency below which a word is rare
    glossary: tuple[str, ...] = ()  # extra terms that count as explained
    lexicon: Path | None = None  # language data layered over the defaults

    @classmethod
    def from_summary_options(cls, opts: SummaryOptions, glossary: Iterable[str] = ()) -> CheckOptions:
        """Take the thresholds from the summary options group."""
        return cls(
            max_words=opts.max_words,
            target_average=opts.target_average,
            rare_zipf=getattr(opts, "rare_zipf", cls.rare_zipf),
            glossary=tuple(glossary),
            lexicon=opts.simplification_lexicon,
        )


@dataclass(frozen=True)
class Sentence:
    """One checked sentence: where it is and what kind of line holds it."""

    line: int
    text: str
    kind: str  # "body", "heading" or "glossary"
    words: int


@dataclass(frozen=True)
class Finding:
    """One broken rule: which rule, where, and the words at fault."""

    rule: str
    line: int | None
    sentence: str
    message: str
    words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "line": self.line,
            "message": self.message,
            "words": list(self.words),
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Report:
    """The checker's verdict on one text."""

    language: str
    sentences: tuple[Sentence, ...]
    findings: tuple[Finding, ...]
    figures: dict[str, Any] = field(default_factory=dict)
    parsed: bool = True  # False when the language had no parser (rule-based path)
    faithfulness: dict[str, Any] | None = None  # the verifier's report, when a letter was given

    @property
    def passed(self) -> bool:
        """True when no rule is broken."""
        return not self.findings

    @property
    def faithful(self) -> bool:
        """True when no faithfulness rule is broken (the verifier's verdict)."""
        return not any(f.rule in FAITHFULNESS_RULES for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per rule, in rule order."""
        counts = {rule: 0 for rule in RULES}
        for finding in self.findings:
            counts[finding.rule] += 1
        return {rule: n for rule, n in counts.items() if n}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (stable key order)."""
        return {
            "schema": "a11y-pub/easyread-check@1",
            "language": self.language,
            "passed": self.passed,
            "parser": self.parsed,
            "figures": dict(self.figures),
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            **({"faithfulness": self.faithfulness} if self.faithfulness is not None else {}),
        }


# -- reading the layout ----------------------------------------------------------


@dataclass
class _Unit:
    kind: str  # body, heading, glossary
    parts: list[tuple[int, str]]  # (line number, text)
    item: bool = False

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        offsets: list[tuple[int, int]] = []
        chunks: list[str] = []
        position = 0
        for line, text in self.parts:
            offsets.append((position, line))
            chunks.append(text)
            position += len(text) + 1
        return " ".join(chunks), offsets


def _strip_markup(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _MARKUP_RE.sub("", text).strip()


def _norm_heading(text: str) -> str:
    return _strip_markup(text).rstrip(" :").strip().lower()


def _read_layout(text: str, data: LanguageData) -> tuple[list[_Unit], list[str]]:
    """Cut ``text`` into units (headings, paragraphs, list items) and glossary terms."""
    glossary_titles = data.words("glossary_headings")
    units: list[_Unit] = []
    terms: list[str] = []
    current: _Unit | None = None
    in_glossary = False
    paragraph_lines: list[_Unit] = []

    def flush() -> None:
        nonlocal current
        if current is not None:
            units.append(current)
            paragraph_lines.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        heading = _HEADING_RE.match(stripped)
        if heading or _norm_heading(stripped) in glossary_titles:
            flush()
            title = _strip_markup(heading.group(2) if heading else stripped)
            in_glossary = _norm_heading(title) in glossary_titles
            units.append(_Unit("heading", [(number, title)]))
            continue
        item = _ITEM_RE.match(stripped)
        if item:
            flush()
            content = _strip_markup(item.group(2))
            if in_glossary:
                pieces = _GLOSS_SPLIT_RE.split(content, maxsplit=1)
                if len(pieces) == 2:
                    terms.append(pieces[0].strip())
                    content = pieces[1]
            current = _Unit("glossary" if in_glossary else "body", [(number, content)], item=True)
            continue
        content = _strip_markup(stripped)
        if current is None:
            kind = "glossary" if in_glossary else "body"
            if in_glossary:
                pieces = _GLOSS_SPLIT_RE.split(content, maxsplit=1)
                if len(pieces) == 2 and len(_WORD_RE.findall(pieces[0])) <= 5:
                    terms.append(pieces[0].strip())
                    content = pieces[1]
            current = _Unit(kind, [(number, content)])
        else:
            current.parts.append((number, content))
    flush()
    # A one-line plain paragraph without end punctuation reads as a heading.
    for unit in paragraph_lines:
        if (
            unit.kind == "body"
            and not unit.item
            and len(unit.parts) == 1
            and not re.search(r"[.!?…:;,»)\"]$", unit.parts[0][1])
            and len(_WORD_RE.findall(unit.parts[0][1])) <= 10
        ):
            unit.kind = "heading"
    return units, terms


# -- per-sentence rules ----------------------------------------------------------


def count_words(text: str) -> int:
    """Words as readers count them: ``l'accueil``, ``médico-social``, ``2026`` are one each."""
    return len(_WORD_RE.findall(text))


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _expanded_acronyms(text: str, data: LanguageData) -> set[str]:
    """Acronyms that the text itself expands: ``words (ACR)`` or ``ACR (words)``."""
    function_words = data.words("function_words")
    found: set[str] = set()
    for match in re.finditer(r"\(([^()]{1,120})\)", text):
        inside = match.group(1).strip()
        before = text[max(0, match.start() - 200) : match.start()]
        before_words = re.findall(r"\w+", before)
        if is_acronym(inside) and initials_match(inside, before_words, function_words):
            found.add(inside)
            continue
        previous = before_words[-1] if before_words else ""
        inside_words = re.findall(r"\w+", inside)
        if is_acronym(previous) and initials_match(previous, inside_words, function_words):
            found.add(previous)
    return found


def _glossary_keys(terms: Iterable[str]) -> tuple[set[str], set[str]]:
    """(whole terms, words of terms), lower-cased, for matching."""
    whole: set[str] = set()
    parts: set[str] = set()
    for term in terms:
        low = term.strip().lower()
        if not low:
            continue
        whole.add(low)
        for word in _WORD_RE.findall(low):
            parts.add(word)
    return whole, parts


def _in_glossary(word: str, lemma: str, keys: tuple[set[str], set[str]]) -> bool:
    whole, parts = keys
    candidates = {word.lower(), lemma.lower(), word.lower().rstrip("s"), lemma.lower().rstrip("s")}
    return bool(candidates & whole) or bool(candidates & parts)


_FR_FUTURE = ("erons", "erez", "eront", "erai", "eras", "era", "irons", "irez", "iront", "irai", "ira")


def _verb_stem_zipf(word: str, language: str) -> float:
    """Frequency of the infinitive behind a regular French future (« travaillerons »).

    The small model sometimes misses such forms' lemma; without this they
    would read as rare words.
    """
    if language != "fr":
        return 0.0
    for ending in _FR_FUTURE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            infinitive = word[: len(word) - len(ending) + 2]
            return zipf(infinitive, language)
    for ending in ("ent", "ons", "ez"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return zipf(word[: -len(ending)] + "er", language)
    return 0.0


def _participle(token: Any, language: str) -> bool:
    """A real past participle: tagged so and, in French, with a verb's lemma.

    The small French model sometimes reads « est candidat » as a passive;
    a verb lemma (infinitive ending) rules such nouns out.
    """
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if language == "fr":
        return token.lemma_.lower().endswith(("er", "ir", "re", "oir"))
    return True


def _main_clauses(sent: Any) -> int:
    """Finite clause heads linked to the root by coordination or parataxis only."""
    count = 0
    for token in sent:
        if token.dep_ not in _MAIN_DEPS:
            continue
        node = token
        main = True
        while node.dep_ != "ROOT" and node.head is not node:
            if node.dep_ not in _MAIN_DEPS:
                main = False
                break
            node = node.head
        if not main:
            continue
        finite = "Fin" in token.morph.get("VerbForm") or any(
            child.dep_ in _FINITE_CHILD_DEPS and "Fin" in child.morph.get("VerbForm")
            for child in token.children
        )
        if finite:
            count += 1
    return count


def _check_sentence(
    sent: Any,
    kind: str,
    line: int,
    opts: CheckOptions,
    data: LanguageData,
    parsed: bool,
    explained_acronyms: set[str],
    glossary_keys: tuple[set[str], set[str]],
    rare_seen: list[tuple[str, bool]],
) -> list[Finding]:
    text = sent.text.strip()
    language = data.language
    findings: list[Finding] = []

    def add(rule: str, words: Iterable[str] = (), **fmt: Any) -> None:
        message = RULES[rule].format(**fmt)
        findings.append(Finding(rule, line, text, message, tuple(dict.fromkeys(words))))

    words = count_words(text)
    if words > opts.max_words:
        add("too-long", (), max=opts.max_words)
    if parsed:
        if _main_clauses(sent) > 1:
            add("clauses")
        passive = [
            t.text for t in sent if t.dep_ in _PASSIVE_DEPS and t.dep_.startswith("aux") and _participle(t.head, language)
        ]
        if passive:
            add("passive", passive)
    elif language == "en":
        if _EN_SECOND_CLAUSE_RE.search(text):
            add("clauses")
        match = _EN_PASSIVE_RE.search(text)
        if match:
            add("passive", (match.group(0),))
    if "(" in text or ")" in text or "[" in text:
        add("parentheses")
    if ";" in text:
        add("semicolon")

    lowered = [t.text.lower() for t in sent]
    negations = data.words("negations") or _EN_NEGATIONS
    if language == "en":
        negations = negations | _EN_NEGATIONS
    negated = [w for w in lowered if w in negations]
    if len(negated) >= 2:
        add("negations", negated)
    doubled = double_negatives(text, data)
    if doubled:
        add("double-negative", doubled)

    number_words = data.words("number_words") or _EN_NUMBER_WORDS
    in_words = []
    for token in sent:
        parts = token.text.lower().split("-")
        if any(p in number_words for p in parts) and (not parsed or token.pos_ in ("NUM", "DET")):
            in_words.append(token.text)
    if in_words:
        add("number-in-words", in_words)

    person_tokens = {t.i for ent in getattr(sent, "ents", ()) if ent.label_ in ("PER", "PERSON") for t in ent}
    capitals: list[str] = []
    acronyms: list[str] = []
    rare: list[str] = []
    for token in sent:
        word = token.text
        if not any(c.isalpha() for c in word):
            continue
        if _all_caps(word) and len(word) >= 2:
            if token.i in person_tokens and len(word) >= 3:
                capitals.append(word)
                continue
            if len(word) >= 4 and zipf(word.lower(), language) >= 3.0 and not _is_acronym_known(
                word, explained_acronyms, glossary_keys
            ):
                capitals.append(word)
                continue
        if is_acronym(word):
            if kind != "glossary" and not _is_acronym_known(word, explained_acronyms, glossary_keys):
                acronyms.append(word)
            continue
        if kind == "glossary":
            continue
        clean = word.strip("'’-").lower()
        if "'" in clean or "’" in clean:
            clean = re.split(r"['’]", clean)[-1]
        if len(clean) < 3 or clean.isdigit():
            continue
        at_start = token.i == sent.start
        if parsed and token.pos_ in ("PROPN", "NUM", "PUNCT", "SYM", "X"):
            continue
        if word[0].isupper() and not at_start:
            continue  # proper noun by its capital
        following = sent[token.i - sent.start + 1] if token.i + 1 < sent.end else None
        if at_start and word[0].isupper() and following is not None and following.text[:1].isupper():
            continue  # a name that opens the sentence (« Priya Patel is ... »)
        lemma = token.lemma_ if parsed and token.lemma_ else clean
        frequency = max(zipf(clean, language), zipf(lemma.lower(), language), _verb_stem_zipf(clean, language))
        if frequency < opts.rare_zipf:
            explained = _in_glossary(clean, lemma, glossary_keys)
            rare_seen.append((clean, explained))
            if not explained:
                rare.append(word)
    if capitals:
        add("capitals", capitals)
    if acronyms:
        add("acronym", acronyms)
    if rare:
        add("rare-word", rare)
    return findings


def _is_acronym_known(word: str, explained: set[str], glossary_keys: tuple[set[str], set[str]]) -> bool:
    whole, _parts = glossary_keys
    return word in explained or word.lower() in whole


# -- public API -----------------------------------------------------------------


def check_text(text: str, language: str = "fr", opts: CheckOptions | None = None) -> Report:
    """Check an easy-read text against the project's rules.

    Args:
        text: plain text or Markdown (see the module docstring for the layout).
        language: "fr" or "en".
        opts: thresholds and extra glossary terms; defaults are the standard.

    Returns:
        A ``Report`` with per-sentence findings (with line numbers) and the
        whole-text figures; ``report.passed`` is True when no rule is broken.

    Raises:
        LexiconError: the language data or the override file is malformed.
        RenderError: the language's spaCy model is missing.
    """
    opts = opts or CheckOptions()
    data = load_language_data(language, opts.lexicon)
    nlp = get_nlp(language)
    units, terms = _read_layout(text, data)
    glossary_keys = _glossary_keys([*terms, *opts.glossary])
    flat = " ".join(" ".join(t for _, t in u.parts) for u in units)
    explained = _expanded_acronyms(flat, data)

    sentences: list[Sentence] = []
    findings: list[Finding] = []
    rare_seen: list[tuple[str, bool]] = []
    body_words = 0
    body_syllables = 0
    body_tokens = 0
    pieces: list[tuple[_Unit, int]] = []
    sentence_texts: list[str] = []
    for unit in units:
        unit_text, offsets = unit.text_and_offsets()
        for start, piece in split_sentences(unit_text, language):
            if not _WORD_RE.search(piece):
                continue
            line = offsets[0][1]
            for offset, number in offsets:
                if offset <= start:
                    line = number
            pieces.append((unit, line))
            sentence_texts.append(piece.strip())
    for (unit, line), doc in zip(pieces, nlp.pipeline.pipe(sentence_texts), strict=False):
        sent = doc[:]
        words = _WORD_RE.findall(sent.text)
        sentences.append(Sentence(line, sent.text.strip(), unit.kind, len(words)))
        before = len(rare_seen)
        findings.extend(
            _check_sentence(
                sent, unit.kind, line, opts, data, nlp.parsed, explained, glossary_keys, rare_seen
            )
        )
        if unit.kind != "body":
            del rare_seen[before:]
            continue
        body_words += len(words)
        body_tokens += sum(1 for w in words if any(c.isalpha() for c in w))
        body_syllables += sum(syllables(w, language) for w in words)

    body = [s for s in sentences if s.kind == "body"]
    average = round(body_words / len(body), 2) if body else 0.0
    per_word = body_syllables / body_words if body_words else 0.0
    if language == "fr":
        score_name = "kandel_moles"
        score = 207 - 1.015 * (body_words / len(body) if body else 0) - 73.6 * per_word
    else:
        score_name = "flesch_reading_ease"
        score = 206.835 - 1.015 * (body_words / len(body) if body else 0) - 84.6 * per_word
    rare_total = len(rare_seen)
    figures: dict[str, Any] = {
        "sentences": len(body),
        "words": body_words,
        "average_words": average,
        "max_words": max((s.words for s in body), default=0),
        "syllables_per_word": round(per_word, 3),
        "readability": {"name": score_name, "score": round(score, 1)},
        "rare_words": rare_total,
        "rare_share": round(rare_total / body_tokens, 4) if body_tokens else 0.0,
        "rare_unexplained": sum(1 for _, ok in rare_seen if not ok),
        "glossary_terms": len(terms) + len(opts.glossary),
        "thresholds": {
            "max_words": opts.max_words,
            "target_average": opts.target_average,
            "rare_zipf": opts.rare_zipf,
        },
    }
    if body and average > opts.target_average:
        findings.append(
            Finding(
                "average",
                None,
                "",
                f"average sentence length {average} words, target {opts.target_average}",
            )
        )
    return Report(language, tuple(sentences), tuple(findings), figures, nlp.parsed)


def format_report(report: Report, fmt: str = "text") -> str:
    """Render a report as readable text or as JSON.

    Args:
        report: what ``check_text`` returned.
        fmt: "text" (one line per finding, then the figures) or "json".

    Returns:
        The text, ending with a newline.

    Raises:
        ValueError: ``fmt`` is neither "text" nor "json".
    """
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown report format '{fmt}' (use text or json)")
    lines: list[str] = []
    for finding in report.findings:
        where = f"line {finding.line}" if finding.line is not None else "text"
        detail = f": {', '.join(finding.words)}" if finding.words else ""
        lines.append(f"{where}: {finding.rule}: {finding.message}{detail}")
        if finding.sentence:
            lines.append(f"    {finding.sentence}")
    fig = report.figures
    readability = fig.get("readability", {})
    lines.append(
        f"{fig.get('sentences', 0)} sentences, {fig.get('words', 0)} words, "
        f"average {fig.get('average_words', 0)} words (target ≤ {fig['thresholds']['target_average']}), "
        f"longest {fig.get('max_words', 0)} (max {fig['thresholds']['max_words']})"
    )
    lines.append(
        f"rare words {fig.get('rare_words', 0)} ({fig.get('rare_share', 0):.1%}), "
        f"unexplained {fig.get('rare_unexplained', 0)}; "
        f"{readability.get('name', 'readability')} {readability.get('score', 0)}"
    )
    if not report.parsed:
        lines.append("note: no parser for this language: clause and passive checks use word patterns")
    lines.append("PASS" if report.passed else f"FAIL: {len(report.findings)} problem(s)")
    return "\n".join(lines) + "\n"
