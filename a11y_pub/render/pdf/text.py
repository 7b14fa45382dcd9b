"""Text rules of the large print: typography, names in capitals, dates.

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
import os
import re

from ... import phrases
from ...dates import written_date
from ...errors import ConfigError
from ...model import Letter, Section
from ...phrases import fix_capitals, of_name, to_name
from .style import STRINGS

__all__ = ["capital_names", "creation_date", "document_title", "fix_capitals", "long_date", "section_heading", "typeset"]

_LETTER = r"[^\W\d_]"


def capital_names(letter: Letter) -> frozenset[str]:
    """Words in capitals that are part of a person's name in the letter's metadata."""
    return phrases.capital_names(letter.author, letter.recipient.name, letter.signature)


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


def document_title(letter: Letter, names: frozenset[str]) -> str:
    """The document title: who writes to whom (never the file name)."""
    words = STRINGS[letter.language]
    author = fix_capitals(letter.author or letter.signature, names).strip()
    recipient = fix_capitals(
        letter.recipient.name or letter.recipient.organisation, names
    ).strip()
    if author and recipient:
        title = words["title"].format(author=of_name(author, letter.language), recipient=to_name(recipient, letter.language))
    elif author:
        title = words["title_from"].format(author=of_name(author, letter.language))
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

