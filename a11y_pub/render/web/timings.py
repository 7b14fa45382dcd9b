"""The audio renderer's timings as the web page reads them (``a11y_pub.timings``)."""

from __future__ import annotations

from pathlib import Path

from ...timings import Cue, TimedFile, read_timings, to_webvtt

AudioTrack = TimedFile  # one MP3 of the audio renderer, as ``timings.json`` describes it


def load_timings(out_dir: Path) -> tuple[AudioTrack, ...] | None:
    """Read ``audio/timings.json`` from a letter's output folder.

    Returns:
        The audio files in listening order, or None when no timings exist.

    Raises:
        RenderError: the file exists but is unreadable, has another schema or
            malformed entries.
    """
    timings = read_timings(Path(out_dir) / "audio" / "timings.json")
    return None if timings is None else timings.files


__all__ = ["AudioTrack", "Cue", "load_timings", "to_webvtt"]
