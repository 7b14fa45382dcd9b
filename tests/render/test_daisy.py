"""DAISY 2.02 talking book: NCC metadata, SMIL clips against MP3s and text ids, reproducibility."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from book_checks import XHTML, check_daisy, rich_letter
from web_fakes import write_fake_audio, write_fake_summary

from a11y_pub.errors import RenderError
from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions
from a11y_pub.render.daisy import render_daisy


def make_daisy(out_dir: Path, letter: Letter) -> list[str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    write_fake_audio(out_dir, letter, summary=write_fake_summary(out_dir, letter))
    return [a.path for a in render_daisy(letter, out_dir, BuildOptions())]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out_dir = tmp_path_factory.mktemp("daisy")
    return out_dir, make_daisy(out_dir, rich_letter("fr"))


def test_book_passes_the_daisy_checks(built: tuple[Path, list[str]]) -> None:
    out_dir, paths = built
    found = check_daisy(out_dir / "daisy")
    assert found["meta"]["dc:language"] == "fr"
    assert found["meta"]["dc:title"] == "Lettre de Marie Durand à Paul Martin"
    assert found["headings"] == [
        "Lettre de Marie Durand à Paul Martin", "Introduction", "1. Des moyens", "2. La prévention", "Conclusion", "Résumé facile à lire",
    ]
    assert found["clips"] > 10
    assert paths[0] == "daisy/ncc.html" and "daisy/master.smil" in paths and paths[-1] == "livre-audio-daisy.zip"


def test_only_the_section_files_are_copied(built: tuple[Path, list[str]]) -> None:
    out_dir, _ = built
    copied = sorted(p.name for p in (out_dir / "daisy").glob("*.mp3"))
    assert "00-lettre-complete.mp3" not in copied  # the whole-letter file repeats the sections
    assert len(copied) == 5


def test_master_smil_lists_every_section_smil(built: tuple[Path, list[str]]) -> None:
    out_dir, _ = built
    master = ElementTree.fromstring((out_dir / "daisy" / "master.smil").read_text(encoding="utf-8"))
    refs = [r.get("src") for r in master.iter("ref")]
    assert refs == sorted(p.name for p in (out_dir / "daisy").glob("c*.smil"))


def test_content_document_is_xhtml_with_the_letter_structure(built: tuple[Path, list[str]]) -> None:
    out_dir, _ = built
    text = (out_dir / "daisy" / "content.html").read_text(encoding="utf-8")
    assert "-//W3C//DTD XHTML 1.0" in text and "epub:" not in text
    root = ElementTree.fromstring(text)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert len(list(root.iter(f"{XHTML}table"))) == 1 and len(list(root.iter(f"{XHTML}th"))) == 2
    assert next(root.iter(f"{XHTML}ol")).get("start") == "3"
    assert next(root.iter(f"{XHTML}strong")).text == "Nous financerons trois postes."


def test_zip_holds_the_folder_and_two_builds_are_identical(tmp_path: Path) -> None:
    make_daisy(tmp_path / "a", rich_letter("en"))
    make_daisy(tmp_path / "b", rich_letter("en"))
    first = (tmp_path / "a" / "talking-book-daisy.zip").read_bytes()
    assert first == (tmp_path / "b" / "talking-book-daisy.zip").read_bytes()
    names = zipfile.ZipFile(tmp_path / "a" / "talking-book-daisy.zip").namelist()
    assert names[0] == "daisy/ncc.html"
    assert sorted(names) == sorted(f"daisy/{p.name}" for p in (tmp_path / "a" / "daisy").iterdir())
    check_daisy(tmp_path / "a" / "daisy")


def test_without_audio_it_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="needs the audio"):
        render_daisy(rich_letter("fr"), tmp_path, BuildOptions())


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("c02.smil", 'src="content.html#', 'src="content.html#missing-', "no id"),
        ("c02.smil", ".mp3", ".wav", "is missing"),
        ("ncc.html", 'name="ncc:totalTime" content="00:', 'name="ncc:totalTime" content="01:', ""),
        ("ncc.html", 'name="ncc:multimediaType" content="audioFullText"', 'name="ncc:multimediaType" content="textNCC"', ""),
    ],
)
def test_the_checker_catches_broken_books(tmp_path: Path, file: str, old: str, new: str, problem: str) -> None:
    make_daisy(tmp_path, rich_letter("fr"))
    path = tmp_path / "daisy" / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(AssertionError, match=problem or None):
        check_daisy(tmp_path / "daisy")
