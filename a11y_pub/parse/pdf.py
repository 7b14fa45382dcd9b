"""PDF letters -> ``RawText`` from the text layer; bold and larger fonts become title hints."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from ..errors import ParseError
from .encoding import read_bytes
from .limits import MAX_PDF_PAGES, check_pdf_streams
from .raw import Line, RawText


def read_pdf(path: Path, max_bytes: int) -> RawText:
    """Read a PDF's text layer; bold and larger fonts become title hints.

    Raises:
        ParseError: corrupt PDF, encrypted PDF, or no text layer (scanned).
    """
    data = read_bytes(path, max_bytes)
    if not data.lstrip()[:5] == b"%PDF-":
        raise ParseError("not a readable PDF file (no PDF header)", path=path)
    check_pdf_streams(data, path, max_bytes)
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ParseError(f"PDF has {len(pdf.pages)} pages (the limit is {MAX_PDF_PAGES}): not a letter", path=path)
            pages = _bounded_pages(pdf.pages, path, max_bytes)
    except ParseError:
        raise
    except Exception as exc:  # pdfminer raises many exception types on damaged files
        raise ParseError("not a readable PDF file (corrupt)", path=path, cause=type(exc).__name__) from exc
    words = [w for page in pages for line in page for w in line]
    if not any(w["text"].strip() for w in words):
        raise ParseError("PDF has no text layer (a scanned image?): run OCR first", path=path)
    body_size = statistics.median(w["size"] for w in words)
    furniture = _page_furniture(pages)
    lines: list[Line] = []
    for page in pages:
        kept = [ln for ln in page if not _is_furniture(_line_text(ln), furniture)]
        previous_bottom: float | None = None
        gaps = [b[0]["top"] - a[0]["bottom"] for a, b in zip(kept, kept[1:], strict=False)]
        usual_gap = statistics.median(gaps) if gaps else 0.0
        right_edge = max((ln[-1]["x1"] for ln in kept), default=0.0)
        for line_words in kept:
            top = line_words[0]["top"]
            if previous_bottom is not None and top - previous_bottom > usual_gap + body_size * 0.6:
                lines.append(Line(""))
            previous_bottom = line_words[0]["bottom"]
            bold_flags = ["bold" in w["fontname"].lower() for w in line_words]
            size = max(w["size"] for w in line_words)
            heading = 1 if size >= body_size * 1.3 else (2 if size >= body_size * 1.12 else 0)
            lead = ""
            if bold_flags[0] and not all(bold_flags):
                lead = " ".join(w["text"] for w in line_words[: bold_flags.index(False)])
            lines.append(Line(_line_text(line_words), heading=heading, bold=all(bold_flags), lead=lead))
        # A paragraph that runs over a page break goes on: break only after a line that
        # ends a sentence or stops short of the right margin.
        if kept:
            last = kept[-1]
            text = _line_text(last)
            if text[-1:] in ".!?:»" or last[-1]["x1"] < 0.8 * right_edge:
                lines.append(Line(""))
    return RawText(path=path, lines=tuple(lines), fmt="pdf")


_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|sur|of|de)\s*\d{1,4})?\s*[-–—]?$")


def _line_text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _page_furniture(pages: list[list[list[dict]]]) -> set[str]:
    """Running headers and footers: lines (digits aside) at the top or foot of two or more pages."""
    if len(pages) < 2:
        return set()
    seen: dict[str, int] = {}
    for page in pages:
        edges = {_shape(_line_text(ln)) for ln in page[:2] + page[-2:]}
        for shape in edges:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, count in seen.items() if count >= 2}


def _is_furniture(text: str, furniture: set[str]) -> bool:
    """A page number ("2", "Page 2 sur 5", "- 2 -", "2/5") or a running header/footer line."""
    return bool(_PAGE_NUMBER.match(text.strip())) or _shape(text) in furniture


def _bounded_pages(pages: list, path: Path, max_bytes: int) -> list[list[list[dict]]]:
    """Lines of every page, stopping as soon as the text passes ``max_bytes`` characters."""
    out: list[list[list[dict]]] = []
    characters = 0
    for page in pages:
        lines = _pdf_page_lines(page)
        characters += sum(len(w["text"]) + 1 for line in lines for w in line)
        if characters > max_bytes:
            raise ParseError(f"PDF text is longer than the input limit ({max_bytes} characters): not a letter", path=path)
        out.append(lines)
    return out


def _pdf_page_lines(page: object) -> list[list[dict]]:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=True)  # type: ignore[attr-defined]
    lines: list[list[dict]] = []
    for word in words:
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= max(2.0, word["size"] * 0.3):
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines
