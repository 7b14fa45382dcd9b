"""The build pipeline: letters in, output folders with a manifest out.

- ``build``: ``build()``, ``build_one()``, ``render_letter()``, ``LetterResult``
- ``stages``: the renderers in waves from their ``RENDERERS`` declarations
- ``helper``: the helper process a renderer may run in
- ``staging``: lock, staging folder, commit (a build is a transaction)
- ``freshness``: the build fingerprint and the up-to-date check
- ``manifest``: ``manifest.json``
- ``sources``: a letter's folder name and side files
- ``watch``: ``build --watch``
"""

from __future__ import annotations

from .build import LetterResult, build, build_one, is_input_error, render_letter
from .freshness import build_fingerprint, up_to_date
from .helper import Helper
from .manifest import MANIFEST_SCHEMA, read_manifest
from .sources import letter_slug, staff_summary_for
from .stages import plan_stages, selected_renderers
from .staging import LOCK_TIMEOUT, STAGE_DIR
from .watch import WATCH_INTERVAL, watch, watch_state

__all__ = [
    "LOCK_TIMEOUT",
    "MANIFEST_SCHEMA",
    "STAGE_DIR",
    "WATCH_INTERVAL",
    "Helper",
    "LetterResult",
    "build",
    "build_fingerprint",
    "build_one",
    "is_input_error",
    "letter_slug",
    "plan_stages",
    "read_manifest",
    "render_letter",
    "selected_renderers",
    "staff_summary_for",
    "up_to_date",
    "watch",
    "watch_state",
]
