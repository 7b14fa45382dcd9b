"""Build the PDFs' bytes: fonts, metadata, layout passes, drawing, finishing.

Both PDFs (large print and easy read) go through ``_build``: an ``FPDF``
with the tagging layer, both fonts and PDF/UA-1 metadata; the blocks are
laid out until the contents' page numbers stop changing (the contents sit
before the pages they number, so their own length can move them), then
drawn; the file declares PDF 1.7 (ISO 14289-1 is based on ISO 32000-1) and
each font subset gets its own tag.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import fpdf
from fpdf import FPDF
from fpdf.enums import PageMode
from fpdf.errors import FPDFException
from fpdf.prefs import ViewerPreferences

from ...errors import RenderError
from ...model import Letter
from ...options import PdfOptions
from .blocks import AnyBlock, TableBlock, easy_read_blocks, letter_blocks
from .draw import anchor_positions, draw
from .fonts import Coverage, add_fonts, fix_subset_tags
from .layout import Layout
from .style import PDF_LANGUAGES, STRINGS, THEME_COLOURS, check_options
from .tags import Tagger, xmp_metadata
from .text import capital_names, creation_date, document_title, fix_capitals, typeset

log = logging.getLogger(__name__)

MAX_PASSES = 4  # layout passes until the contents' page numbers are stable
EASY_READ_SPACING = 1.8  # easy-read line spacing at least (Inclusion Europe: generous spacing)


def _producer() -> str:
    return f"fpdf2 {fpdf.__version__}"


def _creator(kind: str) -> str:
    # No version number: the bytes must not depend on how the package is installed.
    return f"a11y-pub {kind} renderer"


def _new_pdf(letter: Letter, opts: PdfOptions, title: str, kind: str, *, fallback: bool) -> tuple[FPDF, Tagger]:
    lang = letter.language
    pdf = FPDF(orientation="portrait", unit="mm", format=opts.paper)
    tags = Tagger(pdf)
    add_fonts(pdf, fallback=fallback)
    pdf.set_auto_page_break(False)
    pdf.set_margins(opts.margin_mm, opts.margin_mm, opts.margin_mm)
    pdf.c_margin = 0
    pdf.alias_nb_pages(None)
    names = capital_names(letter)
    author = typeset(fix_capitals(letter.author or letter.signature, names), lang)
    subject = typeset(fix_capitals(letter.subject, names), lang)
    created = creation_date(letter)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_lang(PDF_LANGUAGES[lang])
    pdf.set_creator(_creator(kind))
    pdf.set_producer(_producer())
    pdf.set_creation_date(created)
    pdf.set_xmp_metadata(
        xmp_metadata(
            title=title,
            author=author,
            subject=subject,
            language=PDF_LANGUAGES[lang],
            producer=_producer(),
            creator=_creator(kind),
            date_iso=created.isoformat(timespec="seconds"),
        )
    )
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.page_mode = PageMode.USE_OUTLINES
    return pdf, tags


def _uses_fallback(blocks: list[AnyBlock]) -> bool:
    for block in blocks:
        if isinstance(block, TableBlock):
            runs = [run for row in block.rows for cell in row for run in cell]
        else:
            runs = list(block.runs)
        if any(run.font == "fallback" for run in runs):
            return True
    return False


def _build(
    letter: Letter,
    opts: PdfOptions,
    title: str,
    kind: str,
    make_blocks: Callable[[Mapping[str, int]], list[AnyBlock]],
) -> bytes:
    check_options(opts)
    try:
        page_of: dict[str, int] = {}
        blocks = make_blocks(page_of)
        pdf, tags = _new_pdf(letter, opts, title, kind, fallback=_uses_fallback(blocks))
        layout = Layout(pdf, opts)
        for attempt in range(MAX_PASSES):
            if attempt:
                blocks = make_blocks(page_of)
            pages = layout.paginate(blocks)
            anchors = anchor_positions(blocks, pages)
            found = {anchor: page for anchor, (page, _) in anchors.items()}
            if found == page_of:
                break
            page_of = found
        draw(pdf, tags, layout, blocks, pages, THEME_COLOURS[opts.theme], letter.language, anchors)
        pdf._set_min_pdf_version("1.7")
        return fix_subset_tags(bytes(pdf.output()))
    except (FPDFException, RuntimeError, ValueError, KeyError, OSError) as exc:
        raise RenderError(f"cannot build the {kind} PDF", cause=str(exc)) from exc


def build_pdf(
    letter: Letter,
    opts: PdfOptions,
    summary: Mapping[str, Any] | None = None,
    *,
    include_summary: bool | None = None,
    page_url: str | None = None,
) -> bytes:
    """Lay out and tag the large-print PDF; return its bytes.

    Args:
        letter: the letter to print.
        opts: layout options (checked here).
        summary: the easy-read summary (``load_summary`` form) or None.
        include_summary: print the summary after the letter (default:
            ``opts.include_summary``). The letter always comes first.
        page_url: the letter's web page (``--base-url``): its short link and
            QR code are printed after the title block; None: neither.

    Raises:
        ConfigError: options out of range.
        RenderError: fpdf2 failed, or its version is not supported.
    """
    lang = letter.language
    if include_summary is None:
        include_summary = opts.include_summary
    if not include_summary:
        summary = None
    if summary is not None and summary.get("language", lang) != lang:
        log.warning("summary language %r differs from the letter's; not printed", summary.get("language"))
        summary = None
    coverage = Coverage.from_fonts()
    title = document_title(letter, capital_names(letter))
    return _build(
        letter, opts, title, "large-print", lambda page_of: letter_blocks(letter, summary, coverage, page_of, page_url)
    )


def build_easy_read_pdf(
    letter: Letter, opts: PdfOptions, summary: Mapping[str, Any], *, page_url: str | None = None
) -> bytes:
    """Lay out and tag the easy-read PDF of ``summary``; return its bytes.

    Laid out as easy-read documents are (Inclusion Europe, « L'information
    pour tous »): one sentence per paragraph, left aligned, large text
    (the large print's body size), line spacing at least
    ``EASY_READ_SPACING``, headings, the glossary, and the notice that the
    text is a draft inspired by FALC, not checked by people with
    intellectual disabilities. With ``page_url`` (``--base-url``), the web
    page's short link and QR code follow the notice, on the first page.

    Raises:
        ConfigError: options out of range.
        RenderError: fpdf2 failed.
    """
    opts = replace(opts, line_spacing=max(opts.line_spacing, EASY_READ_SPACING))
    coverage = Coverage.from_fonts()
    title = str(summary.get("title") or STRINGS[letter.language]["easy_read_title"])
    title = typeset(title, letter.language)
    return _build(letter, opts, title, "easy-read", lambda _: easy_read_blocks(summary, letter, coverage, page_url))
