"""Plain-text and Markdown letters -> ``RawText``."""

from __future__ import annotations

import re
from pathlib import Path

from .encoding import check_text, decode_text, read_bytes
from .raw import Line, RawText

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LEAD = re.compile(r"^((?:[-*+•]|\d+[.)])\s+)?\*\*(.+?)\*\*\s*(.*)$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")


def read_txt(path: Path, max_bytes: int) -> RawText:
    """Read a plain-text letter (UTF-8, UTF-16 with BOM, cp1252/latin-1)."""
    text = check_text(decode_text(read_bytes(path, max_bytes), path), path)
    return RawText(path=path, lines=tuple(Line(t.rstrip()) for t in text.split("\n")), fmt="txt")


def read_md(path: Path, max_bytes: int) -> RawText:
    """Read a Markdown letter: ``#`` headings and a leading ``**bold**`` run become hints."""
    text = check_text(decode_text(read_bytes(path, max_bytes), path), path)
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
