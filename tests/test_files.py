"""Atomic writes: all or nothing, even on errors, Ctrl-C and a full disk."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from a11y_pub.errors import OutputError
from a11y_pub.files import atomic_path, atomic_write, remove_stale_temporaries, sha256, sha256_bytes


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    atomic_write(target, "é\n")
    assert target.read_bytes() == "é\n".encode()
    assert sha256(target) == sha256_bytes("é\n".encode())
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failure_inside_block_leaves_target_untouched(tmp_path: Path, exc: BaseException) -> None:
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")
    with pytest.raises(type(exc)):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise exc
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]


def _write_interrupted_at(target: Path, step: int) -> bool:
    """``atomic_write`` with one KeyboardInterrupt raised at its ``step``-th Python event
    (a call or a new line, in it or in what it calls): where a Ctrl-C can land. Returns
    whether the interrupt happened (False: the write finished first)."""
    seen = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal seen
        if event in ("call", "line"):
            seen += 1
            if seen == step:
                raise KeyboardInterrupt
        return tracer

    sys.settrace(tracer)
    try:
        atomic_write(target, b"new")
    except KeyboardInterrupt:
        return True
    finally:
        sys.settrace(None)
    return False


def test_an_interrupt_anywhere_leaves_no_temporary_and_a_whole_target(tmp_path: Path) -> None:
    """Wherever one Ctrl-C lands (before the temporary file exists, just after it is
    created, while it is written, around the rename), the folder ends with the old or the
    new file and nothing else."""
    target = tmp_path / "x.bin"
    step = 0
    while True:
        step += 1
        target.write_bytes(b"old")
        interrupted = _write_interrupted_at(target, step)
        assert [p.name for p in tmp_path.iterdir()] == ["x.bin"], f"interrupted at event {step}"
        assert target.read_bytes() in ((b"old", b"new") if interrupted else (b"new",))
        if not interrupted:
            break
    assert step > 10  # the writes were interrupted at many places before one went through


def test_disk_full_is_a_clear_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.txt"
    target.write_text("previous")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as info:
        atomic_write(target, "new")
    assert str(info.value) == f"{target}: cannot write output (disk full)"
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(OutputError, match="cannot write output"):
        atomic_write(blocker / "x.txt", "x")


def test_stale_temporaries_are_removed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".a11y-tmp-abc.mp3").write_bytes(b"half")
    (tmp_path / "keep.mp3").write_bytes(b"whole")
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["keep.mp3"]


def test_read_tagged_json(tmp_path: Path) -> None:
    from a11y_pub.errors import RenderError
    from a11y_pub.files import read_tagged_json

    path = tmp_path / "summary.json"
    assert read_tagged_json(path, "a11y-pub/summary@1", "summary") is None
    path.write_text('{"schema": "a11y-pub/summary@1", "blocks": []}')
    assert read_tagged_json(path, "a11y-pub/summary@1", "summary") == {"schema": "a11y-pub/summary@1", "blocks": []}
    path.write_text('{"schema": "other@2"}')
    with pytest.raises(RenderError) as info:
        read_tagged_json(path, "a11y-pub/summary@1", "summary")
    assert str(info.value) == f"{path}: unsupported summary file (schema 'other@2', expected 'a11y-pub/summary@1')"
    path.write_text("{")
    with pytest.raises(RenderError, match="cannot read the summary"):
        read_tagged_json(path, "a11y-pub/summary@1", "summary")
