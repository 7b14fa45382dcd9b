"""``build()``: letter files -> renderers -> output folders with a manifest.

For each input the pipeline parses the letter, takes a lock on its output
folder (``output/<letter-slug>/``), runs the renderers (summary first, then
PDF and audio side by side, then the web page), and writes ``letter.json``
and ``manifest.json`` last. Every file goes through ``files.atomic_write``.

A build is a transaction: renderers write into a staging folder inside the
output folder (``.a11y-tmp-build/``, holding hard links to the previous
files), and only a build that finished moves its files into place, manifest
last, with Ctrl-C held off for those few renames. An interrupted or failed
run (Ctrl-C, full disk, a renderer error) leaves the previous complete output
as it was, never a mix of two builds.

A letter whose input, options, side files (lexicon, staff summary) and
package code are unchanged since its last build, with every file still
matching the manifest, is not rebuilt (``--force`` rebuilds it).
"""

from __future__ import annotations

import atexit
import concurrent.futures as futures
import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import A11yPubError, ConfigError, InputError, OutputError, RenderError
from .files import (
    TMP_PREFIX,
    atomic_write,
    package_digest,
    remove_stale_temporaries,
    sha256,
)
from .model import Letter
from .options import BuildOptions
from .parse import parse_letter

log = logging.getLogger(__name__)

MANIFEST_SCHEMA = "a11y-pub/manifest@1"
LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same letter
STAGE_DIR = f"{TMP_PREFIX}build"  # staging folder inside the letter's output folder

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
        # Letters side by side already fill the cores: one audio worker thread per letter.
        opts = dataclasses.replace(opts, audio=dataclasses.replace(opts.audio, threads=1))
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


WATCH_INTERVAL = 0.1  # seconds between two looks at the watched files


def watch(
    inputs: Iterable[Path],
    opts: BuildOptions,
    on_done: Callable[[LetterResult], None] | None = None,
    *,
    interval: float = WATCH_INTERVAL,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Rebuild each letter whose input or side files change, until Ctrl-C (or ``stop()``).

    Call after ``build``. A change is acted on once the file has stayed the same
    for one more look (an editor may still be writing it); a file that is
    missing for a moment (saved by rename) is waited for. In this process the
    language model and everything else stay loaded between rebuilds, so a
    rebuild after an edit takes a fraction of a cold build. Ctrl-C while
    waiting returns normally; during a rebuild it interrupts it as in ``build``.
    """
    paths = [Path(p) for p in inputs]
    built = {p: _watch_state(p, opts) for p in paths}
    last = dict(built)
    while not (stop is not None and stop()):
        ready = []
        try:
            time.sleep(interval)
            for path in paths:
                state = _watch_state(path, opts)
                if state is not None and state == last[path] and state != built[path]:
                    ready.append(path)
                last[path] = state
        except KeyboardInterrupt:
            return
        if ready:
            for path in ready:
                built[path] = last[path]
            build(ready, opts, on_done)


def _watch_state(path: Path, opts: BuildOptions) -> tuple[Any, ...] | None:
    """(size, modification time) of a letter's input and side files; None while the input is missing."""

    def stamp(file: Path | None) -> tuple[int, int] | None:
        if file is None:
            return None
        try:
            info = Path(file).stat()
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns

    own = stamp(path)
    if own is None:
        return None
    sides = (staff_summary_for(path), opts.audio.lexicon, opts.summary.simplification_lexicon, opts.summary.summary_file,
             opts.audio.intro_audio, opts.audio.outro_audio)
    return (own, *(stamp(side) for side in sides))


def build_one(path: Path, opts: BuildOptions) -> LetterResult:
    """Parse and render one letter; errors come back in the result, not raised.

    ``KeyboardInterrupt`` is not caught: files being written are removed by
    ``atomic_write`` and the previous outputs stay as they were.
    """
    path = Path(path)
    try:
        out_dir = opts.output / letter_slug(path)
        fingerprint = build_fingerprint(path, opts)
        current = None if opts.force else _up_to_date(out_dir, fingerprint, opts)
        if current is not None:
            log.info("%s: up to date (use --force to rebuild)", out_dir)
            return LetterResult(input=path, out_dir=out_dir, files=tuple(current))
        if _summary_elsewhere(selected_renderers(opts.only), opts):
            _summary_pool().submit(_warm_up)  # import the language tools while the letter is read
        letter = parse_letter(path, opts.max_input_bytes)
        _check_side_files(letter, opts)
        files = render_letter(letter, path, out_dir, opts, fingerprint=fingerprint)
        return LetterResult(input=path, out_dir=out_dir, files=tuple(files))
    except A11yPubError as exc:
        if exc.path is None:  # in a batch, every error line names its letter
            exc.path = path
        return LetterResult(input=path, error=exc)
    except Exception as exc:  # a bug in a renderer must not take the batch down
        log.debug("unexpected error", exc_info=True)
        error = RenderError("unexpected failure while building", path=path, cause=f"{type(exc).__name__}: {exc}")
        error.__cause__ = exc
        return LetterResult(input=path, error=error)


def render_letter(
    letter: Letter, source: Path, out_dir: Path, opts: BuildOptions, *, fingerprint: str | None = None
) -> list[str]:
    """Run the selected renderers for ``letter`` into ``out_dir``; return the files written.

    The renderers write into a staging folder; their files replace the
    previous ones only when every renderer succeeded (``manifest.json`` last).
    ``fingerprint`` (from ``build_fingerprint``) is recorded in the manifest
    so an unchanged letter is not rebuilt next time.

    Raises:
        OutputError: the folder cannot be created, written or locked.
        A11yPubError: a renderer failed (the previous output is kept).
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
    stage = out_dir / STAGE_DIR
    try:
        _remove_tree(stage)
        remove_stale_temporaries(out_dir)
        previous = _read_manifest(out_dir)
        _stage_previous(out_dir, stage)
        atomic_write(stage / "letter.json", letter.to_json())
        artifacts = _run_renderers(letter, stage, opts, names)
        manifest = _manifest(letter, source, stage, opts, names, artifacts, previous)
        if fingerprint is not None:
            manifest["build"] = {"fingerprint": fingerprint}
        atomic_write(stage / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        produced = {"letter.json", "manifest.json", *(e["path"] for e in manifest["files"])}
        stale = {e.get("path") for e in previous.get("files", [])} - produced
        _commit(stage, out_dir, {p for p in stale if isinstance(p, str)})
        return ["letter.json", *[a.path for a in artifacts], "manifest.json"]
    except A11yPubError as exc:
        if exc.path is not None and exc.path.is_relative_to(stage):  # name the real place
            exc.path = out_dir / exc.path.relative_to(stage)
        raise
    finally:
        _remove_tree(stage)
        lock.release()


# -- staging and commit ------------------------------------------------------------


def _remove_tree(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def _stage_previous(out_dir: Path, stage: Path) -> None:
    """Give the staging folder the previous build's files (hard links; copies where links fail).

    Renderers not run this time (``--only``) keep their files this way, and
    later renderers can read earlier ones' files (summary, timings) as before.

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
def _no_interrupt() -> Any:
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


def _commit(stage: Path, out_dir: Path, stale: set[str]) -> None:
    """Move every staged file into ``out_dir`` (manifest last) and drop ``stale`` outputs.

    Renames within one folder tree: no copy, no partial file.

    Raises:
        OutputError: a rename failed (the manifest is then not replaced).
    """
    files = sorted(p for p in stage.rglob("*") if p.is_file() and not p.name.startswith(TMP_PREFIX))
    files.sort(key=lambda p: p.relative_to(stage).as_posix() == "manifest.json")
    with _no_interrupt():
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


# -- up-to-date check ------------------------------------------------------------------


def _file_digest(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return sha256(Path(path)) if Path(path).is_file() else f"missing:{path}"
    except OSError:
        return f"unreadable:{path}"


def build_fingerprint(source: Path, opts: BuildOptions) -> str:
    """What a letter's outputs depend on, as one SHA-256.

    The input's bytes, the options, the files the options name (lexicon,
    staff summary, simplification lexicon, Piper voice), the staff summary
    found beside the input, the tool version, the renderers and the package's
    own code and data. An unreadable input gives a fingerprint that matches
    nothing, so the build goes on and reports the real error.
    """
    from .render import RENDERERS

    try:
        input_digest = sha256(source)
    except OSError:
        input_digest = f"unreadable:{os.urandom(8).hex()}"
    # Settings that change how fast, not what, are left out.
    same_output = dataclasses.replace(opts, jobs=1, force=False, audio=dataclasses.replace(opts.audio, threads=1))
    options = dataclasses.asdict(same_output)
    voice = opts.audio.voice
    payload = {
        "version": __version__,
        "code": package_digest(),
        "renderers": RENDERERS,
        "input": input_digest,
        "options": _jsonable(options),
        "files": {
            "lexicon": _file_digest(opts.audio.lexicon),
            "intro_audio": _file_digest(opts.audio.intro_audio),
            "outro_audio": _file_digest(opts.audio.outro_audio),
            "summary_file": _file_digest(opts.summary.summary_file or staff_summary_for(source)),
            "simplification_lexicon": _file_digest(opts.summary.simplification_lexicon),
            "voice": _file_digest(Path(voice)) if voice and voice.endswith(".onnx") else None,
            "voices_dir": sorted(p.name for p in Path(opts.audio.voices_dir).glob("*.onnx"))
            if opts.audio.voices_dir and Path(opts.audio.voices_dir).is_dir() else None,
        },
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _up_to_date(out_dir: Path, fingerprint: str, opts: BuildOptions) -> list[str] | None:
    """The files of the previous build when it is still current, else None.

    Current: same fingerprint, every file listed in the manifest present with
    its checksum, and no fallback to revisit (``--engine auto`` that ended on
    espeak-ng last time is rebuilt when the natural voice now loads or gTTS answers).
    """
    manifest = _read_manifest(out_dir)
    if manifest.get("build", {}).get("fingerprint") != fingerprint:
        return None
    if opts.audio.engine == "auto" and "espeak" in manifest.get("renderers", {}).get("audio", {}).get("engine", []):
        from .engines import natural_voice, probe_gtts

        language = str(manifest.get("letter", {}).get("language", ""))
        if natural_voice(language)[0] is not None or probe_gtts():  # a better voice is back: "auto" would choose it
            return None
    files = manifest.get("files", [])
    letter_file = manifest.get("letter", {})
    checks = [(e.get("path"), e.get("sha256")) for e in files] + [(letter_file.get("file"), letter_file.get("sha256"))]
    for name, digest in checks:
        if not isinstance(name, str):
            return None
        target = out_dir / name
        try:
            if not target.is_file() or sha256(target) != digest:
                return None
        except OSError:
            return None
    return ["letter.json", *[e["path"] for e in files], "manifest.json"]


def _check_side_files(letter: Letter, opts: BuildOptions) -> None:
    """Read the files options name before anything is written, so a bad one fails early.

    Raises:
        LexiconError: the pronunciation lexicon is missing or malformed.
        RecordingError: a staff recording is missing or cannot be decoded.
    """
    if opts.audio.lexicon is not None and "audio" in selected_renderers(opts.only):
        from .speech.lexicon import load_lexicon

        load_lexicon(letter.language, opts.audio.lexicon)
    recordings = [r for r in (opts.audio.intro_audio, opts.audio.outro_audio) if r is not None]
    if recordings and "audio" in selected_renderers(opts.only):
        from .render.audio.recordings import decode_recording

        for recording in recordings:
            decode_recording(recording, opts.audio.sample_rate)


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

    if _summary_elsewhere(names, opts):
        # The summary needs a language model (a second to load): it is made in a helper
        # process while audio is synthesised here, and each of its blocks is sent to the
        # audio renderer as soon as it is made (a token tells this build's blocks from any
        # left in the channel by an earlier one). Readers of summary.json (the PDF, the
        # easy-read track) wait for it; the helper then checks it while they work.
        pool = _summary_pool()
        token = os.urandom(8).hex() if "audio" in names and _CHANNEL is not None else None
        written = pool.submit(_write_summary_elsewhere, letter, out_dir, opts, token)
        checked = pool.submit(_check_summary_elsewhere, letter, out_dir, opts)
        stream = None if token is None else functools.partial(_streamed_blocks, token, written)
        _expect_summary(out_dir, _await_helper(written, "summary"), stream)
        try:
            beside = _run_stages(letter, out_dir, opts, [n for n in names if n in ("pdf", "audio")], run)
            _await_helper(written, "summary")()  # its own error first
            summary_artifacts = _await_helper(checked, "summary")()
            # The web page copies the PDF and audio: it comes last.
            later = _run_stages(letter, out_dir, opts, [n for n in names if n not in ("summary", "pdf", "audio")], run)
        except BaseException:
            if not checked.done():  # never let it write into a build that is being dropped
                _stop_summary_pool()
            raise
        finally:
            _expect_summary(out_dir, None)
        return [*summary_artifacts, *beside, *later]
    return _run_stages(letter, out_dir, opts, names, run)


def _summary_elsewhere(names: list[str], opts: BuildOptions) -> bool:
    """Whether the summary is made in the helper process (one letter at a time, beside other outputs)."""
    return "summary" in names and len(names) > 1 and opts.jobs == 1


def _warm_up() -> None:
    """Import what the summary needs (spaCy: half a second) before the letter arrives."""



_SUMMARY_POOL: futures.ProcessPoolExecutor | None = None
# Summary blocks from the helper to this process: (token, block) messages, (token, None) last.
_CHANNEL: Any = None


def _summary_pool() -> futures.ProcessPoolExecutor:
    """One helper process per pipeline process, kept so its language model stays loaded."""
    global _SUMMARY_POOL, _CHANNEL
    if _SUMMARY_POOL is None or getattr(_SUMMARY_POOL, "_broken", False):
        import multiprocessing

        context = multiprocessing.get_context()
        _CHANNEL = context.Queue()
        _SUMMARY_POOL = futures.ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_open_channel, initargs=(_CHANNEL,)
        )
        atexit.register(_SUMMARY_POOL.shutdown, wait=True)
    return _SUMMARY_POOL


def _open_channel(channel: Any) -> None:
    """In the helper: keep the channel; never wait at exit for blocks nobody will read;
    end with the pipeline process, even one killed outright."""
    global _CHANNEL
    _CHANNEL = channel
    channel.cancel_join_thread()
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:  # a process whose parent dies is adopted by another
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="a11y-pub-parent-watch", daemon=True).start()


def _streamed_blocks(token: str, written: futures.Future) -> Iterator[dict[str, Any]]:
    """This build's summary blocks from the channel, until the helper says it is done
    (or stops: then what is left in the channel is read and the stream ends)."""
    import queue

    while True:
        try:
            message_token, block = _CHANNEL.get(timeout=0.05 if not written.done() else 0.5)
        except queue.Empty:
            if written.done():
                return
            continue
        if message_token != token:
            continue  # left by an earlier build
        if block is None:
            return
        yield block


def _stop_summary_pool() -> None:
    """End the helper process now (Ctrl-C, or a failed build that must not be written to)."""
    global _SUMMARY_POOL
    pool, _SUMMARY_POOL = _SUMMARY_POOL, None
    if pool is None:
        return
    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


# The summary made by _write_summary_elsewhere, kept in the helper process for _check_summary_elsewhere.
_WRITTEN: dict[Path, Any] = {}


def _write_summary_elsewhere(letter: Letter, out_dir: Path, opts: BuildOptions, token: str | None) -> None:
    """In the helper: make the summary and write the files other renderers read,
    sending each body block to the pipeline process as it is made (with ``token``)."""
    from .render.summary import expect_summary, write_summary

    expect_summary(out_dir, None)  # a rendezvous inherited from the parent at fork time is not ours
    channel = _CHANNEL if token is not None else None
    try:
        send = None if channel is None else (lambda block: channel.put((token, block)))
        _WRITTEN[Path(out_dir)] = write_summary(letter, out_dir, opts, send)
    finally:
        if channel is not None:
            channel.put((token, None))


def _check_summary_elsewhere(letter: Letter, out_dir: Path, opts: BuildOptions) -> list[Any]:
    """In the helper: check the summary written just before; return its artifacts."""
    from .render.summary import check_summary

    summary = _WRITTEN.pop(Path(out_dir), None)
    if summary is None:
        raise RenderError("the summary was not made", path=out_dir)
    return check_summary(summary, letter, out_dir, opts)


def _await_helper(pending: futures.Future, name: str) -> Callable[[], Any]:
    """A function returning the helper's result, raising its error as the pipeline's."""

    def result() -> Any:
        try:
            return pending.result()
        except A11yPubError:
            raise
        except futures.process.BrokenProcessPool as exc:
            raise RenderError("the summary helper process stopped", cause=str(exc)) from exc
        except Exception as exc:
            raise RenderError(f"the {name} renderer failed", cause=f"{type(exc).__name__}: {exc}") from exc

    return result


def _expect_summary(
    out_dir: Path, result: Callable[[], Any] | None, blocks: Callable[[], Iterator[dict[str, Any]]] | None = None
) -> None:
    from .render.summary import expect_summary

    def wait() -> None:
        with contextlib.suppress(A11yPubError):  # the pipeline reports the summary's own error
            result()  # type: ignore[misc]

    expect_summary(out_dir, None if result is None else wait, blocks)


def _run_stages(
    letter: Letter, out_dir: Path, opts: BuildOptions, names: list[str], run: Callable[[str], list[Any]]
) -> list[Any]:
    stages = [
        [n for n in names if n == "summary"],
        [n for n in names if n in ("pdf", "audio")],
        [n for n in names if n not in ("summary", "pdf", "audio")],
    ]
    artifacts: list[Any] = []
    for stage in stages:
        if len(stage) == 1:
            artifacts.extend(run(stage[0]))
        elif stage:
            # The longest renderer (audio) runs in the main thread, so Ctrl-C stops it at
            # once; the others run beside it and are short.
            main = "audio" if "audio" in stage else stage[0]
            with futures.ThreadPoolExecutor(max_workers=len(stage) - 1) as pool:
                outcomes = {name: pool.submit(run, name) for name in stage if name != main}
                try:
                    produced = {main: run(main)}
                except BaseException:
                    for outcome in outcomes.values():
                        outcome.cancel()
                    raise
                produced.update({name: outcome.result() for name, outcome in outcomes.items()})
            for name in stage:
                artifacts.extend(produced[name])
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
    letter: Letter,
    source: Path,
    out_dir: Path,
    opts: BuildOptions,
    names: list[str],
    artifacts: list[Any],
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest: input, tool, options, and every file with its checksum.

    Files of renderers not run this time (``--only``) are kept from the
    previous manifest when they are still on disk unchanged.
    """
    entries: dict[str, dict[str, Any]] = {}
    previous = _read_manifest(out_dir) if previous is None else previous
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
