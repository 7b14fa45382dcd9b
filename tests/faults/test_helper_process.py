"""The summary helper process: its failures end the letter cleanly, never a hang."""

from __future__ import annotations

import time
from pathlib import Path

from a11y_pub.options import BuildOptions
from a11y_pub.pipeline import build

from ..conftest import SAMPLE


def test_summary_failing_in_the_helper_fails_the_letter_cleanly(tmp_path: Path) -> None:
    """The helper process fails (a broken simplification lexicon): the stream of blocks
    ends, audio does not wait forever, the letter fails with the lexicon's one-line
    error, and the previous output stays as it was."""
    from a11y_pub.options import AudioOptions, SummaryOptions

    source = tmp_path / "lettre.txt"
    source.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    audio = AudioOptions(engine="espeak")
    first = build([source], BuildOptions(output=out, audio=audio))[0]
    assert first.ok, first.error
    before = {p: p.read_bytes() for p in first.out_dir.rglob("*") if p.is_file() and p.name != ".lock"}
    broken = tmp_path / "simple.toml"
    broken.write_text("[replace\n", encoding="utf-8")
    opts = BuildOptions(output=out, audio=audio, summary=SummaryOptions(simplification_lexicon=broken))
    started = time.monotonic()
    result = build([source], opts)[0]
    assert time.monotonic() - started < 60
    assert not result.ok and "simple.toml" in str(result.error) and "\n" not in str(result.error)
    after = {p: p.read_bytes() for p in first.out_dir.rglob("*") if p.is_file() and p.name != ".lock"}
    assert after == before
    assert build([source], BuildOptions(output=out, audio=audio, force=True))[0].ok  # the helper still works
