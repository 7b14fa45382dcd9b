"""Easy-to-read checker: measures a text against the project's FALC rules.

``check_text(text, language, opts)`` reads plain text or Markdown, cuts it into
sentences with spaCy (keeping each sentence's line number), and reports:

- per sentence: too many words, more than one conjugated main clause,
  passive voice, unexplained acronym, rare word not in the glossary,
  number written in words, parentheses, semicolon, stacked negations,
  capitals used for emphasis (or names written in capitals) (``rules.py``);
  in English, a paragraph sentence without a conjugated verb (``english.has_english_verb``;
  list items may have none);
- for the whole text: average and longest sentence, share of rare words,
  and a readability score (Kandel & Moles for French, Flesch reading ease
  for English), syllables counted offline with pyphen.

Layout the checker understands (``layout.py``): Markdown headings (``#``) or
one-line paragraphs without end punctuation are headings (checked, but left out
of the averages); list items (``-``, ``*``, ``•``, ``1.``) are units of their
own; a heading called « Mots difficiles » (English: "Difficult words",
"Glossary") opens the glossary, whose items read ``term : definition``.
Glossary terms count as explained; definitions are checked for length,
clauses, passive, parentheses, semicolons, negations and capitals, but not
for rare words or acronyms (a definition must name what it explains).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .english import has_english_verb
from .findings import FAITHFULNESS_RULES, RULES, CheckOptions, Finding, Report, Sentence, format_report
from .layout import WORD_RE, Unit, read_layout
from .lexicon import load_language_data
from .nlp import get_nlp, split_sentences, syllables
from .rules import Context, check_sentence, count_words, expanded_acronyms, glossary_keys, main_clauses

__all__ = [
    "FAITHFULNESS_RULES",
    "RULES",
    "CheckOptions",
    "Finding",
    "Report",
    "Sentence",
    "check_text",
    "count_words",
    "format_report",
    "main_clauses",
]


@dataclass
class _Tally:
    """Running totals over the body sentences."""

    words: int = 0
    syllables: int = 0
    tokens: int = 0
    rare_seen: list[tuple[str, bool]] = field(default_factory=list)


def _pieces(units: list[Unit], language: str) -> tuple[list[tuple[Unit, int]], list[str]]:
    """Each sentence of each unit: (its unit, its line number), and its text."""
    pieces: list[tuple[Unit, int]] = []
    texts: list[str] = []
    for unit in units:
        unit_text, offsets = unit.text_and_offsets()
        for start, piece in split_sentences(unit_text, language):
            if not WORD_RE.search(piece):
                continue
            line = offsets[0][1]
            for offset, number in offsets:
                if offset <= start:
                    line = number
            pieces.append((unit, line))
            texts.append(piece.strip())
    return pieces, texts


def _figures(body: list[Sentence], tally: _Tally, terms: int, opts: CheckOptions, language: str) -> dict[str, Any]:
    """The whole text's figures: sizes, readability (Kandel & Moles 1958 for French,
    Flesch 1948 reading ease for English), rare words, thresholds."""
    average = round(tally.words / len(body), 2) if body else 0.0
    per_word = tally.syllables / tally.words if tally.words else 0.0
    per_sentence = tally.words / len(body) if body else 0
    if language == "fr":
        score_name, score = "kandel_moles", 207 - 1.015 * per_sentence - 73.6 * per_word
    else:
        score_name, score = "flesch_reading_ease", 206.835 - 1.015 * per_sentence - 84.6 * per_word
    rare_total = len(tally.rare_seen)
    return {
        "sentences": len(body),
        "words": tally.words,
        "average_words": average,
        "max_words": max((s.words for s in body), default=0),
        "syllables_per_word": round(per_word, 3),
        "readability": {"name": score_name, "score": round(score, 1)},
        "rare_words": rare_total,
        "rare_share": round(rare_total / tally.tokens, 4) if tally.tokens else 0.0,
        "rare_unexplained": sum(1 for _, ok in tally.rare_seen if not ok),
        "glossary_terms": terms + len(opts.glossary),
        "thresholds": {
            "max_words": opts.max_words,
            "target_average": opts.target_average,
            "rare_zipf": opts.rare_zipf,
        },
    }


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
    units, terms = read_layout(text, data)
    flat = " ".join(" ".join(t for _, t in u.parts) for u in units)
    ctx = Context(opts, data, nlp.parsed, frozenset(expanded_acronyms(flat, data)),
                  glossary_keys([*terms, *opts.glossary]))
    sentences: list[Sentence] = []
    findings: list[Finding] = []
    tally = _Tally()
    pieces, texts = _pieces(units, language)
    for (unit, line), doc in zip(pieces, nlp.pipeline.pipe(texts), strict=False):
        sent = doc[:]
        words = WORD_RE.findall(sent.text)
        sentences.append(Sentence(line, sent.text.strip(), unit.kind, len(words)))
        before = len(tally.rare_seen)
        findings.extend(check_sentence(sent, unit.kind, line, ctx, tally.rare_seen))
        if language == "en" and unit.kind == "body" and not unit.item and not has_english_verb(doc):
            findings.append(Finding("no-verb", line, sent.text.strip(), RULES["no-verb"]))  # a list item may have none
        if unit.kind != "body":
            del tally.rare_seen[before:]
            continue
        tally.words += len(words)
        tally.tokens += sum(1 for w in words if any(c.isalpha() for c in w))
        tally.syllables += sum(syllables(w, language) for w in words)
    body = [s for s in sentences if s.kind == "body"]
    figures = _figures(body, tally, len(terms), opts, language)
    if body and figures["average_words"] > opts.target_average:
        message = f"average sentence length {figures['average_words']} words, target {opts.target_average}"
        findings.append(Finding("average", None, "", message))
    return Report(language, tuple(sentences), tuple(findings), figures, nlp.parsed)
