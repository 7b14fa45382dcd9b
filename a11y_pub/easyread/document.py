"""The easy-read summary as a value: blocks of sentences, glossary, notice; its Markdown,
text and ``a11y-pub/summary@1`` JSON forms."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .checker import CheckOptions, Finding, Report, check_text

SCHEMA = "a11y-pub/summary@1"


@dataclass(frozen=True)
class Block:
    """A group of summary sentences from one section of the letter."""

    section_id: str
    heading: str
    sentences: tuple[str, ...]
    role: str = "section"  # about, lead (opens the commitments), commitment, section, next
    items: tuple[int, ...] = ()  # indexes of the sentences that are list items (a list, a table's rows)

    def to_dict(self) -> dict[str, Any]:
        """The block as in ``summary.json`` (``items`` only when some sentences are list items)."""
        out: dict[str, Any] = {"section_id": self.section_id, "heading": self.heading, "sentences": list(self.sentences)}
        if self.items:
            out["items"] = list(self.items)
        return out


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
    verification: Any = None  # the faithfulness verifier's Verification, when it ran
    names: tuple[str, ...] = ()  # the letter's names (people, places): never "rare words"

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
            role = "commitment" if block.role == "lead" else block.role  # the lead opens the commitments
            group_title = self.headings.get(role)
            if group_title and role in ("commitment", "section"):
                if group != role:
                    out += [heading(2, group_title), ""]
                    group = role
                level = 3
            else:
                group = None
            if block.heading:
                out += [heading(level, block.heading), ""]
            for index, sentence in enumerate(block.sentences):
                if index in block.items:
                    if out and out[-1] == "" and index - 1 in block.items:
                        out.pop()  # one list: no blank line between its items
                    out += [f"- {sentence}", ""]
                else:
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
            glossary=(*base.glossary, *(g.term for g in self.glossary), *self.names),
            lexicon=base.lexicon,
        )
        report = check_text(self.to_markdown(), self.language, opts)
        if self.verification is None:
            return report
        return dataclasses.replace(
            report,
            findings=report.findings + faithfulness_findings(self.verification),
            faithfulness=self.verification.to_dict(),
        )


def faithfulness_findings(verification: Any) -> tuple[Finding, ...]:
    """The verifier's errors (a ``Verification``) as checker findings, one per mismatch:
    rule ``unfaithful-<kind>`` (or ``untraced``, ``dropped``), the summary sentence (or,
    for what was dropped, the letter's sentence)."""
    out: list[Finding] = []
    for pair in verification.errors:
        for mismatch in pair.mismatches:
            rule = mismatch.kind if mismatch.kind in ("untraced", "dropped") else f"unfaithful-{mismatch.kind}"
            sentence = pair.sentence if mismatch.kind != "dropped" else " ".join(pair.sources)
            out.append(Finding(rule, None, sentence, mismatch.message, tuple(pair.sources)))
    return tuple(out)
