"""Large-print constants, themes, printed words and option checks.

Numbers come from STANDARDS.md (UKAAF/RNIB/ACB large print): body never
below 16 pt, headings at least 4 pt larger, line spacing 1.5 to 3, margins
of at least 2 cm; contrast per WCAG 2 (1.4.6, 7:1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import ConfigError
from ...options import PAPERS, RANGES, THEMES, PdfOptions
from ..link import WEB_VERSION

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "fonts"
FONT_FAMILY = "AtkinsonHyperlegible"
FONT_FILES = {
    "": "AtkinsonHyperlegible-Regular.ttf",
    "B": "AtkinsonHyperlegible-Bold.ttf",
}
FILE_NAMES = {"fr": "gros-caracteres.pdf", "en": "large-print.pdf"}
EASY_READ_FILE_NAMES = {"fr": "resume-facile.pdf", "en": "easy-read.pdf"}
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
        "title": "Lettre {author} {recipient}",
        "title_from": "Lettre {author}",
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
        "contents_entry": "{title}, page {page}",
        "contents_alt": "Aller à «\u00a0{title}\u00a0», page {page}",
        "link_web": "Lien vers {target}",
        "link_mail": "Écrire à {target}",
        "web_version": WEB_VERSION["fr"],
        "attribution": "— {value}",
        "easy_read_title": "Résumé facile à lire",
        "easy_read_glossary": "Mots difficiles",
        "easy_read_notice": (
            "Ce texte s’inspire du FALC. C’est un brouillon : des personnes avec un handicap "
            "intellectuel ne l’ont pas relu."
        ),
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
        "contents_entry": "{title}, page {page}",
        "contents_alt": "Go to “{title}”, page {page}",
        "link_web": "Link to {target}",
        "link_mail": "Write to {target}",
        "web_version": WEB_VERSION["en"],
        "attribution": "— {value}",
        "easy_read_title": "Easy read",
        "easy_read_glossary": "Hard words",
        "easy_read_notice": (
            "This text is inspired by easy-read rules. It is a draft: people with learning "
            "disabilities have not checked it."
        ),
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

