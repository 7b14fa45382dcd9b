"""Web renderer: an accessible page with read-along audio, ready to upload.

``render_web`` writes ``out_dir/web/``, a folder that works as it is from
``file://`` or any static host:

- ``index.html``: the page (inline CSS, no external fonts, scripts or
  trackers), in the letter's language: the easy-read summary first, then each
  commitment, then the introduction, the conclusion and the appendix; each
  part with its own native ``<audio controls>`` player, a ``<track>`` of
  captions, and its transcript, whose sentences carry their timings
  (``data-start``/``data-end``) for the read-along highlight;
- ``read-along.js``: the small script for the highlight, the settings (text
  size, voice speed, follow along) and click-to-play;
- ``fonts/``: Atkinson Hyperlegible (SIL OFL) and its licence;
- ``audio/``: COPIES of the audio renderer's MP3s, WebVTT files and playlist
  (copies, not hard links: the folder is meant to be zipped or uploaded, and
  a copy stays valid when the audio is rebuilt or the output folder moves to
  another file system); a missing VTT is written here from ``timings.json``;
- copies of the large-print PDF and of the easy-read text, when built.

Inputs come from the other renderers' files in ``out_dir`` (``summary.json``
through ``load_summary``, ``audio/timings.json``, the PDF); each may be
absent (``--only web``) and the page is then built without it. All text from
the letter is HTML-escaped. Output is deterministic.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ...files import atomic_write
from ...model import Letter
from ...options import BuildOptions
from ...timings import Timings, read_timings
from .. import Artifact
from ..summary import load_summary
from .files import WebOutput, copy_audio, copy_downloads, remove_stale, write_assets
from .page import page_html
from .timings import AudioTrack, Cue, load_timings
from .transcript import load_strings

log = logging.getLogger(__name__)

WEB_DIR = "web"


def render_web(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the accessible web page and the files it links to under ``out_dir/web``.

    Args:
        letter: the letter to publish.
        out_dir: the letter's output folder; the summary, audio and PDF
            renderers' files are read from it when present.
        opts: build options (the page has no options of its own yet).
        inputs: the build's ``Inputs`` view: the ``"summary"`` and ``"timings"``
            values; None: both are read from ``out_dir``.

    Returns:
        One Artifact per file written in ``web/`` (page, script, fonts, copied
        audio, captions, playlist, PDF and easy-read text).

    Raises:
        RenderError: the timings or summary file is malformed, or a file
            cannot be copied.
        OutputError: the web folder cannot be written.
    """
    del opts  # no web-specific options yet; kept for the renderer signature
    out_dir = Path(out_dir)
    web = out_dir / WEB_DIR
    strings = load_strings(letter.language)
    output = WebOutput(web=web, artifacts=[])

    if inputs is None:
        summary, timings = load_summary(out_dir), read_timings(out_dir / "audio" / "timings.json")
    else:  # the build's values: Summary (render/summary.py) and the timings mapping
        value = inputs.get("summary")
        summary = None if value is None else value.to_dict()
        data = inputs.get("timings")
        timings = None if data is None else Timings.from_dict(data)
    tracks = copy_audio(out_dir, output, None if timings is None else timings.files)
    downloads = copy_downloads(out_dir, output, strings, tracks)
    write_assets(output)

    page = page_html(letter, strings, summary, tracks, downloads, timings.credit if timings is not None and tracks else "")
    index = web / "index.html"
    atomic_write(index, page)
    output.record(index, "web-page", language=letter.language)
    remove_stale(web, output.written())
    log.info("web page written (%d files)", len(output.artifacts))
    return output.artifacts


__all__ = [
    "AudioTrack",
    "Cue",
    "load_timings",
    "render_web",
]
