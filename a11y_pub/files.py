"""Safe file writing: atomic writes, checksums, temporary-file clean-up."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import OutputError, RenderError

TMP_PREFIX = ".a11y-tmp-"


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def package_digest() -> str:
    """SHA-256 over the package's code and data files (names and bytes): what a cached
    result computed by this code depends on."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    Whatever is written to the yielded path replaces ``target`` in one
    ``os.replace`` when the block ends without error. On any exception
    (including ``KeyboardInterrupt``, wherever it lands: the temporary
    file's name is chosen before the file is created, so no moment leaves
    a file nobody knows about) the temporary file is removed and ``target``
    is left as it was.

    Raises:
        OutputError: the folder cannot be written or the disk is full.
    """
    target = Path(target)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        while tmp is None:
            candidate = target.with_name(f"{TMP_PREFIX}{secrets.token_hex(6)}{target.suffix}")
            tmp = candidate  # known before it exists: removed below whatever happens next
            try:
                os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                tmp = None
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise _output_error(target, exc) from exc
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


def atomic_write(target: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``target`` atomically (temp file, fsync, rename).

    Text is written as UTF-8 with ``\\n`` line endings.

    Raises:
        OutputError: the folder cannot be written or the disk is full.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(target) as tmp:
        with tmp.open("wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    return target


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files left in ``folder`` by a process that was killed."""
    if not folder.is_dir():
        return
    for leftover in folder.rglob(f"{TMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _output_error(target: Path, exc: OSError) -> OutputError:
    reasons = {
        errno.ENOSPC: "disk full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "read-only file system",
        errno.ENOTDIR: "a parent is not a folder",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return OutputError("cannot write output", path=target, cause=reason)


def read_tagged_json(path: Path, schema: str, what: str) -> dict[str, Any] | None:
    """Read a JSON file that one renderer wrote for another; None when it is absent.

    Raises:
        RenderError: the file is unreadable, not JSON, or carries another
            ``schema`` tag (a file that cannot be trusted is never skipped silently).
    """
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RenderError(f"cannot read the {what}", path=path, cause=str(exc)) from exc
    if not isinstance(data, dict) or data.get("schema") != schema:
        found = data.get("schema") if isinstance(data, dict) else None
        raise RenderError(f"unsupported {what} file", path=path, cause=f"schema {found!r}, expected {schema!r}")
    return data
