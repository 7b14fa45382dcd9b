"""The published audio's targets, checked on a build's ``audio/`` folder (STANDARDS.md, Spoken audio).

One check for every test that builds with a real voice: loudness −19 LUFS ± 1 and true peak
≤ −1 dBTP per file (ITU-R BS.1770, EBU R128), cues inside their file and in order, and a
speech rate of 120–200 words per minute over the whole letter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from a11y_pub.render.audio.encoding import decode_mp3_samples
from a11y_pub.render.audio.metering import loudness, true_peak_db

RATE = 22050  # the audio renderer's default output rate
WHOLE_LETTER = ("lettre-complete", "full-letter")


def assert_audio_targets(out: Path) -> None:
    """Assert the targets on every file of ``out/audio/timings.json``; AssertionError names the file."""
    timings = json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))
    for entry in timings["files"]:
        samples = decode_mp3_samples((out / "audio" / entry["file"]).read_bytes(), RATE)
        assert abs(loudness(samples, RATE) - (-19.0)) <= 1.0, entry["file"]
        assert true_peak_db(samples) <= -1.0, entry["file"]
        cues = entry["cues"]
        assert cues and all(0 <= c["start"] < c["end"] <= entry["duration"] for c in cues), entry["file"]
        assert all(a["end"] <= b["start"] for a, b in zip(cues, cues[1:], strict=False)), entry["file"]
        assert entry["duration"] <= samples.size / RATE + 0.001, entry["file"]
    whole = next(f for f in timings["files"] if f["file"].startswith(WHOLE_LETTER))
    words = sum(len(re.findall(r"\w+", cue["text"])) for cue in whole["cues"])
    speaking = sum(cue["end"] - cue["start"] for cue in whole["cues"])
    assert 120 <= words / (speaking / 60) <= 200
