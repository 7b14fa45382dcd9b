"""The review of the reading as ``review.md``: what was found, left out and doubtful.

``render_review(letter, out_dir, opts) -> list[Artifact]`` writes the text
of ``parse.review.review_text`` and reports ``parse.review.review_counts``
as the artifact's info, so the manifest records the counts.
"""

from __future__ import annotations

from pathlib import Path

from ..files import atomic_write
from ..model import Letter
from ..options import BuildOptions
from ..parse.review import review_counts, review_text
from . import Artifact

REVIEW_FILE = "review.md"


def render_review(letter: Letter, out_dir: Path, opts: BuildOptions) -> list[Artifact]:
    """Write ``review.md`` in ``out_dir``; return its artifact (info: the counts).

    Raises:
        OSError: the file cannot be written (atomically).
    """
    atomic_write(Path(out_dir) / REVIEW_FILE, review_text(letter))
    return [Artifact(path=REVIEW_FILE, kind="review", renderer="review", info=review_counts(letter))]
