"""Staff recordings: a message recorded by a person (the candidate's own voice, say) played
before the introduction (``AudioOptions.intro_audio``) or after the conclusion
(``AudioOptions.outro_audio``).

A recording in any format ffmpeg reads (m4a, wav, ogg, mp3...) is decoded
with pydub through the ffmpeg binary that the ``imageio-ffmpeg`` wheel ships
(nothing to install beside the package), mixed to mono and resampled to the
output rate here; the track renderer then masters it like speech (same
loudness target, same true-peak ceiling).
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from ...engines.base import Pcm
from ...errors import RecordingError
from .resample import pcm_to_float

MAX_RECORDING_SECONDS = 10 * 60  # a message, not a second letter: longer recordings are refused


@functools.lru_cache(maxsize=1)
def _segment_class() -> Any:
    """pydub's ``AudioSegment`` bound to imageio-ffmpeg's binary (not to a system ffmpeg).

    Raises:
        RecordingError: pydub or imageio-ffmpeg is not installed.
    """
    try:
        import imageio_ffmpeg
        with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH
            warnings.simplefilter("ignore", RuntimeWarning)
            warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop (Python 3.11, 3.12)
            from pydub import AudioSegment
        converter = imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise RecordingError("cannot decode recordings", cause=f"{exc}; pip install pydub imageio-ffmpeg") from exc
    return type("FfmpegSegment", (AudioSegment,), {"converter": converter})


def _ffmpeg_reason(error: Exception) -> str:
    """The last meaningful line of ffmpeg's complaint (pydub passes its whole output)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def decode_recording(path: Path, rate: int) -> np.ndarray:
    """Decode the recording at ``path`` to mono float32 samples in [-1, 1] at ``rate`` Hz.

    Raises:
        RecordingError: the file is missing, unreadable, not audio ffmpeg can
            decode, without any sample, or
            longer than ``MAX_RECORDING_SECONDS``; one line naming the file.
    """
    path = Path(path)
    if not path.is_file():
        raise RecordingError("recording not found", path=path)
    segment_class = _segment_class()
    try:
        # the temporary-files variant runs ffmpeg only (no ffprobe, which imageio-ffmpeg does not ship)
        segment = segment_class.from_file_using_temporary_files(str(path))
    except OSError as exc:
        raise RecordingError("cannot read the recording", path=path, cause=exc.strerror or str(exc)) from exc
    except Exception as exc:  # pydub raises CouldntDecodeError, or wave/struct errors on damaged WAV files
        raise RecordingError("not an audio file ffmpeg can decode", path=path, cause=_ffmpeg_reason(exc)) from exc
    if segment.frame_count() == 0:
        raise RecordingError("the recording holds no sound", path=path)
    if segment.duration_seconds > MAX_RECORDING_SECONDS:
        raise RecordingError(
            f"the recording lasts {segment.duration_seconds / 60:.0f} min", path=path,
            cause=f"at most {MAX_RECORDING_SECONDS // 60} min",
        )
    segment = segment.set_sample_width(2)
    return pcm_to_float(Pcm(segment.frame_rate, 2, segment.channels, segment.raw_data), rate)
