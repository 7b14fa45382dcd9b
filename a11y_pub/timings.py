"""Sentence timings and captions, shared by the audio, the web page and the talking books.

The audio renderer speaks each sentence on its own, so it knows where every
sentence starts and ends in every MP3 it writes. It hands that on as one
``Timings`` value (and writes it to ``audio/timings.json``, schema
``TIMINGS_SCHEMA``):

- ``Timings.files``: one ``TimedFile`` per MP3 in listening order: its file
  name (``01-titre.mp3``), the section it speaks (``section_id``; ``letter``
  for the whole-letter file, ``summary`` for the easy-read summary), its
  title, its duration in seconds and its ``cues``;
- ``Cue``: one spoken sentence: ``id`` (a fragment id, ``<section>-s<n>``,
  matching ``CUE_ID_PATTERN``, the same id wherever the same sentence is
  heard: a section's own file and the whole letter), ``start`` and ``end`` in
  seconds from the start of the file, and ``text`` as written.

``to_webvtt`` writes a file's cues as WebVTT (W3C WebVTT, one numbered cue
per sentence, text escaped).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import RenderError
from .files import read_tagged_json

__all__ = [
    "CUE_ID_PATTERN",
    "ID_PATTERN",
    "TIMINGS_SCHEMA",
    "Cue",
    "TimedFile",
    "Timings",
    "cue_id",
    "format_vtt_time",
    "read_timings",
    "to_webvtt",
]

TIMINGS_SCHEMA = "a11y-pub/timings@1"
# Section and file ids: lower-case letters, digits and hyphens, 1-80 characters (as the letter model's).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
# Cue ids: a section id, then "-s" and the sentence's number in that section's file (from 1).
CUE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}-s[1-9][0-9]{0,5}$")


def cue_id(section_id: str, number: int) -> str:
    """The cue id of sentence ``number`` (from 1) of section ``section_id``: ``<section_id>-s<number>``.

    Raises:
        ValueError: ``section_id`` does not match ``ID_PATTERN`` or ``number`` < 1.
    """
    if not ID_PATTERN.match(section_id) or number < 1:
        raise ValueError(f"no cue id for section {section_id!r}, sentence {number}")
    return f"{section_id}-s{number}"


@dataclass(frozen=True, slots=True)
class Cue:
    """One spoken sentence: ``start`` and ``end`` in seconds from the start of its file
    (kept to the millisecond), ``text`` as written, ``id`` its fragment id (``""`` until
    its file gives it one)."""

    start: float
    end: float
    text: str
    id: str = ""

    def __post_init__(self) -> None:
        if not (math.isfinite(self.start) and math.isfinite(self.end)):
            raise ValueError(f"cue {self.id or self.text[:30]!r}: times must be finite numbers")
        object.__setattr__(self, "start", round(float(self.start), 3))  # milliseconds, as written
        object.__setattr__(self, "end", round(float(self.end), 3))
        if self.id and not CUE_ID_PATTERN.match(self.id):
            raise ValueError(f"cue id {self.id!r} does not match {CUE_ID_PATTERN.pattern}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cue:
        """A cue from ``{"id"?, "start", "end", "text"}``.

        Raises:
            KeyError, TypeError, ValueError: a field is missing or malformed.
        """
        return cls(float(data["start"]), float(data["end"]), str(data["text"]), str(data.get("id") or ""))

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "start", "end", "text"}`` (times rounded to the millisecond)."""
        return {"id": self.id, "start": round(self.start, 3), "end": round(self.end, 3), "text": self.text}


@dataclass(frozen=True, slots=True)
class TimedFile:
    """One MP3 and its sentences: ``file`` (a plain file name), ``section_id``, ``title``,
    ``duration`` in seconds (kept to the millisecond), ``cues`` in order.

    Cues without an id get ``cue_id(section, n)`` by position, where the
    section is ``section_id`` when it is a valid id, else ``"cue"``.

    Raises:
        ValueError: a path as file name, a time that is not finite, or two cues with one id.
    """

    file: str
    section_id: str
    title: str
    duration: float
    cues: tuple[Cue, ...]

    def __post_init__(self) -> None:
        if not self.file or "/" in self.file or "\\" in self.file or self.file.startswith("."):
            raise ValueError(f"file name {self.file!r} must be a plain file name")
        if not math.isfinite(self.duration):
            raise ValueError(f"{self.file}: times must be finite numbers")
        object.__setattr__(self, "duration", round(float(self.duration), 3))
        base = self.section_id if ID_PATTERN.match(self.section_id) else "cue"
        cues = tuple(c if c.id else replace(c, id=cue_id(base, n)) for n, c in enumerate(self.cues, start=1))
        if len({c.id for c in cues}) != len(cues):
            raise ValueError(f"{self.file}: two cues have the same id")
        object.__setattr__(self, "cues", cues)

    @property
    def stem(self) -> str:
        """The file name without its extension (``01-titre``)."""
        return Path(self.file).stem

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimedFile:
        """A file from its ``timings.json`` entry; the duration defaults to the last cue's end.

        Raises:
            KeyError, TypeError, ValueError: a field is missing or malformed.
        """
        cues = tuple(Cue.from_dict(c) for c in data.get("cues") or ())
        duration = float(data.get("duration") or (cues[-1].end if cues else 0.0))
        return cls(str(data["file"]), str(data.get("section_id") or ""), str(data.get("title") or ""), duration, cues)

    def to_dict(self) -> dict[str, Any]:
        """The ``timings.json`` entry: file, section_id, title, duration (ms precision), cues."""
        return {"file": self.file, "section_id": self.section_id, "title": self.title,
                "duration": round(self.duration, 3), "cues": [c.to_dict() for c in self.cues]}


@dataclass(frozen=True, slots=True)
class Timings:
    """Every MP3 of a letter with its sentence timings, in listening order, and the
    credit line the voice's licence asks for (``""`` when none, and then not written)."""

    files: tuple[TimedFile, ...]
    credit: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Timings:
        """Timings from a ``TIMINGS_SCHEMA`` document.

        Raises:
            ValueError: another schema, or a malformed entry (``KeyError`` and
                ``TypeError`` from the entries are raised as ``ValueError``).
        """
        if data.get("schema") != TIMINGS_SCHEMA:
            raise ValueError(f"schema {data.get('schema')!r}, expected {TIMINGS_SCHEMA!r}")
        files = data.get("files")
        if not isinstance(files, list):
            raise ValueError("'files' must be a list")
        credit = data.get("credit", "")
        if not isinstance(credit, str):
            raise ValueError("'credit' must be a string")
        try:
            return cls(tuple(TimedFile.from_dict(entry) for entry in files), credit)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed entry: {exc!r}") from exc

    def to_dict(self) -> dict[str, Any]:
        """``{"schema": TIMINGS_SCHEMA, "files": [...]}``, and ``"credit"`` when there is one."""
        data: dict[str, Any] = {"schema": TIMINGS_SCHEMA, "files": [f.to_dict() for f in self.files]}
        if self.credit:
            data["credit"] = self.credit
        return data


def read_timings(path: Path) -> Timings | None:
    """Read a ``timings.json`` file; None when there is none.

    Raises:
        RenderError: the file is unreadable, carries another schema tag
            (message ``unsupported audio timings file``) or has malformed entries.
    """
    data = read_tagged_json(Path(path), TIMINGS_SCHEMA, "audio timings")
    if data is None:
        return None
    try:
        return Timings.from_dict(data)
    except ValueError as exc:
        raise RenderError("malformed audio timings file", path=path, cause=str(exc)) from exc


def format_vtt_time(seconds: float) -> str:
    """``seconds`` as a WebVTT timestamp ``HH:MM:SS.mmm`` (negative times read as 0)."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def to_webvtt(cues: Iterable[Cue]) -> str:
    """A WebVTT document with one numbered cue per sentence.

    Cue text is kept on one line and escaped as WebVTT requires (``&``,
    ``<``, ``>``), so no text can end a cue or inject markup.
    """
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        text = " ".join(cue.text.split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [str(number), f"{format_vtt_time(cue.start)} --> {format_vtt_time(cue.end)}", text, ""]
    return "\n".join(lines)
