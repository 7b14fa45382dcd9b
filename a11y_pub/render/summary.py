"""Easy-to-read summary renderer, and the one reader of its output.

``render_summary`` writes ``resume-facile.md`` / ``resume-facile.txt``
(``easy-read.md`` / ``easy-read.txt`` in English), ``summary.json`` and
``summary-check.json`` in the letter's output folder. ``load_summary`` is how
the audio, PDF and web renderers read the summary: they never parse the
Markdown.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..files import read_tagged_json

log = logging.getLogger(__name__)

SUMMARY_SCHEMA = "a11y-pub/summary@1"
SUMMARY_JSON = "summary.json"

# Summaries being made elsewhere (another process) for an output folder: the
# pipeline registers a wait function here, and ``load_summary`` calls it first,
# so readers started beside the summary still see it once it is written.
_PENDING: dict[Path, Callable[[], None]] = {}
_STREAMS: dict[Path, Callable[[], Iterator[dict[str, Any]]]] = {}
_PENDING_LOCK = threading.Lock()


def expect_summary(
    out_dir: Path,
    wait: Callable[[], None] | None,
    blocks: Callable[[], Iterator[dict[str, Any]]] | None = None,
) -> None:
    """Register (or, with ``wait=None``, clear) the wait for a summary being made for
    ``out_dir``, and optionally the stream of its blocks as they are made."""
    key = Path(out_dir).resolve()
    with _PENDING_LOCK:
        if wait is None:
            _PENDING.pop(key, None)
            _STREAMS.pop(key, None)
        else:
            _PENDING[key] = wait
            if blocks is not None:
                _STREAMS[key] = blocks


def summary_blocks(out_dir: Path) -> Iterator[dict[str, Any]]:
    """The body blocks (``summary.json`` form) of a summary being made elsewhere for
    ``out_dir``, each as soon as it is made; nothing when none is being made.

    A head start only: ``load_summary`` stays the reference for what the summary says.
    """
    with _PENDING_LOCK:
        stream = _STREAMS.get(Path(out_dir).resolve())
    return iter(()) if stream is None else stream()


def load_summary(out_dir: Path) -> dict[str, Any] | None:
    """Read ``summary.json`` from a letter's output folder.

    Args:
        out_dir: the letter's output folder (``output/<letter-slug>/``).

    Returns:
        The summary as a dict following the ``a11y-pub/summary@1`` contract
        (keys ``schema``, ``language``, ``source``, ``title``, ``blocks``,
        ``sentences``, ``glossary``), or None when no summary was written.

    Raises:
        RenderError: the file exists but is not valid JSON or has another
            schema (a summary that cannot be trusted is not silently skipped).
    """
    with _PENDING_LOCK:
        wait = _PENDING.get(Path(out_dir).resolve())
    if wait is not None:
        wait()
    path = Path(out_dir) / SUMMARY_JSON
    data = read_tagged_json(path, SUMMARY_SCHEMA, "summary")
    if data is None:
        return None
    for key, kind in (("blocks", list), ("sentences", list), ("glossary", list)):
        if not isinstance(data.get(key), kind):
            raise RenderError("malformed summary file", path=path, cause=f"'{key}' must be a list")
    return data


FILE_NAMES = {"fr": "resume-facile", "en": "easy-read"}
CHECK_JSON = "summary-check.json"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_summary(letter: Any, out_dir: Path, opts: Any) -> list[Any]:
    """Write the easy-read summary of ``letter`` into ``out_dir``.

    Files: ``resume-facile.md`` and ``.txt`` (``easy-read.*`` in English),
    ``summary.json`` (the ``a11y-pub/summary@1`` contract) and
    ``summary-check.json`` (the checker's report on the Markdown).
    ``opts.summary.summary_file`` set means the staff's text replaces the draft.

    Args:
        letter: the parsed ``Letter``.
        out_dir: the letter's output folder (exists).
        opts: ``BuildOptions``; only ``opts.summary`` is read.

    Returns:
        The artifacts written; the Markdown's ``info`` carries the summary
        source, whether the checker passed, and its figures.

    Raises:
        LexiconError: a malformed simplification lexicon.
        InputError: an unreadable staff summary.
        RenderError: the language tools are missing.
        OutputError: a file cannot be written.
    """
    return check_summary(write_summary(letter, out_dir, opts), letter, out_dir, opts)


def write_summary(
    letter: Any, out_dir: Path, opts: Any, on_block: Callable[[dict[str, Any]], None] | None = None
) -> Any:
    """First half of ``render_summary``: make the summary and write the files the
    other renderers read (Markdown, text, ``summary.json``); return the ``Summary``.
    ``on_block`` gets each body block (``summary.json`` form) as soon as it is made."""
    from ..easyread.summarize import summarize
    from ..files import atomic_write

    announce = None if on_block is None else lambda block: on_block(block.to_dict())
    summary = summarize(letter, opts.summary, announce, _section_cache(opts))
    for name, content, _kind in _summary_files(summary, letter.language):
        atomic_write(Path(out_dir) / name, content)
    return summary


def _section_cache(opts: Any) -> Any:
    """Blocks of earlier builds in ``<output>/.cache/summary`` (read unless ``--force``;
    none with ``--no-cache``)."""
    import dataclasses

    if not opts.audio.use_cache:
        return None

    from ..easyread.summarize import SectionCache
    from ..files import package_digest, sha256, sha256_bytes

    settings = {k: str(v) for k, v in dataclasses.asdict(opts.summary).items()}
    lexicon = opts.summary.simplification_lexicon
    if lexicon is not None:
        try:
            settings["simplification_lexicon"] = sha256(Path(lexicon))
        except OSError:
            return None  # the summary itself reports the unreadable lexicon
    salt = sha256_bytes(json.dumps([package_digest(), settings], sort_keys=True).encode())
    return SectionCache(Path(opts.output) / ".cache" / "summary", salt, read=not getattr(opts, "force", False))


def check_summary(summary: Any, letter: Any, out_dir: Path, opts: Any) -> list[Any]:
    """Second half of ``render_summary``: check ``summary`` (written by ``write_summary``),
    write ``summary-check.json`` and return the four artifacts."""
    from ..easyread.checker import CheckOptions
    from ..files import atomic_write
    from . import Artifact

    report = summary.check(CheckOptions.from_summary_options(opts.summary))
    if not report.passed:
        log.warning(
            "the easy-read summary breaks %d rule(s): %s",
            len(report.findings),
            ", ".join(f"{k} {v}" for k, v in report.counts().items()),
        )
    atomic_write(Path(out_dir) / CHECK_JSON, _json(report.to_dict()))
    infos = {
        "summary-markdown": {
            "source": summary.source,
            "passed": report.passed,
            "figures": report.figures,
            "counts": report.counts(),
        },
        "summary-check": {"passed": report.passed},
    }
    files = [*_summary_names(letter.language), (CHECK_JSON, "summary-check")]
    return [
        Artifact(path=name, kind=kind, renderer="summary", info=dict(infos.get(kind, {"source": summary.source})))
        for name, kind in files
    ]


def _summary_names(language: str) -> list[tuple[str, str]]:
    """(file name, kind) of the files ``write_summary`` writes."""
    stem = FILE_NAMES.get(language, "easy-read")
    return [(f"{stem}.md", "summary-markdown"), (f"{stem}.txt", "summary-text"), (SUMMARY_JSON, "summary-json")]


def _summary_files(summary: Any, language: str) -> list[tuple[str, str, str]]:
    """(file name, content, kind) of the files ``write_summary`` writes."""
    contents = {
        "summary-markdown": summary.to_markdown,
        "summary-text": summary.to_text,
        "summary-json": lambda: _json(summary.to_dict()),
    }
    return [(name, contents[kind](), kind) for name, kind in _summary_names(language)]
