"""Easy-read PDF: layout, notice, glossary, tags, read back from the file."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdfua import validate

from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions
from a11y_pub.render import RENDERERS, get_renderer
from a11y_pub.render.pdf.easyread import render_easy_read_pdf
from tests.render.pdf_readback import outline_titles, squash

HERE = Path(__file__).resolve().parent
SUMMARY = HERE / "golden" / "lettre-infantes-ekko-2026-02-23.summary.json"
LETTER = HERE.parent / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def letter() -> Letter:
    return Letter.from_json(LETTER.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def easy_pdf(letter: Letter, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("easy")
    shutil.copy(SUMMARY, folder / "summary.json")
    (artifact,) = render_easy_read_pdf(letter, folder, BuildOptions())
    assert artifact.path == "resume-facile.pdf" and artifact.renderer == "easyread-pdf"
    return folder / artifact.path


def test_it_is_a_renderer_listed_after_the_summary_and_before_the_web_page() -> None:
    names = list(RENDERERS)
    assert names.index("summary") < names.index("easyread-pdf") < names.index("web")
    assert get_renderer("easyread-pdf") is render_easy_read_pdf


def test_title_notice_headings_and_glossary(easy_pdf: Path) -> None:
    summary = json.loads(SUMMARY.read_text(encoding="utf-8"))
    titles = [title for _, title in outline_titles(easy_pdf)]
    headings = [b["heading"] for b in summary["blocks"] if b.get("heading")]
    assert [squash(t) for t in titles] == [squash(t) for t in (summary["title"], *headings, "Mots difficiles")]
    with pdfplumber.open(easy_pdf) as pdf:
        first = pdf.pages[0].extract_text()
        flat = squash("".join(page.extract_text() for page in pdf.pages))
    first = first.replace("’", "'")
    assert "Ce texte s'inspire du FALC. C'est un brouillon" in first
    assert "handicap intellectuel ne l'ont pas relu" in " ".join(first.split())
    for entry in summary["glossary"]:
        assert squash(f"{entry['term']} : {entry['definition']}") in flat


@pytest.mark.slow
def test_one_sentence_per_line_left_aligned_with_generous_spacing(easy_pdf: Path) -> None:
    summary = json.loads(SUMMARY.read_text(encoding="utf-8"))
    sentences = [s for b in summary["blocks"] for s in b["sentences"]]
    with pdfplumber.open(easy_pdf) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text_lines()]
    lines = lines[: next(i for i, line in enumerate(lines) if line["text"] == "Mots difficiles")]
    starts = [squash(line["text"]) for line in lines]
    lefts = {round(line["x0"] / MM) for line in lines if not line["text"].startswith(("•", "Page "))}
    for sentence in sentences:
        head = squash(sentence)[:12]
        assert any(start.startswith(head) for start in starts), f"{sentence!r} does not start a line"
    assert len(lefts) == 1  # one left edge: ragged right, no centring, no indents
    tops = [line["top"] for line in lines]
    gaps = [b - a for a, b in zip(tops, tops[1:], strict=False) if 0 < b - a]
    assert min(gaps) >= 1.75 * 18 * 0.99  # line spacing of at least 1.8 x 18 pt, allowing rounding


def test_tagged_like_the_large_print(easy_pdf: Path) -> None:
    assert validate(str(easy_pdf)).findings == ()
    with pikepdf.open(easy_pdf) as pdf:
        assert str(pdf.Root.Lang) == "fr-FR"
        assert pdf.Root.MarkInfo.Marked
        assert pdf.open_metadata().get("dc:title") == "Résumé facile à lire"


def test_no_summary_no_file_and_a_warning(letter: Letter, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert render_easy_read_pdf(letter, tmp_path, BuildOptions()) == []
    assert "no easy-read summary" in caplog.text
    assert not list(tmp_path.glob("*.pdf"))


class _Inputs:
    """A renderer's view of the build's values (the contract's ``Inputs.get``)."""

    def __init__(self, values: dict) -> None:
        self.values = values

    def get(self, name: str) -> object:
        return self.values.get(name)


def test_the_summary_comes_from_the_build_inputs(letter: Letter, tmp_path: Path) -> None:
    from a11y_pub.render.summary import read_summary

    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(SUMMARY, source / "summary.json")
    target = tmp_path / "out"
    target.mkdir()  # no summary.json here: the value arrives through the inputs
    (artifact,) = render_easy_read_pdf(letter, target, BuildOptions(), inputs=_Inputs({"summary": read_summary(source)}))
    with pdfplumber.open(target / artifact.path) as pdf:
        assert "Ce texte s’inspire du FALC" in pdf.pages[0].extract_text()
    assert render_easy_read_pdf(letter, target, BuildOptions(), inputs=_Inputs({})) == []
