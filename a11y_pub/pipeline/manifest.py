"""``manifest.json``: the input, the tool, the options and every file with its checksum."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import sha256
from ..model import Letter
from ..options import BuildOptions

MANIFEST_SCHEMA = "a11y-pub/manifest@1"


def jsonable(value: Any) -> Any:
    """``value`` with paths as POSIX strings and tuples as lists (JSON-ready)."""
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest in ``out_dir`` as a dict; empty when missing, unreadable or of another schema."""
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA else {}


def _kept_entries(previous: dict[str, Any], out_dir: Path, names: list[str]) -> dict[str, dict[str, Any]]:
    """Files of renderers not run this time, still on disk unchanged."""
    entries: dict[str, dict[str, Any]] = {}
    for entry in previous.get("files", []):
        if entry.get("renderer") in names or not isinstance(entry.get("path"), str):
            continue
        target = out_dir / entry["path"]
        if target.is_file() and sha256(target) == entry.get("sha256"):
            entries[entry["path"]] = entry
    return entries


def _renderer_summary(name: str, artifacts: list[Any], records: tuple[str, ...]) -> dict[str, Any]:
    """``{"files": n, key: [values]}`` for one renderer's artifacts (keys from its ``records``)."""
    produced = [a for a in artifacts if a.renderer == name]
    used: dict[str, set[str]] = {}
    for artifact in produced:
        for key in records:
            if key in artifact.info:
                used.setdefault(key, set()).add(str(artifact.info[key]))
    return {"files": len(produced), **{k: sorted(v) for k, v in used.items()}}


def make_manifest(
    letter: Letter,
    source: Path,
    out_dir: Path,
    opts: BuildOptions,
    names: list[str],
    artifacts: list[Any],
    previous: dict[str, Any],
    slug: str,
) -> dict[str, Any]:
    """The manifest of a build staged in ``out_dir``.

    Files of renderers not run this time (``--only``) are kept from the
    ``previous`` manifest when they are still on disk unchanged. ``slug`` is
    the letter's folder name, recorded so a model built from ``letter.json``
    keeps it.
    """
    from ..render import spec_for

    entries = _kept_entries(previous, out_dir, names)
    renderers: dict[str, Any] = {
        k: v for k, v in previous.get("renderers", {}).items() if k not in names and any(e["renderer"] == k for e in entries.values())
    }
    for artifact in artifacts:
        target = out_dir / artifact.path
        entries[artifact.path] = {
            "path": artifact.path,
            "kind": artifact.kind,
            "renderer": artifact.renderer,
            "sha256": sha256(target),
            "size": target.stat().st_size,
            **jsonable(dict(artifact.info)),
        }
    for name in names:
        renderers[name] = _renderer_summary(name, artifacts, spec_for(name).records)
    return {
        "schema": MANIFEST_SCHEMA,
        "tool": {"name": "a11y-pub", "version": __version__},
        "input": {"path": source.as_posix(), "sha256": sha256(source), "format": source.suffix.lstrip(".").lower()},
        "letter": {
            "file": "letter.json",
            "sha256": sha256(out_dir / "letter.json"),
            "slug": slug,
            "language": letter.language,
            "sections": len(letter.sections),
            "commitments": len(letter.commitments),
        },
        "options": jsonable(dataclasses.asdict(opts)),
        "renderers": renderers,
        "files": [entries[k] for k in sorted(entries)],
    }
