"""Audio timings as the audio renderer writes them, and WebVTT captions."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import RenderError
from ...files import read_tagged_json

TIMINGS_SCHEMA = "a11y-pub/timings@1"


@dataclass(frozen=True, slots=True)
class Cue:
    """One spoken sentence: start and end in seconds, and its text as written."""

    start: float
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class AudioTrack:
    """One MP3 of the audio renderer, as ``timings.json`` describes it."""

    file: str
    section_id: str
    title: str
    duration: float
    cues: tuple[Cue, ...]

    @property
    def stem(self) -> str:
        return Path(self.file).stem


def load_timings(out_dir: Path) -> tuple[AudioTrack, ...] | None:
    """Read ``audio/timings.json`` from a letter's output folder.

    Args:
        out_dir: the letter's output folder.

    Returns:
        The audio files in listening order, or None when no timings exist.

    Raises:
        RenderError: the file exists but is unreadable, has another schema or
            malformed entries.
    """
    path = Path(out_dir) / "audio" / "timings.json"
    data = read_tagged_json(path, TIMINGS_SCHEMA, "audio timings")
    if data is None:
        return None
    files = data.get("files")
    if not isinstance(files, list):
        raise RenderError("malformed audio timings file", path=path, cause="'files' must be a list")
    try:
        return tuple(track_from_dict(entry) for entry in files)
    except (KeyError, TypeError, ValueError) as exc:
        raise RenderError("malformed audio timings file", path=path, cause=repr(exc)) from exc


def track_from_dict(entry: Mapping[str, Any]) -> AudioTrack:
    name = str(entry["file"])
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"file name {name!r} must be a plain file name")
    cues = tuple(
        Cue(start=float(c["start"]), end=float(c["end"]), text=str(c["text"]))
        for c in entry.get("cues") or ()
    )
    duration = float(entry.get("duration") or (cues[-1].end if cues else 0.0))
    if not math.isfinite(duration) or any(
        not (math.isfinite(c.start) and math.isfinite(c.end)) for c in cues
    ):
        raise ValueError(f"{name}: times must be finite numbers")
    return AudioTrack(
        file=name,
        section_id=str(entry.get("section_id") or ""),
        title=str(entry.get("title") or ""),
        duration=duration,
        cues=cues,
    )


# -- WebVTT -----------------------------------------------------------------


def format_vtt_time(seconds: float) -> str:
    """Return ``seconds`` as a WebVTT timestamp ``HH:MM:SS.mmm``."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def cues_to_vtt(cues: Iterable[Cue]) -> str:
    """Return a WebVTT document with one numbered cue per sentence.

    Cue text is escaped as WebVTT requires (``&``, ``<``, ``>``) and kept on
    one line, so no text can end a cue or inject markup.
    """
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        text = " ".join(cue.text.split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [
            str(number),
            f"{format_vtt_time(cue.start)} --> {format_vtt_time(cue.end)}",
            text,
            "",
        ]
    return "\n".join(lines)
