"""PDF letters -> ``RawText`` from the text layer; bold and larger fonts become title hints."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from ..errors import ParseError
from ..model import LeftOut
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
    words = [w for page in pages for line in page if line for w in line]
    if not any(w["text"].strip() for w in words):
        raise ParseError("PDF has no text layer (a scanned image?): run OCR first", path=path)
    body_size = statistics.median(w["size"] for w in words)
    furniture = _page_furniture([[ln for ln in page if ln] for page in pages])
    lines: list[Line] = []
    left_out: list[LeftOut] = []
    for number, page in enumerate(pages, 1):
        kept: list[list[dict] | None] = []
        for line in page:
            if line and _is_furniture(_line_text(line), furniture):
                left_out.append(LeftOut(_line_text(line), "page-furniture", f"page {number}"))
            else:
                kept.append(line)
        _page_to_lines(kept, body_size, lines)
    return RawText(path=path, lines=tuple(lines), fmt="pdf", left_out=tuple(left_out))


def _page_to_lines(kept: list[list[dict] | None], body_size: float, lines: list[Line]) -> None:
    """Append one page's lines: a blank line where the spacing says a paragraph ends."""
    real = [ln for ln in kept if ln]
    right_edge = max((ln[-1]["x1"] for ln in real), default=0.0)
    previous: list[dict] | None = None
    last_real = max((i for i, ln in enumerate(kept) if ln), default=-1)
    for index, line_words in enumerate(kept):
        if line_words is None and index > last_real:
            continue  # nothing after it on this page: the page break decides below
        if line_words is None:  # the end of a column block
            lines.append(Line(""))
            previous = None
            continue
        size = max(w["size"] for w in line_words)
        if previous is not None and line_words[0]["top"] - previous[0]["bottom"] > 0.6 * size:
            lines.append(Line(""))  # more than a line's leading: a new paragraph (relative to the font size)
        previous = line_words
        first = line_words[0]
        if first.get("cells") is not None:
            lines.append(Line(first["text"], cells=first["cells"], header_row=first["header"]))
            continue
        bold_flags = ["bold" in w["fontname"].lower() for w in line_words]
        heading = 1 if size >= body_size * 1.3 else (2 if size >= body_size * 1.12 else 0)
        lead = ""
        if bold_flags[0] and not all(bold_flags):
            lead = " ".join(w["text"] for w in line_words[: bold_flags.index(False)])
        lines.append(Line(_line_text(line_words), heading=heading, bold=all(bold_flags), lead=lead))
    # A paragraph that runs over a page break goes on: break only after a line that
    # ends a sentence or stops short of the right margin.
    if real:
        last = real[-1]
        text = _line_text(last)
        if text[-1:] in ".!?:»" or last[-1]["x1"] < 0.8 * right_edge:
            lines.append(Line(""))


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


def _bounded_pages(pages: list, path: Path, max_bytes: int) -> list[list[list[dict] | None]]:
    """Lines of every page, stopping as soon as the text passes ``max_bytes`` characters."""
    out: list[list[list[dict] | None]] = []
    characters = 0
    for page in pages:
        lines = _pdf_page_lines(page)
        characters += sum(len(w["text"]) + 1 for line in lines if line for w in line)
        if characters > max_bytes:
            raise ParseError(f"PDF text is longer than the input limit ({max_bytes} characters): not a letter", path=path)
        out.append(lines)
    return out


def _pdf_page_lines(page: object) -> list[list[dict] | None]:
    """The page's lines in reading order (``None`` ends a block of side-by-side columns).

    Tables found by pdfplumber become one pseudo-line per row (a word dict
    with ``cells``); blocks set side by side (a sender on the left, a
    recipient on the right) are read column by column, not fused line by line.
    """
    tables = page.find_tables()  # type: ignore[attr-defined]
    boxes = [t.bbox for t in tables]
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=True)  # type: ignore[attr-defined]
    words = [w for w in words if not any(_inside(w, box) for box in boxes)]
    lines: list[list[dict]] = []
    for word in words:
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= max(2.0, word["size"] * 0.3):
            lines[-1].append(word)
        else:
            lines.append([word])
    size = statistics.median(w["size"] for w in words) if words else 10.0
    for table in tables:
        for index, row in enumerate(table.extract()):
            cells = tuple(" ".join((c or "").split()) for c in row)
            if any(cells):
                top = table.bbox[1] + index * 0.01
                cell = {"text": " | ".join(cells), "cells": cells, "header": index == 0, "top": top, "bottom": top,
                        "x0": table.bbox[0], "x1": table.bbox[2], "size": size, "fontname": ""}
                lines.append([cell])
    lines.sort(key=lambda ln: ln[0]["top"])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return _columns(lines, float(page.width))  # type: ignore[attr-defined]


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    return word["x0"] >= box[0] - 1 and word["x1"] <= box[2] + 1 and word["top"] >= box[1] - 1 and word["bottom"] <= box[3] + 1


def _segments(line: list[dict]) -> list[list[dict]]:
    """Split a line where the gap between two words is wider than three letters' height."""
    out = [[line[0]]]
    for word in line[1:]:
        if word["x0"] - out[-1][-1]["x1"] > max(3 * word["size"], 30.0):
            out.append([word])
        else:
            out[-1].append(word)
    return out


def _columns(lines: list[list[dict]], width: float) -> list[list[dict] | None]:
    """Read side-by-side blocks column by column: left lines, then right lines."""
    out: list[list[dict] | None] = []
    left: list[list[dict]] = []
    right: list[list[dict]] = []
    previous_bottom: float | None = None
    middle = width * 0.45

    def flush() -> None:
        if left or right:
            out.extend([*left, None, *right, None] if right else [*left])
            left.clear()
            right.clear()

    for line in lines:
        if line[0].get("cells") is not None:
            flush()
            out.append(line)
            previous_bottom = line[0]["bottom"]
            continue
        segments = _segments(line)
        gap = line[0]["top"] - previous_bottom if previous_bottom is not None else 0.0
        zone = bool(left or right)
        if len(segments) >= 2 or segments[0][0]["x0"] > middle:
            for segment in segments:
                (right if segment[0]["x0"] > middle else left).append(segment)
        elif zone and right and segments[0][-1]["x1"] < width * 0.5 and gap < 1.2 * line[0]["size"]:
            left.append(segments[0])
        else:
            flush()
            out.append(line)
        previous_bottom = line[0]["bottom"]
    flush()
    return out
