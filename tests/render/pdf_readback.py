"""Read a produced PDF back for the large-print tests (pdfplumber, pypdf, pikepdf, poppler)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
from pypdf import PdfReader

from a11y_pub.model import Letter


def squash(text: str) -> str:
    """Compare texts without whitespace, quote or apostrophe style, or case."""
    text = text.replace("’", "'").replace("«", '"').replace("»", '"')
    return re.sub(r"\s+", "", text).lower()


def model_texts(letter: Letter) -> list[str]:
    """Every text of the letter body, in the model's reading order."""
    texts: list[str] = []
    for section in letter.sections:
        if section.kind == "introduction" and letter.salutation:
            texts.append(letter.salutation)
        texts += list(section.paragraphs) + list(section.items)
        if section.kind == "conclusion":
            texts += [letter.closing, letter.signature]
    return [t for t in texts if t]


def page_lines(path: Path) -> list[list[dict[str, Any]]]:
    """Per page, the text lines as pdfplumber sees them (top to bottom)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages.append(page.extract_text_lines(keep_blank_chars=True))
    return pages


def all_chars(path: Path) -> list[tuple[int, float, float, dict[str, Any]]]:
    """Every character with its page number and the page size."""
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for char in page.chars:
                out.append((number, float(page.width), float(page.height), char))
    return out


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """Bookmarks as (depth, title), in order."""
    reader = PdfReader(path)
    out: list[tuple[int, str]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, str(item.title)))

    walk(reader.outline, 0)
    return out


def struct_tree(path: Path) -> list[tuple[int, str]]:
    """The structure tree as (depth, role) pairs, read with pikepdf."""
    out: list[tuple[int, str]] = []
    with pikepdf.open(path) as pdf:

        def walk(node: Any, depth: int) -> None:
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return
            out.append((depth, str(node.S)[1:]))
            kids = node.get("/K")
            if kids is None:
                return
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid, depth + 1)

        root = pdf.Root.StructTreeRoot
        kids = root.K
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, 0)
    return out


def poppler_struct_text(path: Path) -> list[tuple[str, str]]:
    """``pdfinfo -struct-text``: (tag, text) for every text leaf, in tree order.

    A text leaf is reported under its nearest tag; texts split over pages
    (several quoted strings under one tag) are joined.
    """
    result = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    )
    out: list[tuple[str, str]] = []
    tag = ""
    last_tag_line = -1
    for number, line in enumerate(result.stdout.splitlines()):
        stripped = line.strip()
        if stripped.startswith('"'):
            text = stripped[1:-1]
            if out and last_tag_line < number - 1 and out[-1][0] == tag:
                out[-1] = (tag, out[-1][1] + text)
            else:
                out.append((tag, text))
        elif stripped:
            tag = stripped.split()[0]
            last_tag_line = number
    return out


def has_poppler() -> bool:
    return shutil.which("pdfinfo") is not None and shutil.which("pdftoppm") is not None
