"""Group extracted lines into blocks: paragraphs, list items and headings, markers stripped."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...model import LeftOut
from .. import cues
from ..raw import Line, RawText
from .language import join_lines
from .patterns import BULLET, IMPRINT, NOUN_NUMBERED, NUMBERED, ORDINAL, PAGE_MARK, ROMAN, SALUTATION

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class Block:
    lines: list[Line]
    text: str = ""
    marker: str = ""  # "number", "bullet", "" ; the marker is stripped from text
    number: int | None = None
    heading: bool = False
    lead: str = ""
    rows: list[tuple[str, ...]] = field(default_factory=list)  # a table's rows (then ``text`` is them joined)
    quote: bool = False  # quoted text (a ">" line, a quotation style): never a commitment of the sender
    header_rows: int = 0

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def marks(self) -> list[tuple[str, str, str]]:
        return [m for ln in self.lines for m in ln.marks]


@dataclass
class Draft:
    """A section being built: its content in reading order.

    ``parts`` holds ``("paragraph", text, None)`` and ``("item", text,
    number)`` entries; consecutive items become one list, so text before
    and after a list keeps its place.
    """

    kind: str
    title: str = ""
    number: int | None = None
    parts: list[tuple[str, str, int | None]] = field(default_factory=list)
    tables: list[list[tuple[str, ...]]] = field(default_factory=list)  # rows of each "table" part, in order

    def add_paragraph(self, text: str) -> None:
        self.parts.append(("paragraph", text, None))

    def add_item(self, text: str, number: int | None = None) -> None:
        self.parts.append(("item", text, number))

    def add(self, block: Block) -> None:
        """Add a block: a table, an item when it has a list marker, else a paragraph."""
        if block.rows:
            self.parts.append(("table", "\n".join(" | ".join(r) for r in block.rows), block.header_rows))
            self.tables.append(list(block.rows))
        elif block.quote:
            kind = "quote-item" if block.marker else "quote-paragraph"
            self.parts.append((kind, block.text, block.number if block.marker == "number" else None))
        elif block.marker:
            self.add_item(block.text, block.number if block.marker == "number" else None)
        else:
            self.add_paragraph(block.text)

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text, _ in self.parts if kind == "paragraph"]

    @property
    def items(self) -> list[str]:
        return [text for kind, text, _ in self.parts if kind == "item"]

    def split_after_paragraph(self, count: int) -> list[tuple[str, str, int | None]]:
        """Remove and return the parts from the ``count``-th paragraph on (0-based)."""
        seen = 0
        for index, (kind, _, _) in enumerate(self.parts):
            if kind == "paragraph":
                if seen == count:
                    moved = self.parts[index:]
                    del self.parts[index:]
                    return moved
                seen += 1
        return []


def _ends_bullet(current: list[Line], text: str) -> bool:
    """A short capitalised line after a finished bullet item is not part of it (a signature)."""
    kind = marker(current[0].text)[0] or ("bullet" if current[0].bullet else "")
    return (
        kind == "bullet"
        and current[-1].text.rstrip()[-1:] in ".;!"
        and text[:1].isupper()
        and len(text.split()) <= 12
        and text[-1:] not in ".;:!?"
    )


def _leading(flags: object) -> list[bool]:
    out = []
    for flag in flags:  # type: ignore[attr-defined]
        if not flag:
            break
        out.append(flag)
    return out


def make_blocks(raw: RawText, language: str, left_out: list[LeftOut]) -> list[Block]:
    """Group ``raw``'s lines into blocks; page furniture goes to ``left_out``."""
    blocks: list[Block] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(Block(lines=list(current)))
            current.clear()

    for line in raw.lines:
        text = line.text.strip()
        if line.cells or (current and current[-1].cells):
            if not (line.cells and current and current[-1].cells):
                flush()
            if line.cells:
                current.append(line)
                continue
        if PAGE_MARK.match(text):
            left_out.append(LeftOut(text, "page-furniture", "page number"))
            continue  # "Page 2 sur 5", "2/5", "- 2 -": page furniture, not letter text
        if not text:
            flush()
            continue
        starts_item = bool(marker(text)[0]) or line.bullet
        greeting = is_salutation_text(text)
        after_bullet = bool(current) and _ends_bullet(current, text)
        quote_changes = bool(current) and current[-1].quote != line.quote
        new_paragraph = raw.hard_paragraphs and not line.soft  # a DOCX paragraph, not a line after a soft break
        if line.heading or new_paragraph or starts_item or greeting or after_bullet or quote_changes or (current and current[-1].heading):
            flush()
        current.append(replace(line, text=text))
        if greeting:
            flush()
    flush()
    for block in blocks:
        finish_block(block, language)
    blocks = [b for b in blocks if b.text]
    while blocks and IMPRINT.match(blocks[-1].text):  # "Promoted by …", « Imprimé par … »: the legal imprint
        left_out.insert(0, LeftOut(blocks.pop().text, "page-furniture", "election imprint"))
    return blocks


def finish_block(block: Block, language: str) -> None:
    """Set a block's marker, number, text (lines joined), heading flag and bold lead."""
    first = block.lines[0]
    block.quote = first.quote
    if first.cells:
        block.rows = [ln.cells for ln in block.lines]
        block.header_rows = sum(1 for _ in _leading(ln.header_row for ln in block.lines))
        block.text = " ".join(ln.text for ln in block.lines)
        return
    kind, number, rest = marker(first.text)
    if not kind and first.bullet:
        kind = "bullet"
    keep_marker = kind == "number" and bool(ORDINAL.match(first.text))
    lines = [rest if kind and not keep_marker else first.text] + [ln.text for ln in block.lines[1:]]
    block.marker, block.number = kind, number
    block.text = join_lines(lines, language)
    block.heading = bool(first.heading) or (all(ln.bold for ln in block.lines) and block.words <= 20)
    lead = first.lead
    if lead and kind:
        lead_kind, _, lead_rest = marker(lead)
        lead = lead_rest if lead_kind else lead
    block.lead = lead.strip().rstrip(" :–—-").strip()


def marker(text: str) -> tuple[str, int | None, str]:
    """Return (kind, number, text without marker) for an item's first line."""
    for pattern in (NOUN_NUMBERED, NUMBERED):
        match = pattern.match(text)
        if match:
            return "number", int(match.group(1)), text[match.end():]
    match = ROMAN.match(text)
    if match and _roman(match.group(1)):
        return "number", _roman(match.group(1)), text[match.end():]
    match = ORDINAL.match(text)
    if match:
        word = match.group(1).lower()
        for words in cues.ORDINALS.values():
            if word in words:
                return "number", words.index(word) + 1, text[match.end():]
    match = BULLET.match(text)
    if match:
        return "bullet", None, text[match.end():]
    return "", None, text


def _roman(numeral: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total < 100 and to_roman(total) == numeral.upper() else None


def to_roman(value: int) -> str:
    """``value`` (1-99) in Roman numerals: 4 -> ``IV``."""
    out = ""
    for amount, symbol in ((90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += symbol
            value -= amount
    return out


def is_salutation_text(text: str) -> bool:
    return len(text.split()) <= 12 and bool(SALUTATION.match(text)) and text.rstrip()[-1:] in ",!:"
