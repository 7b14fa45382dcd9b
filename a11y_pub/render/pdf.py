"""Large-print PDF renderer: ``render_pdf(letter, out_dir, opts)``.

Writes ``gros-caracteres.pdf`` (``large-print.pdf`` for English letters), a
tagged PDF (PDF/UA-1) set in Atkinson Hyperlegible following UKAAF/RNIB/ACB
large-print guidance (see STANDARDS.md): 18 pt body by default, bold headings
at least 4 pt larger, 1.5 line spacing, left aligned and ragged right, no
hyphenation, no italics or underlining, a blank line between paragraphs,
margins of at least 2 cm, page numbers at body size on every page.

Document order: title block (who writes to whom, date, subject), table of
contents, the easy-read summary (« En bref ») when the summary renderer has
written one, then the letter: introduction, numbered commitments,
conclusion, closing and signature, appendix.

The work is done in three steps, so that no page break ever happens inside
a marked-content sequence: ``_blocks`` turns the letter into typed blocks of
text, ``_Layout.paginate`` wraps them into lines and places them on pages
(headings kept with their first lines, no single line left alone at the foot
or head of a page), and ``_draw`` paints the pages through the tagging layer
(``pdf_tags``).

Names printed in capitals (``Marc INFANTES``) are printed in title case
(``Marc Infantes``); acronyms (``CSAPA``, ``EKKO``) stay. The rule, which
needs no list of acronyms: a word in capitals is a name when it is part of a
person's name in the letter's metadata (``author``, ``recipient.name``,
``signature``), or when it follows a civility title (``M.``, ``Mme``,
``Monsieur``, ``Madame``, ``Mr``, ``Mrs``, ``Ms``, ``Dr``), optionally
after a first name (``Monsieur Bruno MANGIN``). Every other word in capitals
is left as written. Word length cannot decide: ``CAARUD`` (an acronym) is as
long as ``MANGIN`` (a name).
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fpdf
from fpdf import FPDF
from fpdf.enums import PageMode
from fpdf.errors import FPDFException
from fpdf.prefs import ViewerPreferences

from ..dates import written_date
from ..errors import ConfigError, RenderError
from ..files import atomic_write, sha256_bytes
from ..model import Letter, Section
from ..options import PAPERS, RANGES, THEMES, BuildOptions, PdfOptions
from . import Artifact
from .pdf_tags import TagElem, Tagger, add_bookmark, xmp_metadata

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
FONT_FAMILY = "AtkinsonHyperlegible"
FONT_FILES = {
    "": "AtkinsonHyperlegible-Regular.ttf",
    "B": "AtkinsonHyperlegible-Bold.ttf",
}
FILE_NAMES = {"fr": "gros-caracteres.pdf", "en": "large-print.pdf"}
PDF_LANGUAGES = {"fr": "fr-FR", "en": "en-GB"}

# Limits enforced on options (STANDARDS.md: never below 16 pt, margins >= 2 cm...).
FONT_SIZE_RANGE = RANGES["font_size"]  # the limits live in options.py
HEADING_INCREASE_MIN = RANGES["heading_increase"][0]
LINE_SPACING_RANGE = RANGES["line_spacing"]
MARGIN_RANGE_MM = RANGES["margin_mm"]

PT_TO_MM = 25.4 / 72.0
BULLET = "\u2022"


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours of one theme, as RGB 0-255 triples."""

    name: str
    text: tuple[int, int, int]
    heading: tuple[int, int, int]
    background: tuple[int, int, int]


THEME_COLOURS: dict[str, Theme] = {
    "default": Theme("default", text=(0, 0, 0), heading=(0, 0, 0), background=(255, 255, 255)),
    # Yellow body text and white headings on black (RNIB high-contrast practice).
    "high-contrast": Theme(
        "high-contrast", text=(255, 255, 0), heading=(255, 255, 255), background=(0, 0, 0)
    ),
}

# Words printed by the renderer itself (never part of the letter's content).
STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Lettre de {author} à {recipient}",
        "title_from": "Lettre de {author}",
        "title_plain": "Lettre",
        "from": "De : {value}",
        "to": "À : {value}",
        "date": "Date : {value}",
        "date_place": "Date : {date}, {place}",
        "subject": "Objet : {value}",
        "contents": "Sommaire",
        "summary": "En bref",
        "glossary": "Mots expliqués",
        "introduction": "Introduction",
        "commitment": "{number}. {title}",
        "conclusion": "Conclusion",
        "appendix": "Annexe : {title}",
        "appendix_plain": "Annexe",
        "page": "Page {page} sur {total}",
    },
    "en": {
        "title": "Letter from {author} to {recipient}",
        "title_from": "Letter from {author}",
        "title_plain": "Letter",
        "from": "From: {value}",
        "to": "To: {value}",
        "date": "Date: {value}",
        "date_place": "Date: {date}, {place}",
        "subject": "Subject: {value}",
        "contents": "Contents",
        "summary": "In short",
        "glossary": "Words explained",
        "introduction": "Introduction",
        "commitment": "{number}. {title}",
        "conclusion": "Conclusion",
        "appendix": "Appendix: {title}",
        "appendix_plain": "Appendix",
        "page": "Page {page} of {total}",
    },
}


# -- options -------------------------------------------------------------------


def check_options(opts: PdfOptions) -> None:
    """Check large-print options against the standard's limits.

    Raises:
        ConfigError: a size, spacing or margin is out of range, or the paper
            or theme is unknown.
    """
    low, high = FONT_SIZE_RANGE
    if not low <= opts.font_size <= high:
        raise ConfigError(
            f"font size {opts.font_size:g} pt is out of range",
            cause=f"large print needs {low:g} to {high:g} pt",
        )
    if opts.heading_increase < HEADING_INCREASE_MIN:
        raise ConfigError(
            f"heading increase {opts.heading_increase:g} pt is too small",
            cause=f"headings must be at least {HEADING_INCREASE_MIN:g} pt larger than the body",
        )
    low, high = LINE_SPACING_RANGE
    if not low <= opts.line_spacing <= high:
        raise ConfigError(
            f"line spacing {opts.line_spacing:g} is out of range", cause=f"use {low:g} to {high:g}"
        )
    low, high = MARGIN_RANGE_MM
    if not low <= opts.margin_mm <= high:
        raise ConfigError(
            f"margin {opts.margin_mm:g} mm is out of range", cause=f"use {low:g} to {high:g} mm"
        )
    if opts.paper not in PAPERS:
        raise ConfigError(f"unknown paper '{opts.paper}'", cause=f"use one of {', '.join(PAPERS)}")
    if opts.theme not in THEMES or opts.theme not in THEME_COLOURS:
        raise ConfigError(f"unknown theme '{opts.theme}'", cause=f"use one of {', '.join(THEMES)}")


# -- text ----------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_WORD_RE = re.compile(rf"{_LETTER}+(?:[-'’]{_LETTER}+)*")
_CIVILITY_RE = re.compile(
    r"(?<![^\W\d_])(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+"
)


def _is_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _title_case(word: str) -> str:
    """``MANGIN`` -> ``Mangin``, ``JEAN-PIERRE`` -> ``Jean-Pierre``, ``D'ALEMBERT`` -> ``D'Alembert``."""
    return re.sub(_LETTER + "+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)


def capital_names(letter: Letter) -> frozenset[str]:
    """Words in capitals that are part of a person's name in the letter's metadata."""
    names: set[str] = set()
    for source in (letter.author, letter.recipient.name, letter.signature):
        names.update(w for w in _WORD_RE.findall(source) if _is_caps(w))
    return frozenset(names)


def fix_capitals(text: str, names: frozenset[str]) -> str:
    """Print names in capitals in title case; leave acronyms as written.

    A word in capitals is changed when it is in ``names`` or directly
    follows a civility title (with or without a first name between).
    """
    after_civility: set[int] = set()
    for civility in _CIVILITY_RE.finditer(text):
        after_civility.add(civility.end())
        first = _WORD_RE.match(text, civility.end())
        if first and not _is_caps(first.group(0)):
            gap = re.match(r"\s+", text[first.end() :])
            if gap:
                after_civility.add(first.end() + gap.end())

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        if _is_caps(word) and (word in names or match.start() in after_civility):
            return _title_case(word)
        return word

    return _WORD_RE.sub(replace, text)


def typeset(text: str, language: str) -> str:
    """Apply typographic rules to one paragraph of text.

    Whitespace runs become one space; U+202F (narrow no-break space) and
    U+2009 (thin space), absent from the font, become U+00A0. In French: a
    no-break space before ``: ; ! ?`` and inside « », straight apostrophes
    become ’ and pairs of straight double quotes become « ».
    """
    text = text.replace("\u202f", "\u00a0").replace("\u2009", "\u00a0")
    text = re.sub(r"[^\S\u00a0]+", " ", text).strip()
    if language == "fr":
        text = re.sub(rf"(?<={_LETTER})'(?={_LETTER})", "’", text)
        if text.count('"') % 2 == 0:
            text = re.sub(r'"\s*([^"]*?)\s*"', "«\u00a0\\1\u00a0»", text)
        text = re.sub(r"«[ \u00a0]*", "«\u00a0", text)
        text = re.sub(r"[ \u00a0]*»", "\u00a0»", text)
        # Existing space before high punctuation becomes a no-break space ...
        text = re.sub(r" ([:;!?])", "\u00a0\\1", text)
        # ... and one is added where it is missing (not inside "10:30" or "http://").
        text = re.sub(r"(?<=[\w)»])([;!?]|:(?=\s|$))(?=\s|$|[)»!?])", "\u00a0\\1", text)
        text = re.sub(r"(?<=\w)\u00a0:(?=//)", ":", text)
    return text


def long_date(date: _dt.date, language: str) -> str:
    """The date written out: ``23 février 2026`` / ``23 February 2026``."""
    return written_date(date, language)


def creation_date(letter: Letter) -> _dt.datetime:
    """The fixed creation date written in the PDF, so builds are reproducible.

    The letter's date (midnight UTC) when it has one; otherwise
    ``SOURCE_DATE_EPOCH`` when set; otherwise 1970-01-01 UTC. Never the clock.

    Raises:
        ConfigError: ``SOURCE_DATE_EPOCH`` is set but not an integer.
    """
    if letter.date_value is not None:
        day = letter.date_value
        return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        except (ValueError, OverflowError, OSError) as exc:
            raise ConfigError(
                f"SOURCE_DATE_EPOCH '{epoch}' is not a Unix time", cause=str(exc)
            ) from exc
    return _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


# -- blocks --------------------------------------------------------------------


@dataclass(slots=True)
class _Block:
    """One unit of the document: a heading, a paragraph or a list item.

    ``role`` is H1, H2, H3, P or LI. List items of one list share ``list_id``.
    ``outline`` is the bookmark level of a heading (None: no bookmark).
    """

    role: str
    text: str
    outline: int | None = None
    list_id: int | None = None
    lines: list[str] = field(default_factory=list)


def document_title(letter: Letter, names: frozenset[str]) -> str:
    """The document title: who writes to whom (never the file name)."""
    words = STRINGS[letter.language]
    author = fix_capitals(letter.author or letter.signature, names).strip()
    recipient = fix_capitals(
        letter.recipient.name or letter.recipient.organisation, names
    ).strip()
    if author and recipient:
        title = words["title"].format(author=author, recipient=recipient)
    elif author:
        title = words["title_from"].format(author=author)
    else:
        title = words["title_plain"]
    return typeset(title, letter.language)


def section_heading(section: Section, language: str, position: int) -> str:
    """The heading printed for a section ('' for an untitled plain paragraph)."""
    words = STRINGS[language]
    if section.kind == "introduction":
        return section.title or words["introduction"]
    if section.kind == "commitment":
        number = section.number if section.number is not None else position
        return words["commitment"].format(number=number, title=section.title).strip()
    if section.kind == "conclusion":
        return section.title or words["conclusion"]
    if section.kind == "appendix":
        if section.title:
            return words["appendix"].format(title=section.title)
        return words["appendix_plain"]
    return section.title


def _blocks(letter: Letter, summary: dict[str, Any] | None) -> list[_Block]:
    """Turn the letter (and summary) into blocks in reading order."""
    lang = letter.language
    words = STRINGS[lang]
    names = capital_names(letter)
    list_ids = iter(range(1, 1_000_000))

    def text(value: str) -> str:
        return typeset(fix_capitals(value, names), lang)

    out: list[_Block] = [_Block("H1", document_title(letter, names), outline=0)]

    # Title block: who writes, to whom, when, about what.
    author = ", ".join(p for p in (letter.author, letter.author_role) if p.strip())
    if author:
        out.append(_Block("P", text(words["from"].format(value=author))))
    recipient = letter.recipient
    to_parts = (recipient.name, recipient.role, recipient.organisation, *recipient.address)
    to = ", ".join(p for p in to_parts if p.strip())
    if to:
        out.append(_Block("P", text(words["to"].format(value=to))))
    if letter.date_value is not None:
        day = long_date(letter.date_value, lang)
        line = (
            words["date_place"].format(date=day, place=letter.place)
            if letter.place
            else words["date"].format(value=day)
        )
        out.append(_Block("P", text(line)))
    if letter.subject:
        out.append(_Block("P", text(words["subject"].format(value=letter.subject))))

    # Headings of the letter's sections, in order, for the contents list.
    headings: list[tuple[Section, str]] = []
    for position, section in enumerate(letter.sections, start=1):
        commitment_number = sum(1 for s in letter.sections[:position] if s.kind == "commitment")
        headings.append((section, section_heading(section, lang, commitment_number)))

    contents = [words["summary"]] if summary else []
    contents += [heading for _, heading in headings if heading]
    if contents:
        out.append(_Block("H2", words["contents"], outline=1))
        list_id = next(list_ids)
        out += [_Block("LI", text(item), list_id=list_id) for item in contents]

    if summary:
        out += _summary_blocks(summary, lang, text, list_ids)

    # Where the closing and signature go: after the conclusion, or after the
    # last section that is not an appendix.
    closing_after = len(letter.sections) - 1
    for index, section in enumerate(letter.sections):
        if section.kind != "appendix":
            closing_after = index
    for index, section in enumerate(letter.sections):
        if section.kind == "conclusion":
            closing_after = index

    for index, (section, heading) in enumerate(headings):
        if heading:
            out.append(_Block("H2", text(heading), outline=1))
        if section.kind == "introduction" and letter.salutation:
            out.append(_Block("P", text(letter.salutation)))
        out += [_Block("P", text(p)) for p in section.paragraphs if p.strip()]
        if section.items:
            list_id = next(list_ids)
            out += [_Block("LI", text(i), list_id=list_id) for i in section.items if i.strip()]
        if index == closing_after:
            if letter.closing:
                out.append(_Block("P", text(letter.closing)))
            if letter.signature:
                out.append(_Block("P", text(letter.signature)))
    return out


def _summary_blocks(
    summary: dict[str, Any], lang: str, text: Callable[[str], str], list_ids: Iterator[int]
) -> list[_Block]:
    """The « En bref » part: block headings (H3) and one paragraph per sentence."""
    words = STRINGS[lang]
    out = [_Block("H2", words["summary"], outline=1)]
    blocks = [b for b in summary.get("blocks", ()) if isinstance(b, dict)]
    if blocks:
        for block in blocks:
            heading = str(block.get("heading") or "").strip()
            if heading:
                out.append(_Block("H3", text(heading), outline=2))
            out += [_Block("P", text(str(s))) for s in block.get("sentences", ()) if str(s).strip()]
    else:
        for sentence in summary.get("sentences", ()):
            value = sentence.get("text", "") if isinstance(sentence, dict) else str(sentence)
            if value.strip():
                out.append(_Block("P", text(value)))
    glossary = [g for g in summary.get("glossary", ()) if isinstance(g, dict) and g.get("term")]
    if glossary:
        out.append(_Block("H3", words["glossary"], outline=2))
        list_id = next(list_ids)
        sep = "\u00a0: " if lang == "fr" else ": "
        for entry in glossary:
            item = f"{entry['term']}{sep}{entry.get('definition', '')}".strip()
            out.append(_Block("LI", text(item), list_id=list_id))
    return out


# -- layout --------------------------------------------------------------------


@dataclass(slots=True)
class _Fragment:
    """Consecutive lines of one block placed on one page."""

    block: int
    first_line: int
    lines: list[str]
    y: float  # top of the first line box, mm


class _Layout:
    """Metrics and pagination for one set of options."""

    def __init__(self, pdf: FPDF, opts: PdfOptions) -> None:
        self.pdf = pdf
        self.opts = opts
        self.body = opts.font_size
        self.sizes = {
            "H1": opts.font_size + 2 * opts.heading_increase,
            "H2": opts.font_size + 1.5 * opts.heading_increase,
            "H3": opts.font_size + opts.heading_increase,
            "P": opts.font_size,
            "LI": opts.font_size,
        }
        self.margin = opts.margin_mm
        self.left = opts.margin_mm
        self.right = pdf.w - opts.margin_mm
        self.top = opts.margin_mm
        # The page number sits inside the bottom margin line, one body line high,
        # with a blank line above it: body text stops above that.
        self.footer_height = self.line_height("P")
        self.bottom = pdf.h - opts.margin_mm - 2 * self.footer_height
        self.indent = 1.5 * opts.font_size * PT_TO_MM  # list item text, after the bullet

    def line_height(self, role: str) -> float:
        return self.sizes[role] * self.opts.line_spacing * PT_TO_MM

    def space_before(self, role: str) -> float:
        """A blank body line between paragraphs; more above headings."""
        body_line = self.line_height("P")
        if role in ("H1", "H2", "H3"):
            return 1.5 * body_line
        if role == "LI":
            return 0.5 * body_line
        return body_line

    def width(self, role: str) -> float:
        full = self.right - self.left
        return full - self.indent if role == "LI" else full

    def set_font(self, role: str) -> None:
        style = "B" if role in ("H1", "H2", "H3") else ""
        self.pdf.set_font(FONT_FAMILY, style=style, size=self.sizes[role])

    def wrap(self, block: _Block) -> list[str]:
        """Greedy left-aligned word wrap; breaks only at ordinary spaces.

        No hyphenation. A single word wider than the line (a long web
        address) is cut between characters, the only way to keep it inside
        the margins.
        """
        self.set_font(block.role)
        width = self.width(block.role)
        measure = self.pdf.get_string_width
        lines: list[str] = []
        current = ""
        for word in block.text.split(" "):
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            # Room is kept for the space that ends a broken line (see below).
            if measure(candidate + " ") <= width:
                current = candidate
                continue
            if current:
                lines.append(current + " ")
            current = word
            while measure(current + " ") > width:
                cut = len(current) - 1
                while cut > 1 and measure(current[:cut]) > width:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        if current:
            lines.append(current)
        # A line that ends at a break keeps its space (drawn, invisible), so
        # text extraction and screen readers do not glue the words together.
        return lines or [""]

    def paginate(self, blocks: list[_Block]) -> list[list[_Fragment]]:
        """Place every block's lines on pages.

        Rules: a heading never splits and moves to the next page unless its
        next block's first two lines fit below it; a paragraph or list item
        leaves at least two lines at the foot and at the head of a page when
        it is split (a two- or three-line block is not split).
        """
        for block in blocks:
            block.lines = self.wrap(block)
        pages: list[list[_Fragment]] = [[]]
        y = self.top

        def new_page() -> None:
            nonlocal y
            pages.append([])
            y = self.top

        for index, block in enumerate(blocks):
            lh = self.line_height(block.role)
            at_top = not pages[-1]
            gap = 0.0 if at_top else self.space_before(block.role)
            lines = block.lines
            if block.role in ("H1", "H2", "H3"):
                need = gap + lh * len(lines)
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if following is not None:
                    following.lines = following.lines or self.wrap(following)
                    keep = min(2, len(following.lines))
                    need += self.space_before(following.role) + keep * self.line_height(
                        following.role
                    )
                if y + need > self.bottom and not at_top:
                    new_page()
                    gap = 0.0
                y += gap
                # A heading taller than a page is split as a last resort.
                start = 0
                while start < len(lines):
                    fit = max(1, int((self.bottom - y + 1e-6) // lh))
                    chunk = lines[start : start + fit]
                    pages[-1].append(_Fragment(index, start, chunk, y))
                    y += lh * len(chunk)
                    start += len(chunk)
                    if start < len(lines):
                        new_page()
                continue

            min_first = len(lines) if len(lines) <= 3 else 2
            if y + gap + lh * min_first > self.bottom and not at_top:
                new_page()
                gap = 0.0
            y += gap
            start = 0
            while start < len(lines):
                fit = int((self.bottom - y + 1e-6) // lh)
                remaining = len(lines) - start
                if fit >= remaining:
                    take = remaining
                else:
                    take = fit
                    if remaining - take < 2:
                        take = remaining - 2  # no widow: carry two lines over
                    if take < 2 and pages[-1]:
                        take = 0  # no orphan: start on the next page
                if take <= 0:
                    if pages[-1]:
                        new_page()
                        continue
                    take = min(remaining, max(1, fit))  # alone on a page: place what fits
                chunk = lines[start : start + take]
                pages[-1].append(_Fragment(index, start, chunk, y))
                y += lh * len(chunk)
                start += take
                if start < len(lines):
                    new_page()
        if not pages[-1] and len(pages) > 1:
            pages.pop()
        return pages


# -- drawing -------------------------------------------------------------------


def _draw(
    pdf: FPDF,
    tags: Tagger,
    layout: _Layout,
    blocks: list[_Block],
    pages: list[list[_Fragment]],
    theme: Theme,
    language: str,
) -> None:
    """Paint the paginated blocks, tagging each fragment and the page numbers."""
    words = STRINGS[language]
    elements: dict[int, TagElem] = {}
    labels: dict[int, TagElem] = {}
    lists: dict[int, TagElem] = {}
    total = len(pages)
    for page_number, fragments in enumerate(pages, start=1):
        pdf.add_page()
        if theme.background != (255, 255, 255):
            with tags.artifact(kind="Layout", subtype=""):
                pdf.set_fill_color(*theme.background)
                pdf.rect(0, 0, pdf.w, pdf.h, style="F")
        for fragment in fragments:
            block = blocks[fragment.block]
            role = block.role
            layout.set_font(role)
            colour = theme.heading if role in ("H1", "H2", "H3") else theme.text
            pdf.set_text_color(*colour)
            size_mm = layout.sizes[role] * PT_TO_MM
            lh = layout.line_height(role)
            # Baseline: the glyphs sit centred in the line box.
            baseline = (lh - size_mm) / 2 + 0.8 * size_mm
            elem = elements.get(fragment.block)
            if elem is None:
                if role == "LI":
                    list_id = block.list_id or 0
                    parent = lists.get(list_id)
                    if parent is None:
                        parent = lists[list_id] = tags.element("L")
                    item = tags.element("LI", parent)
                    labels[fragment.block] = tags.element("Lbl", item)
                    elem = tags.element("LBody", item)
                else:
                    elem = tags.element(role)
                elements[fragment.block] = elem
                if block.outline is not None:
                    add_bookmark(pdf, block.text, block.outline, pdf.page, fragment.y, elem)
            x = layout.left
            if role == "LI":
                x += layout.indent
                if fragment.first_line == 0:
                    with tags.marked(labels[fragment.block]):
                        pdf.text(layout.left, fragment.y + baseline, BULLET)
            with tags.marked(elem):
                for offset, line in enumerate(fragment.lines):
                    pdf.text(x, fragment.y + offset * lh + baseline, line)
        # Page number, at body size, as a pagination artifact.
        with tags.artifact(subtype="Footer"):
            layout.set_font("P")
            pdf.set_text_color(*theme.text)
            label = typeset(words["page"].format(page=page_number, total=total), language)
            lh = layout.line_height("P")
            size_mm = layout.body * PT_TO_MM
            top = pdf.h - layout.margin - lh
            pdf.text(layout.left, top + (lh - size_mm) / 2 + 0.8 * size_mm, label)
    tags.close_check()


# -- entry point ---------------------------------------------------------------


def _load_summary(out_dir: Path) -> dict[str, Any] | None:
    """The easy-read summary written by the summary renderer, if any."""
    try:
        from .summary import load_summary
    except ImportError:  # the summary module is not there yet
        return None
    return load_summary(out_dir)


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

        layout = _Layout(pdf, opts)
        blocks = _blocks(letter, summary)
        pages = layout.paginate(blocks)
        _draw(pdf, tags, layout, blocks, pages, theme, lang)
        return bytes(pdf.output())
    except (FPDFException, RuntimeError, ValueError, KeyError, OSError) as exc:
        raise RenderError("cannot build the large-print PDF", cause=str(exc)) from exc


def render_pdf(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the large-print PDF of ``letter`` into ``out_dir``.

    Args:
        letter: the letter model.
        out_dir: the letter's output folder (exists).
        opts: build options; only ``opts.pdf`` is read.

    Returns:
        One Artifact: ``gros-caracteres.pdf`` (``large-print.pdf`` in English).

    Raises:
        ConfigError: PDF options out of range.
        RenderError: the PDF could not be built or the summary is unreadable.
        OutputError: the file cannot be written.
    """
    if inputs is None:
        summary = _load_summary(Path(out_dir))
    else:  # the build's Summary value (render/summary.py), as the dict build_pdf reads
        value = inputs.get("summary")
        summary = None if value is None else value.to_dict()
    data = build_pdf(letter, opts.pdf, summary)
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
                "tagged": "PDF/UA-1",
                "sha256": sha256_bytes(data),
            },
        )
    ]


def _count_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio between two sRGB colours (1 to 21)."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


__all__ = [
    "FILE_NAMES",
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
