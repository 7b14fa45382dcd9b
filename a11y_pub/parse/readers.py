"""One reader per input format: bytes on disk -> ``RawText`` (or a ``Letter`` for JSON).

Every reader wraps its library's exceptions into ``ParseError`` naming the
file, so a bad file gives one clear line, never a traceback.
"""

from __future__ import annotations

import logging
import re
import statistics
import zipfile
from pathlib import Path

from ..errors import ParseError
from ..model import Letter
from .raw import Line, RawText

log = logging.getLogger(__name__)

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LEAD = re.compile(r"^((?:[-*+•]|\d+[.)])\s+)?\*\*(.+?)\*\*\s*(.*)$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing missing, unreadable, empty or oversize files."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ParseError("file not found", path=path) from exc
    except OSError as exc:
        raise ParseError("cannot read file", path=path, cause=exc.strerror) from exc
    if path.is_dir():
        raise ParseError("is a folder, not a letter file", path=path)
    if size > max_bytes:
        raise ParseError(
            f"file is too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)",
            path=path,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError("cannot read file", path=path, cause=exc.strerror) from exc
    if not data:
        raise ParseError("file is empty", path=path)
    return data


def decode_text(data: bytes, path: Path) -> str:
    """Decode text bytes: BOMs first, then strict UTF-8, then charset detection.

    Raises:
        ParseError: the bytes are not text (binary content).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", path)
    if b"\x00" in data:
        raise ParseError("not a text file (binary content)", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise ParseError("not a text file (unknown encoding or binary content)", path=path)
    log.info("%s: decoded as %s", path, best.encoding)
    return str(best)


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(f"invalid {encoding} text", cause=str(exc.reason), path=path) from exc


def _check_text(text: str, path: Path) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if not text.strip():
        raise ParseError("file contains no text (only whitespace)", path=path)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ParseError("not a text file (binary content)", path=path)
    return _CONTROL.sub("", text)


def read_txt(path: Path, max_bytes: int) -> RawText:
    """Read a plain-text letter (UTF-8, UTF-16 with BOM, cp1252/latin-1)."""
    text = _check_text(decode_text(read_bytes(path, max_bytes), path), path)
    return RawText(path=path, lines=tuple(Line(t.rstrip()) for t in text.split("\n")), fmt="txt")


def read_md(path: Path, max_bytes: int) -> RawText:
    """Read a Markdown letter: ``#`` headings and a leading ``**bold**`` run become hints."""
    text = _check_text(decode_text(read_bytes(path, max_bytes), path), path)
    lines: list[Line] = []
    for raw in text.split("\n"):
        raw = raw.rstrip()
        heading = _MD_HEADING.match(raw)
        if heading:
            lines.append(Line(_strip_md(heading.group(2)), heading=len(heading.group(1))))
            lines.append(Line(""))
            continue
        bold = _MD_BOLD_LEAD.match(raw)
        if bold:
            marker, lead, rest = bold.group(1) or "", bold.group(2), bold.group(3)
            text_line = f"{marker}{_strip_md(lead)} {_strip_md(rest)}".strip()
            lines.append(Line(text_line, bold=not rest, lead=_strip_md(lead) if rest else ""))
            continue
        lines.append(Line(_strip_md(raw)))
    return RawText(path=path, lines=tuple(lines), fmt="md")


def _strip_md(text: str) -> str:
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text).replace("\\", "")


def read_docx(path: Path, max_bytes: int) -> RawText:
    """Read a DOCX letter: heading styles, list styles and bold runs become hints."""
    read_bytes(path, max_bytes)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError("not a readable DOCX file (corrupt or not a Word document)", path=path) from exc
    except Exception as exc:  # python-docx raises many lxml/zip errors on damaged files
        raise ParseError("not a readable DOCX file", path=path, cause=type(exc).__name__) from exc
    lines: list[Line] = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        heading = 0
        match = re.match(r"(?:Heading|Titre)\s*(\d)", style)
        if match:
            heading = int(match.group(1))
        elif style in ("Title", "Titre"):
            heading = 1
        runs = [r for r in paragraph.runs if r.text.strip()]
        bold_flags = [bool(r.bold) for r in runs]
        whole_bold = bool(runs) and all(bold_flags)
        lead = ""
        if runs and bold_flags[0] and not whole_bold:
            lead_parts = []
            for run, flag in zip(runs, bold_flags):
                if not flag:
                    break
                lead_parts.append(run.text)
            lead = " ".join("".join(lead_parts).split())
        bullet = "List" in style or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        lines.append(Line(text, heading=heading, bold=whole_bold, lead=lead, bullet=bullet))
        lines.append(Line(""))
    if not any(line.text for line in lines):
        raise ParseError("DOCX file contains no text", path=path)
    return RawText(path=path, lines=tuple(lines), fmt="docx", hard_paragraphs=True)


def read_pdf(path: Path, max_bytes: int) -> RawText:
    """Read a PDF's text layer; bold and larger fonts become title hints.

    Raises:
        ParseError: corrupt PDF, encrypted PDF, or no text layer (scanned).
    """
    data = read_bytes(path, max_bytes)
    if not data.lstrip()[:5] == b"%PDF-":
        raise ParseError("not a readable PDF file (no PDF header)", path=path)
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            pages = [_pdf_page_lines(page) for page in pdf.pages]
    except ParseError:
        raise
    except Exception as exc:  # pdfminer raises many exception types on damaged files
        raise ParseError("not a readable PDF file (corrupt)", path=path, cause=type(exc).__name__) from exc
    words = [w for page in pages for line in page for w in line]
    if not any(w["text"].strip() for w in words):
        raise ParseError("PDF has no text layer (a scanned image?): run OCR first", path=path)
    body_size = statistics.median(w["size"] for w in words)
    lines: list[Line] = []
    for page in pages:
        previous_bottom: float | None = None
        gaps = [b[0]["top"] - a[0]["bottom"] for a, b in zip(page, page[1:])]
        usual_gap = statistics.median(gaps) if gaps else 0.0
        for line_words in page:
            top = line_words[0]["top"]
            if previous_bottom is not None and top - previous_bottom > usual_gap + body_size * 0.6:
                lines.append(Line(""))
            previous_bottom = line_words[0]["bottom"]
            text = " ".join(w["text"] for w in line_words)
            bold_flags = ["bold" in w["fontname"].lower() for w in line_words]
            size = max(w["size"] for w in line_words)
            heading = 1 if size >= body_size * 1.3 else (2 if size >= body_size * 1.12 else 0)
            lead = ""
            if bold_flags[0] and not all(bold_flags):
                lead = " ".join(w["text"] for w, f in zip(line_words, bold_flags) if f)
                first_plain = bold_flags.index(False)
                lead = " ".join(w["text"] for w in line_words[:first_plain])
            lines.append(Line(text, heading=heading, bold=all(bold_flags), lead=lead))
        lines.append(Line(""))
    return RawText(path=path, lines=tuple(lines), fmt="pdf")


def _pdf_page_lines(page: object) -> list[list[dict]]:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=True)  # type: ignore[attr-defined]
    lines: list[list[dict]] = []
    for word in words:
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= max(2.0, word["size"] * 0.3):
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def read_json(path: Path, max_bytes: int) -> Letter:
    """Read a letter model written by ``a11y-pub parse`` (and maybe corrected by hand)."""
    text = decode_text(read_bytes(path, max_bytes), path)
    try:
        return Letter.from_json(text)
    except ParseError as exc:
        exc.path = path
        raise
