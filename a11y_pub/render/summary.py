"""Easy-to-read summary renderer, and the one reader of its output.

``render_summary`` writes ``resume-facile.md`` / ``resume-facile.txt``
(``easy-read.md`` / ``easy-read.txt`` in English), ``summary.json`` and
``summary-check.json`` in the letter's output folder, and hands the other
renderers the summary as a ``Summary`` value (``inputs.get("summary")``),
streaming each block as it is made. ``read_summary`` reads the value back
from a previous build's ``summary.json`` (``--only pdf``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..files import read_tagged_json

log = logging.getLogger(__name__)

SUMMARY_SCHEMA = "a11y-pub/summary@1"
SUMMARY_JSON = "summary.json"

@dataclass(frozen=True, slots=True)
class SummaryBlock:
    """One block of the summary: the sentences drawn from one section of the letter."""

    section_id: str
    heading: str
    sentences: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SummaryBlock:
        """From the ``summary.json`` form (``section_id``, ``heading``, ``sentences``)."""
        return cls(str(data.get("section_id", "")), str(data.get("heading", "")),
                   tuple(str(s) for s in data.get("sentences", ()) or ()))

    def to_dict(self) -> dict[str, Any]:
        return {"section_id": self.section_id, "heading": self.heading, "sentences": list(self.sentences)}


@dataclass(frozen=True, slots=True)
class Summary:
    """The easy-read summary as the other renderers receive it (``a11y-pub/summary@1``).

    ``sentences`` pairs every sentence with its source section id;
    ``glossary`` holds (term, definition) pairs. ``from_dict``/``to_dict``
    are the ``summary.json`` form, round trip exact.
    """

    language: str
    source: str
    title: str
    blocks: tuple[SummaryBlock, ...]
    sentences: tuple[tuple[str, str], ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    notice: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        """From the ``summary.json`` form (a dict checked by ``load_summary``)."""
        return cls(
            language=str(data.get("language", "")),
            source=str(data.get("source", "draft")),
            title=str(data.get("title", "")),
            blocks=tuple(SummaryBlock.from_dict(b) for b in data.get("blocks", ()) if isinstance(b, Mapping)),
            sentences=tuple((str(s.get("text", "")), str(s.get("section_id", "")))
                            for s in data.get("sentences", ()) if isinstance(s, Mapping)),
            glossary=tuple((str(g.get("term", "")), str(g.get("definition", "")))
                           for g in data.get("glossary", ()) if isinstance(g, Mapping)),
            notice=tuple(str(n) for n in data.get("notice", ()) or ()),
        )

    def to_dict(self) -> dict[str, Any]:
        """The ``summary.json`` form."""
        return {
            "schema": SUMMARY_SCHEMA,
            "language": self.language,
            "source": self.source,
            "title": self.title,
            "notice": list(self.notice),
            "blocks": [b.to_dict() for b in self.blocks],
            "sentences": [{"text": text, "section_id": section} for text, section in self.sentences],
            "glossary": [{"term": term, "definition": definition} for term, definition in self.glossary],
        }


def read_summary(out_dir: Path) -> Summary | None:
    """The summary a previous build wrote in ``out_dir`` (``summary.json``), or None.

    The loader the pipeline uses when the summary renderer is not run.

    Raises:
        RenderError: the file is malformed (see ``load_summary``).
    """
    data = load_summary(out_dir)
    return None if data is None else Summary.from_dict(data)


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


def render_summary(letter: Any, out_dir: Path, opts: Any, *, inputs: Any = None) -> list[Any]:
    """Write the easy-read summary of ``letter`` into ``out_dir``.

    Files: ``resume-facile.md`` and ``.txt`` (``easy-read.*`` in English),
    ``summary.json`` (the ``a11y-pub/summary@1`` contract) and
    ``summary-check.json`` (the checker's report on the Markdown).
    ``opts.summary.summary_file`` set means the staff's text replaces the draft.

    Args:
        letter: the parsed ``Letter``.
        out_dir: the letter's output folder (exists).
        opts: ``BuildOptions``; only ``opts.summary`` is read.
        inputs: the ``Inputs`` view of the build: each body block is put
            to ``"summary"`` as it is made (a ``SummaryBlock``), then the
            whole ``Summary`` is provided before the check runs.

    Returns:
        The artifacts written; the Markdown's ``info`` carries the summary
        source, whether the checker passed, and its figures.

    Raises:
        LexiconError: a malformed simplification lexicon.
        InputError: an unreadable staff summary.
        RenderError: the language tools are missing.
        OutputError: a file cannot be written.
    """
    if inputs is None:
        return check_summary(write_summary(letter, out_dir, opts), letter, out_dir, opts)
    made = write_summary(letter, out_dir, opts, lambda block: inputs.put("summary", SummaryBlock.from_dict(block)))
    inputs.provide("summary", Summary.from_dict(made.to_dict()))
    return check_summary(made, letter, out_dir, opts)


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
