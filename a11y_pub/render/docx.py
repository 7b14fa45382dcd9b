"""Large-print Word file: the letter to enlarge further, edit or print at home.

``render_docx`` writes ``gros-caracteres.docx`` (``large-print.docx`` in
English) with python-docx:

- real styles: ``Title``, ``Heading 1`` (each section), ``Heading 2`` (the
  summary's parts), so Word's navigation pane and screen readers see the outline;
- the large-print settings of the PDF (``PdfOptions``): body size (18 pt by
  default), headings bold and at least 4 pt larger, line spacing (1.5), a
  blank line's space after each paragraph, left aligned, paper and margins
  (UKAAF, RNIB: see STANDARDS.md);
- the typeface Atkinson Hyperlegible, embedded in the file (Word's obfuscated
  font embedding, ECMA-376 Part 1, 17.8.1) and declared in the font table
  with Arial as the fallback a Word without it uses;
- lists as Word lists (numbering definitions; each numbered list restarts at
  its own first number), tables as Word tables with their header rows
  repeated on each page, bold kept, links as real hyperlinks, footnotes as
  numbered notes after their paragraph, spans in another language marked;
- the document language on the styles (``w:lang``) and, with the title,
  author and subject, in the core properties.

The file is byte-identical for the same input and options: fixed dates in the
core properties (``epub_shared.build_time``) and in the zip entries.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..dates import written_date
from ..errors import RenderError
from ..files import atomic_write
from ..model import Inline, Letter, ListBlock, Paragraph, Quotation, Span, Table
from ..options import BuildOptions, PdfOptions
from . import Artifact
from .docx_styles import LOCALES, set_up
from .epub_shared import book_inputs, book_strings, book_title, build_time, keep_together, section_headings, xml_safe, zip_bytes
from .link import web_version_line

log = logging.getLogger(__name__)

RENDERER = "docx"
_RT_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def docx_name(language: str) -> str:
    """The Word file's name: ``gros-caracteres.docx`` / ``large-print.docx``."""
    return str(book_strings(language)["files"]["docx"])


def render_docx(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the large-print Word file of ``letter`` into ``out_dir``.

    Args:
        letter: the letter.
        out_dir: the letter's output folder; the easy-read summary, when there
            is one, comes through ``book_inputs`` and is added after the letter.
        opts: build options; the large-print layout is ``opts.pdf`` (body size
            in pt, line spacing, margins in mm, paper).
        inputs: the build's values (``render.inputs.Inputs``: ``summary``, and
            ``page-url`` with ``--base-url``: printed as a link after the header
            lines) when the pipeline passes them; else ``summary.json`` is read.

    Returns:
        One Artifact (``gros-caracteres.docx`` / ``large-print.docx``) with the
        body size and the number of headings.

    Raises:
        RenderError: the summary is malformed, or python-docx fails.
        OutputError: the file cannot be written.
    """
    out_dir = Path(out_dir)
    summary = book_inputs(out_dir, inputs, timings=False).summary
    words = book_strings(letter.language)
    page_url = None if inputs is None else inputs.get("page-url")
    try:
        document, headings = _document(letter, summary, words, opts.pdf, page_url)
        buffer = io.BytesIO()
        document.save(buffer)
    except (ValueError, KeyError, OSError) as exc:
        raise RenderError("the Word file could not be made", path=out_dir, cause=f"{type(exc).__name__}: {exc}") from exc
    data = _reproducible(buffer.getvalue(), letter)
    name = docx_name(letter.language)
    atomic_write(out_dir / name, data)
    log.info("large-print Word file written: %s", name)
    info = {"font_size": opts.pdf.font_size, "headings": headings, "language": LOCALES[letter.language]}
    return [Artifact(path=name, kind="docx", renderer=RENDERER, info=info)]


# -- the document ----------------------------------------------------------------------


def _document(
    letter: Letter, summary: Mapping[str, Any] | None, words: Mapping[str, Any], layout: PdfOptions, page_url: str | None
) -> tuple[Any, int]:
    import docx

    document = docx.Document()
    locale = LOCALES[letter.language]
    set_up(document, letter, words, layout, locale)
    writer = _Writer(document, letter.language)
    writer.paragraph(book_title(letter, words), style="Title")
    for line in _header_lines(letter, words):
        writer.paragraph(line)
    if page_url:
        text, start, end = web_version_line(page_url, letter.language)
        writer.paragraph(Inline(text, (_link(start, end, page_url),)))
    headings = section_headings(letter, words)
    closing_after = _closing_position(letter)
    has_intro = any(s.kind == "introduction" for s in letter.sections)
    for index, section in enumerate(letter.sections):
        writer.paragraph(headings[index], style="Heading 1")
        if letter.salutation and (section.kind == "introduction" or (index == 0 and not has_intro)):
            writer.paragraph(letter.salutation)
        for block in section.blocks:
            writer.block(block)
        if index == closing_after:
            for line in (letter.closing, letter.signature):
                if line.strip():
                    writer.paragraph(line)
    count = len(letter.sections)
    if summary:
        writer.paragraph(str(summary.get("title") or words["summary"]), style="Heading 1")
        count += 1
        for line in summary.get("notice") or ():
            writer.paragraph(str(line))
        for part in summary.get("blocks") or ():
            if part.get("heading"):
                writer.paragraph(str(part["heading"]), style="Heading 2")
            for sentence in part.get("sentences") or ():
                writer.paragraph(str(sentence))
        glossary = [g for g in summary.get("glossary") or () if g.get("term")]
        if glossary:
            writer.paragraph(words["glossary"], style="Heading 2")
            for entry in glossary:
                term = str(entry["term"])
                text = f"{term} : {entry.get('definition') or ''}" if letter.language == "fr" else f"{term}: {entry.get('definition') or ''}"
                writer.paragraph(Inline(text, (_strong(0, len(term)),)))
    writer.notes_label = words["note"]
    writer.flush_notes()
    return document, count


def _link(start: int, end: int, url: str) -> Span:
    return Span(start, end, "link", url)


def _strong(start: int, end: int) -> Span:
    return Span(start, end, "strong")


def _header_lines(letter: Letter, words: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    sender = ", ".join(p for p in (letter.author, letter.author_role) if p.strip())
    if sender:
        lines.append(words["from"].format(value=sender))
    lines += [line for line in letter.sender_contact if line.strip()]
    recipient = letter.recipient
    to = recipient.header_line
    if to:
        lines.append(words["to"].format(value=to))
    if letter.date_value is not None:
        day = written_date(letter.date_value, letter.language)
        lines.append(words["date_place"].format(date=day, place=letter.place) if letter.place else words["date"].format(value=day))
    if letter.subject:
        lines.append(words["subject"].format(value=letter.subject))
    return lines


def _closing_position(letter: Letter) -> int:
    sections = letter.sections
    for index, section in enumerate(sections):
        if section.kind == "conclusion":
            return index
    others = [i for i, s in enumerate(sections) if s.kind != "appendix"]
    return others[-1] if others else len(sections) - 1


class _Writer:
    """Appends paragraphs, lists and tables to a document; keeps the pending footnotes."""

    def __init__(self, document: Any, language: str) -> None:
        self.document = document
        self.language = language
        self.note_number = 0
        self.pending: list[tuple[str, str]] = []  # marker, text
        self.notes_label = "Note {number} : {text}"
        self.style_ids: dict[str, str] = {}

    def add(self, style: str | None) -> Any:
        """A new paragraph in ``style`` (by name), its style id set directly: python-docx's
        lookup by name scans every style of the template for each paragraph."""
        paragraph = self.document.add_paragraph()
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def paragraph(self, text: Inline | str, style: str | None = None) -> Any:
        paragraph = self.add(style)
        self.runs(paragraph, text if isinstance(text, Inline) else Inline(text))
        self.flush_notes()
        return paragraph

    def flush_notes(self) -> None:
        """The notes called in the last paragraph (or table), right after it."""
        pending, self.pending = self.pending, []
        for marker, text in pending:
            label = keep_together(self.notes_label.format(number=marker, text=text), self.language)
            self.add("Note").add_run(xml_safe(label))

    def block(self, block: Any, indent: bool = False) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block.content, style="Quote" if indent else None)
        elif isinstance(block, ListBlock):
            self.list(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Quotation):
            for inner in block.blocks:
                self.block(inner, indent=True)
            if block.attribution:
                self.paragraph(block.attribution, style="Quote")

    def list(self, block: ListBlock) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        num_id = _restart_numbering(self.document, block.start) if block.ordered else None
        for item in block.items:
            paragraph = self.add(style)
            if num_id is not None:
                _set_num(paragraph, num_id)
            self.runs(paragraph, item)
        self.flush_notes()

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph(Inline(block.caption, (_strong(0, len(block.caption)),)))
        width = max(len(row) for row in block.rows)
        table = self.document.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            header = r < block.header_rows
            if header:
                _repeat_header(table.rows[r])
            for c in range(width):
                cell = table.cell(r, c)
                paragraph = cell.paragraphs[0]
                if c < len(row):
                    inline = row[c]
                    if header:
                        inline = Inline(inline.text, (*inline.spans, _strong(0, len(inline.text)))) if inline.text else inline
                    self.runs(paragraph, inline)
        self.flush_notes()

    def runs(self, paragraph: Any, inline: Inline) -> None:
        """The text of ``inline`` as runs: bold, language, hyperlinks and note calls kept."""
        text = keep_together(inline.text, self.language)
        cuts = sorted({0, len(text), *(s.start for s in inline.spans), *(s.end for s in inline.spans)})
        self._empty_notes(paragraph, inline, 0)
        for left, right in zip(cuts, cuts[1:], strict=False):
            active = [s for s in inline.spans if s.start <= left and right <= s.end and s.start < s.end]
            link = next((s.value for s in active if s.kind == "link"), None)
            lang = next((s.value for s in active if s.kind == "lang"), None)
            bold = any(s.kind == "strong" for s in active)
            self._run(paragraph, text[left:right], bold=bold, lang=lang, link=link)
            for note in (s for s in inline.spans if s.kind == "note" and s.end == right and s.start < s.end):
                self.note_number += 1
                self.pending.append((note_marker(text[note.start : note.end], self.note_number), note.value))
            if right > 0:
                self._empty_notes(paragraph, inline, right)

    def _empty_notes(self, paragraph: Any, inline: Inline, position: int) -> None:
        for note in (s for s in inline.spans if s.kind == "note" and s.start == s.end == position):
            self.note_number += 1
            marker = f"[{self.note_number}]"
            self._run(paragraph, marker, bold=False, lang=None, link=None)
            self.pending.append((marker, note.value))

    def _run(self, paragraph: Any, text: str, *, bold: bool, lang: str | None, link: str | None) -> None:
        if not text:
            return
        text = xml_safe(text)
        if link is None:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
            if lang:
                _run_lang(run._r, lang)
            return
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        r_id = paragraph.part.relate_to(link, _RT_LINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), r_id)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        properties.append(style)
        if bold:
            properties.append(OxmlElement("w:b"))
        run.append(properties)
        if lang:
            _run_lang(run, lang)
        content = OxmlElement("w:t")
        content.set(qn("xml:space"), "preserve")
        content.text = text
        run.append(content)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)


def note_marker(printed: str, number: int) -> str:
    """How a note is labelled below its paragraph: its call as printed (``¹``, ``[2]``), else ``[n]``."""
    printed = printed.strip()
    return printed if printed else f"[{number}]"


# -- runs -------------------------------------------------------------------------------


def _run_lang(run: Any, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)


# -- numbering -----------------------------------------------------------------------


def _restart_numbering(document: Any, start: int) -> int:
    """A new numbering instance of the ``List Number`` definition starting at ``start``; its id."""
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    style = document.styles["List Number"].element
    base_id = int(style.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")))
    abstract = numbering.num_having_numId(base_id).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def _set_num(paragraph: Any, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


# -- reproducible zip -----------------------------------------------------------------


def _reproducible(data: bytes, letter: Letter) -> bytes:
    """python-docx's zip rewritten with every entry dated ``build_time`` (same order and content)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries: Sequence[tuple[str, bytes]] = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return zip_bytes(entries, build_time(letter))
