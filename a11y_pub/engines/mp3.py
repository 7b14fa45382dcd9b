"""MP3 stream checks and decoding, shared by engines that receive MP3.

``check_mp3`` walks the MPEG audio frames of a byte string and refuses a
stream that is empty, not MPEG Layer III, or cut off in the middle of a
frame, so a truncated download never ends up spliced into a letter.
``decode_mp3`` turns a checked stream into 16-bit mono PCM at a given rate
with miniaudio (in-process, no ffmpeg/ffprobe).
"""

from __future__ import annotations

from ..errors import SynthesisError
from .base import Pcm

_BITRATES_V1_L3 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_BITRATES_V2_L3 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_SAMPLE_RATES = {
    3: (44100, 48000, 32000),  # MPEG-1
    2: (22050, 24000, 16000),  # MPEG-2
    0: (11025, 12000, 8000),  # MPEG-2.5
}


def _id3v2_size(data: bytes, pos: int) -> int:
    """Length of the ID3v2 tag at ``pos`` (header, body and footer)."""
    if len(data) < pos + 10:
        raise ValueError(f"ID3 tag cut off at byte {pos}")
    raw = data[pos + 6 : pos + 10]
    if any(b & 0x80 for b in raw):
        raise ValueError(f"bad ID3 tag size at byte {pos}")
    size = (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]
    footer = 10 if data[pos + 5] & 0x10 else 0
    return 10 + size + footer


def count_mp3_frames(data: bytes) -> int:
    """Count the complete MPEG Layer III frames in ``data``.

    ID3v2 tags (anywhere between frames) and a final ID3v1 tag are skipped.

    Raises:
        ValueError: no frame at all, bytes that are not a frame, or a frame
            (or tag) that runs past the end of the data (a truncated stream).
    """
    pos = 0
    frames = 0
    end = len(data)
    while pos < end:
        if data[pos : pos + 3] == b"ID3":
            pos += _id3v2_size(data, pos)
            if pos > end:
                raise ValueError("ID3 tag runs past the end of the stream")
            continue
        if data[pos : pos + 3] == b"TAG" and end - pos == 128:
            break
        if end - pos < 4:
            raise ValueError(f"stream cut off at byte {pos}")
        b1, b2 = data[pos + 1], data[pos + 2]
        if data[pos] != 0xFF or (b1 & 0xE0) != 0xE0:
            raise ValueError(f"no MPEG frame at byte {pos}")
        version = (b1 >> 3) & 3
        layer = (b1 >> 1) & 3
        bitrate_index = b2 >> 4
        rate_index = (b2 >> 2) & 3
        if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
            raise ValueError(f"not an MPEG Layer III frame at byte {pos}")
        padding = (b2 >> 1) & 1
        sample_rate = _SAMPLE_RATES[version][rate_index]
        if version == 3:
            length = 144000 * _BITRATES_V1_L3[bitrate_index] // sample_rate + padding
        else:
            length = 72000 * _BITRATES_V2_L3[bitrate_index] // sample_rate + padding
        if pos + length > end:
            raise ValueError(f"last frame cut off at byte {pos} ({end - pos} of {length} bytes)")
        pos += length
        frames += 1
    if frames == 0:
        raise ValueError("no MPEG audio frame")
    return frames


def decode_mp3(data: bytes, sample_rate: int, source: str = "the engine") -> Pcm:
    """Decode an MP3 stream to 16-bit mono PCM at ``sample_rate``.

    Raises:
        SynthesisError: the stream is truncated or not MP3, or fails to decode.
    """
    try:
        count_mp3_frames(data)
    except ValueError as exc:
        raise SynthesisError(f"{source} returned a damaged MP3 stream", cause=str(exc)) from exc
    try:
        import miniaudio

        decoded = miniaudio.decode(
            data,
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=sample_rate,
        )
    except ImportError as exc:
        raise SynthesisError("cannot decode MP3", cause="pip install miniaudio") from exc
    except miniaudio.DecodeError as exc:
        raise SynthesisError("the engine returned an MP3 that does not decode", cause=str(exc)) from exc
    return Pcm(sample_rate, 2, 1, decoded.samples.tobytes())
