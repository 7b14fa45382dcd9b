"""Make a letter written as text into the other formats staff receive it in.

Each maker takes the lines of a text fixture and what its golden model says
about them (where the greeting and the signature are), and writes the same
letter the way people write it in that format:

- ``make_docx``: one Word paragraph per line; the sender and recipient
  blocks and the signature block typed with soft line breaks (Shift+Enter);
  numbered items typed (« 1. ») or, with ``word_numbering``, set with
  Word's own numbering (the number is not in the text); bullets with the
  "List Bullet" style; short unpunctuated lines in the body as a heading
  style or in bold.
- ``make_pdf``: fpdf2 with the package's embedded TTF font: the sender block
  on the left, the recipient block on the right (beside the sender block
  with ``side_by_side``), justified paragraphs, bold headings, a page
  number at the foot of every page.
- ``make_eml``: the letter pasted as the body of an e-mail, ``text/plain``
  alone or with an HTML twin (``multipart/alternative``).
- ``make_md``: Markdown: headings with ``##``, address blocks with hard
  line breaks, lists as written.

Nothing here reads the parser: the makers only use the fixture's text and
the golden model's salutation and signature to know the letter's parts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import a11y_pub
from a11y_pub.model import Letter

FONTS = Path(a11y_pub.__file__).resolve().parent / "data" / "fonts"
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s*(?=\S)")
_LABELLED = re.compile(r"(?i)^(?:objet|subject|re|concerne)\s*:")
_BULLET = re.compile(r"^[-•*–]\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Parts:
    """A text letter cut into blocks (runs of non-blank lines) and where its parts are.

    ``greeting`` is the index of the block holding the salutation (-1 when
    the letter has none); ``body`` the index of the body's first block; ``tail`` the index of the first line of the
    signature within the flat ``lines`` list (``len(lines)`` when none).
    """

    blocks: tuple[tuple[str, ...], ...]
    greeting: int
    tail: int
    body: int = 0  # index of the first block of the body (after the greeting, or the first of the golden text)

    @property
    def lines(self) -> list[str]:
        return [line for block in self.blocks for line in block]


def cut(text: str, golden: Letter) -> Parts:
    """The blocks of ``text`` and, from ``golden``, where the greeting and signature are."""
    blocks: list[tuple[str, ...]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(tuple(current))
            current = []
    if current:
        blocks.append(tuple(current))
    greeting = next((i for i, b in enumerate(blocks) if golden.salutation and b[0].strip() == golden.salutation), -1)
    lines = [line for block in blocks for line in block]
    tail = len(lines)
    if golden.signature:
        found = [i for i, line in enumerate(lines) if line.strip().rstrip(" ,").casefold() == golden.signature.casefold()]
        if found:
            tail = found[-1]
    body = greeting + 1
    if greeting < 0 and golden.sections:  # no greeting: the header ends where the golden text starts
        start = _fold(golden.sections[0].title or golden.sections[0].text)[:30]
        body = next((i for i, b in enumerate(blocks) if _fold(" ".join(b)).startswith(start)), 0)
    return Parts(tuple(blocks), greeting, tail, body)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def heading_like(line: str) -> bool:
    """A short unpunctuated line that is not a list item: a title a writer would set apart."""
    text = line.strip()
    return (
        0 < len(text.split()) <= 10
        and text[-1] not in ".!?;,:…»\"'’)"
        and not _NUMBERED.match(text)
        and not _BULLET.match(text)
    )


def _groups(parts: Parts) -> list[tuple[str, list[str]]]:
    """(role, lines) in order. Roles: "address" (a multi-line header block or the signature block,
    typed with soft breaks), "header" (a one-line header block, the greeting included), "line"
    (a paragraph of the body), "tail" (a one-line paragraph from the signature on)."""
    out: list[tuple[str, list[str]]] = []
    position = 0
    for index, block in enumerate(parts.blocks):
        start = position
        position += len(block)
        if index < parts.body and _LABELLED.match(block[0].strip()):
            out.append(("header", [" ".join(_unwrap(list(block)))]))  # a subject line wrapped by the text file
        elif index < parts.body:
            out.append(("address" if len(block) > 1 and index != parts.greeting else "header", list(block)))
        if index < parts.body:
            continue
        if start >= parts.tail:
            out += [("tail", [line]) for line in _unwrap(list(block))]
            continue
        signature = start <= parts.tail < position  # the signature's own block: typed with soft breaks
        body = _unwrap([line for offset, line in enumerate(block) if not signature or start + offset < parts.tail])
        tail = [line for offset, line in enumerate(block) if signature and start + offset >= parts.tail]
        out += [("line", [line]) for line in body]
        while tail:  # the signature's lines go with soft breaks; a sentence after them (P.S.) is a paragraph
            cut_at = next((i for i, line in enumerate(tail) if line.strip()[-1:] in ".!?"), len(tail))
            lines, tail = (tail[:cut_at], tail[cut_at:]) if cut_at else (tail[:1], tail[1:])
            out.append(("address" if len(lines) > 1 else "tail", lines))
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Lines of one paragraph wrapped by the text file joined again: a line that starts in lower case continues."""
    out: list[str] = []
    for line in lines:
        text = line.strip()
        wrapped = out and out[-1][-1:] not in ".!?:;…" and (text[:1].islower() or len(out[-1]) >= 60)
        if wrapped and not _BULLET.match(text) and not _NUMBERED.match(text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def make_docx(parts: Parts, path: Path, *, word_numbering: bool, heading_style: bool) -> Path:
    """Write ``parts`` as a Word document at ``path``."""
    import docx

    document = docx.Document()
    for role, lines in _groups(parts):
        if role == "address" or (role == "header" and len(lines) > 1):
            paragraph = document.add_paragraph()
            for index, line in enumerate(lines):
                run = paragraph.add_run(line.strip())
                if index < len(lines) - 1:
                    run.add_break()  # a soft line break, as Shift+Enter types it
            continue
        line = lines[0].strip()
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        if bullet and role == "line":
            document.add_paragraph(line[bullet.end() :], style="List Bullet")
        elif numbered and word_numbering and role == "line":
            document.add_paragraph(line[numbered.end() :], style="List Number")
        elif role == "line" and heading_like(line):
            if heading_style:
                document.add_paragraph(line, style="Heading 2")
            else:
                document.add_paragraph().add_run(line).bold = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def make_pdf(parts: Parts, path: Path, *, side_by_side: bool) -> Path:
    """Write ``parts`` as an A4 PDF at ``path`` (fpdf2, embedded TTF, page numbers)."""
    from fpdf import FPDF

    class _Letter(FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("atkinson", size=9)
            self.cell(0, 8, f"{self.page_no()}/{{nb}}", align="C")

    pdf = _Letter(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_font("atkinson", "", str(FONTS / "AtkinsonHyperlegible-Regular.ttf"))
    pdf.add_font("atkinson", "B", str(FONTS / "AtkinsonHyperlegible-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("atkinson", size=11)
    groups = _groups(parts)
    addresses = [i for i, (role, _) in enumerate(groups) if role == "address" and i < _first_body(groups)]
    top = pdf.get_y()
    for index, (role, lines) in enumerate(groups):
        if index in addresses:
            right = addresses.index(index) % 2 == 1
            if right and side_by_side:
                pdf.set_y(top)
            top = pdf.get_y()
            for line in lines:
                pdf.set_x(115 if right else pdf.l_margin)
                pdf.cell(80, 6, line.strip(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(6)
            continue
        for line in lines:
            text = line.strip()
            pdf.set_font("atkinson", "B" if role == "line" and heading_like(text) else "", 11)
            pdf.multi_cell(0, 6, text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    pdf.output(str(path))
    return path


def _first_body(groups: list[tuple[str, list[str]]]) -> int:
    return next((i for i, (role, _) in enumerate(groups) if role not in ("address", "header")), len(groups))


def make_eml(text: str, golden: Letter, path: Path, *, with_html: bool) -> Path:
    """Write ``text`` as the body of a saved e-mail from the letter's author (with an HTML twin)."""
    message = EmailMessage()
    message["From"] = f"{golden.author or 'Campagne'} <contact@campagne.example.org>"
    message["To"] = "contact@association.example.org"
    if golden.date:
        day = datetime.fromisoformat(golden.date).replace(hour=10, tzinfo=UTC)
    else:
        day = datetime(2026, 3, 2, 10, tzinfo=UTC)
    message["Date"] = format_datetime(day)
    message["Subject"] = golden.subject or ("Notre réponse" if golden.language == "fr" else "Our reply")
    message.set_content(text)
    if with_html:
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        body = "".join("<p>" + "<br>\n".join(html.escape(x) for x in p.strip().split("\n")) + "</p>\n" for p in paragraphs)
        message.add_alternative(f'<html lang="{golden.language}"><body>\n{body}</body></html>\n', subtype="html")
    path.write_bytes(bytes(message))
    return path


def make_md(parts: Parts, path: Path) -> Path:
    """Write ``parts`` as Markdown: ``##`` titles, hard breaks in address blocks, lists as typed."""
    out: list[str] = []
    previous_item = False
    for role, lines in _groups(parts):
        if role == "address" or len(lines) > 1:
            out += ["", "  \n".join(x.strip() for x in lines), ""]
            previous_item = False
            continue
        text = lines[0].strip()
        item = role == "line" and bool(_NUMBERED.match(text) or _BULLET.match(text))
        if item and _NUMBERED.match(text):
            text = re.sub(r"^(\d{1,3})[.)]\s*", r"\1. ", text)
        if role == "line" and heading_like(text):
            text = "## " + text
        out += [text] if item and previous_item else ["", text]
        previous_item = item
    path.write_text("\n".join(out).strip() + "\n", encoding="utf-8")
    return path
