"""PDF letters -> ``RawText`` from the text layer; bold and larger fonts become title hints."""

from __future__ import annotations

import statistics
from pathlib import Path

from ..errors import ParseError
from .encoding import read_bytes
from .raw import Line, RawText


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
