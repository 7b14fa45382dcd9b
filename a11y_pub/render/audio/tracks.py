"""Tracks: from a planned ``Track`` to an encoded, mastered MP3 stream; streams joined end to end.

``TrackRenderer`` makes tracks one at a time in bounded memory. For each
track: the track cache first (its key needs no audio); on a miss the
sentences are spoken in the calling thread (engines keep global state) into
a float32 scratch file while its loudness is measured, then mastered and
encoded block by block, in a worker when ``AudioOptions.threads`` > 1.

Streams join without re-encoding: LAME's first frame never borrows from a
bit reservoir (main_data_begin = 0), so streams encoded apart can be put
end to end, with silent frames for the pause (``join_streams``,
``plan_full_letter`` for the whole letter in files of bounded length).
"""

from __future__ import annotations

import json
import logging
import math
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import RecordingError, RenderError
from ...files import sha256, sha256_bytes
from ...mp3 import ENCODER_DELAY, audio_start, count_mp3_frames, samples_per_frame, silent_frames
from ...options import AudioOptions
from .cache import Synthesiser, TrackAudio, TrackCache
from .encoding import LAME_QUALITY, Mp3Sink, codec_allowance
from .mastering import (
    LIMITER_MARGIN_DB,
    LOUDNESS_TOLERANCE,
    SILENCE_THRESHOLD_DB,
    TRIM_MARGIN,
    SampleFile,
    master,
    master_source,
    trim_silence,
)
from .metering import LoudnessMeter
from .recordings import decode_recording
from .resample import pcm_to_float
from .script import Track

log = logging.getLogger(__name__)

TRACK_CACHE_VERSION = 2  # bump when mastering or encoding changes what a track key means


def track_key(track: Track, synthesiser: Synthesiser, audio: AudioOptions) -> str:
    """Content address of a track's encoded audio: what is said, pauses, every mastering
    and encoding setting; not its name, title or tags."""
    payload = {
        "version": TRACK_CACHE_VERSION,
        "utterances": [[synthesiser.key(u.speech), u.pause_after] for u in track.utterances],
        "lead_silence": audio.lead_silence,
        "sample_rate": audio.sample_rate,
        "bitrate": audio.bitrate,
        "loudness": audio.loudness,
        "true_peak": audio.true_peak,
        "limiter_margin": LIMITER_MARGIN_DB,
        "lame_quality": LAME_QUALITY,
        "silence": [SILENCE_THRESHOLD_DB, TRIM_MARGIN],
        "tolerance": LOUDNESS_TOLERANCE,
    }
    if track.recording is not None:  # what a recording says is its bytes
        payload["recording"] = sha256(track.recording)
    return sha256_bytes(json.dumps(payload, sort_keys=True).encode("utf-8"))


@dataclass(frozen=True)
class _Job:
    """A track spoken into a scratch file, waiting to be mastered and encoded."""

    key: str
    store: SampleFile
    measured: float  # LUFS of the unmastered samples
    spans: tuple[tuple[int, float, float], ...]
    cached: int


class TrackRenderer:
    """Turns tracks into encoded audio, one at a time, in bounded memory.

    Encoded streams go to the track cache (atomically) or, without a cache,
    stay in ``scratch`` until the files are written.
    """

    def __init__(
        self, synthesiser: Synthesiser, audio: AudioOptions, cache_dir: Path | None, scratch: Path, pool: Any
    ) -> None:
        self.synthesiser = synthesiser
        self.audio = audio
        self.cache = TrackCache(cache_dir)
        self.scratch = scratch
        self.pool = pool
        self.allowance: float | None = None
        self.passes = 0
        self._pending: list[Any] = []
        self._count = 0

    def _codec_allowance(self, excerpt: np.ndarray) -> float:
        """The encoder's loudness loss for this engine, voice, bit rate and rate (cached)."""
        audio = self.audio
        identity = {**self.synthesiser.identity, "bitrate": audio.bitrate, "sample_rate": audio.sample_rate,
                    "loudness": audio.loudness, "true_peak": audio.true_peak, "quality": LAME_QUALITY}

        def measure() -> float:
            rate = audio.sample_rate
            mastered = master(excerpt, rate, audio.loudness, audio.true_peak - LIMITER_MARGIN_DB)
            return round(codec_allowance(mastered, rate, audio.bitrate), 3)

        return self.cache.allowance(identity, measure)

    def submit(self, track: Track) -> Any:
        """Start rendering ``track``; returns its ``TrackAudio`` or a future of it.

        Raises:
            EngineError: the engine cannot speak a sentence.
            RenderError: encoding failed.
        """
        key = track_key(track, self.synthesiser, self.audio)
        hit = self.cache.get(key)
        if hit is not None:
            if self.synthesiser.progress is not None and track.recording is None:
                for utterance in track.utterances:
                    self.synthesiser.progress.spoken(utterance.speech, synthesised=False)
            return hit
        job = self._speak(key, track)
        if self.pool is None:
            return self._finish(job)
        while len(self._pending) >= max(1, self.audio.threads):  # bound scratch files waiting
            self._pending.pop(0).result()
        future = self.pool.submit(self._finish, job)
        self._pending.append(future)
        return future

    def plan(self, tracks: Sequence[Track]) -> None:
        """Count ``tracks``' sentences into the progress before they are submitted."""
        if self.synthesiser.progress is not None:
            self.synthesiser.progress.planned(u.speech for t in tracks if t.recording is None for u in t.utterances)

    def _voiced(self, track: Track) -> list[Any]:
        """Each utterance's (PCM, from the cache); ``None`` each for a recording."""
        if track.recording is not None:
            return [None] * len(track.utterances)
        return self.synthesiser.speak_all([u.speech for u in track.utterances])

    def _speak(self, key: str, track: Track) -> _Job:
        """Speak ``track``'s sentences into a scratch file, measuring as it goes (this thread)."""
        audio = self.audio
        rate = audio.sample_rate
        self._count += 1
        store = SampleFile(self.scratch / f"{self._count:04d}.f32")
        try:
            meter = LoudnessMeter(rate)

            def append(samples: np.ndarray) -> None:
                store.append(samples)
                meter.add(samples)

            lead = np.zeros(round(audio.lead_silence * rate), dtype=np.float32)
            append(lead)
            spans: list[tuple[int, float, float]] = []
            cached = 0
            pause = 0.0
            for index, (utterance, spoken) in enumerate(zip(track.utterances, self._voiced(track), strict=True)):
                if track.recording is not None:
                    speech = trim_silence(decode_recording(track.recording, rate), rate)
                    if speech.size == 0:
                        raise RecordingError("the recording is silent", path=track.recording)
                else:
                    pcm, hit_pcm = spoken
                    cached += hit_pcm
                    speech = trim_silence(pcm_to_float(pcm, rate), rate)
                if speech.size == 0:
                    continue
                if spans:  # the pause after a sentence comes before the next one
                    append(np.zeros(round(pause * rate), dtype=np.float32))
                start = store.size
                append(speech)
                spans.append((index, start / rate, store.size / rate))
                pause = utterance.pause_after
            append(lead)
            if self.allowance is None:
                self.allowance = self._codec_allowance(store.read(0, min(store.size, 15 * rate)))
        except BaseException:
            store.close()
            raise
        return _Job(key, store, meter.lufs(), tuple((i, round(s, 3), round(e, 3)) for i, s, e in spans), cached)

    def _finish(self, job: _Job) -> TrackAudio:
        """Master and encode the job's samples (any thread); file the stream."""
        audio = self.audio
        rate = audio.sample_rate
        sinks: list[Mp3Sink] = []

        def make_sink() -> Mp3Sink:
            if sinks:
                sinks[-1].discard()
            sinks.append(Mp3Sink(job.store.path.with_suffix(f".{len(sinks)}.mp3"), rate, audio.bitrate))
            return sinks[-1]

        try:
            _, passes = master_source(
                job.store, rate, audio.loudness + (self.allowance or 0.0), audio.true_peak - LIMITER_MARGIN_DB,
                job.measured, make_sink,
            )
            self.passes += passes
            sink = sinks[-1]
            sink.finish()
        except BaseException:
            for sink in sinks:
                sink.discard()
            raise
        finally:
            job.store.close()
        data = sink.path.read_bytes()
        try:
            frames = count_mp3_frames(data[audio_start(data) :])
        except ValueError as exc:
            raise RenderError("MP3 encoding failed", cause=str(exc)) from exc
        return self.cache.put(job.key, TrackAudio(sink.path, sink.samples, frames, job.spans, job.cached), len(data))

    def wait(self) -> None:
        """Let every job started finish (their errors are not raised here)."""
        for future in self._pending:
            future.exception()
        self._pending.clear()


def resolved(result: Any) -> TrackAudio:
    """The ``TrackAudio`` of a ``TrackRenderer.submit`` result (waiting for a future)."""
    return result if isinstance(result, TrackAudio) else result.result()


# -- joining streams ------------------------------------------------------------------------


@dataclass(frozen=True)
class FullPart:
    """One file of the whole letter: its sections (track index, gap frames before it)."""

    sections: tuple[tuple[int, int], ...]


def gap_frames(before: TrackAudio, audio: AudioOptions) -> int:
    """Silent frames between two section streams so their speech is ``section_pause`` apart.

    Between the last sound of one file and the first of the next there is
    already its tail and lead silence, its encoder padding and the next one's
    encoder delay; the frames make up the rest.
    """
    rate = audio.sample_rate
    spf = samples_per_frame(rate)
    padding = before.frames * spf - ENCODER_DELAY - before.samples
    missing = audio.section_pause * rate - 2 * audio.lead_silence * rate - padding - ENCODER_DELAY
    return max(0, math.floor(missing / spf))  # never longer than the pause asked for


def plan_full_letter(
    indices: Sequence[int], audios: Sequence[TrackAudio], audio: AudioOptions, max_seconds: float
) -> list[FullPart]:
    """Split the sections (track ``indices``) into files of at most ``max_seconds`` each.

    A section longer than the limit on its own gets a file of its own.
    """
    rate = audio.sample_rate
    limit_frames = max_seconds * rate / samples_per_frame(rate)
    parts: list[list[tuple[int, int]]] = []
    length = 0
    for position, index in enumerate(indices):
        gap = gap_frames(audios[indices[position - 1]], audio) if position else 0
        frames = audios[index].frames
        if parts and parts[-1] and length + gap + frames <= limit_frames:
            parts[-1].append((index, gap))
            length += gap + frames
        else:
            if parts and frames > limit_frames:
                log.warning("a section lasts %.0f min, longer than a file should", frames / limit_frames * max_seconds / 60)
            parts.append([(index, 0)])
            length = frames
    return [FullPart(tuple(p)) for p in parts]


def first_header(stream: Path) -> bytes:
    """The 4-byte header of the first audio frame of the MP3 file ``stream``."""
    with stream.open("rb") as handle:
        head = handle.read(1 << 16)
    start = audio_start(head)
    return head[start : start + 4]


def copy_frames(stream: Path, out: Any) -> None:
    """Append the audio frames of the MP3 file ``stream`` (no tag, no Xing frame) to ``out``."""
    with stream.open("rb") as source:
        source.seek(audio_start(source.read(1 << 16)))
        shutil.copyfileobj(source, out, 1 << 20)


def join_streams(audios: Sequence[TrackAudio], parts: Sequence[Track], audio: AudioOptions, path: Path) -> TrackAudio:
    """One untagged MP3 stream at ``path`` from the parts' streams, a section pause apart
    (silent frames, as in the whole letter); spans re-indexed over all parts' sentences."""
    rate = audio.sample_rate
    spf = samples_per_frame(rate)
    header = first_header(audios[0].stream)
    frames = 0
    first_sentence = 0
    spans: list[tuple[int, float, float]] = []
    with path.open("wb") as out:
        for position, (part, part_audio) in enumerate(zip(parts, audios, strict=True)):
            gap = gap_frames(audios[position - 1], audio) if position else 0
            out.write(silent_frames(header, gap))
            frames += gap
            start = frames * spf / rate
            copy_frames(part_audio.stream, out)
            spans += [(first_sentence + i, round(s + start, 3), round(e + start, 3)) for i, s, e in part_audio.spans]
            first_sentence += len(part.utterances)
            frames += part_audio.frames
    last = audios[-1]
    samples = (frames - last.frames) * spf + last.samples
    return TrackAudio(path, samples, frames, tuple(spans), sum(a.cached for a in audios))
