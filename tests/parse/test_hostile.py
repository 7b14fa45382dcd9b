"""Hostile files: compressed bombs are refused quickly with a one-line error and little memory.

Each file is parsed in a fresh interpreter that reports its own peak
memory (``VmHWM`` of ``/proc/self/status``: the high-water mark of the new
program's memory alone — ``getrusage``'s ``ru_maxrss`` keeps the parent's
peak across fork and exec, so a large test process would inflate it); the
time bound is a generous limit on the subprocess, not a benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

_PROBE = """
import json, re, sys
from pathlib import Path
from a11y_pub.errors import ParseError
from a11y_pub.parse import parse_letter
try:
    parse_letter(sys.argv[1])
    message = None
except ParseError as exc:
    message = str(exc)
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"message": message, "peak_mb": peak_kb / 1024}))
"""

_CHUNK = b" " * (1 << 20)


def _zip_bomb(path: Path, part: str, megabytes: int, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra.items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as handle:
            handle.write(b"<?xml version='1.0'?><w:document>")
            for _ in range(megabytes):
                handle.write(_CHUNK)
    return path


def _pdf_bomb(path: Path, megabytes: int) -> Path:
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(_CHUNK) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _probe(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


@pytest.mark.slow
@pytest.mark.parametrize(
    "name,make,expected",
    [
        ("bomb.docx", lambda p: _zip_bomb(p, "word/document.xml", 400, {"[Content_Types].xml": _CONTENT_TYPES}), "DOCX file would expand to"),
        ("bomb.odt", lambda p: _zip_bomb(p, "content.xml", 400, {"mimetype": _ODT_MIME}), "ODT file would expand to"),
        ("bomb.pdf", lambda p: _pdf_bomb(p, 600), "PDF content would expand past"),
    ],
)
def test_compressed_bombs_are_refused_in_little_memory(tmp_path: Path, name: str, make, expected: str) -> None:
    path = make(tmp_path / name)
    assert path.stat().st_size < 5 * 1024 * 1024  # small on disk: within the input limit
    result = _probe(path)
    assert result["message"] is not None and expected in result["message"]
    assert str(path) in result["message"] and "\n" not in result["message"]
    assert result["peak_mb"] < 300


def test_many_pages_are_refused(tmp_path: Path) -> None:
    from fpdf import FPDF

    from a11y_pub.errors import ParseError
    from a11y_pub.parse import parse_letter
    from a11y_pub.parse.limits import MAX_PDF_PAGES

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for _ in range(MAX_PDF_PAGES + 1):
        pdf.add_page()
        pdf.cell(text="x")
    target = tmp_path / "pages.pdf"
    pdf.output(str(target))
    with pytest.raises(ParseError, match=f"PDF has {MAX_PDF_PAGES + 1} pages"):
        parse_letter(target)


@pytest.mark.parametrize("suffix,how", [(".doc", "save it as .docx"), (".rtf", "save it as .docx or .odt"), (".pages", "export it from Pages")])
def test_unsupported_formats_say_how_to_convert(tmp_path: Path, suffix: str, how: str) -> None:
    from a11y_pub.errors import ParseError
    from a11y_pub.parse import parse_letter

    target = tmp_path / f"letter{suffix}"
    target.write_bytes(b"data")
    with pytest.raises(ParseError) as caught:
        parse_letter(target)
    message = str(caught.value)
    assert "\n" not in message and f"unsupported file type '{suffix}'" in message
    assert ".eml" in message and ".odt" in message and how in message
