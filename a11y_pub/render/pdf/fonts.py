"""Fonts of the PDFs: Atkinson Hyperlegible, a fallback, and every character printed.

The body font is Atkinson Hyperlegible (SIL OFL, shipped in ``data/fonts``).
It has about 340 characters: a letter may hold others (U+2011 non-breaking
hyphen, U+02BC modifier apostrophe, Greek or Cyrillic names…). Those are
drawn from Noto Sans (SIL OFL, from the ``fontpkg-noto-sans`` package, which
ships the font and its licence; nothing is downloaded). Characters neither
font has (arrows, check marks…) are printed as a stand-in from
``STAND_INS`` and tagged with ``/ActualText`` so that text extraction and
screen readers get the original; a character with no stand-in is printed
as its code point (``[U+2605]``). Nothing is dropped.

``fix_subset_tags``: fpdf2 2.8 names every embedded subset ``MPDFAA+…``;
ISO 32000-1 §9.6.4 wants a distinct six-letter tag per subset. The tags are
rewritten in the finished file, same length, derived from the font name (so
the bytes stay reproducible).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

from ...errors import RenderError
from .style import FONT_DIR, FONT_FAMILY, FONT_FILES

FALLBACK_FAMILY = "NotoSans"
FALLBACK_FILE = "NotoSans[wdth,wght].ttf"

# Characters neither font has, printed as an equivalent both have. The
# original stays in the text layer (/ActualText).
STAND_INS: dict[str, str] = {
    "\u2190": "<-",  # ← leftwards arrow
    "\u2192": "->",  # → rightwards arrow
    "\u2191": "^",  # ↑
    "\u2193": "v",  # ↓
    "\u2194": "<->",  # ↔
    "\u21d0": "<=",  # ⇐
    "\u21d2": "=>",  # ⇒
    "\u21d4": "<=>",  # ⇔
    "\u2713": "\u2022",  # ✓ check mark -> bullet
    "\u2714": "\u2022",  # ✔
    "\u2717": "x",  # ✗
    "\u2605": "*",  # ★
    "\u2606": "*",  # ☆
    "\u25cf": "\u2022",  # ●
    "\u25aa": "\u2022",  # ▪
    "\u25b6": ">",  # ▶
    "\u27a4": ">",  # ➤
    "\ufffd": "?",  # replacement character (an undecodable byte in the source)
}


def fallback_font_path() -> Path:
    """Path of the Noto Sans file shipped by ``fontpkg-noto-sans``.

    Raises:
        RenderError: the package is not installed.
    """
    try:
        import fontpkg_noto_sans
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RenderError("the fallback font package is missing", cause="pip install fontpkg-noto-sans") from exc
    return Path(fontpkg_noto_sans.ROOT) / "files" / FALLBACK_FILE


@cache
def _cmap(path: str) -> frozenset[int]:
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which font draws each character: ``place(char) -> (font, printed text)``."""

    main: frozenset[int]
    fallback: frozenset[int]

    @classmethod
    def from_fonts(cls) -> Coverage:
        regular, bold = (_cmap(str(FONT_DIR / name)) for name in FONT_FILES.values())
        return cls(main=regular & bold, fallback=_cmap(str(fallback_font_path())))

    def place(self, char: str) -> tuple[str, str]:
        code = ord(char)
        if code in self.main or char in " \u00a0\n":
            return "main", char
        if code in self.fallback:
            return "fallback", char
        stand_in = STAND_INS.get(char)
        if stand_in is not None:
            return "main", stand_in
        return "main", f"[U+{code:04X}]"


def add_fonts(pdf: FPDF, *, fallback: bool) -> None:
    """Register the body font (regular and bold) on ``pdf``, and the fallback when ``fallback``.

    The fallback is Noto Sans's variable font at its default instance
    (regular weight), for both styles: making a bold instance with
    fontTools' instancer takes about 15 s, too slow for a build, and only a
    rare character in bold text is concerned. It is added only when a
    character needs it, so documents that do not use it do not embed it.
    """
    for style, file_name in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style=style, fname=str(FONT_DIR / file_name))
    if fallback:
        path = str(fallback_font_path())
        for style in ("", "B"):
            pdf.add_font(FALLBACK_FAMILY, style=style, fname=path)


_SUBSET_RE = re.compile(rb"MPDFAA\+([A-Za-z0-9_-]+)")


def subset_tag(font_name: bytes) -> bytes:
    """A six-letter tag (A-Z) derived from the font's name: stable across builds."""
    digest = hashlib.sha256(font_name).digest()
    return bytes(ord("A") + b % 26 for b in digest[:6])


def fix_subset_tags(data: bytes) -> bytes:
    """Give each embedded subset its own tag (ISO 32000-1 §9.6.4); same length, so offsets hold.

    Raises:
        RenderError: two fonts would get the same tag.
    """
    names = sorted(set(_SUBSET_RE.findall(data)))
    tags = {name: subset_tag(name) for name in names}
    if len(set(tags.values())) != len(tags):
        raise RenderError("two font subsets got the same tag", cause=", ".join(n.decode() for n in names))
    return _SUBSET_RE.sub(lambda m: tags[m.group(1)] + b"+" + m.group(1), data)
