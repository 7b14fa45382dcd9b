"""Shared helpers for the fault and bad-input tests: the real CLI, output trees, manifests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from a11y_pub.cli import main
from a11y_pub.files import sha256

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "tests" / "letters"
SHORT = LETTERS / "fr-puces.txt"
GOLDEN_MODEL = LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``a11y-pub ARGS`` in this process; return (exit code, stdout, stderr)."""
    code = 0
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def default_sigint() -> None:
    """In the new process, before it starts: Ctrl-C at its default. A test runner started
    in the background by a shell script (``pytest &``, ``nohup``) ignores SIGINT, and a
    process inherits that: the CLI would then ignore the tests' SIGINT, as it should."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def popen_cli(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    """Start ``python -m a11y_pub ARGS`` in a new process (SIGINT at its default)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-m", "a11y_pub", *map(str, args)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_sigint, **kwargs,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (but the lock file) -> its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".a11y-tmp-*"))


def assert_manifest_matches(out_dir: Path) -> dict[str, object]:
    """Every file the manifest lists is on disk with its checksum and size; return the manifest."""
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["letter"]["sha256"] == sha256(out_dir / "letter.json")
    for entry in manifest["files"]:
        path = out_dir / entry["path"]
        assert path.is_file(), entry["path"]
        assert sha256(path) == entry["sha256"], entry["path"]
        assert path.stat().st_size == entry["size"], entry["path"]
    return manifest
