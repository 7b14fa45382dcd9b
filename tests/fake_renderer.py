"""A stand-in renderer for pipeline tests: writes one small file per section."""

from __future__ import annotations

import os
from pathlib import Path

from a11y_pub.files import atomic_write
from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions
from a11y_pub.render import Artifact

CALLS: list[str] = []


def render_fake(letter: Letter, out_dir: Path, opts: BuildOptions) -> list[Artifact]:
    CALLS.append(letter.sections[0].id)
    artifacts = []
    for section in letter.sections:
        name = f"fake/{section.slug}.txt"
        atomic_write(out_dir / name, section.text)
        artifacts.append(Artifact(path=name, kind="text", renderer="fake", info={"engine": "none"}))
        if os.environ.get("A11Y_FAKE_CRASH") == section.id:
            raise KeyboardInterrupt
    return artifacts
