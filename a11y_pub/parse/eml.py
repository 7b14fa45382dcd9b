"""Saved e-mails (``.eml``) -> ``RawText``, with the standard library's ``email`` package.

The envelope comes first as header lines (``From:``, ``To:``, ``Date:``,
``Subject:``, decoded), then the body: the text part, or the HTML part as
text when there is no text part. The structure finder reads the header
lines into the metadata (see ``structure.email``). An HTML twin of the text
part and attachments are set aside in ``RawText.left_out``.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from ..errors import ParseError
from ..model import LeftOut
from .encoding import check_text, read_bytes
from .raw import Line, RawText

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol"}


class _TextOfHtml(HTMLParser):
    """Text of an HTML body: block elements end lines, paragraphs get a blank line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(html: str) -> str:
    """Plain text of an HTML fragment (paragraphs separated by blank lines)."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_eml(path: Path, max_bytes: int) -> RawText:
    """Read a saved e-mail: header lines, then the text (or HTML) part.

    Raises:
        ParseError: not an e-mail, or no text or HTML part.
    """
    data = read_bytes(path, max_bytes)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is a last resort
        raise ParseError("not a readable e-mail file", path=path, cause=type(exc).__name__) from exc
    if not isinstance(message, EmailMessage) or message.get("From") is None:
        raise ParseError("not an e-mail file (no From: header)", path=path)
    left_out: list[LeftOut] = []
    body = _body(message, left_out, path)
    header = [f"{name}: {' '.join(str(message[name]).split())}" for name in ("From", "To", "Date", "Subject") if message[name]]
    text = check_text("\n".join([*header, "", body]), path)
    return RawText(path=path, lines=tuple(Line(t.rstrip()) for t in text.split("\n")), fmt="eml", left_out=tuple(left_out))


def _body(message: EmailMessage, left_out: list[LeftOut], path: Path) -> str:
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    for part in message.iter_attachments():
        name = part.get_filename() or part.get_content_type()
        left_out.append(LeftOut(name, "other", "attachment, not read"))
    try:
        if plain is not None:
            text = plain.get_content()
            if html is not None:
                left_out.append(LeftOut(html_text(html.get_content()), "duplicate", "HTML part, the same message as the text part"))
            return text
        if html is not None:
            return html_text(html.get_content())
    except (LookupError, ValueError) as exc:
        raise ParseError("e-mail body cannot be decoded", path=path, cause=str(exc)) from exc
    raise ParseError("e-mail has no text or HTML part", path=path)
