"""Letter models in JSON (written by ``a11y-pub parse``, maybe corrected by hand) -> ``Letter``."""

from __future__ import annotations

from pathlib import Path

from ..errors import ParseError
from ..model import Letter
from .encoding import decode_text, read_bytes


def read_json(path: Path, max_bytes: int) -> Letter:
    """Read a letter model written by ``a11y-pub parse`` (and maybe corrected by hand)."""
    text = decode_text(read_bytes(path, max_bytes), path)
    try:
        return Letter.from_json(text)
    except ParseError as exc:
        exc.path = path
        raise
