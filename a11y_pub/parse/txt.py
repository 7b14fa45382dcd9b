"""Plain-text letters -> ``RawText`` (Markdown is read by ``markdown``)."""

from __future__ import annotations

from pathlib import Path

from .encoding import check_text, decode_text, read_bytes
from .raw import Line, RawText


def read_txt(path: Path, max_bytes: int) -> RawText:
    """Read a plain-text letter (UTF-8, UTF-16 with BOM, cp1252/latin-1)."""
    text = check_text(decode_text(read_bytes(path, max_bytes), path), path)
    return RawText(path=path, lines=tuple(Line(t.rstrip()) for t in text.split("\n")), fmt="txt")
