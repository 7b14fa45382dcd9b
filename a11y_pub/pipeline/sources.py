"""Where a letter comes from and where it goes: its folder name and side files."""

from __future__ import annotations

import json
from pathlib import Path

MODEL_FILE = "letter.json"  # the letter model a build writes beside its outputs
MANIFEST_FILE = "manifest.json"


def letter_slug(path: Path) -> str:
    """The output folder name for an input file: a slug of its stem.

    A letter model written by a build (``<output>/<slug>/letter.json``, edited
    to correct a split) keeps its letter's folder: the slug recorded in the
    manifest beside it, else the name of the folder it sits in. So two
    corrected letters never land in the same folder.
    """
    from slugify import slugify

    path = Path(path)
    if path.name == MODEL_FILE:
        recorded = _recorded_slug(path.with_name(MANIFEST_FILE))
        if recorded:
            return recorded
        if path.parent.name:
            return slugify(path.parent.name, max_length=80, word_boundary=True) or "letter"
    stem = path.name
    for suffix in (".json", ".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".odt", ".eml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if stem.endswith(".letter"):
        stem = stem[: -len(".letter")]
    return slugify(stem, max_length=80, word_boundary=True) or "letter"


def _recorded_slug(manifest: Path) -> str | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    slug = data.get("letter", {}).get("slug") if isinstance(data, dict) and isinstance(data.get("letter"), dict) else None
    return slug if isinstance(slug, str) and slug and "/" not in slug and not slug.startswith(".") else None


def staff_summary_for(path: Path) -> Path | None:
    """A staff-written summary beside the input (``<stem>.resume.md``), if any."""
    stem = path.name.rsplit(".", 1)[0]
    for name in (f"{stem}.resume.md", f"{stem}.easy-read.md"):
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    return None
