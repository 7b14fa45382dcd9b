"""The reader's output: text lines with the few layout hints a format gives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import LeftOut


@dataclass(frozen=True, slots=True)
class Line:
    """One line (txt, pdf) or paragraph (docx) of the source.

    ``heading`` is 1..6 when the source marks the line as a heading
    (Markdown ``#``, a DOCX heading style, a larger PDF font); ``lead`` is
    a leading bold run (a title set in bold before the body on one line);
    ``bold`` means the whole line is bold. An empty ``text`` is a paragraph
    break.
    """

    text: str
    heading: int = 0
    bold: bool = False
    lead: str = ""
    bullet: bool = False  # the source marks it as a list item (DOCX list style)
    cells: tuple[str, ...] = ()  # a table row: its cells (``text`` is them joined with " | ")
    header_row: bool = False  # the row is a table header row
    quote: bool = False  # the source marks it as quoted (Markdown ``>``, a quotation style)
    # Marks on ``text``: (fragment, kind, value) with a kind of ``model.SPAN_KINDS``, in order:
    # ("bold words", "strong", ""), ("our site", "link", "https://…"), ("[1]", "note", "note text").
    marks: tuple[tuple[str, str, str], ...] = ()
    soft: bool = False  # the line follows a soft line break: it continues the previous line's paragraph


@dataclass(frozen=True, slots=True)
class RawText:
    """What a reader extracted from one file, before structure is found."""

    path: Path
    lines: tuple[Line, ...]
    fmt: str  # "txt", "md", "docx", "pdf"
    hard_paragraphs: bool = False  # True when each line is a whole paragraph (docx)
    left_out: tuple[LeftOut, ...] = ()  # what the reader itself set aside (tracked deletions, an HTML twin)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def source_text(self) -> str:
        """All the text the reader found: the lines, then footnote texts and what it set aside."""
        notes = [value for line in self.lines for _, kind, value in line.marks if kind == "note"]
        return "\n".join([self.text, *notes, *(item.text for item in self.left_out)])
