"""The summary helper process: its failures end the letter cleanly, never a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from a11y_pub.options import BuildOptions
from a11y_pub.pipeline import build

from ..conftest import SAMPLE

pytestmark = pytest.mark.slow  # whole builds of real letters (the fast subset is -m "not slow")


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


def test_forkserver_start_method_gives_the_same_files(tmp_path: Path) -> None:
    """Python 3.14 starts helper processes with forkserver by default (3.11-3.13: fork):
    the helper, its channel and the parent watch work the same, file for file."""
    import os
    import subprocess
    import sys

    from ..conftest import ROOT

    script = tmp_path / "build_with.py"
    script.write_text(
        "import sys, multiprocessing\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method(sys.argv[1])\n"
        "    from a11y_pub.cli import main\n"
        "    main(['build', sys.argv[2], '-o', sys.argv[3], '--engine', 'espeak', '-q'])\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    trees = {}
    for method in ("fork", "forkserver"):
        out = tmp_path / method
        run = subprocess.run([sys.executable, str(script), method, str(SAMPLE), str(out)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        folder = out / SAMPLE.stem
        trees[method] = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                         if p.is_file() and p.name not in (".lock", "manifest.json")}
    assert len(trees["fork"]) > 50
    assert trees["forkserver"] == trees["fork"]
