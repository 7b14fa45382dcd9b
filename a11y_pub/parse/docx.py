"""Word (.docx) letters -> ``RawText``, reading the document's XML in order.

python-docx opens the package; the body is then walked element by element
so that nothing it does not expose is lost:

- paragraphs: heading styles, list styles or numbering (bullets; Word's
  own decimal numbering is written before the text as ``3.``), a bold
  lead, bold/link marks, ``lang`` marks on runs whose ``w:lang`` differs
  from the document's default language; a soft line break (Shift+Enter,
  as in address and signature blocks) starts a new line of the same
  paragraph (``Line.soft``); tabs and page breaks become spaces; short
  paragraphs set with no space after them (``w:spacing w:after="0"``, the
  way address and signature blocks are typed line by line) form one block
  with the short paragraph that follows;
- tables: one row per ``Line`` with its cells (a ``w:tblHeader`` row, or a
  first row set all in bold, is a header row);
- footnotes and endnotes: the call is printed ``[n]`` with a note mark
  holding the note's text;
- tracked changes: insertions are kept, deletions are dropped and set aside
  as ``tracked-deletion`` (with a warning naming the file);
- text boxes and shapes (``w:txbxContent``, once: the fallback copy is
  skipped): their paragraphs follow the paragraph that anchors them;
- page headers: the letterhead, read first; page footers are set aside as
  page furniture.

The archive's uncompressed size is checked first (``limits.check_zip``).
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path
from typing import Any

from ..errors import ParseError
from ..model import LeftOut
from .encoding import read_bytes
from .limits import check_zip
from .raw import Line, RawText

log = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_LINE_OF_BLOCK = 90  # longest paragraph taken as one line of an address or signature block
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path, max_bytes: int) -> RawText:
    """Read a DOCX letter into lines with hints, table cells and marks.

    Raises:
        ParseError: corrupt or not a Word document, too large once
            uncompressed, or no text.
    """
    read_bytes(path, max_bytes)
    check_zip(path, max_bytes, "DOCX")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError("not a readable DOCX file (corrupt or not a Word document)", path=path) from exc
    except Exception as exc:  # python-docx raises many lxml/zip errors on damaged files
        raise ParseError("not a readable DOCX file", path=path, cause=type(exc).__name__) from exc
    reader = _Reader(document)
    reader.read()
    if reader.deletions:
        log.warning("%s: the file has unaccepted tracked changes (deletions left out, insertions kept)", path.name)
    if not any(line.text for line in reader.lines):
        raise ParseError("DOCX file contains no text", path=path)
    return RawText(path=path, lines=tuple(reader.lines), fmt="docx", hard_paragraphs=True, left_out=tuple(reader.left_out))


def _notes(document: Any, kind: str) -> dict[str, str]:
    """Texts of the footnotes or endnotes (``kind``: "footnote", "endnote") by id."""
    from lxml import etree

    out: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith(f"/{kind}s") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(f"{_W}{kind}"):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in note.iter(f"{_W}t")).split())
                if text:
                    out[note.get(f"{_W}id", "")] = text
    return out


class _Numbering:
    """Word's automatic numbering: the number a numbered paragraph shows (``"3."``), or "" for bullets.

    The paragraph's ``w:numPr`` (or its style's) names a ``w:num`` whose
    abstract definition gives, per level, the format (``decimal``,
    ``bullet``…) and the start value; numbers are counted per list and level
    in reading order, a deeper level restarting when a shallower one moves.
    """

    _COUNTED = ("decimal", "decimalZero", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter")

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, str], tuple[str, int]] = {}
        self.counts: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # no numbering part
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val") if ref is not None else None)
            for level in definition.iter(f"{_W}lvl") if definition is not None else ():
                fmt, start = level.find(f"{_W}numFmt"), level.find(f"{_W}start")
                self.formats[(num.get(f"{_W}numId", ""), level.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "") if fmt is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None and start.get(f"{_W}val", "1").isdigit() else 1,
                )

    def label(self, num_pr: Any) -> str:
        """The number shown before a paragraph with this ``w:numPr`` ("" for bullets or no numbering)."""
        if num_pr is None:
            return ""
        num_id, level = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
        key = (num_id.get(f"{_W}val", "") if num_id is not None else "", level.get(f"{_W}val", "0") if level is not None else "0")
        fmt, start = self.formats.get(key, ("", 1))
        if fmt not in self._COUNTED:
            return ""
        for other in [k for k in self.counts if k[0] == key[0] and k[1] > key[1]]:
            del self.counts[other]  # a deeper level restarts under a new item
        self.counts[key] = self.counts.get(key, start - 1) + 1
        return f"{self.counts[key]}." if fmt.startswith("decimal") else ""


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self._tight = False  # the last paragraph was set with no space after it (a line of an address block)
        self.numbering = _Numbering(document)
        self.lines: list[Line] = []
        self.left_out: list[LeftOut] = []
        self.deletions = 0
        self.notes = {"footnote": _notes(document, "footnote"), "endnote": _notes(document, "endnote")}
        self.calls = 0
        self.links = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
        default = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
        self.default = default.get(f"{_W}val", "") if default is not None else ""
        self.language = self._main_language()

    def read(self) -> None:
        seen: set[str] = set()
        for section in self.document.sections:
            for part, furniture in ((section.header, False), (section.footer, True)):
                if part.is_linked_to_previous:
                    continue
                letterhead: list[Line] = []
                for paragraph in part.paragraphs:
                    text = " ".join(paragraph.text.split())
                    if not text or text in seen:
                        continue
                    seen.add(text)
                    if furniture:
                        self.left_out.append(LeftOut(text, "page-furniture", "page footer"))
                    else:  # the page header's lines are one block: the letterhead
                        letterhead.append(Line(text, soft=bool(letterhead)))
                self.lines += [*letterhead, Line("")] if letterhead else []
        self._body(self.document.element.body)

    def _body(self, body: Any) -> None:
        for child in body.iterchildren():
            if child.tag == f"{_W}p":
                self._paragraph(child)
            elif child.tag == f"{_W}tbl":
                self._table(child)
            elif child.tag == f"{_W}sdt":  # content controls wrap paragraphs and tables
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self._body(content)

    def _table(self, table: Any) -> None:
        for index, row in enumerate(table.iter(f"{_W}tr")):
            cells = []
            bold = True
            for cell in row.iter(f"{_W}tc"):
                texts = [" ".join(self._runs(p)[0].split()) for p in cell.iter(f"{_W}p")]
                cells.append(" ".join(t for t in texts if t))
                runs = [r for r in cell.iter(f"{_W}r") if "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
                bold = bold and bool(runs) and all(_bold(r) for r in runs)
            header = row.find(f"{_W}trPr/{_W}tblHeader") is not None or (index == 0 and bold)
            if any(cells):
                self.lines.append(Line(" | ".join(cells), cells=tuple(cells), header_row=header))
        self.lines.append(Line(""))

    def _paragraph(self, paragraph: Any) -> None:
        text, marks, lead, whole_bold, boxes = self._runs(paragraph)
        if text:
            style = self._style(paragraph)
            heading = 0
            match = re.match(r"(?:Heading|Titre)\s*(\d)", style)
            if match:
                heading = int(match.group(1))
            elif style in ("Title", "Titre"):
                heading = 1
            num_pr = self._num_pr(paragraph)
            numbered = num_pr is not None
            number = self.numbering.label(num_pr)
            first, *more = text.split("\n")
            first = f"{number} {first}" if number else first  # Word's numbering shows the number: so does the text
            bullet = not number and ("List" in style or numbered)
            joined = self._tight and not heading and not bullet and not number and len(first) <= _LINE_OF_BLOCK
            if joined and self.lines and not self.lines[-1].text:
                self.lines.pop()  # the paragraph above ends with no space after it: one block of lines
            self.lines.append(
                Line(
                    first,
                    soft=joined,
                    heading=heading,
                    bold=whole_bold,
                    lead=lead if not whole_bold else "",
                    bullet=bullet,
                    quote="Quote" in style or "Citation" in style,
                    marks=tuple(marks),
                )
            )
            self.lines += [Line(line, soft=True) for line in more]
            self.lines.append(Line(""))
        spacing = paragraph.find(f"{_W}pPr/{_W}spacing")
        after = spacing.get(f"{_W}after") if spacing is not None else None
        last = text.split("\n")[-1] if text else ""
        self._tight = bool(text) and after == "0" and 0 < len(last) <= _LINE_OF_BLOCK and not self.lines[-2].heading
        for box in boxes:
            self._body(box)

    def _num_pr(self, paragraph: Any) -> Any:
        """The paragraph's ``w:numPr``, or its paragraph style's (as "List Number" sets it), or None."""
        own = paragraph.find(f"{_W}pPr/{_W}numPr")
        if own is not None:
            return own
        node = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if node is None:
            return None
        try:
            style = self.document.styles.get_by_id(node.get(f"{_W}val", ""), 1)
        except Exception:  # an unknown style id has no numbering
            return None
        return style.element.find(f"{_W}pPr/{_W}numPr") if style is not None else None

    def _style(self, paragraph: Any) -> str:
        node = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if node is None:
            return ""
        style_id = node.get(f"{_W}val", "")
        try:
            return self.document.styles.get_by_id(style_id, 1).name or style_id  # 1: WD_STYLE_TYPE.PARAGRAPH
        except Exception:  # an unknown style id: the id is the best name we have
            return style_id

    def _runs(self, paragraph: Any) -> tuple[str, list[tuple[str, str, str]], str, bool, list[Any]]:
        """(text, marks, bold lead, whole paragraph bold, text-box contents) of a paragraph."""
        parts: list[tuple[str, bool]] = []
        marks: list[tuple[str, str, str]] = []
        boxes: list[Any] = []
        deleted: list[str] = []
        languages: list[tuple[str, str]] = []
        for node in paragraph.iter():
            if _inside(node, paragraph, (f"{_W}txbxContent", _MC_FALLBACK)):
                continue
            tag = node.tag
            if tag == f"{_W}txbxContent":
                boxes.append(node)
            elif tag == f"{_W}t":
                parts.append((node.text or "", _bold(node.getparent())))
                languages.append((node.text or "", self._other_language(node.getparent())))
            elif tag == f"{_W}delText":
                deleted.append(node.text or "")
            elif tag == f"{_W}tab" or (tag == f"{_W}br" and node.get(f"{_W}type") in ("page", "column")):
                parts.append((" ", False))
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append(("\n", False))  # a soft line break (Shift+Enter): a new line, same paragraph
            elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                kind = "footnote" if tag.endswith("footnoteReference") else "endnote"
                note = self.notes[kind].get(node.get(f"{_W}id", ""), "")
                self.calls += 1
                call = f"[{self.calls}]"
                parts.append((call, False))
                if note:
                    marks.append((call, "note", note))
            elif tag == f"{_W}hyperlink":
                target = self.links.get(node.get(f"{_R}id", ""), "")
                words = " ".join("".join(t.text or "" for t in node.iter(f"{_W}t")).split())
                if target and words:
                    marks.append((words, "link", target))
        if "".join(deleted).strip():
            self.deletions += 1
            self.left_out.append(LeftOut(" ".join("".join(deleted).split()), "tracked-deletion", "deleted with tracked changes"))
        text = "\n".join(x for x in (" ".join(seg.split()) for seg in "".join(t for t, _ in parts).split("\n")) if x)
        bold_text = [t for t, b in parts if b]
        lead = ""
        for fragment, is_bold in parts:
            if not is_bold and fragment.strip():
                break
            lead += fragment
        lead = " ".join(lead.split())
        whole = bool(text) and " ".join("".join(bold_text).split()) == " ".join(text.split())
        marks = [(" ".join(f.split()), "strong", "") for f in _bold_runs(parts) if f.strip()] + marks
        marks += [(" ".join(f.split()), "lang", tag) for f, tag in _language_runs(languages) if f.strip()]
        return text, marks, lead, whole, boxes

    def _run_language(self, run: Any) -> str:
        node = run.find(f"{_W}rPr/{_W}lang") if run is not None and run.tag == f"{_W}r" else None
        return (node.get(f"{_W}val", "") if node is not None else "") or self.default

    def _main_language(self) -> str:
        """The primary language of most of the text (runs' w:lang, else the document default)."""
        counts: dict[str, int] = {}
        for node in self.document.element.body.iter(f"{_W}t"):
            primary = self._run_language(node.getparent()).split("-")[0].lower()
            counts[primary] = counts.get(primary, 0) + len(node.text or "")
        return max(sorted(counts), key=lambda k: counts[k]) if counts else ""

    def _other_language(self, run: Any) -> str:
        """The run's language tag when it differs from the language of most of the text, else ""."""
        tag = self._run_language(run)
        return tag if tag and self.language and tag.split("-")[0].lower() != self.language else ""


def _inside(node: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _bold(run: Any) -> bool:
    if run is None or run.tag != f"{_W}r":
        return False
    node = run.find(f"{_W}rPr/{_W}b")
    return node is not None and node.get(f"{_W}val", "true") not in ("0", "false")


def _bold_runs(parts: list[tuple[str, bool]]) -> list[str]:
    out: list[str] = []
    current = ""
    for text, bold in parts:
        if bold:
            current += text
        elif current:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _language_runs(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive texts in the same other language, joined: (text, tag)."""
    out: list[tuple[str, str]] = []
    for text, tag in parts:
        if tag and out and out[-1][1] == tag:
            out[-1] = (out[-1][0] + text, tag)
        elif tag:
            out.append((text, tag))
        elif out and out[-1][1]:
            out.append(("", ""))
    return [(t, g) for t, g in out if g]
