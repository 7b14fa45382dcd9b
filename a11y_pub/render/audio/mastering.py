"""Mastering: silence trimming, a look-ahead true-peak limiter and loudness passes (pure numpy).

Everything works in float32 on blocks of at most ``CHUNK`` samples (plus
``CONTEXT`` on each side for the limiter), so a file of any length is
mastered in bounded memory: a track's samples live in a scratch file
(``SampleFile``), never whole in memory. ``master_source`` finds the gain
that brings a track to the loudness target once limited (AES TD1004: -19
LUFS for mono speech; true peak under -1 dBTP, EBU R128), streaming each
pass's output to a sink (the MP3 encoder).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from .metering import CHUNK, LoudnessMeter, loudness, peak_envelope

CONTEXT = 8192  # samples read on each side of a block: covers the limiter's reach
OVERSAMPLE_HEADROOM_DB = 4.0  # blocks whose sample peak is this far under the ceiling skip oversampling
LOUDNESS_TOLERANCE = 0.2  # LU: a mastering pass closer than this to the target is kept
MAX_PASSES = 4
SILENCE_THRESHOLD_DB = -45.0  # trimmed from the ends of each synthesised sentence
TRIM_MARGIN = 0.02  # seconds kept around speech when trimming
LIMITER_MARGIN_DB = 0.6  # headroom kept for the MP3 codec's overshoot
LIMITER_LOSS_GUESS = 0.1  # LU the limiter usually takes from espeak-ng speech (measured): first mastering guess


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Drop leading and trailing silence (below ``SILENCE_THRESHOLD_DB``), keeping a small margin."""
    loud = np.flatnonzero(np.abs(samples) > 10 ** (SILENCE_THRESHOLD_DB / 20))
    if loud.size == 0:
        return samples[:0]
    margin = int(TRIM_MARGIN * rate)
    return samples[max(0, loud[0] - margin) : loud[-1] + margin + 1]



def limiter_gain(envelope: np.ndarray, rate: int, ceiling: float) -> np.ndarray | None:
    """Smooth gain keeping ``envelope`` (true peaks) under ``ceiling`` (linear); None when not needed.

    The gain needed at each sample is spread over a 5 ms look-ahead window
    (minimum filter, then a moving average of the same length, so the smoothed
    gain never exceeds what a peak needs) and released over 60 ms; it is
    computed only around the samples that need it.
    """
    over = np.flatnonzero(envelope > ceiling)
    if over.size == 0:
        return None
    attack = max(3, int(0.005 * rate))
    release = max(attack, int(0.06 * rate))
    reach = 2 * release + attack + 2
    lo, hi = max(0, int(over[0]) - reach), min(envelope.size, int(over[-1]) + reach + 1)
    needed = np.minimum(np.float32(1.0), np.float32(ceiling) / np.maximum(envelope[lo:hi], np.float32(1e-12)))
    gain = _running_min(needed, 2 * release + 1)
    gain = _running_mean(gain, release)
    gain = np.minimum(gain, _running_min(needed, 2 * attack + 1))
    full = np.ones(envelope.size, dtype=np.float32)
    full[lo:hi] = gain
    return full


def _edge_padded(values: np.ndarray, size: int) -> np.ndarray:
    """``values`` with edge copies around it, so a centred window of ``size`` fits at every sample."""
    before = size // 2
    return np.pad(values, (before, size - 1 - before), mode="edge")


def _running_min(values: np.ndarray, size: int) -> np.ndarray:
    """Minimum over a centred window of ``size`` samples at each sample, the ends extended
    (as ``scipy.ndimage.minimum_filter1d(mode="nearest")``).

    Minima over windows of 1, 2, 4... samples, each from two of the last
    (log2(size) vector passes); a window is two overlapping powers of two.
    """
    if values.size == 0:
        return values.copy()
    minima, span = _edge_padded(values, size), 1
    while 2 * span <= size:
        minima, span = np.minimum(minima[:-span], minima[span:]), 2 * span
    return np.minimum(minima[: values.size], minima[size - span : size - span + values.size])


def _running_mean(values: np.ndarray, size: int) -> np.ndarray:
    """Mean over a centred window of ``size`` samples at each sample, the ends extended
    (as ``scipy.ndimage.uniform_filter1d(mode="nearest")``); same dtype as ``values``."""
    if values.size == 0:
        return values.copy()
    sums = np.cumsum(_edge_padded(values, size), dtype=np.float64)
    means = sums[size - 1 :].copy()
    means[1:] -= sums[:-size]
    means /= size
    return means.astype(values.dtype, copy=False)


def limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """Look-ahead peak limiter: smooth gain so the true peak stays under ``ceiling_db``."""
    ceiling = 10 ** (ceiling_db / 20)
    gain = limiter_gain(peak_envelope(samples, ceiling * 10 ** (-OVERSAMPLE_HEADROOM_DB / 20)), rate, ceiling)
    return samples if gain is None else samples * gain


class SampleFile:
    """A track's float32 samples in a scratch file: appended once, then read in blocks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = 0
        self._handle = path.open("w+b")

    def append(self, samples: np.ndarray) -> None:
        self._handle.write(np.ascontiguousarray(samples, dtype="<f4").tobytes())
        self.size += samples.size

    def read(self, start: int, end: int) -> np.ndarray:
        self._handle.flush()
        self._handle.seek(4 * start)
        return np.frombuffer(self._handle.read(4 * (end - start)), dtype="<f4").copy()

    def close(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


class SampleArray:
    """The same interface over samples already in memory (short signals, tests)."""

    def __init__(self, samples: np.ndarray) -> None:
        self.samples = np.asarray(samples, dtype=np.float32)
        self.size = self.samples.size

    def read(self, start: int, end: int) -> np.ndarray:
        return self.samples[start:end].copy()


def _mastering_pass(
    source: SampleFile | SampleArray, gain_db: float, rate: int, ceiling: float, sink: Any = None
) -> float:
    """Gain, limit and measure ``source`` block by block; feed each output block to ``sink``.

    Returns the integrated loudness of the output.
    """
    meter = LoudnessMeter(rate)
    gain = np.float32(10 ** (gain_db / 20))
    threshold = ceiling * 10 ** (-OVERSAMPLE_HEADROOM_DB / 20)
    for start in range(0, source.size, CHUNK):
        end = min(source.size, start + CHUNK)
        lo, hi = max(0, start - CONTEXT), min(source.size, end + CONTEXT)
        block = source.read(lo, hi) * gain
        curve = limiter_gain(peak_envelope(block, threshold), rate, ceiling)
        if curve is not None:
            block *= curve
        out = np.clip(block[start - lo : end - lo], -1.0, 1.0)
        meter.add(out)
        if sink is not None:
            sink(out)
    return meter.lufs()


def master_source(
    source: SampleFile | SampleArray,
    rate: int,
    target_lufs: float,
    ceiling_db: float,
    measured: float,
    make_sink: Any = None,
) -> tuple[float, int]:
    """Find the gain that brings ``source`` to ``target_lufs`` once limited; stream the result.

    ``measured`` is the source's own loudness. Each pass gains, limits and
    measures from the untouched source (so passes never stack), and feeds its
    output to a fresh sink from ``make_sink()`` (an encoder, say); the first
    pass within ``LOUDNESS_TOLERANCE`` of the target is kept. The first guess
    adds the limiter's usual loss for speech, so one pass is the common case.

    Returns:
        ``(gain in dB, passes made)``; the last sink made holds the kept output.
    """
    ceiling = 10 ** (ceiling_db / 20)
    if not math.isfinite(measured):
        _mastering_pass(source, 0.0, rate, ceiling, make_sink() if make_sink else None)
        return 0.0, 1
    gain_db = target_lufs - measured + LIMITER_LOSS_GUESS
    previous: tuple[float, float] | None = None
    for attempt in range(1, MAX_PASSES + 1):
        result = _mastering_pass(source, gain_db, rate, ceiling, make_sink() if make_sink else None)
        if not math.isfinite(result) or abs(target_lufs - result) < LOUDNESS_TOLERANCE or attempt == MAX_PASSES:
            return gain_db, attempt
        slope = 1.0
        if previous is not None and abs(result - previous[1]) > 1e-3 and abs(gain_db - previous[0]) > 1e-3:
            slope = min(1.0, max(0.3, (result - previous[1]) / (gain_db - previous[0])))
        previous = (gain_db, result)
        gain_db += (target_lufs - result) / slope
    return gain_db, MAX_PASSES


def master(samples: np.ndarray, rate: int, target_lufs: float, ceiling_db: float) -> np.ndarray:
    """Bring in-memory ``samples`` to ``target_lufs`` with true peaks under ``ceiling_db``."""
    source = SampleArray(samples)
    kept: list[list[np.ndarray]] = []

    def make_sink() -> Any:
        kept.append([])
        return kept[-1].append

    master_source(source, rate, target_lufs, ceiling_db, loudness(source.samples, rate), make_sink)
    return np.concatenate(kept[-1]) if kept and kept[-1] else np.zeros(0, dtype=np.float32)
