"""Build the large-print PDF's bytes: fonts, metadata, layout, drawing."""

from __future__ import annotations

import logging
from typing import Any

import fpdf
from fpdf import FPDF
from fpdf.enums import PageMode
from fpdf.errors import FPDFException
from fpdf.prefs import ViewerPreferences

from ...errors import RenderError
from ...model import Letter
from ...options import PdfOptions
from .blocks import letter_blocks
from .draw import draw
from .layout import Layout
from .style import FONT_DIR, FONT_FAMILY, FONT_FILES, PDF_LANGUAGES, THEME_COLOURS, check_options
from .tags import Tagger, xmp_metadata
from .text import capital_names, creation_date, document_title, fix_capitals, typeset

log = logging.getLogger(__name__)


def _producer() -> str:
    return f"fpdf2 {fpdf.__version__}"


def _creator() -> str:
    # No version number: the bytes must not depend on how the package is installed.
    return "a11y-pub large-print renderer"


def build_pdf(letter: Letter, opts: PdfOptions, summary: dict[str, Any] | None = None) -> bytes:
    """Lay out and tag the large-print PDF; return its bytes.

    Args:
        letter: the letter to print.
        opts: layout options (checked here).
        summary: the easy-read summary (``load_summary`` form) or None.

    Raises:
        ConfigError: options out of range.
        RenderError: fpdf2 failed, or its version is not supported.
    """
    check_options(opts)
    theme = THEME_COLOURS[opts.theme]
    lang = letter.language
    if summary is not None and summary.get("language", lang) != lang:
        log.warning("summary language %r differs from the letter's; not printed", summary.get("language"))
        summary = None
    try:
        pdf = FPDF(orientation="portrait", unit="mm", format=opts.paper)
        tags = Tagger(pdf)
        for style, file_name in FONT_FILES.items():
            pdf.add_font(FONT_FAMILY, style=style, fname=str(FONT_DIR / file_name))
        pdf.set_auto_page_break(False)
        pdf.set_margins(opts.margin_mm, opts.margin_mm, opts.margin_mm)
        pdf.c_margin = 0
        pdf.alias_nb_pages(None)

        names = capital_names(letter)
        title = document_title(letter, names)
        author = typeset(fix_capitals(letter.author or letter.signature, names), lang)
        subject = typeset(fix_capitals(letter.subject, names), lang)
        created = creation_date(letter)
        pdf.set_title(title)
        pdf.set_author(author)
        pdf.set_subject(subject)
        pdf.set_lang(PDF_LANGUAGES[lang])
        pdf.set_creator(_creator())
        pdf.set_producer(_producer())
        pdf.set_creation_date(created)
        pdf.set_xmp_metadata(
            xmp_metadata(
                title=title,
                author=author,
                subject=subject,
                language=PDF_LANGUAGES[lang],
                producer=_producer(),
                creator=_creator(),
                date_iso=created.isoformat(timespec="seconds"),
            )
        )
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.page_mode = PageMode.USE_OUTLINES

        layout = Layout(pdf, opts)
        blocks = letter_blocks(letter, summary)
        pages = layout.paginate(blocks)
        draw(pdf, tags, layout, blocks, pages, theme, lang)
        return bytes(pdf.output())
    except (FPDFException, RuntimeError, ValueError, KeyError, OSError) as exc:
        raise RenderError("cannot build the large-print PDF", cause=str(exc)) from exc
