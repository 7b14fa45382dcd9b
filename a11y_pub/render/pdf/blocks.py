"""The letter (and the summary) as typed blocks of text in reading order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...model import Letter, Section
from .style import STRINGS
from .text import capital_names, document_title, fix_capitals, long_date, section_heading, typeset


@dataclass(slots=True)
class Block:
    """One unit of the document: a heading, a paragraph or a list item.

    ``role`` is H1, H2, H3, P or LI. List items of one list share ``list_id``.
    ``outline`` is the bookmark level of a heading (None: no bookmark).
    """

    role: str
    text: str
    outline: int | None = None
    list_id: int | None = None
    lines: list[str] = field(default_factory=list)



def letter_blocks(letter: Letter, summary: dict[str, Any] | None) -> list[Block]:
    """Turn the letter (and summary) into blocks in reading order."""
    lang = letter.language
    words = STRINGS[lang]
    names = capital_names(letter)
    list_ids = iter(range(1, 1_000_000))

    def text(value: str) -> str:
        return typeset(fix_capitals(value, names), lang)

    out: list[Block] = [Block("H1", document_title(letter, names), outline=0)]

    # Title block: who writes, to whom, when, about what.
    author = ", ".join(p for p in (letter.author, letter.author_role) if p.strip())
    if author:
        out.append(Block("P", text(words["from"].format(value=author))))
    recipient = letter.recipient
    to_parts = (recipient.name, recipient.role, recipient.organisation, *recipient.address)
    to = ", ".join(p for p in to_parts if p.strip())
    if to:
        out.append(Block("P", text(words["to"].format(value=to))))
    if letter.date_value is not None:
        day = long_date(letter.date_value, lang)
        line = (
            words["date_place"].format(date=day, place=letter.place)
            if letter.place
            else words["date"].format(value=day)
        )
        out.append(Block("P", text(line)))
    if letter.subject:
        out.append(Block("P", text(words["subject"].format(value=letter.subject))))

    # Headings of the letter's sections, in order, for the contents list.
    headings: list[tuple[Section, str]] = []
    for position, section in enumerate(letter.sections, start=1):
        commitment_number = sum(1 for s in letter.sections[:position] if s.kind == "commitment")
        headings.append((section, section_heading(section, lang, commitment_number)))

    contents = [words["summary"]] if summary else []
    contents += [heading for _, heading in headings if heading]
    if contents:
        out.append(Block("H2", words["contents"], outline=1))
        list_id = next(list_ids)
        out += [Block("LI", text(item), list_id=list_id) for item in contents]

    if summary:
        out += summary_blocks(summary, lang, text, list_ids)

    # Where the closing and signature go: after the conclusion, or after the
    # last section that is not an appendix.
    closing_after = len(letter.sections) - 1
    for index, section in enumerate(letter.sections):
        if section.kind != "appendix":
            closing_after = index
    for index, section in enumerate(letter.sections):
        if section.kind == "conclusion":
            closing_after = index

    for index, (section, heading) in enumerate(headings):
        if heading:
            out.append(Block("H2", text(heading), outline=1))
        if section.kind == "introduction" and letter.salutation:
            out.append(Block("P", text(letter.salutation)))
        out += [Block("P", text(p)) for p in section.paragraphs if p.strip()]
        if section.items:
            list_id = next(list_ids)
            out += [Block("LI", text(i), list_id=list_id) for i in section.items if i.strip()]
        if index == closing_after:
            if letter.closing:
                out.append(Block("P", text(letter.closing)))
            if letter.signature:
                out.append(Block("P", text(letter.signature)))
    return out


def summary_blocks(
    summary: dict[str, Any], lang: str, text: Callable[[str], str], list_ids: Iterator[int]
) -> list[Block]:
    """The « En bref » part: block headings (H3) and one paragraph per sentence."""
    words = STRINGS[lang]
    out = [Block("H2", words["summary"], outline=1)]
    blocks = [b for b in summary.get("blocks", ()) if isinstance(b, dict)]
    if blocks:
        for block in blocks:
            heading = str(block.get("heading") or "").strip()
            if heading:
                out.append(Block("H3", text(heading), outline=2))
            out += [Block("P", text(str(s))) for s in block.get("sentences", ()) if str(s).strip()]
    else:
        for sentence in summary.get("sentences", ()):
            value = sentence.get("text", "") if isinstance(sentence, dict) else str(sentence)
            if value.strip():
                out.append(Block("P", text(value)))
    glossary = [g for g in summary.get("glossary", ()) if isinstance(g, dict) and g.get("term")]
    if glossary:
        out.append(Block("H3", words["glossary"], outline=2))
        list_id = next(list_ids)
        sep = "\u00a0: " if lang == "fr" else ": "
        for entry in glossary:
            item = f"{entry['term']}{sep}{entry.get('definition', '')}".strip()
            out.append(Block("LI", text(item), list_id=list_id))
    return out
