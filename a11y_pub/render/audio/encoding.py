"""MP3 encoding and decoding in-process (lameenc, miniaudio): mono, constant bit rate.

``Mp3Sink`` encodes a mastering pass block by block into a file;
``codec_allowance`` measures the loudness LAME takes from speech, so tracks
are mastered that much louder and land on target once encoded.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import RenderError
from .metering import loudness

LAME_QUALITY = 5  # 0 best/slowest .. 9 worst/fastest; 5 is LAME's default, ~2.5x faster than 2


def decode_mp3_samples(mp3: bytes, rate: int) -> np.ndarray:
    """Decode MP3 bytes to float samples at ``rate`` (miniaudio, in-process)."""
    import miniaudio

    decoded = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate)
    return np.frombuffer(decoded.samples.tobytes(), dtype="<i2").astype(np.float32) / np.float32(32768.0)


def codec_allowance(samples: np.ndarray, rate: int, bitrate: int) -> float:
    """Loudness (LU) the MP3 encoder takes from speech mastered as ``samples``.

    LAME at speech bit rates removes about 0.5 LU from espeak-ng's bright
    voice; measured on up to 15 s of mastered audio, so files can be
    mastered that much louder and land on target after encoding.
    """
    excerpt = samples[: 15 * rate]
    before = loudness(excerpt, rate)
    if not math.isfinite(before):
        return 0.0
    after = loudness(decode_mp3_samples(encode_mp3(to_int16(excerpt), rate, bitrate), rate), rate)
    if not math.isfinite(after):
        return 0.0
    return min(1.5, max(0.0, before - after))


def to_int16(samples: np.ndarray) -> bytes:
    scaled = np.clip(samples, -1.0, 1.0) * np.float32(32767.0)
    return np.round(scaled).astype("<i2").tobytes()


def new_encoder(rate: int, bitrate: int) -> Any:
    """A lameenc encoder: mono, constant bit rate, in-process.

    Raises:
        RenderError: the encoder refuses the settings.
    """
    import lameenc

    try:
        encoder = lameenc.Encoder()
        encoder.set_bit_rate(bitrate)
        encoder.set_in_sample_rate(rate)
        encoder.set_out_sample_rate(rate)
        encoder.set_channels(1)
        encoder.set_quality(LAME_QUALITY)
    except Exception as exc:  # lameenc raises bare RuntimeError on bad settings
        raise RenderError("MP3 encoding failed", cause=f"{bitrate} kbit/s at {rate} Hz: {exc}") from exc
    return encoder


def encode_mp3(pcm16: bytes, rate: int, bitrate: int) -> bytes:
    """Encode 16-bit mono PCM to constant-bit-rate MP3 with lameenc (in-process).

    Raises:
        RenderError: the encoder refuses the settings or fails.
    """
    encoder = new_encoder(rate, bitrate)
    try:
        return bytes(encoder.encode(pcm16) + encoder.flush())
    except Exception as exc:
        raise RenderError("MP3 encoding failed", cause=f"{bitrate} kbit/s at {rate} Hz: {exc}") from exc



class Mp3Sink:
    """Encodes blocks of float samples into an MP3 file as they come (one per mastering pass)."""

    def __init__(self, path: Path, rate: int, bitrate: int) -> None:
        self.path = path
        self.samples = 0
        self._encoder = new_encoder(rate, bitrate)
        self._handle = path.open("wb")

    def __call__(self, block: np.ndarray) -> None:
        self.samples += block.size
        self._handle.write(self._encoder.encode(to_int16(block)))

    def finish(self) -> None:
        self._handle.write(self._encoder.flush())
        self._handle.close()

    def discard(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)
