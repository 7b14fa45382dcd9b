"""The three books through the real command: the sample letter (French) and an English fixture.

``a11y-pub build --engine espeak`` writes the EPUB, the DAISY folder and zip and
the Word file beside the other outputs; EPUBCheck and Ace report nothing on the
EPUBs, the DAISY books pass the DAISY 2.02 checks, the Word files read back.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from book_checks import CHROMIUM, ace_command, ace_violations, check_daisy, java, run_ace, run_epubcheck
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[2]
LETTERS = {
    "fr": ROOT / "input" / "lettre-infantes-ekko-2026-02-23.txt",
    "en": ROOT / "tests" / "letters" / "en-titles-apart-postscript.txt",
}
NAMES = {
    "fr": ("livre-audio.epub", "gros-caracteres.docx", "livre-audio-daisy.zip"),
    "en": ("talking-book.epub", "large-print.docx", "talking-book-daisy.zip"),
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("books")
    folders: dict[str, Path] = {}
    for language, letter in LETTERS.items():
        command = [sys.executable, "-m", "a11y_pub", "build", str(letter), "--engine", "espeak", "-o", str(out), "-q"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stderr
        folders[language] = out / letter.stem
    return folders


@pytest.mark.parametrize("language", ["fr", "en"])
def test_build_writes_the_three_books_and_lists_them(built: dict[str, Path], language: str) -> None:
    folder = built[language]
    epub, word, daisy_zip = NAMES[language]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for name in (epub, word, daisy_zip, "daisy/ncc.html", "daisy/master.smil"):
        assert (folder / name).is_file() and name in listed, name
    assert zipfile.ZipFile(folder / daisy_zip).namelist()[0] == "daisy/ncc.html"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_daisy_book_passes_the_checks(built: dict[str, Path], language: str) -> None:
    found = check_daisy(built[language] / "daisy")
    assert found["meta"]["dc:language"] == language
    timings = json.loads((built[language] / "audio" / "timings.json").read_text(encoding="utf-8"))
    sections = [f for f in timings["files"] if f["section_id"] not in ("letter", None)]
    assert sorted(found["mp3"]) == sorted(f["file"] for f in sections)  # every section and the summary, heard in full


@pytest.mark.parametrize("language", ["fr", "en"])
def test_word_file_reads_back(built: dict[str, Path], language: str) -> None:
    document = docx.Document(str(built[language] / NAMES[language][1]))
    assert document.styles["Normal"].font.size == Pt(18)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    letter = json.loads((built[language] / "letter.json").read_text(encoding="utf-8"))
    assert len(headings) == len(letter["sections"]) + 1  # and the easy-read summary
    assert document.core_properties.language.startswith(language)


@pytest.mark.skipif(java() is None, reason="EPUBCheck needs a Java runtime (Debian default-jre-headless)")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_epubcheck_reports_nothing(built: dict[str, Path], language: str, tmp_path: Path) -> None:
    messages = run_epubcheck(built[language] / NAMES[language][0], tmp_path / "epubcheck.json")
    assert [f"{m['severity']} {m['ID']}: {m['message']}" for m in messages] == []


@pytest.mark.skipif(ace_command() is None or CHROMIUM is None, reason="Ace by DAISY (tests/render/get_ace.sh) and chromium are needed")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_ace_reports_no_violation(built: dict[str, Path], language: str, tmp_path: Path) -> None:
    report = run_ace(built[language] / NAMES[language][0], tmp_path / "ace")
    assert ace_violations(report) == []
