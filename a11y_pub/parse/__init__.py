"""Read a letter file in any supported format and find its structure.

``parse_letter(path) -> Letter`` picks the reader by file extension:
``.txt``/``.text``, ``.md``/``.markdown``, ``.docx``, ``.odt``, ``.pdf``,
``.eml`` (a saved e-mail) and ``.json`` (a letter model, possibly corrected
by hand). Other formats get a one-line error saying how to convert them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ParseError
from ..model import Letter
from . import docx, eml, json, markdown, odt, pdf, txt
from .raw import Line, RawText
from .structure import structure

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_READERS = {
    ".txt": txt.read_txt,
    ".text": txt.read_txt,
    ".md": markdown.read_md,
    ".markdown": markdown.read_md,
    ".docx": docx.read_docx,
    ".pdf": pdf.read_pdf,
    ".odt": odt.read_odt,
    ".eml": eml.read_eml,
}

# Formats staff receive that are not read, and how to convert them.
_CONVERT = {
    ".doc": "open it in Word or LibreOffice and save it as .docx",
    ".rtf": "open it in Word or LibreOffice and save it as .docx or .odt",
    ".pages": "export it from Pages as Word (.docx) or PDF",
    ".odp": "export the text as .odt or PDF",
    ".msg": "save the e-mail as .eml or paste it into a .txt file",
    ".html": "save the page's text as .txt",
    ".htm": "save the page's text as .txt",
}

SUPPORTED_SUFFIXES = (*_READERS, ".json")


def read_raw(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Extract the text lines of a txt/md/docx/pdf letter.

    Raises:
        ParseError: unsupported format or unreadable file.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        how = _CONVERT.get(path.suffix.lower(), "save it in one of these formats")
        raise ParseError(
            f"unsupported file type '{path.suffix or '(none)'}': the formats read are "
            f"{', '.join(SUPPORTED_SUFFIXES)}; {how}",
            path=path,
        )
    return reader(path, max_bytes)


def parse_letter(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Letter:
    """Read the letter at ``path`` and return its model.

    Raises:
        ParseError: the file is missing, empty, too large, binary, corrupt,
            has no text layer, or holds no letter body; the message names
            the file.
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        return json.read_json(path, max_bytes)
    return structure(read_raw(path, max_bytes))


__all__ = ["Line", "RawText", "parse_letter", "read_raw", "structure", "SUPPORTED_SUFFIXES"]
