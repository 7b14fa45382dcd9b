"""The engine interface: text in, PCM out.

Engines return raw PCM, never MP3: loudness, encoding and tags happen once,
in ``render/audio/``. An engine's outer edge (HTTP session, library
handle) is a constructor argument so tests can swap it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..options import DEFAULT_RATE


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
    rate: int = DEFAULT_RATE  # words per minute


@runtime_checkable
class Engine(Protocol):
    """A speech engine: every ability a renderer may use, and nothing looked up by name.

    Attributes:
        name: the engine's name (``espeak``, ``gtts``, ``piper``, ``kokoro``),
            recorded in the manifest and the MP3 tags.
        sample_rate: rate in Hz of the PCM ``synthesize`` returns.
        identity: what determines the output besides the text, voice, language
            and rate (model checksum, model settings); part of every cache key,
            so changing any of it re-synthesises. ``{}`` when nothing else does.
        phoneme_alphabet: the pronunciation lexicon's phoneme alphabet this
            engine reads as markup inside its text (espeak-ng: ``"x-espeak"``,
            written ``[[...]]``); None: lexicon entries reach it as respellings.

    Engines written as subclasses of ``Engine`` inherit ``synthesize_sentences``
    (one call per sentence) and ``credit`` (none); ``voice_name`` defaults to
    the voice asked for.
    """

    name: str
    sample_rate: int
    phoneme_alphabet: str | None = None

    @property
    def identity(self) -> Mapping[str, Any]:
        return {}

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        """Speak ``text``: mono 16-bit PCM at ``sample_rate`` (empty for blank text).

        Raises:
            SynthesisError: this text cannot be spoken.
            EngineUnavailable: the engine cannot run (network, model).
        """
        ...

    def synthesize_sentences(self, texts: Sequence[str], voice: Voice) -> Iterable[Pcm]:
        """Speak each text on its own, in order: one ``Pcm`` per text (sentence timings come
        from these lengths), each yielded as soon as it is made (the caller caches it then).
        An engine may batch short texts. Raises as ``synthesize``."""
        for text in texts:
            yield self.synthesize(text, voice)

    def voice_name(self, voice: Voice) -> str:
        """The voice that actually speaks for ``voice`` (for the manifest and tags)."""
        return voice.name or voice.language

    def credit(self, voice: Voice) -> str:
        """The credit line the voice's licence asks for (model, voice data, licences); "" for none."""
        return ""
