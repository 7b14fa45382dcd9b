"""Sample-rate conversion: a polyphase FIR resampler in numpy (pure).

``pcm_to_float`` turns an engine's 16-bit PCM into mono float32 at the
output rate; ``resample`` is the rational resampler it and the true-peak
meter share (with ``TRUE_PEAK_FILTER`` it equals
``scipy.signal.resample_poly``'s default design; the tests check it).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ...engines.base import Pcm
from ...errors import RenderError


def pcm_to_float(pcm: Pcm, rate: int) -> np.ndarray:
    """Mono float32 samples in [-1, 1] at ``rate`` (resampled when needed).

    Raises:
        RenderError: the engine returned something other than 16-bit PCM.
    """
    if pcm.width != 2:
        raise RenderError(f"engine returned {8 * pcm.width}-bit audio; 16-bit expected")
    samples = np.frombuffer(pcm.data, dtype="<i2").astype(np.float32) * np.float32(1 / 32768)
    if pcm.channels > 1:
        samples = samples.reshape(-1, pcm.channels).mean(axis=1, dtype=np.float32)
    if pcm.rate != rate and samples.size:
        divisor = math.gcd(pcm.rate, rate)
        samples = resample(samples, rate // divisor, pcm.rate // divisor, RATE_FILTER).astype(np.float32)
    return samples


# Low-pass designs of the polyphase resampler: (half-length in periods of the lower rate,
# Kaiser beta, cut-off as a fraction of the lower rate's Nyquist frequency).
TRUE_PEAK_FILTER = (10, 5.0, 1.0)  # scipy.signal.resample_poly's default: 4 phases of 21 taps
RATE_FILTER = (32, 8.6, 0.91)  # rate conversion: flat to 0.82 x Nyquist, 85 dB down past it


@functools.lru_cache(maxsize=8)
def _polyphase_bank(up: int, down: int, design: tuple[int, float, float]) -> tuple[np.ndarray, int]:
    """The low-pass of a rational resampler by ``up``/``down``, split into its ``up`` phases.

    A Kaiser-windowed sinc (``design``: half-length, beta, cut-off relative to
    the lower of the two Nyquist frequencies), DC gain ``up``.

    Returns:
        ``(bank, half)``: ``bank[r, i]`` is tap ``r + up * i`` of the filter
        (zero past its end), ``half`` the filter's delay in taps.
    """
    periods, beta, cutoff = design
    widest = max(up, down)
    half = periods * widest
    offsets = np.arange(-half, half + 1, dtype=np.float64)
    taps = np.sinc(cutoff * offsets / widest) * np.kaiser(offsets.size, beta)
    taps *= up / taps.sum()
    per_phase = -(-taps.size // up)
    padded = np.zeros(up * per_phase)
    padded[: taps.size] = taps
    bank = padded.reshape(per_phase, up).T.copy()
    bank.flags.writeable = False  # cached and shared between threads
    return bank, half


def resample(
    samples: np.ndarray, up: int, down: int, design: tuple[int, float, float] = TRUE_PEAK_FILTER
) -> np.ndarray:
    """``samples`` resampled by ``up``/``down`` (coprime) with a polyphase FIR, in float64.

    Output sample ``m`` sits at input time ``m * down / up``; there are
    ``ceil(n * up / down)`` of them; the signal is taken as zero outside.
    With ``TRUE_PEAK_FILTER`` this is ``scipy.signal.resample_poly(samples, up, down)``.
    """
    bank, half = _polyphase_bank(up, down, design)
    per_phase = bank.shape[1]
    n_out = -(-samples.size * up // down)
    last = ((n_out - 1) * down + half) // up  # newest input sample any output needs
    padded = np.zeros(per_phase - 1 + max(samples.size, last + 1))
    padded[per_phase - 1 : per_phase - 1 + samples.size] = samples
    out = np.empty(n_out)
    if down == 1:  # integer up-sampling: each phase is one convolution
        for phase in range(up):
            first = (phase - half) % up  # first output on this phase
            count = len(range(first, n_out, up))
            if count:
                start = (first + half) // up
                out[first::up] = np.convolve(padded[start : start + count + per_phase - 1], bank[phase], "valid")
        return out
    back = np.arange(per_phase - 1, -1, -1)  # column i reads input sample (newest - i)
    for begin in range(0, n_out, 1 << 14):  # bounded memory: (block, taps) at a time
        position = np.arange(begin, min(n_out, begin + (1 << 14))) * down + half
        window = padded[(position // up)[:, None] + back[None, :]]
        out[begin : begin + position.size] = np.einsum("ij,ij->i", window, bank[position % up])
    return out
