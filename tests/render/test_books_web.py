"""The web page offers the talking books and the Word file, each with its size and purpose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from book_checks import rich_letter
from web_fakes import write_fake_audio, write_fake_summary

from a11y_pub.options import BuildOptions
from a11y_pub.render.daisy import render_daisy
from a11y_pub.render.docx import render_docx
from a11y_pub.render.epub import render_epub
from a11y_pub.render.web import render_web


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", {"livre-audio.epub": "Le livre audio (EPUB 3)", "livre-audio-daisy.zip": "DAISY 2.02", "gros-caracteres.docx": "(Word, "}),
        ("en", {"talking-book.epub": "The talking book (EPUB 3)", "talking-book-daisy.zip": "DAISY 2.02", "large-print.docx": "(Word, "}),
    ],
)
def test_page_links_each_book_with_its_size(tmp_path: Path, language: str, expected: dict[str, str]) -> None:
    letter = rich_letter(language)
    write_fake_audio(tmp_path, letter, summary=write_fake_summary(tmp_path, letter))
    for render in (render_epub, render_daisy, render_docx):
        render(letter, tmp_path, BuildOptions())
    artifacts = render_web(letter, tmp_path, BuildOptions())
    page = (tmp_path / "web" / "index.html").read_text(encoding="utf-8")
    for name, words in expected.items():
        link = re.search(rf'<a href="{re.escape(name)}" type="[^"]+">([^<]*)</a>', page)
        assert link is not None, name
        assert words in link.group(1) and re.search(r"\d+(,\d)?\u00a0(Ko|Mo|KB|MB)", link.group(1)), link.group(1)
        assert (tmp_path / "web" / name).read_bytes() == (tmp_path / name).read_bytes()
        assert f"web/{name}" in {a.path for a in artifacts}


def test_page_without_books_has_no_book_links(tmp_path: Path) -> None:
    letter = rich_letter("fr")
    render_web(letter, tmp_path, BuildOptions())
    assert ".epub" not in (tmp_path / "web" / "index.html").read_text(encoding="utf-8")
