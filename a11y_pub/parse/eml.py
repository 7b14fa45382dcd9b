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

_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–])\s+")
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "wbr"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol"}


class _TextOfHtml(HTMLParser):
    """Text of an HTML body: block elements end lines, paragraphs get a blank line.

    ``chunks`` keeps each piece of text with the ``lang`` of the innermost
    element around it that has one ("" when none does).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.chunks: list[tuple[str, str]] = []
        self._skip = 0
        self._langs: list[tuple[str, str]] = []  # (tag, lang) of the open elements that set one
        self.declared = ""  # the first lang met: the outermost element's (<html lang="fr">)
        self.bold: list[str] = []  # the text of each <b>/<strong> element, in order
        self._bold_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if lang is not None and tag not in _VOID_TAGS:
            self._langs.append((tag, lang.strip()))
            self.declared = self.declared or lang.strip()
        if tag in ("b", "strong"):
            self._bold_depth += 1
            if self._bold_depth == 1:
                self.bold.append("")
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self._bold_depth = max(0, self._bold_depth - 1)
        if any(open_tag == tag for open_tag, _ in self._langs):
            while self._langs and self._langs.pop()[0] != tag:
                pass
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            text = re.sub(r"\s+", " ", data)
            self.parts.append(text)
            self.chunks.append((text, self._langs[-1][1] if self._langs else ""))
            if self._bold_depth:
                self.bold[-1] += text


def html_text(html: str) -> str:
    """Plain text of an HTML fragment (paragraphs separated by blank lines)."""
    return _read_html(html)[0]


def html_languages(html: str) -> list[tuple[str, str]]:
    """The passages of an HTML body in another language than most of its text: (text, BCP 47 tag), in order.

    The language of each piece of text is the ``lang`` attribute of the
    innermost element that sets one; the main language is the outermost
    element's (``<html lang="fr">``), else the one of most characters.
    Consecutive pieces in the same other language are joined.
    """
    _, chunks, declared = _read_html(html)
    counts: dict[str, int] = {}
    for text, tag in chunks:
        primary = tag.split("-")[0].lower()
        counts[primary] = counts.get(primary, 0) + len(text.strip())
    if not counts:
        return []
    main = declared.split("-")[0].lower() or max(sorted(counts), key=lambda k: counts[k])
    out: list[tuple[str, str]] = []
    joined = False  # whether the last chunk was in the same other language as out[-1]
    for text, tag in chunks:
        other = bool(tag) and tag.split("-")[0].lower() != main
        if other and joined and out[-1][1] == tag:
            out[-1] = (out[-1][0] + text, tag)
        elif other:
            out.append((text, tag))
        joined = other
    return [(" ".join(t.split()), tag) for t, tag in out if t.strip()]


def html_bold(html: str) -> list[str]:
    """The text of each bold element (``<b>``, ``<strong>``) of an HTML body, whitespace folded, in order."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.bold if text.strip()]


def _read_html(html: str) -> tuple[str, list[tuple[str, str]], str]:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), parser.chunks, parser.declared


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
    body, languages, bold = _body(message, left_out, path)
    header = [f"{name}: {' '.join(str(message[name]).split())}" for name in ("From", "To", "Date", "Subject") if message[name]]
    text = check_text("\n".join([*header, "", body]), path)
    lines = _with_bold_leads([Line(t.rstrip()) for t in text.split("\n")], bold)
    marks = tuple((fragment, "lang", tag) for fragment, tag in languages)
    first = next((i for i, line in enumerate(lines) if i > len(header) and line.text.strip()), None)
    if marks and first is not None:  # the marks keep their order; the structure finder places them on the texts
        lines[first] = Line(lines[first].text, marks=marks)
    return RawText(path=path, lines=tuple(lines), fmt="eml", left_out=tuple(left_out))


def _with_bold_leads(lines: list[Line], bold: list[str]) -> list[Line]:
    """Lines (after a list marker) that start with a bold run of the HTML part get it as their bold lead
    and a ``strong`` mark: the title an HTML list item sets in bold, which the text part cannot show."""
    out: list[Line] = []
    runs = [b for b in bold if len(b.split()) >= 2]
    for line in lines:
        start = _MARKER.match(line.text)
        rest = line.text[start.end() :] if start else line.text
        lead = next((b for b in runs if rest.startswith(b) and len(rest) > len(b)), "")
        out.append(Line(line.text, lead=lead, marks=((lead, "strong", ""),)) if lead else line)
    return out


def _body(message: EmailMessage, left_out: list[LeftOut], path: Path) -> tuple[str, list[tuple[str, str]], list[str]]:
    """The body's text, the passages its HTML part marks as in another language, and its bold runs."""
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    for part in message.iter_attachments():
        name = part.get_filename() or part.get_content_type()
        left_out.append(LeftOut(name, "other", "attachment, not read"))
    try:
        markup = html.get_content() if html is not None else ""
        languages = html_languages(markup) if markup else []
        bold = html_bold(markup) if markup else []
        if plain is not None:
            text = plain.get_content()
            if html is not None:
                left_out.append(LeftOut(html_text(markup), "duplicate", "HTML part, the same message as the text part"))
            return text, languages, bold
        if html is not None:
            return html_text(markup), languages, bold
    except (LookupError, ValueError) as exc:
        raise ParseError("e-mail body cannot be decoded", path=path, cause=str(exc)) from exc
    raise ParseError("e-mail has no text or HTML part", path=path)
