"""The engine interface: text in, PCM out.

Engines return raw PCM, never MP3: loudness, encoding and tags happen once,
in ``render/audio.py``. An engine's outer edge (HTTP session, library
handle) is a constructor argument so tests can swap it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Pcm:
    """Signed little-endian PCM audio."""

    rate: int
    width: int  # bytes per sample: 2 for 16-bit
    channels: int
    data: bytes

    @property
    def frames(self) -> int:
        return len(self.data) // (self.width * self.channels)

    @property
    def duration(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


@dataclass(frozen=True, slots=True)
class Voice:
    """What to say it with: language (BCP 47 primary tag), optional voice name, speed."""

    language: str
    name: str | None = None
    rate: int = 165  # words per minute


@runtime_checkable
class Engine(Protocol):
    """A speech engine. ``name`` is recorded in the manifest and MP3 tags."""

    name: str

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        """Speak ``text``; raise SynthesisError or EngineUnavailable on failure."""
        ...
