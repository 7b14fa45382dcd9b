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
            level, content = len(heading.group(1)), clean(heading.group(2).replace("**", ""))
            if level == 1 and not blocks and current is None:
                title = content
                continue
            close()
            in_glossary = content.lower().rstrip(" :") in glossary_titles
            if in_glossary:
                current = None
                continue
            previous = blocks[-1].section_id if blocks else first
            current = {"id": match_section(content, letter, previous), "heading": content, "sentences": []}
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
