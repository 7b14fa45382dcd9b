"""The easy-read checker's vocabulary: its rules, options, findings and report.

``RULES`` names every rule the checker (``checker.check_text``) and the faithfulness
verifier report; ``Report`` is what they return and ``format_report`` renders it.
Thresholds default to the project's standard (STANDARDS.md "Easy-to-read / FALC").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..options import SummaryOptions

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
    "no-verb": "sentence without a conjugated verb (English: read from the parse)",
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
