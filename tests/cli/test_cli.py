"""The command line: help, version, exit codes and exact one-line messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub import __version__
from a11y_pub.cli import cli, main

LETTERS = Path(__file__).resolve().parent.parent / "letters"
SAMPLE = LETTERS / "lettre-infantes-ekko-2026-02-23.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0
    assert "Example" in out and f"a11y-pub {command}" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert (code, out.strip()) == (0, f"a11y-pub, version {__version__}")


def test_parse_prints_model_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["parse", str(SAMPLE)], capsys)
    assert code == 0
    assert json.loads(out) == json.loads((LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text())
    first, _, review = err.partition("\n")
    assert first == f"{SAMPLE}: fr, 8 sections (1 introduction, 5 commitment, 1 conclusion, 1 appendix); date 2026-02-23"
    assert review.startswith("# Review of lettre-infantes-ekko-2026-02-23\n")
    assert "- Date: 2026-02-23 (Alès, le 23 févr. 2026,)\n" in review
    assert "- Recipient: Monsieur Bruno MANGIN, Président de l’Association EKKO CSAPA Blannaves" in review
    assert (  # the letterhead repeats the role the signature gives: listed, not printed twice
        "## Left out (1)\n\n- repeated text (the sender's role as the signature gives it): "
        "Candidat aux Élections Municipales d'Alès Liste « Alès, Moderne et Authentique »\n" in review
    )
    assert "## Doubts (0)\n\n- none\n" in review


def test_parse_to_file_and_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "letter.json"
    code, out, err = run(["parse", str(LETTERS / "fr-sans-liste.txt"), "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["sections"][0]["kind"] == "paragraph"
    assert "warning: no list of commitments found" in err


def test_parse_refuses_to_overwrite_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = tmp_path / "letter.json"
    letter.write_text((LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text())
    before = letter.read_bytes()
    code, _, err = run(["parse", str(letter), "-o", str(letter)], capsys)
    assert code == 2 and "would overwrite the input" in err
    assert letter.read_bytes() == before


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b" \n\t\n", "file contains no text (only whitespace)"),
        ("binary.txt", b"\x00\x01\x02" * 100, "not a text file (binary content)"),
        ("bad.json", b"{", "invalid JSON (Expecting property name enclosed in double quotes)"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str) -> None:
    target = tmp_path / name
    target.write_bytes(data)
    for command in (["parse", str(target)], ["build", str(target), "-o", str(tmp_path / "out")]):
        code, out, err = run(command, capsys)
        assert code == 2
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"a11y-pub: error: {target}") and message in lines[0]
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


def test_missing_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["parse", str(tmp_path / "nope.txt")], capsys)
    assert (code, err.strip()) == (2, f"a11y-pub: error: {tmp_path / 'nope.txt'}: file not found")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    from a11y_pub.errors import ParseError

    target = tmp_path / "empty.txt"
    target.write_bytes(b"")
    with pytest.raises(ParseError):
        main(["parse", str(target), "--debug"])


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build"], capsys)
    assert code == 2 and "Missing argument" in err


def test_config_file_unknown_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "a11y-pub.toml"
    config.write_text('engine = "espeak"\nfont_sise = 20\n')
    code, _, err = run(["parse", str(SAMPLE), "--config", str(config)], capsys)
    assert code == 2
    assert err.startswith(f"a11y-pub: error: {config}: unknown setting 'font_sise'")


def test_config_file_syntax_error_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "a11y-pub.toml"
    config.write_text('engine = "espeak"\nfont-size = \n')
    code, _, err = run(["parse", str(SAMPLE), "--config", str(config)], capsys)
    assert code == 2 and err.startswith(f"a11y-pub: error: {config}:2: invalid TOML")


def test_bad_option_value_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(SAMPLE), "--font-size", "12", "-o", str(tmp_path)], capsys)
    assert code == 2 and err.strip() == "a11y-pub: error: option 'font-size': 12.0 is outside 16.0–36.0"


def test_unknown_only_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", str(SAMPLE), "--only", "video", "-o", str(tmp_path)], capsys)
    assert code == 2 and "unknown output(s) in --only: video" in err
