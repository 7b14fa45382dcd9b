"""Compiled patterns of letter conventions, shared by the structure finder."""

from __future__ import annotations

import re

from .. import cues

_I = re.IGNORECASE
SALUTATION = re.compile(rf"^{cues.SALUTATION}", _I)
CLOSING = re.compile(rf"(?:^|(?<=[.!?…]\s)){cues.CLOSING}", _I)
SUBJECT = re.compile(rf"^{cues.SUBJECT}", _I)
RECIPIENT_LEAD = re.compile(rf"^{cues.RECIPIENT_LEAD}", _I)
CIVILITY = re.compile(rf"^{cues.CIVILITY}(?=\s)\s*", _I)
CONCLUSION = re.compile(rf"^(?:{cues.SALUTATION}[^,]{{0,40}},\s*)?{cues.CONCLUSION_CUES}", _I)
QUESTION_PREFIX = re.compile(rf"^{cues.QUESTION_PREFIX}", _I)
ANSWER_PREFIX = re.compile(rf"^{cues.ANSWER_PREFIX}", _I)
NUMBERED = re.compile(r"^\s*(?:n[°o]\s*)?(\d{1,3})\s*(?:[.)°]\s+(?=\S)|[.)](?=[A-ZÀ-Ý])|\s[-–—:]\s+(?=\S))")
ROMAN = re.compile(r"^\s*([IVXLC]{1,7})\s*[.)–—-]\s+(?=\S)")
NOUN_NUMBERED = re.compile(
    rf"^\s*{cues.ITEM_NOUNS}\s*(?:n[°o]\s*)?(\d{{1,3}})\s*[.:)–—-]?\s+(?=\S)", _I
)
ORDINAL = re.compile(
    r"^\s*(" + "|".join(w for words in cues.ORDINALS.values() for w in words) + r")\s*[,:.–-]\s+(?=\S)", _I
)
BULLET = re.compile(rf"^\s*[{re.escape(cues.BULLETS)}]\s+(?=\S)")
_MONTHS_RE = "|".join(sorted({m for ms in cues.MONTHS.values() for m in ms}, key=len, reverse=True))
DATE_PATTERNS = (
    re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({_MONTHS_RE})\.?,?\s+(\d{{4}})\b", _I),
    re.compile(rf"\b({_MONTHS_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", _I),
    re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)
POSTCODE = re.compile(r"\b(?:\d{5}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b")
TERMINAL = ".!?…:;,"
CONTACT = re.compile(r"\d|@|www\.|https?:")  # address, phone, e-mail and web lines of a letterhead
POSTSCRIPT = re.compile(r"(?i)^(p\.\s?s\.|ps\b|post-scriptum)\s*[:–-]?\s*")
PAGE_MARK = re.compile(r"(?i)^(?:page\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])$")
FRAME_HEADING = re.compile(rf"^{cues.FRAME_HEADINGS}\s*:?$", _I)
ORDINAL_HEADING = re.compile(rf"^{cues.ORDINAL_HEADING}\s*:?$", _I)
QUESTION_LABEL = re.compile(rf"^{cues.QUESTION_LABEL}\s*$", _I)
ANSWER_LABEL = re.compile(rf"^{cues.ANSWER_LABEL}\s*$", _I)
ROLE = re.compile(rf"^{cues.ROLE_WORDS}", _I)
CLOSING_INSIDE = re.compile(cues.CLOSING_INSIDE, _I)
# The legal imprint printed at the foot of election material (UK "Promoted by …", French « Imprimé par … »).
IMPRINT = re.compile(
    r"(?i)^(?:(?:promoted|printed|published)(?: and (?:promoted|printed|published))? by\b|imprim[ée] par\b|"
    r"ne pas jeter sur la voie publique|vu,? le candidat)"
)
