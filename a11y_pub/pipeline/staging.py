"""A letter's build as a transaction: lock the folder, stage, commit.

Renderers write into a staging folder inside the letter's output folder
(``.a11y-tmp-build/``, holding hard links to the previous files); only a
build that finished moves its files into place, manifest last, with SIGINT
and SIGTERM held off for those few renames. An interrupted or failed run
leaves the previous complete output as it was, and the next build of the
letter removes any staging folder left behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..files import TMP_PREFIX, remove_stale_temporaries

log = logging.getLogger(__name__)

LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same letter
STAGE_DIR = f"{TMP_PREFIX}build"  # staging folder inside the letter's output folder


def prepare_folder(out_dir: Path) -> None:
    """Create ``out_dir`` and check it can be written.

    Raises:
        OutputError: the folder cannot be created or written.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("cannot create the output folder", path=out_dir, cause=exc.strerror) from exc
    if not os.access(out_dir, os.W_OK):
        raise OutputError("cannot write the output folder", path=out_dir, cause="permission denied")


def _try_lock(lock: Any) -> bool:
    from filelock import Timeout

    try:
        lock.acquire(timeout=0)
        return True
    except Timeout:
        return False


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the letter folder's lock (``.lock``), waiting up to ``LOCK_TIMEOUT`` for another build.

    Raises:
        OutputError: the lock cannot be taken.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(out_dir / ".lock"), timeout=LOCK_TIMEOUT)
    try:
        if not _try_lock(lock):
            log.warning("%s: another build is writing this folder; waiting", out_dir)
            lock.acquire()
    except Timeout as exc:
        raise OutputError("another build kept this output folder locked", path=out_dir) from exc
    except OSError as exc:
        raise OutputError("cannot lock the output folder", path=out_dir, cause=exc.strerror) from exc
    try:
        yield
    finally:
        lock.release()


def remove_leftovers(out_dir: Path) -> bool:
    """Remove a staging folder and temporary files an interrupted build left in ``out_dir``.

    Only when no other build holds the folder. Returns whether anything was removed.
    """
    from filelock import FileLock

    stage = out_dir / STAGE_DIR
    if not out_dir.is_dir():
        return False
    lock = FileLock(str(out_dir / ".lock"))
    if not _try_lock(lock):
        return False
    try:
        found = stage.exists()
        remove_tree(stage)
        remove_stale_temporaries(out_dir)
        return found
    finally:
        lock.release()


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and everything in it, if it exists."""
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def stage_previous(out_dir: Path, stage: Path) -> None:
    """Give the staging folder the previous build's files (hard links; copies where links fail).

    Renderers not run this time (``--only``) keep their files this way.

    Raises:
        OutputError: the staging folder cannot be written.
    """
    try:
        stage.mkdir()
        for path in sorted(out_dir.rglob("*")):
            relative = path.relative_to(out_dir)
            if relative.parts[0] in (STAGE_DIR, ".lock") or path.name.startswith(TMP_PREFIX):
                continue
            if path.is_dir() or not path.is_file():
                continue
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
    except OSError as exc:
        raise OutputError("cannot write the output folder", path=out_dir, cause=exc.strerror) from exc


@contextlib.contextmanager
def no_interrupt() -> Iterator[None]:
    """Hold SIGINT/SIGTERM off (main thread only) while the block runs; deliver them after."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    blocked = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def commit(stage: Path, out_dir: Path, stale: set[str]) -> None:
    """Move every staged file into ``out_dir`` (manifest last) and drop ``stale`` outputs.

    Renames within one folder tree: no copy, no partial file.

    Raises:
        OutputError: a rename failed (the manifest is then not replaced).
    """
    files = sorted(p for p in stage.rglob("*") if p.is_file() and not p.name.startswith(TMP_PREFIX))
    files.sort(key=lambda p: p.relative_to(stage).as_posix() == "manifest.json")
    with no_interrupt():
        try:
            for path in files:
                target = out_dir / path.relative_to(stage)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        except OSError as exc:
            raise OutputError("cannot write output", path=out_dir, cause=exc.strerror) from exc
        for name in sorted(stale):
            target = out_dir / name
            if target.resolve().is_relative_to(out_dir.resolve()) and target.is_file():
                with contextlib.suppress(OSError):
                    target.unlink()
