"""``build()``: letter files -> renderers -> output folders with a manifest.

For each input the pipeline parses the letter, takes a lock on its output
folder (``output/<letter-slug>/``), runs the renderers in the order their
declarations give (``stages.py``), and writes ``letter.json`` and
``manifest.json`` last, as one transaction (``staging.py``). A letter whose
input, options, side files and package code are unchanged since its last
build, with every file still matching the manifest, is not rebuilt
(``freshness.py``; ``--force`` rebuilds it).
"""

from __future__ import annotations

import concurrent.futures as futures
import contextlib
import dataclasses
import functools
import json
import logging
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import A11yPubError, ConfigError, InputError, RenderError
from ..files import atomic_write, remove_stale_temporaries
from ..model import Letter
from ..options import BuildOptions
from ..parse import parse_letter
from .freshness import build_fingerprint, up_to_date
from .helper import Helper
from .manifest import make_manifest, read_manifest
from .package import write_package
from .report import REPORT_FILE, write_report
from .sources import letter_slug, staff_summary_for
from .stages import run_stages, selected_renderers, uses_helper
from .staging import STAGE_DIR, commit, locked, prepare_folder, remove_leftovers, remove_tree, stage_previous

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LetterResult:
    """What happened to one input.

    ``files`` are relative to ``out_dir``; ``seconds`` is the wall time spent
    on the letter; ``fresh`` is True when the letter was up to date and not
    rebuilt; ``warnings`` are the warnings logged while it was built.
    """

    input: Path
    out_dir: Path | None = None
    files: tuple[str, ...] = ()
    error: A11yPubError | None = None
    seconds: float = 0.0
    fresh: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def is_input_error(result: LetterResult) -> bool:
    """Whether the letter failed because of its input (exit code 2 when all did)."""
    return isinstance(result.error, InputError)


def _stop_on_sigterm(*_: object) -> None:
    raise KeyboardInterrupt


def _worker_init() -> None:
    """In a batch worker: SIGTERM stops the letter like Ctrl-C (its staging folder is removed);
    SIGINT is left to the main process, which stops the workers itself."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Warnings(logging.Handler):
    """Collects the package's warnings while one letter is built (every thread of this
    process, and what the helper process sends back). Records it took are marked
    ``a11y_letter`` with the letter's input, so a front end can name the letter."""

    def __init__(self, source: Path) -> None:
        super().__init__(logging.WARNING)
        self.source = source
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        record.a11y_letter = self.source
        return True


@contextlib.contextmanager
def _collect_warnings(source: Path) -> Iterator[_Warnings]:
    package = logging.getLogger("a11y_pub")
    collector = _Warnings(source)
    package.handlers.insert(0, collector)  # first, so the record is marked before it is printed
    try:
        yield collector
    finally:
        package.removeHandler(collector)


def build(
    inputs: Iterable[Path],
    opts: BuildOptions,
    on_done: Callable[[LetterResult], None] | None = None,
    *,
    helper: Helper | None = None,
    on_stage: Callable[[Path, tuple[str, ...]], None] | None = None,
    on_progress: Callable[[Path, object], None] | None = None,
) -> list[LetterResult]:
    """Build every input; return one result per input, in input order.

    Letters are processed ``opts.jobs`` at a time in worker processes. A
    letter that fails does not stop the others; its error is in its result.
    ``on_done`` is called with each result as soon as its letter is done.
    ``helper`` keeps one helper process across calls (``watch``); by
    default one is started when needed and ended before returning.
    ``on_stage(input, renderer names)`` is called as each group of renderers
    starts, when letters are built one at a time (a progress display);
    ``on_progress(input, SpeechProgress)`` as its sentences are spoken
    (``render.audio.progress``: done, total, seconds left), likewise.

    Raises:
        ConfigError: invalid options (before anything is written).
        KeyboardInterrupt: the run was stopped; no staging folder and no
            child process are left.
    """
    paths = [Path(p) for p in inputs]
    selected_renderers(opts.only)
    if opts.base_url:
        from ..render.link import page_url

        page_url(opts.base_url, "letter")  # a bad address is refused before anything is written
    if opts.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    if opts.jobs == 1 or len(paths) == 1:
        with contextlib.ExitStack() as stack:
            own = helper or stack.enter_context(Helper())
            results = []
            for path in paths:
                results.append(build_one(path, opts, helper=own, on_stage=on_stage, on_progress=on_progress))
                if on_done:
                    on_done(results[-1])
            return results
    return _build_in_workers(paths, opts, on_done)


def _build_in_workers(paths: list[Path], opts: BuildOptions, on_done: Callable[[LetterResult], None] | None) -> list[LetterResult]:
    # Letters side by side already fill the cores: one audio worker thread per letter.
    opts = dataclasses.replace(opts, audio=dataclasses.replace(opts.audio, threads=1))
    results: dict[int, LetterResult] = {}
    pool = futures.ProcessPoolExecutor(max_workers=min(opts.jobs, len(paths)), initializer=_worker_init)
    try:
        pending = {pool.submit(build_one, path, opts): i for i, path in enumerate(paths)}
        for future in futures.as_completed(pending):
            results[pending[future]] = future.result()
            if on_done:
                on_done(results[pending[future]])
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(paths))]


def _stop_workers(pool: futures.ProcessPoolExecutor) -> None:
    """Stop a batch now: each worker gets SIGTERM (it removes its staging folder), then is waited for."""
    pool.shutdown(wait=False, cancel_futures=True)
    children = multiprocessing.active_children()
    for child in children:
        with contextlib.suppress(Exception):
            child.terminate()
    for child in children:
        child.join(timeout=4)
        if child.is_alive():
            child.kill()
            child.join()


def build_one(
    path: Path, opts: BuildOptions, *, helper: Helper | None = None,
    on_stage: Callable[[Path, tuple[str, ...]], None] | None = None,
    on_progress: Callable[[Path, object], None] | None = None,
) -> LetterResult:
    """Parse and render one letter; errors come back in the result, not raised.

    The result carries the warnings logged while the letter was built.
    ``KeyboardInterrupt`` is not caught: files being written are removed by
    ``atomic_write`` and the previous outputs stay as they were.
    """
    path = Path(path)
    with _collect_warnings(path) as collected:
        result = _build_one(path, opts, helper, on_stage, on_progress)
    return dataclasses.replace(result, warnings=tuple(collected.messages))


def _build_one(
    path: Path, opts: BuildOptions, helper: Helper | None, on_stage: Callable[[Path, tuple[str, ...]], None] | None,
    on_progress: Callable[[Path, object], None] | None = None,
) -> LetterResult:
    started = time.monotonic()
    try:
        out_dir = opts.output / letter_slug(path)
        fingerprint = build_fingerprint(path, opts)
        current = None if opts.force else up_to_date(out_dir, fingerprint, opts)
        if current is not None:
            if remove_leftovers(out_dir):
                log.info("%s: removed what an interrupted build left", out_dir)
            _package(out_dir, opts, missing_only=True)
            return LetterResult(input=path, out_dir=out_dir, files=tuple(current), fresh=True,
                                seconds=time.monotonic() - started)
        names = selected_renderers(opts.only)
        helper = helper if helper is not None and uses_helper(names, opts) else None
        if helper is not None:
            helper.start()  # its imports overlap with reading the letter
        letter = parse_letter(path, opts.max_input_bytes)
        _check_side_files(letter, opts)
        on_wave = None if on_stage is None else functools.partial(on_stage, path)
        progress = None if on_progress is None else functools.partial(on_progress, path)
        files = render_letter(letter, path, out_dir, opts, fingerprint=fingerprint, helper=helper, on_wave=on_wave,
                              on_progress=progress)
        _package(out_dir, opts)
        return LetterResult(input=path, out_dir=out_dir, files=tuple(files), seconds=time.monotonic() - started)
    except A11yPubError as exc:
        if exc.path is None:  # in a batch, every error line names its letter
            exc.path = path
        return LetterResult(input=path, error=exc, seconds=time.monotonic() - started)
    except Exception as exc:  # a bug in a renderer must not take the batch down
        log.debug("unexpected error", exc_info=True)
        error = RenderError("unexpected failure while building", path=path, cause=f"{type(exc).__name__}: {exc}")
        error.__cause__ = exc
        return LetterResult(input=path, error=error, seconds=time.monotonic() - started)


def _package(out_dir: Path, opts: BuildOptions, *, missing_only: bool = False) -> None:
    """``--zip``: the letter's upload package beside its folder."""
    if not opts.zip or (missing_only and out_dir.with_name(f"{out_dir.name}.zip").is_file()):
        return
    if write_package(out_dir) is None:
        log.warning("no web page in %s: --zip needs the web output", out_dir.name)


def _check_side_files(letter: Letter, opts: BuildOptions) -> None:
    """Read the files options name before anything is written, so a bad one fails early.

    Raises:
        LexiconError: the pronunciation lexicon is missing or malformed.
        RecordingError: a staff recording is missing or cannot be decoded.
    """
    if opts.audio.lexicon is not None and "audio" in selected_renderers(opts.only):
        from ..speech.lexicon import load_lexicon

        load_lexicon(letter.language, opts.audio.lexicon)
    recordings = [r for r in (opts.audio.intro_audio, opts.audio.outro_audio) if r is not None]
    if recordings and "audio" in selected_renderers(opts.only):
        from ..render.audio.recordings import decode_recording

        for recording in recordings:
            decode_recording(recording, opts.audio.sample_rate)


def _with_staff_summary(opts: BuildOptions, source: Path) -> BuildOptions:
    if opts.summary.summary_file is not None:
        return opts
    found = staff_summary_for(source)
    if found is None:
        return opts
    log.info("using the staff summary %s", found.name)
    return dataclasses.replace(opts, summary=dataclasses.replace(opts.summary, summary_file=found))


def _given(out_dir: Path, opts: BuildOptions, on_progress: Callable[[object], None] | None = None) -> dict[str, object]:
    """Values the pipeline gives the renderers: the letter's folder name, its web page's address,
    the function told of the speech's progress (None)."""
    from ..render.link import page_url

    return {"letter-name": out_dir.name, "page-url": page_url(opts.base_url, out_dir.name) if opts.base_url else None,
            "progress": on_progress}


def render_letter(
    letter: Letter, source: Path, out_dir: Path, opts: BuildOptions, *, fingerprint: str | None = None,
    helper: Helper | None = None, on_wave: Callable[[tuple[str, ...]], None] | None = None,
    on_progress: Callable[[object], None] | None = None,
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
    names = selected_renderers(opts.only)
    prepare_folder(out_dir)
    opts = _with_staff_summary(opts, source)
    stage = out_dir / STAGE_DIR
    with locked(out_dir):
        try:
            remove_tree(stage)
            remove_stale_temporaries(out_dir)
            previous = read_manifest(out_dir)
            stage_previous(out_dir, stage)
            atomic_write(stage / "letter.json", letter.to_json())
            artifacts = run_stages(letter, stage, opts, names, helper, _given(out_dir, opts, on_progress), on_wave)
            manifest = make_manifest(letter, source, stage, opts, names, artifacts, previous, out_dir.name)
            if fingerprint is not None:
                manifest["build"] = {"fingerprint": fingerprint}
            write_report(stage, manifest, out_dir.name)
            atomic_write(stage / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
            produced = {"letter.json", "manifest.json", REPORT_FILE, *(e["path"] for e in manifest["files"])}
            stale = {e.get("path") for e in previous.get("files", [])} - produced
            commit(stage, out_dir, {p for p in stale if isinstance(p, str)})
            return ["letter.json", *[a.path for a in artifacts], REPORT_FILE, "manifest.json"]
        except A11yPubError as exc:
            if exc.path is not None and exc.path.is_relative_to(stage):  # name the real place
                exc.path = out_dir / exc.path.relative_to(stage)
            raise
        finally:
            remove_tree(stage)
