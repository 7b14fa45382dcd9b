"""The text of the talking books, with every spoken sentence findable in it.

Shared by the EPUB 3 (``render/epub.py``) and DAISY 2.02 (``render/daisy.py``)
renderers, which are otherwise independent. It turns a ``Letter`` (and the
easy-read summary) into ``Chapter`` values: one per section of the letter,
then one for the summary, each holding

- ``body``: XHTML for the chapter's content (headings, paragraphs, lists,
  tables with header cells, quotations, links, bold, language changes and
  footnotes), the same text as the large print, in one of two flavours:
  ``"epub"`` (XHTML 5 with ``epub:type`` footnotes) or ``"daisy"`` (XHTML 1.0);
- ``audio``: the section's MP3 and its sentence timings (a ``TimedFile``), or
  None when the audio renderer made no file for it;
- ``pars``: each of the file's sentences (``Cue``) paired with the id of the
  element that shows it, in the order they are heard: what a SMIL ``<par>``
  needs.

How a spoken sentence finds its text: the cue's letters and digits (case
folded) are looked for in the chapter's texts, in reading order, from where
the previous sentence was found; a match becomes a ``<span id>`` around that
part of the text. A sentence that is said differently from how it is
written (a heading announced as "Engagement 1 sur 5 : …", the letter's
header read as "Lettre de …") is paired with the whole element whose words
it shares most (at least ``epub_align.MIN_OVERLAP`` of the element's words), else with
the element shown before it. Every sentence is paired: none is dropped.

What the renderers need from the other stages arrives as a ``BookInputs``
value (``epub_shared.book_inputs``). The element tree is ``epub_tree``, the
pairing ``epub_align``, the XHTML writer ``epub_xhtml``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..dates import written_date
from ..model import Letter, Section
from ..timings import Cue, TimedFile
from .epub_align import align_sentences
from .epub_shared import BookInputs, book_strings, book_title, section_headings
from .epub_shared import book_downloads as book_downloads  # the web page's import (render/web/files.py)
from .epub_tree import BlockNode, ChapterBuilder, TextElement
from .epub_xhtml import chapter_xhtml

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Chapter:
    """One content document of a talking book.

    ``id`` (``c01``…) names its files; ``heading`` is its title (navigation,
    NCC); ``heading_id`` the id of that heading in ``body``; ``body`` the
    XHTML of its content; ``audio`` its MP3 and timings (None: text only);
    ``pars`` each sentence heard, with the id of the element showing it (a
    sentence span or a whole element) and the id of the text element holding
    that (the same id for a whole element). ``role`` is ``letter`` or ``summary``.
    """

    id: str
    heading: str
    heading_id: str
    body: str
    audio: TimedFile | None
    pars: tuple[tuple[Cue, str, str], ...]
    role: str = "letter"


def letter_chapters(letter: Letter, inputs: BookInputs, flavour: str) -> tuple[Chapter, ...]:
    """The chapters of a talking book: one per section, then the summary's.

    Args:
        letter: the letter.
        inputs: timings and summary (``book_inputs``).
        flavour: ``"epub"`` (XHTML 5, ``epub:type`` notes) or ``"daisy"`` (XHTML 1.0).

    Returns:
        Chapters in reading order; the first starts with the letter's header
        (title, from, to, date, subject). Ids are ``c01``, ``c02``…; every
        element id in a chapter starts with its chapter id.
    """
    words = book_strings(letter.language)
    headings = section_headings(letter, words)
    closing_after = _closing_position(letter.sections)
    chapters: list[Chapter] = []
    for index, section in enumerate(letter.sections):
        build = ChapterBuilder(f"c{index + 1:02d}", letter.language)
        if index == 0:
            _header(build, letter, words)
        heading = build.add("h1", headings[index])
        if letter.salutation and (section.kind == "introduction" or (index == 0 and not any(s.kind == "introduction" for s in letter.sections))):
            build.add("p", letter.salutation)
        build.nodes.extend(build.block(b) for b in section.blocks)
        if index == closing_after:
            for line in (letter.closing, letter.signature):
                if line.strip():
                    build.add("p", line)
        chapters.append(_finish(build, headings[index], heading, inputs.file_for(section.id), flavour, words))
    if inputs.summary:
        build = ChapterBuilder(f"c{len(letter.sections) + 1:02d}", letter.language)
        title = str(inputs.summary.get("title") or words["summary"])
        heading = _summary(build, inputs.summary, title, words)
        chapters.append(_finish(build, title, heading, inputs.file_for("summary"), flavour, words, role="summary"))
    return tuple(chapters)


def _closing_position(sections: Sequence[Section]) -> int:
    """Where the closing and signature go: after the conclusion, else the last section that is not an appendix."""
    for index, section in enumerate(sections):
        if section.kind == "conclusion":
            return index
    others = [i for i, s in enumerate(sections) if s.kind != "appendix"]
    return others[-1] if others else len(sections) - 1


def _header(build: ChapterBuilder, letter: Letter, words: Mapping[str, Any]) -> None:
    build.add("p", book_title(letter, words), css="title")
    sender = ", ".join(p for p in (letter.author, letter.author_role) if p.strip())
    if sender:
        build.add("p", words["from"].format(value=sender), css="head")
    for line in letter.sender_contact:
        build.add("p", line, css="head")
    recipient = letter.recipient
    to = recipient.header_line
    if to:
        build.add("p", words["to"].format(value=to), css="head")
    if letter.date_value is not None:
        day = written_date(letter.date_value, letter.language)
        line = words["date_place"].format(date=day, place=letter.place) if letter.place else words["date"].format(value=day)
        build.add("p", line, css="head")
    if letter.subject:
        build.add("p", words["subject"].format(value=letter.subject), css="head")


def _summary(build: ChapterBuilder, summary: Mapping[str, Any], title: str, words: Mapping[str, Any]) -> TextElement:
    heading = build.add("h1", title)
    for line in summary.get("notice") or ():
        build.add("p", str(line), css="notice")
    for block in summary.get("blocks") or ():
        if block.get("heading"):
            build.add("h2", str(block["heading"]))
        for sentence in block.get("sentences") or ():
            build.add("p", str(sentence))
    glossary = [g for g in summary.get("glossary") or () if g.get("term")]
    if glossary:
        build.add("h2", words["glossary"])
        pairs = [[build.text(str(g["term"])), build.text(str(g.get("definition") or ""))] for g in glossary]
        build.nodes.append(BlockNode("dl", pairs))
    return heading


def _finish(
    build: ChapterBuilder,
    heading: str,
    heading_text: TextElement,
    audio: TimedFile | None,
    flavour: str,
    words: Mapping[str, Any],
    role: str = "letter",
) -> Chapter:
    pars = align_sentences(build.texts, audio.cues if audio else (), heading_text)
    body = chapter_xhtml(build, flavour, words)
    return Chapter(build.chapter_id, heading_text.inline.text, heading_text.id, body, audio, pars, role)


def audio_clips(chapter: Chapter) -> list[tuple[str, str, float, float]]:
    """The chapter's audio clips: ``(element id, text id, begin, end)``, seconds rounded
    to the millisecond, in order and end to end from 0 to the file's duration.

    Each sentence's clip runs from where the previous one ended (0 for the first)
    to the start of the next sentence (the file's end for the last), so the pauses
    are heard and the clips add up to the whole file (DAISY 2.02 and EPUB Media
    Overlays both play clip after clip). A sentence that would get no time
    (timings out of order) is logged and left unsynchronised; its text stays.
    """
    if chapter.audio is None:
        return []
    limit = round(chapter.audio.duration, 3)
    starts = [min(max(round(cue.start, 3), 0.0), limit) for cue, _, _ in chapter.pars]
    out: list[tuple[str, str, float, float]] = []
    begin = 0.0
    for index, (cue, element, text) in enumerate(chapter.pars):
        end = limit if index + 1 == len(starts) else starts[index + 1]
        if end <= begin:
            name = chapter.audio.file
            log.warning("%s: sentence %r gets no audio of its own (%.3f-%.3f s): not synchronised", name, cue.text[:40], cue.start, cue.end)
            continue
        out.append((element, text, begin, end))
        begin = end
    if out and out[-1][3] < limit:  # the last sentences were left out: the file still plays to its end
        element, text, first, _ = out[-1]
        out[-1] = (element, text, first, limit)
    return out
