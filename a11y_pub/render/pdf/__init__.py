"""Large-print PDF renderer: ``render_pdf(letter, out_dir, opts)``.

Writes ``gros-caracteres.pdf`` (``large-print.pdf`` for English letters), a
tagged PDF (PDF/UA-1) set in Atkinson Hyperlegible following UKAAF/RNIB/ACB
large-print guidance (see STANDARDS.md): 18 pt body by default, bold headings
at least 4 pt larger, 1.5 line spacing, left aligned and ragged right, no
hyphenation, no italics or underlining, a blank line between paragraphs,
margins of at least 2 cm, page numbers at body size on every page.

Document order (UKAAF: the letter first): title block (who writes to whom,
the letter's own title line, the sender's contact lines, date, subject),
contents with page numbers and links, then the letter: introduction,
numbered commitments, conclusion, closing and signature, appendix. The
easy-read summary has its own PDF (``easyread``); with
``PdfOptions.include_summary`` it is also printed after the letter.

The work is done in three steps, so that no page break ever happens inside
a marked-content sequence: ``blocks`` turns the letter into typed blocks of
text, ``layout.Layout.paginate`` wraps them into lines and places them on
pages (headings kept with their first lines, no single line left alone at
the foot or head of a page), and ``draw`` paints the pages through the
tagging layer (``tags``).

Modules: ``style`` (constants, themes, words, option checks), ``text``
(typography, dates, titles), ``fonts`` (body font, fallback, stand-ins,
subset tags), ``runs`` (inline marks), ``blocks``, ``layout`` (wrap and
page-break rules), ``draw``, ``tags`` (the structure tree on fpdf2),
``document`` (``build_pdf``, ``build_easy_read_pdf``), ``easyread`` (the
easy-read PDF renderer).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ...files import atomic_write, sha256_bytes
from ...model import Letter
from ...options import BuildOptions
from .. import Artifact
from .document import build_pdf
from .style import FILE_NAMES, FONT_DIR, PDF_LANGUAGES, THEME_COLOURS, check_options, contrast_ratio
from .text import capital_names, creation_date, fix_capitals, typeset

log = logging.getLogger(__name__)


def _load_summary(out_dir: Path) -> dict[str, Any] | None:
    """The easy-read summary written by the summary renderer, if any."""
    try:
        from ..summary import load_summary
    except ImportError:  # the summary module is not there yet
        return None
    return load_summary(out_dir)


def render_pdf(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the large-print PDF of ``letter`` into ``out_dir``.

    Args:
        letter: the letter model.
        out_dir: the letter's output folder (exists).
        opts: build options; only ``opts.pdf`` is read.
        inputs: the build's ``Inputs`` view (the ``"summary"`` it may include,
            the ``"page-url"`` printed as a short link and QR code after the
            title block); None: the summary is read from ``out_dir``, no link.

    Returns:
        One Artifact: ``gros-caracteres.pdf`` (``large-print.pdf`` in English).

    Raises:
        ConfigError: PDF options out of range.
        RenderError: the PDF could not be built or the summary is unreadable.
        OutputError: the file cannot be written.
    """
    summary = None
    if opts.pdf.include_summary:
        if inputs is None:
            summary = _load_summary(Path(out_dir))
        else:  # the build's Summary value (render/summary.py), as the dict build_pdf reads
            value = inputs.get("summary")
            summary = None if value is None else value.to_dict()
    page_url = None if inputs is None else inputs.get("page-url")
    data = build_pdf(letter, opts.pdf, summary, page_url=page_url)
    name = FILE_NAMES[letter.language]
    atomic_write(Path(out_dir) / name, data)
    pages = _count_pages(data)
    log.info("wrote %s (%d pages)", name, pages)
    return [
        Artifact(
            path=name,
            kind="pdf",
            renderer="pdf",
            info={
                "pages": pages,
                "language": PDF_LANGUAGES[letter.language],
                "font": "Atkinson Hyperlegible",
                "font_size": opts.pdf.font_size,
                "paper": opts.pdf.paper,
                "theme": opts.pdf.theme,
                "summary": summary is not None,
                **({"page_url": page_url} if page_url else {}),
                "tagged": "PDF/UA-1",
                "sha256": sha256_bytes(data),
            },
        )
    ]


def _count_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))



__all__ = [
    "FILE_NAMES",
    "FONT_DIR",
    "THEME_COLOURS",
    "build_pdf",
    "capital_names",
    "check_options",
    "contrast_ratio",
    "creation_date",
    "fix_capitals",
    "render_pdf",
    "typeset",
]
