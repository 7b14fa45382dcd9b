"""Word (.docx) letters -> ``RawText``: heading styles, list styles and bold runs become hints."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import ParseError
from .encoding import read_bytes
from .limits import check_zip
from .raw import Line, RawText


def read_docx(path: Path, max_bytes: int) -> RawText:
    """Read a DOCX letter: heading styles, list styles and bold runs become hints."""
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
            for run, flag in zip(runs, bold_flags, strict=False):
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
