"""OpenDocument text (``.odt``) letters -> ``RawText``, with odfpy.

Paragraphs, headings (``text:h``, with their outline level) and list items
(``text:list-item``, marked as bullets) in document order; a table's rows
become table rows (``Line.cells``; rows under ``table:table-header-rows``
are header rows). The archive's uncompressed
size is checked first (``limits.check_zip``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ParseError
from .encoding import read_bytes
from .limits import check_zip
from .raw import Line, RawText


def read_odt(path: Path, max_bytes: int) -> RawText:
    """Read an ODT letter: one line per paragraph, heading levels and list items as hints.

    Raises:
        ParseError: corrupt or not an OpenDocument text, too large once
            uncompressed, or no text.
    """
    read_bytes(path, max_bytes)
    check_zip(path, max_bytes, "ODT")
    try:
        from odf.opendocument import load

        document = load(str(path))
        body = document.text
    except Exception as exc:  # odfpy raises zip, XML and attribute errors on damaged files
        raise ParseError("not a readable ODT file (corrupt or not an OpenDocument text)", path=path, cause=type(exc).__name__) from exc
    lines: list[Line] = []
    _walk(body, lines, in_list=False)
    if not any(line.text for line in lines):
        raise ParseError("ODT file contains no text", path=path)
    return RawText(path=path, lines=tuple(lines), fmt="odt", hard_paragraphs=True)


def _walk(node: object, lines: list[Line], in_list: bool, header: bool = False) -> None:
    from odf import teletype

    for child in getattr(node, "childNodes", ()):
        name = getattr(child, "qname", (None, None))[1]
        if name in ("p", "h"):
            text = " ".join(teletype.extractText(child).split())
            if text:
                level = 0
                if name == "h":
                    level = int(child.getAttribute("outlinelevel") or 1)
                lines.append(Line(text, heading=min(level, 6), bullet=in_list))
                lines.append(Line(""))
        elif name in ("list", "list-item"):
            _walk(child, lines, in_list=True)
        elif name == "table-row":
            cells = tuple(" ".join(teletype.extractText(c).split()) for c in child.childNodes)
            if any(cells):
                lines.append(Line(" | ".join(cells), cells=cells, header_row=header))
        elif name == "table":
            _walk(child, lines, in_list)
            lines.append(Line(""))
        elif name in ("section", "table-header-rows", "table-rows", "frame", "text-box"):
            _walk(child, lines, in_list, header=name == "table-header-rows")
