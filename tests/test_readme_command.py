"""The README's first command, as a new user runs it: the sample letter in the natural voice.

The build runs in a new process (``python -m a11y_pub``, the installed package),
from a folder holding only ``input/`` with the sample, so nothing from the test
process (fixtures, caches, loaded models) helps it. No option is given: the
default engine (``auto``) must choose the natural French voice, offline.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mutagen.id3 import ID3

from .audio_targets import assert_audio_targets

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "input" / "lettre-infantes-ekko-2026-02-23.txt"

pytestmark = [pytest.mark.slow, pytest.mark.natural_voice]


def readme_first_command() -> list[str]:
    """The ``a11y-pub ...`` part of the README's first bash block, as arguments."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)\n```", text, re.S)
    assert block is not None, "README has no bash block"
    steps = [step.strip() for step in block.group(1).split("&&")]
    assert "pip install ." in steps
    command = shlex.split(steps[-1])
    assert command[0] == "a11y-pub"
    return command[1:]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    args = readme_first_command()
    assert args == ["build", "input/lettre-infantes-ekko-2026-02-23.txt"]
    home = tmp_path_factory.mktemp("readme")
    (home / "input").mkdir()
    (home / "input" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1771804800", "HOME": str(home),
           "A11Y_PUB_CACHE_DIR": str(home / "cache")}
    run = subprocess.run([sys.executable, "-m", "a11y_pub", *args], cwd=home, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "espeak" not in run.stderr, run.stderr  # no fallback warning
    out = home / "output" / SAMPLE.stem
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_the_sample_speaks_in_the_natural_french_voice(built: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = built
    audio = manifest["renderers"]["audio"]
    assert audio["engine"] == ["kokoro"]
    assert [voice.split()[0] for voice in audio["voice"]] == ["ff_siwis"]
    entries = [e for e in manifest["files"] if e["path"].endswith(".mp3")]
    assert len(entries) >= 9  # introduction, 5 commitments, conclusion, appendix, summary, whole letter
    for entry in entries:  # the credit the voice's licences ask for, wherever the voice is named
        if entry["renderer"] == "audio":  # the talking books' copies are the same files (same tags)
            credited = f"{entry.get('voice', '')} {entry.get('credit', '')}"
            assert all(part in credited for part in ("Kokoro-82M", "Apache-2.0", "SIWIS", "CC BY 4.0")), entry
        tags = ID3(out / entry["path"])
        assert str(tags["TXXX:a11y-pub engine"]) == "kokoro"
        said = " ".join([*(str(frame) for frame in tags.getall("TXXX")), str(tags.getall("COMM")[0])])
        assert "SIWIS" in said and "CC BY 4.0" in said
    page = (out / "web" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="voice-credit"') == 1 and "SIWIS (CC BY 4.0)" in page


def test_the_natural_voice_meets_the_audio_targets(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    assert_audio_targets(out)
