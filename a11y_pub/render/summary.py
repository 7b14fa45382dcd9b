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
from pathlib import Path
from typing import Any

from ..errors import RenderError

log = logging.getLogger(__name__)

SUMMARY_SCHEMA = "a11y-pub/summary@1"
SUMMARY_JSON = "summary.json"


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
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RenderError("cannot read the summary", path=path, cause=str(exc)) from exc
    if not isinstance(data, dict) or data.get("schema") != SUMMARY_SCHEMA:
        schema = data.get("schema") if isinstance(data, dict) else None
        raise RenderError(
            "unsupported summary file",
            path=path,
            cause=f"schema {schema!r}, expected {SUMMARY_SCHEMA!r}",
        )
    for key, kind in (("blocks", list), ("sentences", list), ("glossary", list)):
        if not isinstance(data.get(key), kind):
            raise RenderError("malformed summary file", path=path, cause=f"'{key}' must be a list")
    return data
