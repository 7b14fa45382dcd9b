"""Every kind of layout in every format it comes in: kind × format against one golden model.

Each text fixture of ``tests/letters/`` is one kind (closings, date
placement, numbering forms, ordinals, bullets, headings, Q&A, recipients,
signature blocks…). The test makes, from its text, the DOCX, PDF, e-mail
and Markdown forms (``made_sources``), parses each and compares it with the
golden model of the text.

Compared: language, author, recipient (civility, name, role,
organisation), date, subject, salutation, closing, signature, and each
section's kind, number, title and words.

Not compared, because a format legitimately cannot carry them the same way:
- spans (bold ``strong`` marks exist in DOCX, PDF and Markdown but not in
  plain text; links and language marks come from the source's markup);
- ``left_out`` (a PDF's page numbers, an e-mail's envelope are set aside
  on purpose; what is set aside is checked by the accounting below);
- ``date`` and ``subject`` in an e-mail when the letter has none (the
  envelope's ``Date:`` and ``Subject:`` then supply them: that is the
  e-mail kind, tested in ``test_formats``);
- the recipient's address, the sender's contact lines and the date line
  (a soft line break or a PDF column may join an address's lines);
- list numbers set by Word's own numbering are compared as numbers, not as
  typed text.

Content accounting holds on every made source: every word the reader
extracted is in the model or in ``left_out``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from a11y_pub.model import Letter
from a11y_pub.parse import read_raw, structure
from a11y_pub.parse.accounting import account

from . import made_sources as made

LETTERS = Path(__file__).resolve().parent.parent / "letters"
KINDS = sorted(p.stem for p in LETTERS.glob("*.txt"))
FORMATS = ("docx", "docx-numbering", "pdf", "pdf-columns", "eml", "eml-html", "md")
# The whole table takes about a minute: the plain e-mail form runs in every quick run,
# the other forms with the slow tests (a PDF takes about a second per letter to make and read).
SLOW = {"pdf", "pdf-columns", "docx", "docx-numbering", "eml-html", "md"}

# (kind, format family) -> why that form of the kind does not exist as staff receive it.
NOT_APPLICABLE: dict[tuple[str, str], str] = {
    ("en-email-quoted-reply", "eml"): "the text is already a pasted e-mail with its headers",
    ("fr-courriel-colle", "eml"): "the text is already a pasted e-mail with its headers",
    ("fr-citation-liste", "eml"): "in an e-mail, '>' lines are quoted history by convention, not a quotation",
}

# (kind, format) -> why it fails today. xfail is strict: a pair that starts passing must leave this table.
KNOWN: dict[tuple[str, str], str] = {}


def _view(letter: Letter, *, fmt: str, golden: Letter) -> dict:
    r = letter.recipient
    return {
        "language": letter.language,
        "author": letter.author,
        "recipient": (r.civility, r.name, r.role, r.organisation),
        "date": letter.date if not (fmt.startswith("eml") and golden.date is None) else None,
        "subject": letter.subject if not (fmt.startswith("eml") and not golden.subject) else "",
        "salutation": letter.salutation,
        "closing": letter.closing,
        "signature": letter.signature,
        "sections": [(s.kind, s.number, s.title, _words(s.text)) for s in letter.sections],
    }


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _make(kind: str, fmt: str, tmp_path: Path, golden: Letter) -> Path:
    text = (LETTERS / f"{kind}.txt").read_text(encoding="utf-8")
    parts = made.cut(text, golden)
    if fmt.startswith("docx"):
        return made.make_docx(parts, tmp_path / f"{kind}.docx", word_numbering=fmt == "docx-numbering",
                              heading_style=KINDS.index(kind) % 2 == 0)
    if fmt.startswith("pdf"):
        return made.make_pdf(parts, tmp_path / f"{kind}.pdf", side_by_side=fmt == "pdf-columns")
    if fmt.startswith("eml"):
        return made.make_eml(text, golden, tmp_path / f"{kind}.eml", with_html=fmt == "eml-html")
    return made.make_md(parts, tmp_path / f"{kind}.md")


def _cases() -> list:
    cases = []
    for kind in KINDS:
        for fmt in FORMATS:
            if (kind, fmt.split("-")[0]) in NOT_APPLICABLE:
                continue
            marks = [pytest.mark.slow] if fmt in SLOW else []
            if (kind, fmt) in KNOWN:
                marks.append(pytest.mark.xfail(reason=KNOWN[(kind, fmt)], strict=True))
            cases.append(pytest.param(kind, fmt, marks=marks, id=f"{kind}-{fmt}"))
    return cases


@pytest.mark.parametrize(("kind", "fmt"), _cases())
def test_kind_in_format_gives_the_golden_model(kind: str, fmt: str, tmp_path: Path) -> None:
    golden = Letter.from_json((LETTERS / f"{kind}.expected.json").read_text(encoding="utf-8"))
    path = _make(kind, fmt, tmp_path, golden)
    raw = read_raw(path)
    letter = structure(raw)
    result = account(raw.source_text, letter)
    assert result.missing == () and result.extra == ()
    assert _view(letter, fmt=fmt, golden=golden) == _view(golden, fmt=fmt, golden=golden)


def test_every_text_kind_is_made_in_every_format() -> None:
    assert len(KINDS) >= 35
    assert {f.split("-")[0] for f in FORMATS} == {"docx", "pdf", "eml", "md"}
