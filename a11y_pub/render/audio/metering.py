"""Loudness and peak metering (ITU-R BS.1770-4), pure numpy.

``LoudnessMeter`` measures integrated loudness (LUFS, mono) of a signal fed
in blocks, equal to ``pyloudnorm.Meter`` within 0.01 LU (the tests check
it); ``true_peak_envelope`` estimates true peaks by 4x oversampling
(BS.1770-4 annex 2); ``peak_envelope`` oversamples only where a block's
sample peak comes near the ceiling.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from .resample import TRUE_PEAK_FILTER, resample

CHUNK = 1 << 18  # samples per processing block (~12 s at 22.05 kHz)
PEAK_BLOCK = 1024  # samples per block when deciding where to oversample


def true_peak_envelope(samples: np.ndarray) -> np.ndarray:
    """Per-sample true-peak estimate: max |x| over a 4x oversampled signal (BS.1770-4 annex 2).

    The interpolator is ``resample``'s polyphase low-pass (4 phases of 21 taps).
    """
    if samples.size == 0:
        return np.abs(samples)
    over = np.abs(resample(samples, 4, 1, TRUE_PEAK_FILTER)).reshape(-1, 4).max(axis=1)
    return np.maximum(over, np.abs(samples)).astype(samples.dtype, copy=False)


def peak_envelope(samples: np.ndarray, threshold: float) -> np.ndarray:
    """``true_peak_envelope`` where it matters: blocks whose sample peak stays under
    ``threshold`` (linear) keep |x| and are not oversampled (speech's true peak sits
    well under 4 dB above its sample peak)."""
    envelope = np.abs(samples)
    if samples.size == 0:
        return envelope
    starts = np.arange(0, samples.size, PEAK_BLOCK)
    hot = np.flatnonzero(np.maximum.reduceat(envelope, starts) > threshold)
    if hot.size == 0:
        return envelope
    breaks = np.flatnonzero(np.diff(hot) > 1)
    for first, last in zip(np.r_[hot[0], hot[breaks + 1]], np.r_[hot[breaks], hot[-1]], strict=True):
        begin, end = int(first) * PEAK_BLOCK, min(samples.size, (int(last) + 1) * PEAK_BLOCK)
        lo, hi = max(0, begin - 64), min(samples.size, end + 64)  # filter context
        envelope[begin:end] = true_peak_envelope(samples[lo:hi])[begin - lo : end - lo]
    return envelope


def true_peak_db(samples: np.ndarray) -> float:
    """The true peak of ``samples`` in dBTP (-inf for silence)."""
    if samples.size == 0:
        return -math.inf
    peak = float(true_peak_envelope(samples).max())
    return 20 * math.log10(peak) if peak > 0 else -math.inf


K_SHELF = (4.0, 1 / math.sqrt(2), 1500.0)  # K-weighting high shelf: gain dB, Q, Hz (pyloudnorm's)
K_HIGH_PASS = (0.5, 38.0)  # RLB high-pass: Q, Hz
K_RESPONSE_FLOOR = 1e-12  # the K-weighting impulse response is cut where it stays under this x its peak


@functools.lru_cache(maxsize=8)
def _k_weighting(rate: int) -> tuple[tuple[np.ndarray, np.ndarray, float], ...]:
    """BS.1770 K-weighting stages (b, a, gain) at ``rate``: a +4 dB high shelf, then the RLB high-pass.

    RBJ cookbook biquads with ``pyloudnorm.Meter``'s default parameters, so
    loudness here equals pyloudnorm's (within 0.01 LU); ``a[0]`` is 1.
    """
    gain_db, q, fc = K_SHELF
    amp = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * fc / rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    root = 2 * math.sqrt(amp) * alpha
    shelf_b = [amp * ((amp + 1) + (amp - 1) * cos + root), -2 * amp * ((amp - 1) + (amp + 1) * cos),
               amp * ((amp + 1) + (amp - 1) * cos - root)]
    shelf_a = [(amp + 1) - (amp - 1) * cos + root, 2 * ((amp - 1) - (amp + 1) * cos), (amp + 1) - (amp - 1) * cos - root]
    q, fc = K_HIGH_PASS
    w0 = 2 * math.pi * fc / rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    pass_b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
    pass_a = [1 + alpha, -2 * cos, 1 - alpha]
    return tuple(
        (np.array(b) / a[0], np.array(a) / a[0], 1.0) for b, a in ((shelf_b, shelf_a), (pass_b, pass_a))
    )


@functools.lru_cache(maxsize=8)
def _k_filter(rate: int) -> tuple[np.ndarray, int, np.ndarray]:
    """The K-weighting cascade as an FIR for FFT overlap-add at ``rate``.

    Its impulse response comes from the stages' frequency response on a grid
    of at least two seconds (time aliasing far under the floor), cut after the
    last tap above ``K_RESPONSE_FLOOR`` x the peak (about 0.15 s at 22.05 kHz).

    Returns:
        ``(taps, fft size, spectrum of the taps at that size)``.
    """
    size = 1 << max(16, (2 * rate).bit_length())
    z = np.exp(-2j * np.pi * np.arange(size // 2 + 1) / size)  # z^-1 on the unit circle
    response = np.ones(z.size, dtype=np.complex128)
    for b, a, gain in _k_weighting(rate):
        response *= gain * (b[0] + z * (b[1] + z * b[2])) / (a[0] + z * (a[1] + z * a[2]))
    impulse = np.fft.irfft(response, size)
    magnitude = np.abs(impulse)
    taps = impulse[: int(np.flatnonzero(magnitude >= K_RESPONSE_FLOOR * magnitude.max())[-1]) + 1]
    fft_size = 1 << max(14, (4 * taps.size - 1).bit_length())
    spectrum = np.fft.rfft(taps, fft_size)
    taps.flags.writeable = spectrum.flags.writeable = False  # cached and shared between threads
    return taps, fft_size, spectrum


def _k_weigh(samples: np.ndarray, rate: int) -> np.ndarray:
    """Full linear convolution of ``samples`` with the K-weighting taps (FFT overlap-add).

    Returns ``samples.size + taps - 1`` values in float64.
    """
    taps, fft_size, spectrum = _k_filter(rate)
    step = fft_size - taps.size + 1  # input samples per segment; its output spills taps - 1 further
    segments = -(-samples.size // step)
    padded = np.zeros(segments * step)
    padded[: samples.size] = samples
    spread = np.fft.irfft(np.fft.rfft(padded.reshape(segments, step), fft_size, axis=1) * spectrum, fft_size, axis=1)
    out = np.zeros((segments + 1, step))
    out[:segments] = spread[:, :step]
    out[1:, : taps.size - 1] += spread[:, step:]
    return out.ravel()[: samples.size + taps.size - 1]


class LoudnessMeter:
    """Integrated loudness (ITU-R BS.1770-4, mono) of a signal fed in blocks.

    Same K-weighting, 400 ms blocks with 75 % overlap and gating as
    ``pyloudnorm.Meter.integrated_loudness``, vectorised and streaming: the
    K-weighting is an FIR (``_k_filter``) whose output spilling past a block
    is carried into the next one, and only the mean square of each 100 ms
    step is kept.
    """

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.samples = 0
        self._carry = np.zeros(_k_filter(rate)[0].size - 1)
        self._step = round(0.1 * rate)
        self._sums: list[np.ndarray] = []
        self._partial = 0.0
        self._partial_count = 0

    def add(self, samples: np.ndarray) -> None:
        """Feed the next block of samples."""
        if samples.size == 0:
            return
        weighted = _k_weigh(samples, self.rate)
        weighted[: self._carry.size] += self._carry
        self._carry = weighted[samples.size :].copy()
        squares = np.square(weighted[: samples.size])
        self.samples += squares.size
        head = min(squares.size, (self._step - self._partial_count) % self._step or self._step)
        if self._partial_count:
            self._partial += float(squares[:head].sum())
            self._partial_count += head
            squares = squares[head:]
            if self._partial_count == self._step:
                self._sums.append(np.array([self._partial]))
                self._partial, self._partial_count = 0.0, 0
        whole = squares.size // self._step * self._step
        if whole:
            self._sums.append(squares[:whole].reshape(-1, self._step).sum(axis=1))
        if squares.size > whole:
            self._partial += float(squares[whole:].sum())
            self._partial_count += squares.size - whole

    def lufs(self) -> float:
        """Integrated loudness of everything fed so far (-inf for silence)."""
        steps = np.concatenate([*self._sums, np.array([self._partial])]) if self._sums else np.array([self._partial])
        seconds = max(self.samples, int(0.5 * self.rate)) / self.rate  # short signals: padded with silence
        blocks = round((seconds - 0.4) / 0.1) + 1
        padded = np.concatenate([steps, np.zeros(blocks + 4)])
        z = (padded[:blocks] + padded[1 : blocks + 1] + padded[2 : blocks + 2] + padded[3 : blocks + 3]) / (
            4 * self._step
        )
        with np.errstate(divide="ignore"):
            block_loudness = -0.691 + 10 * np.log10(z)
        gated = z[block_loudness >= -70.0]
        if gated.size == 0:
            return -math.inf
        relative = -0.691 + 10 * math.log10(float(gated.mean())) - 10.0
        kept = z[(block_loudness > relative) & (block_loudness > -70.0)]
        if kept.size == 0:
            return -math.inf
        return -0.691 + 10 * math.log10(float(kept.mean()))


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770); -inf for silence."""
    meter = LoudnessMeter(rate)
    for start in range(0, samples.size, CHUNK):
        meter.add(samples[start : start + CHUNK])
    return meter.lufs()
