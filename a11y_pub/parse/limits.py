"""Bounds on what a letter file may expand to, checked before any library reads it.

A small file can inflate hugely: a DOCX or ODT is a zip archive whose parts
may decompress to gigabytes; a PDF's streams are usually deflated. Letters
are short, so everything is bounded by the input size limit (``max_bytes``,
``--max-size``):

- a zip archive (DOCX, ODT) may hold at most ``ZIP_FACTOR * max_bytes``
  uncompressed bytes in all, of which at most ``XML_FACTOR * max_bytes`` in
  XML parts (what the readers parse; pictures are not decoded); the sizes
  come from the archive's directory, and ``zipfile`` never inflates a part
  past its declared size;
- a PDF's deflated streams, pictures aside, may inflate to at most
  ``PDF_FACTOR * max_bytes`` in all, checked by inflating each stream with a
  bounded output before pdfminer sees it; and at most ``MAX_PDF_PAGES``
  pages are read.

The factors are generous for real letters (a 5 MB limit allows an 80 MB
DOCX of pictures and 20 MB of XML, and 10 MB of PDF page content) and keep
memory well under 300 MB.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..errors import ParseError

ZIP_FACTOR = 16
XML_FACTOR = 4
PDF_FACTOR = 2
MAX_PDF_PAGES = 200

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")


def check_zip(path: Path, max_bytes: int, kind: str) -> None:
    """Refuse a zip-based document (``kind``: "DOCX", "ODT") that would inflate past the bounds.

    Raises:
        ParseError: not a zip archive, or its parts are too large once uncompressed.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(f"not a readable {kind} file (corrupt or not a {kind} document)", path=path) from exc
    total = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith((".xml", ".rels")))
    if total > ZIP_FACTOR * max_bytes or xml > XML_FACTOR * max_bytes:
        raise ParseError(
            f"{kind} file would expand to {total / 1048576:.0f} MB (the limit is {ZIP_FACTOR * max_bytes / 1048576:.0f} MB, "
            f"{XML_FACTOR * max_bytes / 1048576:.0f} MB of text parts): a compressed bomb or not a letter",
            path=path,
        )


def check_pdf_streams(data: bytes, path: Path, max_bytes: int) -> None:
    """Refuse a PDF whose deflated streams (pictures aside) inflate past ``PDF_FACTOR * max_bytes``.

    Each stream is inflated with a bounded output, so the check itself uses
    at most the bound in memory and stops at the first stream past it.

    Raises:
        ParseError: the streams would inflate past the bound.
    """
    budget = PDF_FACTOR * max_bytes
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 600) : match.start()]
        head = head[head.rfind(b"obj") :]  # the stream's dictionary, after "N 0 obj"
        if _IMAGE.search(head) or not _FLATE.search(head):
            continue
        end = data.find(b"endstream", match.end())
        raw = data[match.end() : end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(raw, budget + 1)
        except zlib.error:
            continue  # damaged stream: pdfminer reports it
        budget -= len(out)
        if budget < 0 or inflater.unconsumed_tail:
            raise ParseError(
                f"PDF content would expand past {PDF_FACTOR * max_bytes / 1048576:.0f} MB: a compressed bomb or not a letter",
                path=path,
            )
