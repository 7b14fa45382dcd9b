"""Renderers: one module per output channel, each declared once in ``RENDERERS``.

A renderer is a function ``render_x(letter, out_dir, opts) -> list[Artifact]``
that writes its files under ``out_dir`` (atomically) and returns what it
wrote. A renderer that takes something from another one (or hands something
to another one) also accepts the keyword argument ``inputs``: an ``Inputs``
view (``render/inputs.py``) through which it reads the typed values it
``needs`` and delivers the ones it ``provides``. Renderers never import each
other and never read each other's files to learn something: files are
outputs, values are the wiring.

``RENDERERS`` maps the public name (used by ``--only``) to a ``RendererSpec``.
The pipeline orders and parallelises the stages from these declarations
alone; modules are imported only when used, so the CLI starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .inputs import Board, Inputs

if TYPE_CHECKING:  # the CLI imports this module for the renderer names: keep it light
    from ..model import Letter
    from ..options import BuildOptions

__all__ = ["RENDERERS", "Artifact", "Board", "Inputs", "RendererSpec", "call_renderer", "get_renderer", "load_target", "spec_for"]


@dataclass(frozen=True)
class Artifact:
    """One file a renderer wrote.

    ``path`` is relative to the letter's output folder (POSIX form);
    ``info`` holds what the manifest should say about the file (engine,
    voice, summary source...).
    """

    path: str
    kind: str
    renderer: str
    info: Mapping[str, Any] = field(default_factory=dict)


Renderer = Callable[..., list[Artifact]]


@dataclass(frozen=True, slots=True)
class RendererSpec:
    """What the pipeline knows about a renderer.

    Attributes:
        target: ``"package.module:function"`` of the ``render_*`` function.
        needs: names of the values (or files) it takes from other renderers
            (``"summary"``, ``"timings"``, ``"pdf"`` ...). It runs after their
            providers, or beside a provider that delivers the value ``early``.
        provides: names of what it makes for others. Each name maps to a
            loader ``"module:function"`` taking the letter's output folder and
            returning the value from a previous build's files (used when the
            provider is not run, e.g. ``--only pdf``), or ``""`` when the name
            is a file others copy, not a value.
        early: provided names delivered while the renderer still works
            (values streamed block by block, or a value handed on before a
            final check): consumers may start beside it.
        helper: run it in the long-lived helper process when a letter is
            built alone (keeps a heavy model loaded between letters, and
            frees the main process for the longest stage).
        records: ``Artifact.info`` keys summarised per renderer in the
            manifest (``renderers.<name>``), e.g. the engine and voice used.
        longest: it takes the longest in its wave: it runs in the main
            thread, where Ctrl-C and SIGTERM stop it at once (the others run
            in threads beside it and are short).
    """

    target: str
    needs: tuple[str, ...] = ()
    provides: Mapping[str, str] = field(default_factory=dict)
    early: tuple[str, ...] = ()
    helper: bool = False
    records: tuple[str, ...] = ("engine", "voice")
    longest: bool = False


RENDERERS: dict[str, RendererSpec] = {
    "summary": RendererSpec(
        "a11y_pub.render.summary:render_summary",
        provides={"summary": "a11y_pub.render.summary:read_summary"},
        early=("summary",),
        helper=True,
        records=("source",),
    ),
    # With --base-url, both PDFs print the letter's web page as a short link and a QR code.
    "pdf": RendererSpec("a11y_pub.render.pdf:render_pdf", needs=("summary", "page-url"), provides={"pdf": ""}, records=()),
    "easyread-pdf": RendererSpec(
        "a11y_pub.render.pdf.easyread:render_easy_read_pdf", needs=("summary", "page-url"), provides={"easyread-pdf": ""},
        records=(),
    ),
    "audio": RendererSpec(
        "a11y_pub.render.audio:render_audio",
        needs=("summary", "progress"),
        provides={"audio": "", "timings": "a11y_pub.render.audio:read_timings"},
        records=("engine", "voice"),
        longest=True,
    ),
    # The talking books need the audio (timings, MP3s) and the summary; the Word file the summary.
    "epub": RendererSpec("a11y_pub.render.epub:render_epub", needs=("summary", "timings", "audio"), provides={"epub": ""}, records=()),
    "daisy": RendererSpec("a11y_pub.render.daisy:render_daisy", needs=("summary", "timings", "audio"), provides={"daisy": ""}, records=()),
    "docx": RendererSpec("a11y_pub.render.docx:render_docx", needs=("summary", "page-url"), provides={"docx": ""}, records=()),
    # The review of the reading (found, left out, doubts): its counts go in the manifest's file entry.
    "review": RendererSpec("a11y_pub.render.review:render_review", provides={"review": ""}, records=()),
    # The web page links to every download, so it comes after them.
    "web": RendererSpec(
        "a11y_pub.render.web:render_web", needs=("summary", "timings", "audio", "pdf", "easyread-pdf", "epub", "daisy", "docx"), records=()
    ),
}


def spec_for(name: str) -> RendererSpec:
    """The declaration of the renderer called ``name``; KeyError if unknown.

    A bare ``"module:function"`` string is accepted as a renderer that needs
    and provides nothing.
    """
    spec = RENDERERS[name]
    return RendererSpec(spec) if isinstance(spec, str) else spec


def load_target(target: str) -> Callable[..., Any]:
    """Import and return the function named by ``"package.module:function"``."""
    module_name, func_name = target.split(":")
    return getattr(importlib.import_module(module_name), func_name)


def get_renderer(name: str) -> Renderer:
    """Import and return the renderer called ``name``; KeyError if unknown."""
    return load_target(spec_for(name).target)


def takes_inputs(renderer: Callable[..., Any]) -> bool:
    """Whether ``renderer`` accepts the ``inputs`` keyword argument."""
    import inspect

    try:
        parameters = inspect.signature(renderer).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "inputs" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


def call_renderer(renderer: Callable[..., Any], letter: Letter, out_dir: Path, opts: BuildOptions, inputs: Any) -> list[Artifact]:
    """Call ``renderer`` the way it is written: with ``inputs=`` when it takes it.

    A renderer that reads what it needs from the letter's folder instead is
    called once every value it needs is delivered (its providers' files are
    then written), never beside a provider still at work.
    """
    if takes_inputs(renderer):
        return renderer(letter, out_dir, opts, inputs=inputs)
    for name in getattr(inputs, "needs", ()):
        inputs.get(name)
    return renderer(letter, out_dir, opts)
