"""Ctrl-C in the middle of synthesis, a full disk, and two builds of one letter at once.

The promise (README): an interrupted or failed build leaves the previous
complete output in place, no half-written file, and a re-run reuses the audio
already synthesised; two builds of the same letter take turns, never mixing.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import time
from pathlib import Path

import pytest

from a11y_pub.files import TMP_PREFIX

from .conftest import (
    GOLDEN_MODEL,
    SHORT,
    assert_manifest_matches,
    popen_cli,
    run_cli,
    temporaries,
    tree,
)

pytestmark = pytest.mark.slow  # whole builds of real letters (the fast subset is -m "not slow")


def _long_letter(path: Path, factor: int, marked: bool = False) -> Path:
    """The sample letter's model with every section repeated ``factor`` times.

    ``marked``: every sentence of every copy gets its own words, so nothing is
    in the audio cache yet.
    """
    data = json.loads(GOLDEN_MODEL.read_text(encoding="utf-8"))
    for section in data["sections"]:
        paragraphs = [b["text"] for b in section["blocks"] if b["type"] == "paragraph"]
        section["blocks"] = [
            {
                "type": "paragraph",
                "text": p.replace(". ", f", partie {k}. ") + (f" Fin de la partie {k}." if marked else "") if marked else p,
            }
            for k in range(1, factor + 1)
            for p in paragraphs
        ] + [b for b in section["blocks"] if b["type"] != "paragraph"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _cache_files(cache: Path) -> set[Path]:
    """The sentences filed in the audio cache. A file being written is not one yet: it
    sits under a temporary name (``.a11y-tmp-….pcm``) until its rename, and an interrupt
    before the rename rightly removes it."""
    if not cache.exists():
        return set()
    return {p for p in cache.rglob("*.pcm") if not p.name.startswith(TMP_PREFIX)}


def test_sigint_mid_synthesis_keeps_previous_output_and_rerun_reuses_cache(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = _long_letter(tmp_path / "lettre.json", 1)
    args = ["build", source, "-o", out, "--engine", "espeak", "--only", "audio", "-q"]
    first = popen_cli(args)
    assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
    letter_dir = out / "lettre"
    previous = tree(letter_dir)
    assert "audio/lettre-complete.mp3" in previous

    _long_letter(source, 4, marked=True)  # new text: everything must be synthesised again
    cache = out / ".cache" / "audio"
    known = _cache_files(cache)
    proc = popen_cli(args)
    deadline = time.monotonic() + 60
    while len(_cache_files(cache) - known) < 5:  # synthesis has started
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "synthesis never started"
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=60)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert code == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("a11y-pub: interrupted"), stderr
    assert temporaries(out) == []
    assert tree(letter_dir) == previous  # byte for byte
    synthesised_before = len(_cache_files(cache) - known)
    assert synthesised_before >= 5

    rerun = popen_cli(args)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read() if rerun.stderr else ""
    manifest = assert_manifest_matches(letter_dir)
    full = next(e for e in manifest["files"] if e["path"] == "audio/lettre-complete.mp3")  # type: ignore[index]
    assert full["cached"] >= synthesised_before  # the interrupted run's audio was reused
    assert temporaries(out) == []


class _DiskFull:
    """``os.fsync`` and ``os.replace`` fail with ENOSPC once ``budget`` bytes were written."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.written = 0
        self.failures = 0
        self._fsync = os.fsync
        self._replace = os.replace

    def fsync(self, fd: int) -> None:
        self.written += os.fstat(fd).st_size
        self._check()
        self._fsync(fd)

    def replace(self, src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).is_file():
            self.written += Path(src).stat().st_size
        self._check()
        self._replace(src, dst)

    def _check(self) -> None:
        if self.written > self.budget:
            self.failures += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("budget", [0, 3_000, 60_000, 400_000])
def test_disk_full_is_one_clear_error_and_previous_output_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    source = tmp_path / "lettre.txt"
    source.write_text(SHORT.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", source, "-o", out, "--engine", "espeak", "--only", "pdf,audio,web", "-q"]
    code, _, stderr = run_cli(args, capsys)
    assert code == 0, stderr
    previous = tree(out / "lettre")

    source.write_text(SHORT.read_text(encoding="utf-8").replace("Nous", "Ensemble, nous", 1), encoding="utf-8")
    disk = _DiskFull(budget)
    monkeypatch.setattr(os, "fsync", disk.fsync)
    monkeypatch.setattr(os, "replace", disk.replace)
    code, _, stderr = run_cli(args, capsys)
    monkeypatch.undo()
    assert disk.failures >= 1
    assert code == 2, stderr
    [line] = stderr.splitlines()
    assert line.startswith(f"a11y-pub: error: {out}/"), line
    assert "disk full" in line, line
    assert tree(out / "lettre") == previous
    assert temporaries(out) == []


def test_two_builds_of_one_letter_at_once_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = tmp_path / "lettre.txt"
    source.write_text(SHORT.read_text(encoding="utf-8"), encoding="utf-8")
    base = ["build", source, "-o", out, "--engine", "espeak", "--only", "pdf,audio,web"]
    first = popen_cli([*base, "--bitrate", "64"])
    second = popen_cli([*base, "--bitrate", "32"])
    codes = [first.wait(timeout=180), second.wait(timeout=180)]
    errors = [p.stderr.read().decode() if p.stderr else "" for p in (first, second)]
    assert codes == [0, 0], errors
    assert any("another build is writing this folder; waiting" in e for e in errors), errors
    manifest = assert_manifest_matches(out / "lettre")
    bitrate = manifest["options"]["audio"]["bitrate"]  # type: ignore[index]
    files = manifest["files"]  # type: ignore[index]
    mp3s = [e for e in files if e["path"].endswith(".mp3") and e["renderer"] == "audio"]
    assert mp3s and {e["bitrate"] for e in mp3s} == {bitrate}
    # The page's copies are the same bytes as the audio files: both from the same build.
    audio = {Path(e["path"]).name: e["sha256"] for e in mp3s}
    copies = [e for e in files if e["path"].startswith("web/") and e["path"].endswith(".mp3")]
    assert copies and all(audio[Path(e["path"]).name] == e["sha256"] for e in copies)
    assert temporaries(out) == []


def test_killed_build_leaves_no_helper_process_behind(tmp_path: Path) -> None:
    """SIGKILL (out of memory, a closed terminal) gives no chance to clean up: the
    summary helper process notices its parent is gone and ends too."""
    import psutil

    out = tmp_path / "out"
    source = _long_letter(tmp_path / "lettre.json", 3, marked=True)
    proc = popen_cli(["build", source, "-o", out, "--engine", "espeak", "-q"])
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    while not parent.children(recursive=True):  # the helper has started
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "no helper process started"
        time.sleep(0.02)
    helpers = parent.children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    _gone, alive = psutil.wait_procs(helpers, timeout=10)
    assert alive == [], [p.cmdline() for p in alive]
