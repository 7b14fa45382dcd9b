"""Every bad input named in the issues, through the real CLI, in one table.

Each one: exit code 2, exactly one line on stderr naming the file and the
problem, no traceback, and nothing written to the output folder. The inputs
that must work (valid UTF-16, cp1252) build with exit code 0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import LETTERS, SHORT, run_cli, tree

SAMPLE = LETTERS / "lettre-infantes-ekko-2026-02-23.txt"
GOLDEN = LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json"


def _scanned_pdf(path: Path) -> None:
    """A PDF whose page is a drawing only: no text layer, like a scan."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for row in range(40):
        pdf.rect(20, 20 + row * 6, 170, 3, style="F")
    pdf.output(str(path))


def _corrupt_docx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage, not a zip archive" * 20)


def _model(schema: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data = json.loads(GOLDEN.read_text(encoding="utf-8"))
        data["schema"] = schema
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    return write


# (id, file name, how to make it, extra CLI arguments, text the message must contain)
BAD: list[tuple[str, str, Callable[[Path], None] | None, list[str], str]] = [
    ("empty", "vide.txt", lambda p: p.write_bytes(b""), [], "file is empty"),
    ("whitespace", "blanc.txt", lambda p: p.write_bytes(b" \n\t\r\n   \n"), [], "only whitespace"),
    ("binary", "image.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), [], "not a text file"),
    ("invalid-utf16", "lettre-utf16.txt",
     lambda p: p.write_bytes(b"\xff\xfe" + "Madame,\nBonjour.\n".encode("utf-16-le") + b"\x00\xd8"), [],
     "invalid utf-16 text"),
    ("over-size", "enorme.txt", lambda p: p.write_bytes(b"Bonjour tout le monde.\n" * 250_000), [],
     "file is too large"),
    ("over-max-size", "lettre.txt", lambda p: p.write_bytes(SAMPLE.read_bytes()), ["--max-size", "0.001"],
     "file is too large"),
    ("scanned-pdf", "scan.pdf", _scanned_pdf, [], "no text layer"),
    ("corrupt-pdf", "abime.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00" * 64), [],
     "PDF"),
    ("corrupt-docx", "abime.docx", _corrupt_docx, [], "DOCX"),
    ("invalid-json", "lettre.json", lambda p: p.write_text('{"schema": "a11y-pub/letter@1", "sections": [', "utf-8"),
     [], "JSON"),
    ("unknown-schema", "lettre.json", _model("a11y-pub/letter@9"), [], "a11y-pub/letter@9"),
    ("missing-input", "absent.txt", None, [], "file not found"),
]


@pytest.mark.parametrize("name,file_name,make,extra,problem", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, file_name: str,
    make: Callable[[Path], None] | None, extra: list[str], problem: str,
) -> None:
    source = tmp_path / "in" / file_name
    source.parent.mkdir()
    if make is not None:
        make(source)
    before = tree(source.parent)
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(["build", source, "-o", out, "--engine", "espeak", *extra], capsys)
    assert code == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert re.match(rf"a11y-pub: error: {re.escape(str(source))}(:\d+)?: \S", lines[0]), lines[0]
    assert problem.lower() in lines[0].lower(), lines[0]
    assert stdout == ""
    assert not out.exists() or tree(out) == {}, sorted(tree(out))
    assert tree(source.parent) == before  # the input is never modified


def test_lexicon_with_a_syntax_error_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lexicon = tmp_path / "prononciation.toml"
    lexicon.write_text('[entries]\nCSAPA = "centre de soins"\nRdR = "réduction\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run_cli(["build", SHORT, "-o", out, "--engine", "espeak", "--lexicon", lexicon], capsys)
    assert code == 2, stderr
    [line] = stderr.splitlines()
    assert line.startswith(f"a11y-pub: error: {lexicon}:3"), line
    assert "Traceback" not in stderr
    assert not out.exists() or tree(out) == {}


@pytest.mark.parametrize("where", [
    "output-is-a-file",
    "output-under-a-file",
])
def test_unwritable_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    # Root ignores permission bits, so the folder is made unwritable by being (under) a file.
    blocker = tmp_path / "sortie"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = blocker if where == "output-is-a-file" else blocker / "sous-dossier"
    code, _, stderr = run_cli(["build", SHORT, "-o", out, "--engine", "espeak"], capsys)
    assert code == 2, stderr
    [line] = stderr.splitlines()
    assert line.startswith(f"a11y-pub: error: {out}/fr-puces: "), line
    assert "output folder" in line
    assert "Traceback" not in stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sortie"]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_legacy_encodings_work(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    source = tmp_path / "lettre.txt"
    source.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    out = tmp_path / "out"
    code, _, stderr = run_cli(["build", source, "-o", out, "--only", "pdf", "-q"], capsys)
    assert code == 0, stderr
    letter = json.loads((out / "lettre" / "letter.json").read_text(encoding="utf-8"))
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert letter["sections"] == expected["sections"]
    assert letter["recipient"] == expected["recipient"]
