"""The extended M3U playlist of a letter's audio files."""

from __future__ import annotations

import math
from collections.abc import Sequence


def playlist(entries: Sequence[tuple[str, str, float]]) -> str:
    """An extended M3U (UTF-8) playlist: (file, title, duration) in listening order."""
    lines = ["#EXTM3U"]
    for file, title, duration in entries:
        lines += [f"#EXTINF:{int(math.ceil(duration))},{title}", file]
    return "\n".join(lines) + "\n"
