"""Bytes on disk -> text: size limits, BOMs, legacy encodings, binary detection."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..errors import ParseError

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing missing, unreadable, empty or oversize files."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ParseError("file not found", path=path) from exc
    except OSError as exc:
        raise ParseError("cannot read file", path=path, cause=exc.strerror) from exc
    if path.is_dir():
        raise ParseError("is a folder, not a letter file", path=path)
    if size > max_bytes:
        raise ParseError(f"file is too large ({_size(size)}; the limit is {_size(max_bytes)})", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError("cannot read file", path=path, cause=exc.strerror) from exc
    if not data:
        raise ParseError("file is empty", path=path)
    return data


def _size(count: int) -> str:
    """A byte count as people read it: MB (of 1,048,576 bytes, like --max-size) or KB."""
    if count >= 100 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(count / 1024, 0.1):.1f} KB"


def decode_text(data: bytes, path: Path) -> str:
    """Decode text bytes: BOMs first, then strict UTF-8, then charset detection.

    Raises:
        ParseError: the bytes are not text (binary content).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", path)
    if b"\x00" in data:
        raise ParseError("not a text file (binary content)", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise ParseError("not a text file (unknown encoding or binary content)", path=path)
    log.info("%s: decoded as %s", path, best.encoding)
    return str(best)


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(f"invalid {encoding} text", cause=str(exc.reason), path=path) from exc


def check_text(text: str, path: Path) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if not text.strip():
        raise ParseError("file contains no text (only whitespace)", path=path)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ParseError("not a text file (binary content)", path=path)
    return _CONTROL.sub("", text)
