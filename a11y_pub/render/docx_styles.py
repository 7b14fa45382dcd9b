"""The Word file's set-up: large-print styles, page, embedded font, core properties.

Used by ``render/docx.py`` before it writes the letter. Numbers come from
``PdfOptions`` (the large-print defaults of STANDARDS.md: UKAAF, RNIB).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from importlib import resources
from typing import Any

from ..model import Letter
from ..options import PdfOptions
from .epub_shared import book_title, build_time, xml_safe

FONT = "Atkinson Hyperlegible"
FALLBACK_FONT = "Arial"
LINK_COLOUR = "0B3D91"  # dark blue on white: contrast 11:1 (WCAG 1.4.6 asks 7:1)
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
_FONT_FILES = {"Regular": "AtkinsonHyperlegible-Regular.ttf", "Bold": "AtkinsonHyperlegible-Bold.ttf"}
_RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def set_up(document: Any, letter: Letter, words: Mapping[str, Any], layout: PdfOptions, locale: str) -> None:
    """Give a new python-docx ``document`` the large-print styles (``layout``: body size in
    pt, line spacing, margins in mm, paper), the page, the embedded font, the language
    ``locale`` (``fr-FR``) and the core properties of ``letter``."""
    _styles(document, layout, locale)
    _page(document, layout)
    _fonts(document)
    _core(document, letter, words, locale)
    _drop_template_leftovers(document)


def _set_font(rpr: Any, name: str) -> None:
    """Name the font for every script on a run-properties element, dropping theme fonts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)


def _set_lang(rpr: Any, locale: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), locale)
    lang.set(qn("w:bidi"), locale)
    lang.set(qn("w:eastAsia"), locale)


def _styles(document: Any, layout: PdfOptions, locale: str) -> None:
    """Set the document's styles for large print: body text, then headings, then the other blocks."""
    styles = document.styles
    _body_style(styles, layout, locale)
    _heading_styles(styles, layout)
    _block_styles(styles, layout)


def _body_style(styles: Any, layout: PdfOptions, locale: str) -> None:
    """The defaults and ``Normal``: the large-print font, size, line spacing and language."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_font(rpr_default, FONT)
    _set_lang(rpr_default, locale)
    body = Pt(layout.font_size)
    normal = styles["Normal"]
    normal.font.size = body
    _set_font(normal.element.get_or_add_rPr(), FONT)
    _set_lang(normal.element.get_or_add_rPr(), locale)
    fmt = normal.paragraph_format
    fmt.line_spacing = layout.line_spacing
    fmt.space_after = body  # a blank line between paragraphs (RNIB)
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.widow_control = True


def _heading_styles(styles: Any, layout: PdfOptions) -> None:
    """Title and headings: bold, black, upright, larger than the body, kept with what follows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    sizes = {
        "Title": layout.font_size + 2 * layout.heading_increase,
        "Heading 1": layout.font_size + layout.heading_increase + 2,
        "Heading 2": layout.font_size + layout.heading_increase,
    }
    for name, size in sizes.items():
        style = styles[name]
        rpr = style.element.get_or_add_rPr()
        _set_font(rpr, FONT)
        for unwanted in ("w:i", "w:iCs", "w:caps", "w:spacing", "w:kern", "w:color"):
            for element in rpr.findall(qn(unwanted)):
                rpr.remove(element)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(size)
        style.paragraph_format.space_after = Pt(layout.font_size / 2)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.line_spacing = 1.2
        ppr = style.element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):  # the template's Title has a rule under it
            ppr.remove(border)


def _block_styles(styles: Any, layout: PdfOptions) -> None:
    """Lists, quotations (upright, indented), the ``Note`` paragraph and the ``Hyperlink`` character styles."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(layout.font_size / 2)
        contextual = styles[name].element.get_or_add_pPr().find(qn("w:contextualSpacing"))
        if contextual is not None:
            contextual.getparent().remove(contextual)
    quote = styles["Quote"]
    quote_rpr = quote.element.get_or_add_rPr()
    for unwanted in ("w:i", "w:iCs", "w:color"):
        for element in quote_rpr.findall(qn(unwanted)):
            quote_rpr.remove(element)
    quote.font.italic = False
    quote.paragraph_format.left_indent = Mm(12)
    note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.paragraph_format.left_indent = Mm(6)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor.from_string(LINK_COLOUR)


def _page(document: Any, layout: PdfOptions) -> None:
    from docx.shared import Mm

    width, height = PAPER_MM.get(layout.paper, PAPER_MM["a4"])
    for section in document.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = Mm(layout.margin_mm)
        section.top_margin = section.bottom_margin = Mm(layout.margin_mm)


def _fonts(document: Any) -> None:
    """Embed Atkinson Hyperlegible (regular and bold) and declare Arial as its fallback.

    Word's embedding (ECMA-376 Part 1, 17.8.1 and 17.8.3.3): each font is stored
    obfuscated as ``word/fonts/fontN.odttf`` (its first 32 bytes XORed with a key
    derived from a GUID), referenced from the font table with that GUID as
    ``w:fontKey``; ``w:embedTrueTypeFonts`` in the settings keeps them on save.
    """
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = parse_xml(table.blob)
    entry = OxmlElement("w:font")
    entry.set(qn("w:name"), FONT)
    for tag, value in (("w:altName", FALLBACK_FONT), ("w:charset", "00"), ("w:family", "swiss"), ("w:pitch", "variable")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        entry.append(child)
    fonts = resources.files("a11y_pub").joinpath("data/fonts")
    for number, (kind, file_name) in enumerate(_FONT_FILES.items(), start=1):
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"a11y-pub-font:{file_name}")
        data = fonts.joinpath(file_name).read_bytes()
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), _OBFUSCATED, obfuscate_font(data, key), document.part.package)
        r_id = table.relate_to(part, _RT_FONT)
        embed = OxmlElement(f"w:embed{kind}")
        embed.set(qn("r:id"), r_id)
        embed.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
        entry.append(embed)
    root.append(entry)
    from lxml import etree

    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        settings.insert(0, OxmlElement("w:embedTrueTypeFonts"))


def obfuscate_font(data: bytes, key: uuid.UUID) -> bytes:
    """A font obfuscated for embedding in a Word file (ECMA-376 Part 1, 17.8.1).

    The key is the GUID's 32 hex digits read as 16 bytes from the last to the
    first; the font's first 32 bytes are XORed with it (twice over). The same
    operation undoes it.
    """
    digits = key.hex
    mask = bytes(int(digits[i : i + 2], 16) for i in range(30, -1, -2))
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _drop_template_leftovers(document: Any) -> None:
    """python-docx's template carries a thumbnail of another document (not ours to show)
    and Word 2010's copy of the styles (``stylesWithEffects.xml``, 430 kB, which Word
    makes again from ``styles.xml``, where the large-print styles are)."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[r_id]
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[r_id]


def _core(document: Any, letter: Letter, words: Mapping[str, Any], locale: str) -> None:
    moment = build_time(letter).replace(tzinfo=None)
    core = document.core_properties
    core.title = xml_safe(book_title(letter, words))
    core.author = xml_safe((letter.author or letter.signature).strip())
    core.subject = xml_safe(letter.subject.strip())
    core.language = locale
    core.created = moment
    core.modified = moment
    core.last_printed = moment
    core.last_modified_by = ""
    core.revision = 1
    core.keywords = ""
    core.comments = ""
    core.category = ""
