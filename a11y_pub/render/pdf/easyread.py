"""Easy-read PDF renderer: ``render_easy_read_pdf(letter, out_dir, opts)``.

Writes ``resume-facile.pdf`` (``easy-read.pdf`` in English) from the
summary renderer's ``Summary`` (through the build's inputs, or its
``summary.json`` when called alone): a tagged PDF/UA-1 laid out as
easy-read documents are (see ``document.build_easy_read_pdf``). Needs the
summary: without one, nothing is written and a warning names the letter.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ...files import atomic_write, sha256_bytes
from ...model import Letter
from ...options import BuildOptions
from .. import Artifact
from ..summary import load_summary
from .document import build_easy_read_pdf
from .style import EASY_READ_FILE_NAMES, PDF_LANGUAGES

log = logging.getLogger(__name__)

RENDERER = "easyread-pdf"


def render_easy_read_pdf(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the easy-read PDF of ``letter``'s summary into ``out_dir``.

    Args:
        letter: the letter model (language, names, date).
        out_dir: the letter's output folder.
        opts: build options; ``opts.pdf`` gives paper, theme and sizes.
        inputs: the build's ``Inputs`` view (its ``"summary"``, and the
            ``"page-url"`` printed as a short link and QR code on the first
            page); None: the summary is read from ``out_dir/summary.json``.

    Returns:
        One Artifact (``resume-facile.pdf`` / ``easy-read.pdf``), or none
        when there is no summary.

    Raises:
        ConfigError: PDF options out of range.
        RenderError: the summary is unreadable or the PDF cannot be built.
        OutputError: the file cannot be written.
    """
    if inputs is None:
        summary = load_summary(Path(out_dir))
    else:  # the build's Summary value (render/summary.py), as the dict the layout reads
        value = inputs.get("summary")
        summary = None if value is None else value.to_dict()
    if summary is None:
        log.warning("%s: no easy-read summary, so no easy-read PDF", letter.source or letter.subject or "letter")
        return []
    page_url = None if inputs is None else inputs.get("page-url")
    data = build_easy_read_pdf(letter, opts.pdf, summary, page_url=page_url)
    name = EASY_READ_FILE_NAMES[letter.language]
    atomic_write(Path(out_dir) / name, data)
    return [
        Artifact(
            path=name,
            kind="easy-read-pdf",
            renderer=RENDERER,
            info={
                "language": PDF_LANGUAGES[letter.language],
                "summary": str(summary.get("source") or "draft"),
                **({"page_url": page_url} if page_url else {}),
                "tagged": "PDF/UA-1",
                "sha256": sha256_bytes(data),
            },
        )
    ]
