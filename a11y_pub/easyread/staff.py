"""A staff-written easy-read summary (Markdown) read into a ``Summary``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Letter
from .document import Block, GlossaryEntry, Summary
from .lexicon import LanguageData, load_language_data
from .nlp import split_sentences
from .text import WORD_RE, clean, fold

_NUMBERED_RE = re.compile(r"^(\d{1,3})\s*[.)-]?\s+(.*)$")


def match_section(heading: str, letter: Letter, previous: str) -> str:
    """Best-effort section id for a staff heading: its number, then shared title words."""
    number = _NUMBERED_RE.match(heading)
    if number:
        wanted = int(number.group(1))
        for section in letter.commitments:
            if section.number == wanted:
                return section.id
    words = {w for w in map(fold, WORD_RE.findall(heading)) if len(w) > 3}
    best, score = previous, 0.0
    for section in letter.sections:
        title_words = {w for w in map(fold, WORD_RE.findall(section.title)) if len(w) > 3}
        if not title_words or not words:
            continue
        overlap = len(words & title_words) / len(words | title_words)
        if overlap > score and overlap >= 0.3:
            best, score = section.id, overlap
    lowered = fold(heading)
    if score == 0.0:
        for kind in ("conclusion", "introduction"):
            for section in letter.sections:
                if section.kind == kind and fold(kind) in lowered:
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
    reader = _StaffReader(letter, data)
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            reader.line(line)
    reader.close()
    return Summary(
        language=letter.language,
        title=reader.title,
        blocks=tuple(reader.blocks),
        glossary=tuple(reader.glossary),
        notice=tuple(reader.notice),
        source=f"staff:{path.name}",
        headings={"glossary": data.template("glossary")},
    )


class _StaffReader:
    """One pass over a staff summary's lines: the title, notice, blocks and glossary so far."""

    def __init__(self, letter: Letter, data: LanguageData) -> None:
        self.letter = letter
        self.glossary_titles = data.words("glossary_headings")
        self.title = data.template("title")
        self.notice: list[str] = []
        self.blocks: list[Block] = []
        self.glossary: list[GlossaryEntry] = []
        self.current: dict[str, Any] | None = None
        self.in_glossary = False
        self.first = next((s.id for s in letter.sections if s.kind == "introduction"), letter.sections[0].id)

    def close(self) -> None:
        """End the open block."""
        current = self.current
        if current is not None and (current["sentences"] or current["heading"]):
            self.blocks.append(Block(current["id"], current["heading"], tuple(current["sentences"]), "section"))

    def heading(self, level: int, content: str) -> None:
        """A ``#`` heading: the title (first ``#``), the glossary's, or a block's."""
        if level == 1 and not self.blocks and self.current is None:
            self.title = content
            return
        self.close()
        self.in_glossary = content.lower().rstrip(" :") in self.glossary_titles
        if self.in_glossary:
            self.current = None
            return
        previous = self.blocks[-1].section_id if self.blocks else self.first
        self.current = {"id": match_section(content, self.letter, previous), "heading": content, "sentences": []}

    def line(self, line: str) -> None:
        """One non-blank line."""
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            self.heading(len(heading.group(1)), clean(heading.group(2).replace("**", "")))
            return
        content = re.sub(r"^([-*•]|\d{1,3}[.)])\s+", "", line).replace("**", "").strip()
        if self.in_glossary:
            parts = re.split(r"\s*:\s+|\s+[–—-]\s+", content, maxsplit=1)
            if len(parts) == 2:
                self.glossary.append(GlossaryEntry(parts[0].strip(), parts[1].strip()))
            return
        sentences = [s.strip() for _o, s in split_sentences(content, self.letter.language) if s.strip()]
        if self.current is None:
            self.notice.extend(sentences)
        else:
            self.current["sentences"].extend(sentences)
