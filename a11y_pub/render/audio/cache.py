"""The build caches: sentences (PCM) and encoded tracks, by content.

Sentences: each is synthesised once per engine, voice and rate.

``Synthesiser.speak`` returns a sentence's PCM from
``<cache>/<key[:2]>/<key>.pcm`` when it is there, else from the engine (and
files it atomically). The key is the SHA-256 of the engine's identity
(``Engine.identity``: engine, voice, model settings), the language, the rate
and the speech text, so an edit re-synthesises only the sentences it changed.

Tracks: ``TrackCache`` files each encoded track under the key of what it
says and every mastering and encoding setting (not its tags), so a rebuild
redoes only the tracks that changed.
"""

from __future__ import annotations

import json
import os
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...engines.base import Engine, Pcm, Voice
from ...files import atomic_path, atomic_write, sha256_bytes
from ...mp3 import samples_per_frame
from ...options import BuildOptions
from .progress import SentenceCounter

CACHE_VERSION = 1  # bump when the speech pipeline changes what a key means


def cache_dir(opts: BuildOptions) -> Path:
    """The audio cache folder: ``--cache-dir`` when given, else ``<output>/.cache/audio``."""
    return Path(opts.audio.cache_dir) if opts.audio.cache_dir else Path(opts.output) / ".cache" / "audio"


@dataclass
class Synthesiser:
    """Speaks utterances with one engine through the PCM cache; counts hits and calls.

    ``progress`` (optional) is told of each sentence as it is spoken.
    """

    engine: Engine
    voice: Voice
    cache_dir: Path | None
    hits: int = 0
    calls: int = 0
    seconds: float = 0.0
    identity: dict[str, Any] = field(default_factory=dict)
    progress: SentenceCounter | None = None

    def __post_init__(self) -> None:
        self.identity = {
            "version": CACHE_VERSION,
            "engine": self.engine.name,
            "voice": self.engine.voice_name(self.voice),
            "language": self.voice.language,
            "rate": self.voice.rate,
            **self.engine.identity,
        }

    def key(self, speech: str) -> str:
        payload = json.dumps({**self.identity, "text": speech}, sort_keys=True, ensure_ascii=False)
        return sha256_bytes(payload.encode("utf-8"))

    def _path(self, speech: str) -> Path | None:
        if self.cache_dir is None:
            return None
        key = self.key(speech)
        return self.cache_dir / key[:2] / f"{key}.pcm"

    def speak_all(self, speeches: Sequence[str]) -> list[tuple[Pcm, bool]]:
        """PCM for each of ``speeches`` and whether it came from the cache, in order.

        The ones not in the cache go to the engine in one ``synthesize_sentences``
        call, in order (an engine may batch them); with a cache, a sentence
        said twice is synthesised once.

        Raises:
            EngineError: the engine cannot speak one of them.
        """
        paths = [self._path(speech) for speech in speeches]
        found: dict[int, Pcm] = {}
        for index, path in enumerate(paths):
            cached = _read_pcm(path) if path is not None else None
            if cached is not None:
                found[index] = cached
                self._spoken(speeches[index], synthesised=False)
        missing: list[int] = []
        queued: set[str] = set()
        for index, speech in enumerate(speeches):
            if index not in found and (self.cache_dir is None or speech not in queued):
                missing.append(index)  # with a cache, one synthesis per distinct text
                queued.add(speech)
        if missing:
            started = time.perf_counter()
            made = self.engine.synthesize_sentences([speeches[i] for i in missing], self.voice)
            for index, pcm in zip(missing, made, strict=True):  # filed as each comes
                self.calls += 1
                found[index] = pcm
                self._spoken(speeches[index], synthesised=True)
                path = paths[index]
                if path is not None:
                    atomic_write(path, struct.pack("<IHH", pcm.rate, pcm.width, pcm.channels) + pcm.data)
            self.seconds += time.perf_counter() - started
        result: list[tuple[Pcm, bool]] = []
        made_here = set(missing)
        for index, speech in enumerate(speeches):
            if index not in found:  # said earlier in this batch: the same PCM, as from the cache
                found[index] = found[speeches.index(speech)]
                self._spoken(speech, synthesised=False)
            hit = index not in made_here
            self.hits += hit
            result.append((found[index], hit))
        return result

    def _spoken(self, speech: str, *, synthesised: bool) -> None:
        if self.progress is not None:
            self.progress.spoken(speech, synthesised=synthesised)


def _read_pcm(path: Path) -> Pcm | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if len(raw) < 8:
        return None
    rate, width, channels = struct.unpack("<IHH", raw[:8])
    if width != 2 or channels != 1 or rate <= 0 or (len(raw) - 8) % 2:
        return None
    return Pcm(rate, width, channels, raw[8:])


@dataclass(frozen=True)
class TrackAudio:
    """A track's encoded audio: an untagged MP3 stream on disk and where its sentences are.

    ``samples`` counts the mastered samples encoded, ``frames`` the MP3
    frames; ``spans`` are (utterance index, start, end) in seconds of the
    mastered samples (like every cue: players that honour no gapless header
    hear them ``mp3.ENCODER_DELAY`` samples later); ``cached`` counts
    sentences that came from a cache.
    """

    stream: Path
    samples: int
    frames: int
    spans: tuple[tuple[int, float, float], ...]
    cached: int

    def duration(self, rate: int) -> float:
        """Length in seconds of the stream's frames at ``rate`` Hz."""
        return self.frames * samples_per_frame(rate) / rate


class TrackCache:
    """Encoded tracks under ``folder/tracks`` by content key, and the codec allowance per setting.

    ``folder`` None: nothing is read or kept.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> TrackAudio | None:
        """The filed track for ``key``; None when absent or damaged (its size is checked)."""
        if self.folder is None:
            return None
        place = self.folder / "tracks" / key[:2]
        try:
            meta = json.loads((place / f"{key}.json").read_text(encoding="utf-8"))
            stream = place / f"{key}.mp3"
            if stream.stat().st_size != meta["bytes"]:
                return None
            spans = tuple((int(i), float(s), float(e)) for i, s, e in meta["spans"])
            return TrackAudio(stream, int(meta["samples"]), int(meta["frames"]), spans, len(spans))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, audio: TrackAudio, size: int) -> TrackAudio:
        """File ``audio``'s stream (``size`` bytes; moved, atomically) under ``key``; the filed track.

        Without a folder the stream stays where it is.
        """
        if self.folder is None:
            return audio
        place = self.folder / "tracks" / key[:2]
        stream = place / f"{key}.mp3"
        with atomic_path(stream) as tmp:
            os.replace(audio.stream, tmp)
        meta = {"samples": audio.samples, "frames": audio.frames, "bytes": size, "spans": [list(s) for s in audio.spans]}
        atomic_write(place / f"{key}.json", json.dumps(meta, sort_keys=True))
        return replace(audio, stream=stream)

    def allowance(self, identity: dict[str, Any], measure: Callable[[], float]) -> float:
        """The codec allowance filed for ``identity``, else ``measure()`` (then filed)."""
        key = sha256_bytes(json.dumps(identity, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        path = self.folder / "allowance" / f"{key}.json" if self.folder is not None else None
        if path is not None:
            try:
                return float(json.loads(path.read_text(encoding="utf-8"))["allowance"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        value = measure()
        if path is not None:
            atomic_write(path, json.dumps({"allowance": value, **identity}, sort_keys=True, ensure_ascii=False))
        return value
