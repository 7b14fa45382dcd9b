"""``a11y-pub build --watch``: rebuild on change, survive bad saves, stop on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ..conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow  # whole builds of real letters (the fast subset is -m "not slow")


def _wait_for(condition, what: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the watcher stopped while waiting for {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


class _Drain:
    """Read a pipe as the process writes it (a full pipe would block the watcher), keeping the text."""

    def __init__(self, pipe) -> None:  # type: ignore[no-untyped-def]
        self.chunks: list[bytes] = []
        self.thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self.thread.start()

    def _read(self, pipe) -> None:  # type: ignore[no-untyped-def]
        for line in iter(pipe.readline, b""):
            self.chunks.append(line)

    @property
    def text(self) -> str:
        return b"".join(self.chunks).decode()


def _stopped(proc: subprocess.Popen[bytes], stderr: _Drain, timeout: float) -> int:
    """The exit code; if the process has not ended by ``timeout``, fail with its threads' stacks."""
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)  # -X faulthandler prints every thread's stack
        proc.wait(timeout=30)
        stderr.thread.join(timeout=5)
        raise AssertionError(f"the watcher did not stop within {timeout} s of Ctrl-C:\n{stderr.text}") from None


def test_watch_rebuilds_on_change_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    source = tmp_path / "lettre.txt"
    source.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-m", "a11y_pub", "build", str(source), "-o", str(out),
         "--engine", "espeak", "--watch"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    stdout, stderr = _Drain(proc.stdout), _Drain(proc.stderr)
    try:
        manifest = out / "lettre" / "manifest.json"
        _wait_for(manifest.exists, "the first build", proc)
        first = manifest.read_bytes()

        source.write_text(source.read_text(encoding="utf-8").replace("Nous sommes conscients",
                                                                      "Nous sommes pleinement conscients"),
                          encoding="utf-8")
        _wait_for(lambda: manifest.read_bytes() != first, "the rebuild after an edit", proc)
        letter = json.loads((out / "lettre" / "letter.json").read_text(encoding="utf-8"))
        assert any("pleinement conscients" in b.get("text", "") for s in letter["sections"] for b in s["blocks"])
        summary = (out / "lettre" / "summary.json").read_text(encoding="utf-8")
        assert "pleinement" in summary
        second = manifest.read_bytes()

        source.write_bytes(b"")  # a bad save: an error line, the last good output stays
        _wait_for(lambda: "file is empty" in stderr.text, "the error line of the bad save", proc)
        assert manifest.read_bytes() == second

        proc.send_signal(signal.SIGINT)
        code = _stopped(proc, stderr, timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    stdout.thread.join(timeout=10)
    stderr.thread.join(timeout=10)
    assert code == 0, stderr.text
    assert "Traceback" not in stderr.text
    assert "rebuilt" in stdout.text
    assert stderr.text.strip().splitlines()[-1] == "stopped watching"
