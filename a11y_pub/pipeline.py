"""``build()``: letter files -> renderers -> output folders with a manifest.

For each input the pipeline parses the letter, takes a lock on its output
folder (``output/<letter-slug>/``), runs the renderers (summary first, then
PDF and audio side by side, then the web page), and writes ``letter.json``
and ``manifest.json`` last. Every file goes through ``files.atomic_write``;
an interrupted run leaves the previous complete output in place.
"""

from __future__ import annotations

import concurrent.futures as futures
import dataclasses
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import A11yPubError, ConfigError, InputError, OutputError, RenderError
from .files import atomic_write, remove_stale_temporaries, sha256
from .model import Letter
from .options import BuildOptions
from .parse import parse_letter

log = logging.getLogger(__name__)

MANIFEST_SCHEMA = "a11y-pub/manifest@1"
LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same letter

# Per renderer, the Artifact.info keys summarised under "renderers" in the manifest.
_USED_KEYS = {"summary": ("source",), "audio": ("engine", "voice"), "web": ()}


@dataclass(frozen=True)
class LetterResult:
    """What happened to one input."""

    input: Path
    out_dir: Path | None = None
    files: tuple[str, ...] = ()
    error: A11yPubError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class _Plan:
    renderers: list[str] = field(default_factory=list)


def letter_slug(path: Path) -> str:
    """The output folder name for an input file: a slug of its stem."""
    from slugify import slugify

    stem = path.name
    for suffix in (".json", ".txt", ".text", ".md", ".markdown", ".docx", ".pdf"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if stem.endswith(".letter"):
        stem = stem[: -len(".letter")]
    return slugify(stem, max_length=80, word_boundary=True) or "letter"


def staff_summary_for(path: Path) -> Path | None:
    """A staff-written summary beside the input (``<stem>.resume.md``), if any."""
    stem = path.name.rsplit(".", 1)[0]
    for name in (f"{stem}.resume.md", f"{stem}.easy-read.md"):
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def selected_renderers(only: Sequence[str]) -> list[str]:
    """Renderer names to run, in build order.

    Raises:
        ConfigError: an unknown name in ``only``.
    """
    from .render import RENDERERS

    unknown = [name for name in only if name not in RENDERERS]
    if unknown:
        raise ConfigError(
            f"unknown output(s) in --only: {', '.join(unknown)} (choose from {', '.join(RENDERERS)})"
        )
    return [name for name in RENDERERS if not only or name in only]


def build(
    inputs: Iterable[Path],
    opts: BuildOptions,
    on_done: Callable[[LetterResult], None] | None = None,
) -> list[LetterResult]:
    """Build every input; return one result per input, in input order.

    Letters are processed ``opts.jobs`` at a time in worker processes. A
    letter that fails does not stop the others; its error is in its result.

    Raises:
        ConfigError: invalid options (before anything is written).
    """
    paths = [Path(p) for p in inputs]
    selected_renderers(opts.only)
    if opts.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    results: dict[int, LetterResult] = {}
    if opts.jobs == 1 or len(paths) == 1:
        for index, path in enumerate(paths):
            results[index] = build_one(path, opts)
            if on_done:
                on_done(results[index])
    else:
        with futures.ProcessPoolExecutor(max_workers=min(opts.jobs, len(paths))) as pool:
            pending = {pool.submit(build_one, path, opts): i for i, path in enumerate(paths)}
            try:
                for future in futures.as_completed(pending):
                    index = pending[future]
                    results[index] = future.result()
                    if on_done:
                        on_done(results[index])
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
    return [results[i] for i in range(len(paths))]


def build_one(path: Path, opts: BuildOptions) -> LetterResult:
    """Parse and render one letter; errors come back in the result, not raised.

    ``KeyboardInterrupt`` is not caught: files being written are removed by
    ``atomic_write`` and the previous outputs stay as they were.
    """
    path = Path(path)
    try:
        letter = parse_letter(path, opts.max_input_bytes)
        out_dir = opts.output / letter_slug(path)
        files = render_letter(letter, path, out_dir, opts)
        return LetterResult(input=path, out_dir=out_dir, files=tuple(files))
    except A11yPubError as exc:
        return LetterResult(input=path, error=exc)
    except Exception as exc:  # a bug in a renderer must not take the batch down
        log.debug("unexpected error", exc_info=True)
        error = RenderError("unexpected failure while building", path=path, cause=f"{type(exc).__name__}: {exc}")
        error.__cause__ = exc
        return LetterResult(input=path, error=error)


def render_letter(letter: Letter, source: Path, out_dir: Path, opts: BuildOptions) -> list[str]:
    """Run the selected renderers for ``letter`` into ``out_dir``; return the files written.

    Raises:
        OutputError: the folder cannot be created, written or locked.
        A11yPubError: a renderer failed.
    """
    from filelock import FileLock, Timeout

    names = selected_renderers(opts.only)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("cannot create the output folder", path=out_dir, cause=exc.strerror) from exc
    if not os.access(out_dir, os.W_OK):
        raise OutputError("cannot write the output folder", path=out_dir, cause="permission denied")
    opts = _with_staff_summary(opts, source)
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
        remove_stale_temporaries(out_dir)
        atomic_write(out_dir / "letter.json", letter.to_json())
        artifacts = _run_renderers(letter, out_dir, opts, names)
        manifest = _manifest(letter, source, out_dir, opts, names, artifacts)
        atomic_write(out_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        return ["letter.json", *[a.path for a in artifacts], "manifest.json"]
    finally:
        lock.release()


def _try_lock(lock: Any) -> bool:
    from filelock import Timeout

    try:
        lock.acquire(timeout=0)
        return True
    except Timeout:
        return False


def _with_staff_summary(opts: BuildOptions, source: Path) -> BuildOptions:
    if opts.summary.summary_file is not None:
        return opts
    found = staff_summary_for(source)
    if found is None:
        return opts
    log.info("using the staff summary %s", found)
    return dataclasses.replace(opts, summary=dataclasses.replace(opts.summary, summary_file=found))


def _run_renderers(letter: Letter, out_dir: Path, opts: BuildOptions, names: list[str]) -> list[Any]:
    """Summary first; PDF and audio side by side (both read the summary); web last."""
    from .render import get_renderer

    def run(name: str) -> list[Any]:
        try:
            return get_renderer(name)(letter, out_dir, opts)
        except A11yPubError:
            raise
        except Exception as exc:
            raise RenderError(f"the {name} renderer failed", path=out_dir, cause=f"{type(exc).__name__}: {exc}") from exc

    stages = [[n for n in names if n == "summary"], [n for n in names if n in ("pdf", "audio")], [n for n in names if n not in ("summary", "pdf", "audio")]]
    artifacts: list[Any] = []
    for stage in stages:
        if len(stage) == 1:
            artifacts.extend(run(stage[0]))
        elif stage:
            with futures.ThreadPoolExecutor(max_workers=len(stage)) as pool:
                outcomes = [pool.submit(run, name) for name in stage]
                for outcome in outcomes:
                    artifacts.extend(outcome.result())
    return artifacts


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _manifest(
    letter: Letter, source: Path, out_dir: Path, opts: BuildOptions, names: list[str], artifacts: list[Any]
) -> dict[str, Any]:
    """The manifest: input, tool, options, and every file with its checksum.

    Files of renderers not run this time (``--only``) are kept from the
    previous manifest when they are still on disk unchanged.
    """
    entries: dict[str, dict[str, Any]] = {}
    previous = _read_manifest(out_dir)
    for entry in previous.get("files", []):
        if entry.get("renderer") in names or not isinstance(entry.get("path"), str):
            continue
        target = out_dir / entry["path"]
        if target.is_file() and sha256(target) == entry.get("sha256"):
            entries[entry["path"]] = entry
    renderers: dict[str, Any] = {
        k: v for k, v in previous.get("renderers", {}).items() if k not in names and any(e["renderer"] == k for e in entries.values())
    }
    for artifact in artifacts:
        target = out_dir / artifact.path
        entries[artifact.path] = {
            "path": artifact.path,
            "kind": artifact.kind,
            "renderer": artifact.renderer,
            "sha256": sha256(target),
            "size": target.stat().st_size,
            **_jsonable(dict(artifact.info)),
        }
    for name in names:
        produced = [a for a in artifacts if a.renderer == name]
        used: dict[str, Any] = {}
        for artifact in produced:
            for key in _USED_KEYS.get(name, ("engine", "voice")):
                if key in artifact.info:
                    used.setdefault(key, set()).add(str(artifact.info[key]))
        renderers[name] = {"files": len(produced), **{k: sorted(v) for k, v in used.items()}}
    letter_json = out_dir / "letter.json"
    options = _jsonable(dataclasses.asdict(opts))
    return {
        "schema": MANIFEST_SCHEMA,
        "tool": {"name": "a11y-pub", "version": __version__},
        "input": {"path": source.as_posix(), "sha256": sha256(source), "format": source.suffix.lstrip(".").lower()},
        "letter": {
            "file": "letter.json",
            "sha256": sha256(letter_json),
            "language": letter.language,
            "sections": len(letter.sections),
            "commitments": len(letter.commitments),
        },
        "options": options,
        "renderers": renderers,
        "files": [entries[k] for k in sorted(entries)],
    }


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA else {}


def is_input_error(result: LetterResult) -> bool:
    return isinstance(result.error, InputError)
