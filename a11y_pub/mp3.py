"""MP3 frame arithmetic, shared by the engines that receive MP3 and the audio renderer.

- ``count_mp3_frames`` walks the MPEG audio frames of a byte string and
  refuses a stream that is empty, not MPEG Layer III, or cut off in the middle
  of a frame, so a truncated download never ends up spliced into a letter.
- ``frame_length``, ``audio_start``, ``silent_frames``, ``samples_per_frame``
  let the renderer join streams encoded apart without re-encoding them.
- ``decode_mp3`` turns a checked stream into 16-bit mono PCM at a given rate
  with miniaudio (in-process, no ffmpeg).

Numbers come from ISO/IEC 11172-3 (MPEG-1) and 13818-3 (MPEG-2, and the
MPEG-2.5 extension): bit-rate and sample-rate tables, 1152 samples per
Layer III frame in MPEG-1 and 576 in MPEG-2/2.5, frame length
``144000 x kbit/s / Hz`` (MPEG-1) or ``72000 x kbit/s / Hz`` (MPEG-2/2.5)
plus the padding byte.
"""

from __future__ import annotations

from .errors import SynthesisError

__all__ = [
    "ENCODER_DELAY",
    "audio_start",
    "count_mp3_frames",
    "decode_mp3",
    "frame_length",
    "id3v2_size",
    "samples_per_frame",
    "silent_frames",
]

BITRATES_V1_L3 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)  # kbit/s by index
BITRATES_V2_L3 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
SAMPLE_RATES = {
    3: (44100, 48000, 32000),  # MPEG-1
    2: (22050, 24000, 16000),  # MPEG-2
    0: (11025, 12000, 8000),  # MPEG-2.5
}
ENCODER_DELAY = 1105  # samples LAME (576) and the decoder (529) put before the audio


def samples_per_frame(rate: int) -> int:
    """Samples in one Layer III frame at ``rate`` Hz: 1152 for MPEG-1 (32 kHz and up), 576 below."""
    return 1152 if rate >= 32000 else 576


def id3v2_size(data: bytes, pos: int) -> int:
    """Length in bytes of the ID3v2 tag at ``pos`` (header, body and footer).

    Raises:
        ValueError: the tag header is cut off or its size is not a syncsafe integer.
    """
    if len(data) < pos + 10:
        raise ValueError(f"ID3 tag cut off at byte {pos}")
    raw = data[pos + 6 : pos + 10]
    if any(b & 0x80 for b in raw):
        raise ValueError(f"bad ID3 tag size at byte {pos}")
    size = (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]
    footer = 10 if data[pos + 5] & 0x10 else 0
    return 10 + size + footer


def _is_layer3(header: bytes) -> bool:
    b1, b2 = header[1], header[2]
    version, layer, bitrate_index, rate_index = (b1 >> 3) & 3, (b1 >> 1) & 3, b2 >> 4, (b2 >> 2) & 3
    return header[0] == 0xFF and b1 & 0xE0 == 0xE0 and version != 1 and layer == 1 and bitrate_index not in (0, 15) \
        and rate_index != 3


def frame_length(header: bytes) -> int:
    """Length in bytes of the Layer III frame whose 4-byte ``header`` is given (padding included).

    The header must be a valid Layer III header (``count_mp3_frames`` checks it).
    """
    version = (header[1] >> 3) & 3
    bitrate_index, rate_index, padding = header[2] >> 4, (header[2] >> 2) & 3, (header[2] >> 1) & 1
    rate = SAMPLE_RATES[version][rate_index]
    if version == 3:
        return 144000 * BITRATES_V1_L3[bitrate_index] // rate + padding
    return 72000 * BITRATES_V2_L3[bitrate_index] // rate + padding


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
            pos += id3v2_size(data, pos)
            if pos > end:
                raise ValueError("ID3 tag runs past the end of the stream")
            continue
        if data[pos : pos + 3] == b"TAG" and end - pos == 128:
            break
        if end - pos < 4:
            raise ValueError(f"stream cut off at byte {pos}")
        header = data[pos : pos + 4]
        if header[0] != 0xFF or (header[1] & 0xE0) != 0xE0:
            raise ValueError(f"no MPEG frame at byte {pos}")
        if not _is_layer3(header):
            raise ValueError(f"not an MPEG Layer III frame at byte {pos}")
        length = frame_length(header)
        if pos + length > end:
            raise ValueError(f"last frame cut off at byte {pos} ({end - pos} of {length} bytes)")
        pos += length
        frames += 1
    if frames == 0:
        raise ValueError("no MPEG audio frame")
    return frames


def _side_info_length(header: bytes) -> int:
    mono = (header[3] >> 6) == 3
    if (header[1] >> 3) & 3 == 3:
        return 17 if mono else 32
    return 9 if mono else 17


def audio_start(stream: bytes) -> int:
    """Offset of the first audio frame: after an ID3v2 tag and a Xing/Info/VBRI frame, if any."""
    pos = 0
    if stream[:3] == b"ID3":
        pos = id3v2_size(stream, 0)
    header = stream[pos : pos + 4]
    if len(header) == 4 and header[0] == 0xFF and header[1] & 0xE0 == 0xE0:
        tag_at = pos + 4 + _side_info_length(header)
        if stream[tag_at : tag_at + 4] in (b"Xing", b"Info") or stream[pos + 36 : pos + 40] == b"VBRI":
            pos += frame_length(header)
    return pos


def silent_frames(header: bytes, count: int) -> bytes:
    """``count`` frames of silence with ``header``'s format (padding bit cleared).

    A frame whose side information is all zero decodes to silence; LAME's
    frames never borrow from such a frame's bit reservoir.
    """
    if count <= 0:
        return b""
    head = bytes([header[0], header[1], header[2] & ~0x02, header[3]])
    return (head + bytes(frame_length(head) - 4)) * count


def decode_mp3(data: bytes, sample_rate: int, source: str = "the engine") -> bytes:
    """Decode an MP3 stream to 16-bit little-endian mono PCM at ``sample_rate`` Hz (miniaudio).

    Raises:
        SynthesisError: the stream is truncated or not MP3, or fails to decode
            (``source`` names who sent it in the message).
    """
    try:
        count_mp3_frames(data)
    except ValueError as exc:
        raise SynthesisError(f"{source} returned a damaged MP3 stream", cause=str(exc)) from exc
    try:
        import miniaudio
    except ImportError as exc:
        raise SynthesisError("cannot decode MP3", cause="pip install miniaudio") from exc
    try:
        decoded = miniaudio.decode(
            data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=sample_rate
        )
    except miniaudio.DecodeError as exc:
        raise SynthesisError(f"{source} returned an MP3 that does not decode", cause=str(exc)) from exc
    return decoded.samples.tobytes()
