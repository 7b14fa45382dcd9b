"""``--only`` accepts the books' names; a DAISY book asked for without audio is one clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.cli import main

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "tests" / "letters" / "en-questions.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    return int(info.value.code or 0), capsys.readouterr().err


def test_only_docx_writes_the_word_file_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["build", str(LETTER), "-o", str(tmp_path), "--only", "docx", "-q"], capsys)
    assert code == 0, err
    folder = tmp_path / LETTER.stem
    assert (folder / "large-print.docx").is_file()
    assert not (folder / "audio").exists() and not (folder / "talking-book.epub").exists()


def test_only_daisy_without_audio_is_one_line_naming_the_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["build", str(LETTER), "-o", str(tmp_path), "--only", "daisy"], capsys)
    lines = [line for line in err.splitlines() if "error" in line]
    assert code == 1
    assert len(lines) == 1 and LETTER.stem in lines[0] and "the DAISY book needs the audio: build the audio too (--only audio,daisy)" in lines[0]
    assert "Traceback" not in err


def test_unknown_output_lists_the_books(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["build", str(LETTER), "-o", str(tmp_path), "--only", "epub3"], capsys)
    assert code == 2
    assert "epub, daisy, docx" in err
