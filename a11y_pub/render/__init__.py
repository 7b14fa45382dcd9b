"""Renderers: one module per output channel, listed here in build order.

Each renderer is a function ``render_x(letter, out_dir, opts) -> list[Artifact]``
that writes its files under ``out_dir`` (atomically) and returns what it
wrote. ``RENDERERS`` maps the public name (used by ``--only``) to the
function's import path; modules are imported only when used, so the CLI
starts fast. Order matters: later renderers may read what earlier ones wrote
(audio and PDF read the summary, the web page reads the audio timings).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Letter
from ..options import BuildOptions


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


Renderer = Callable[[Letter, Path, BuildOptions], list[Artifact]]

RENDERERS: dict[str, str] = {
    "summary": "a11y_pub.render.summary:render_summary",
    "pdf": "a11y_pub.render.pdf:render_pdf",
    "audio": "a11y_pub.render.audio:render_audio",
    # The talking books need the audio (timings, MP3s) and the summary; the Word file the
    # summary. They come before the web page, which links to them.
    "epub": "a11y_pub.render.epub:render_epub",
    "daisy": "a11y_pub.render.daisy:render_daisy",
    "docx": "a11y_pub.render.docx:render_docx",
    "web": "a11y_pub.render.web:render_web",
}


def get_renderer(name: str) -> Renderer:
    """Import and return the renderer called ``name``; KeyError if unknown."""
    module_name, func_name = RENDERERS[name].split(":")
    module = importlib.import_module(module_name)
    return getattr(module, func_name)
