"""The audio renderer's numpy DSP against the references it replaced (pyloudnorm, scipy).

Real espeak-ng speech where it matters; synthetic signals for the edge cases.
pyloudnorm and scipy are test dependencies only: the last test checks a real
audio build never imports them.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

from a11y_pub.engines.base import Pcm, Voice
from a11y_pub.engines.espeak import EspeakEngine
from a11y_pub.render.audio import encoding, mastering, metering, resample
from a11y_pub.render.audio.mastering import limiter_gain
from a11y_pub.render.audio.metering import LoudnessMeter, loudness, peak_envelope, true_peak_db, true_peak_envelope
from a11y_pub.render.audio.resample import RATE_FILTER, pcm_to_float

RATE = 22050
TEXT = (
    "Madame, Monsieur, nous soutiendrons le CSAPA et le CAARUD à Alès. "
    "Les moyens seront maintenus, et nous réunirons le conseil chaque année ! "
    "Pourquoi ? Parce que la prévention précoce compte, dès l'école."
)


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    """About ten seconds of real French espeak-ng speech at 22.05 kHz, float32."""
    engine = EspeakEngine()
    pcm = engine.synthesize(TEXT, Voice("fr", None, 165))
    samples = pcm_to_float(pcm, RATE)
    assert samples.size > 5 * RATE
    return samples


def scipy_true_peak_db(samples: np.ndarray) -> float:
    over = np.abs(resample_poly(samples.astype(np.float64), 4, 1))
    return 20 * math.log10(max(float(over.max()), float(np.abs(samples).max())))


# -- loudness ------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100, 48000])
def test_k_weighting_coefficients_are_pyloudnorms(rate: int) -> None:
    stages = metering._k_weighting(rate)
    reference = list(pyloudnorm.Meter(rate)._filters.values())
    assert len(stages) == len(reference) == 2
    for (b, a, gain), stage in zip(stages, reference, strict=True):
        np.testing.assert_allclose(b, stage.b, rtol=1e-12)
        np.testing.assert_allclose(a, stage.a, rtol=1e-12)
        assert gain == stage.passband_gain


@pytest.mark.parametrize("rate", [16000, 22050, 48000])
def test_loudness_matches_pyloudnorm_on_speech(speech: np.ndarray, rate: int) -> None:
    signal = pcm_to_float(Pcm(RATE, 2, 1, encoding.to_int16(speech)), rate)
    signal = np.concatenate([signal, np.zeros(rate, dtype=np.float32), 0.3 * signal])  # a quieter repeat
    expected = pyloudnorm.Meter(rate).integrated_loudness(signal.astype(np.float64))
    assert loudness(signal, rate) == pytest.approx(expected, abs=0.01)
    meter = LoudnessMeter(rate)
    for start in range(0, signal.size, 7919):  # blocks shorter than the filter's response
        meter.add(signal[start : start + 7919])
    assert meter.lufs() == pytest.approx(expected, abs=0.01)
    assert meter.samples == signal.size


def test_k_weighting_fir_follows_the_iir_cascade(speech: np.ndarray) -> None:
    from scipy.signal import lfilter

    expected = speech.astype(np.float64)
    for b, a, gain in metering._k_weighting(RATE):
        expected = gain * lfilter(b, a, expected)
    meter = LoudnessMeter(RATE)
    pieces = []
    for start in range(0, speech.size, 1000):  # the carried tail spans several blocks
        block = speech[start : start + 1000]
        weighted = metering._k_weigh(block, RATE)
        weighted[: meter._carry.size] += meter._carry
        meter._carry = weighted[block.size :].copy()
        pieces.append(weighted[: block.size])
    np.testing.assert_allclose(np.concatenate(pieces), expected, rtol=0, atol=1e-9 * np.abs(expected).max())


def test_loudness_of_silence_and_short_signals() -> None:
    assert loudness(np.zeros(3 * RATE, dtype=np.float32), RATE) == -math.inf
    assert loudness(np.zeros(0, dtype=np.float32), RATE) == -math.inf
    t = np.arange(RATE // 5) / RATE  # 0.2 s: shorter than a gating block, measured as if padded to 0.5 s
    tone = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    padded = np.concatenate([tone, np.zeros(RATE * 3 // 10, dtype=np.float32)])
    assert loudness(tone, RATE) == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(padded), abs=0.01)


# -- true peak -----------------------------------------------------------------------------


def test_true_peak_matches_scipy_on_speech(speech: np.ndarray) -> None:
    hot = speech * np.float32(0.95 / np.abs(speech).max())
    assert true_peak_db(hot) == pytest.approx(scipy_true_peak_db(hot), abs=0.05)
    reference = np.abs(resample_poly(hot.astype(np.float64), 4, 1)).reshape(-1, 4).max(axis=1)
    np.testing.assert_allclose(true_peak_envelope(hot), np.maximum(reference, np.abs(hot)), rtol=1e-5, atol=1e-7)
    envelope = peak_envelope(hot, 0.5)  # only hot blocks oversampled: the peak is still found
    assert 20 * math.log10(float(envelope.max())) == pytest.approx(scipy_true_peak_db(hot), abs=0.05)


def test_true_peak_finds_the_intersample_peak() -> None:
    n = np.arange(RATE)
    sine = np.sin(np.pi / 2 * n + np.pi / 4).astype(np.float32)  # fs/4, 45 degrees: samples at +-0.707
    assert 20 * math.log10(float(np.abs(sine).max())) == pytest.approx(-3.01, abs=0.01)
    steady = true_peak_envelope(sine)[100:-100]  # away from the abrupt ends (their ringing overshoots)
    assert 20 * math.log10(float(steady.max())) == pytest.approx(0.0, abs=0.05)
    assert true_peak_db(sine) == pytest.approx(scipy_true_peak_db(sine), abs=0.05)
    assert true_peak_db(np.zeros(0, dtype=np.float32)) == -math.inf


def test_limited_speech_stays_under_the_ceiling(speech: np.ndarray) -> None:
    loud = speech * np.float32(2.0 / np.abs(speech).max())
    limited = mastering.limit(loud, RATE, -1.0)
    assert scipy_true_peak_db(limited) <= -1.0 + 0.1


# -- resampling -----------------------------------------------------------------------------


@pytest.mark.parametrize(("up", "down"), [(4, 1), (147, 160), (441, 320), (3, 2), (1, 2)])
@pytest.mark.parametrize("size", [1, 7, 1000, 24001])
def test_polyphase_resampler_matches_resample_poly(up: int, down: int, size: int) -> None:
    x = np.random.default_rng(size).standard_normal(size)
    np.testing.assert_allclose(resample.resample(x, up, down), resample_poly(x, up, down), rtol=0, atol=1e-12)
    bank, half = resample._polyphase_bank(up, down, RATE_FILTER)
    taps = bank.T.ravel()[: 2 * half + 1]  # the same filter given to scipy as an array
    expected = resample_poly(x, up, down, window=taps / up)
    np.testing.assert_allclose(resample.resample(x, up, down, RATE_FILTER), expected, rtol=0, atol=1e-12)


def _tone_pcm(rate: int, frequency: float, seconds: float = 1.0) -> Pcm:
    t = np.arange(round(rate * seconds)) / rate
    return Pcm(rate, 2, 1, np.round(16384 * np.sin(2 * np.pi * frequency * t)).astype("<i2").tobytes())


def _level_db(samples: np.ndarray, edge: int = 3000) -> float:
    middle = samples[edge:-edge].astype(np.float64)
    return 20 * math.log10(math.sqrt(float(np.mean(middle**2))) / (0.5 / math.sqrt(2)) + 1e-12)


@pytest.mark.parametrize(
    ("source", "frequency", "low", "high"),
    [
        (24000, 1000.0, -0.01, 0.01),  # gTTS: passband kept
        (24000, 9000.0, -0.01, 0.01),
        (24000, 11300.0, -math.inf, -70.0),  # above 11.025 kHz: would alias to 10.75 kHz
        (24000, 11800.0, -math.inf, -70.0),
        (16000, 1000.0, -0.01, 0.01),  # a low-rate Piper voice, up-sampled
        (16000, 6000.0, -0.01, 0.01),
    ],
)
def test_rate_conversion_is_band_limited(source: int, frequency: float, low: float, high: float) -> None:
    out = pcm_to_float(_tone_pcm(source, frequency), RATE)
    assert out.dtype == np.float32 and out.size == RATE  # one second
    assert low <= _level_db(out) <= high


def test_rate_conversion_images_stay_out() -> None:
    out = pcm_to_float(_tone_pcm(16000, 7000.0), RATE).astype(np.float64)[3000:-3000]
    spectrum = np.abs(np.fft.rfft(out * np.hanning(out.size)))
    freqs = np.fft.rfftfreq(out.size, 1 / RATE)
    image = spectrum[(freqs > 8500) & (freqs < 9500)].max()  # 16 kHz - 7 kHz = 9 kHz
    assert 20 * math.log10(image / spectrum.max()) < -70


def test_same_rate_is_untouched_and_resampling_is_deterministic() -> None:
    pcm = _tone_pcm(RATE, 440.0, 0.1)
    assert np.array_equal(pcm_to_float(pcm, RATE) * 32768, np.frombuffer(pcm.data, "<i2").astype(np.float32))
    gtts = _tone_pcm(24000, 440.0, 0.5)
    assert pcm_to_float(gtts, RATE).tobytes() == pcm_to_float(gtts, RATE).tobytes()


# -- limiter --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 3, 4, 10, 221, 1323, 2647])
@pytest.mark.parametrize("length", [1, 5, 3000])
def test_running_min_and_mean_match_ndimage(size: int, length: int) -> None:
    values = np.random.default_rng(length).random(length).astype(np.float32)
    assert np.array_equal(mastering._running_min(values, size), minimum_filter1d(values, size, mode="nearest"))
    mean = mastering._running_mean(values, size)
    assert mean.dtype == np.float32
    np.testing.assert_allclose(mean, uniform_filter1d(values, size, mode="nearest"), rtol=0, atol=1e-6)


def test_limiter_gain_matches_the_ndimage_version(speech: np.ndarray) -> None:
    loud = speech * np.float32(1.6 / np.abs(speech).max())
    ceiling = 10 ** (-1.6 / 20)
    envelope = peak_envelope(loud, ceiling * 10 ** (-4 / 20))
    gain = limiter_gain(envelope, RATE, ceiling)
    assert gain is not None and gain.dtype == np.float32
    attack, release = int(0.005 * RATE), int(0.06 * RATE)
    needed = np.minimum(np.float32(1.0), np.float32(ceiling) / np.maximum(envelope, np.float32(1e-12)))
    expected = uniform_filter1d(minimum_filter1d(needed, 2 * release + 1, mode="nearest"), release, mode="nearest")
    expected = np.minimum(expected, minimum_filter1d(needed, 2 * attack + 1, mode="nearest"))
    np.testing.assert_allclose(gain, expected, rtol=0, atol=1e-6)
    assert np.all(envelope * gain <= ceiling * (1 + 1e-6))
    assert limiter_gain(envelope, RATE, 2.0) is None


# -- no scipy at run time ------------------------------------------------------------------------

_BUILD = """
import json, sys
from pathlib import Path
from a11y_pub.model import Letter, Section
from a11y_pub.options import AudioOptions, BuildOptions
from a11y_pub.render.audio import render_audio

out = Path(sys.argv[1])
letter = Letter(
    language="fr", author="Marie Durand", subject="Nos engagements", date="2026-02-23",
    sections=(
        Section("introduction", "introduction", paragraphs=("Voici nos engagements pour Alès.",)),
        Section("commitment-1", "commitment", slug="ecouter", number=1, title="Écouter",
                paragraphs=("Nous réunirons le conseil chaque année.",)),
    ),
)
opts = BuildOptions(output=out, audio=AudioOptions(engine="espeak", use_cache=False, threads=2))
artifacts = render_audio(letter, out, opts)
print(json.dumps({
    "mp3": sum(a.path.endswith(".mp3") for a in artifacts),
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("scipy", "pyloudnorm")),
}))
"""


@pytest.mark.slow
def test_audio_build_imports_neither_scipy_nor_pyloudnorm(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["mp3"] == 3  # introduction, one commitment, the whole letter
    assert result["modules"] == []
