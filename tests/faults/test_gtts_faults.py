"""gTTS faults during a real build, through the engine's fake HTTP session.

The fakes (Google-shaped answers, a real MP3 payload) are the engine tests'
own (``tests/engines/test_engines_contract.py``). The engine keeps its
production retry settings; only its sleep is recorded instead of waited.
Whatever happens: bounded retries, then the documented outcome (``--engine
gtts``: one error line, exit 1; ``--engine auto``: the whole letter restarts
with espeak-ng), and never a damaged MP3 on disk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from a11y_pub import engines
from a11y_pub.engines.gtts import GttsEngine
from a11y_pub.mp3 import count_mp3_frames
from tests.engines.test_engines_contract import MP3, FakeResponse, FakeSession, google_body

from .conftest import SHORT, run_cli, temporaries, tree

DEFAULT_RETRIES = GttsEngine(session=object()).retries
LONGEST_WAIT = DEFAULT_RETRIES * GttsEngine(session=object()).max_backoff


SCRIPTS: dict[str, Callable[[], Callable[[], Any]]] = {
    "timeouts": lambda: (lambda: requests.exceptions.ReadTimeout("slow")),
    "429-storm": lambda: (lambda: FakeResponse(429, b"", {"Retry-After": "30"})),
    "500s": lambda: (lambda: FakeResponse(500, b"oops")),
    "truncated-mp3": lambda: (lambda: FakeResponse(200, google_body(MP3[: len(MP3) - 37]))),
}


@pytest.fixture
def fake_gtts(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], Any]], tuple[FakeSession, list[float]]]:
    """Make the build's gTTS engine answer from a script; gTTS 'answers' the auto probe."""

    def install(script: Callable[[], Any]) -> tuple[FakeSession, list[float]]:
        session = FakeSession(script)
        sleeps: list[float] = []

        def make(opts: Any) -> GttsEngine:
            return GttsEngine(session, sample_rate=opts.sample_rate, sleep=sleeps.append)

        monkeypatch.setattr(engines, "_gtts", make)
        monkeypatch.setattr(GttsEngine, "probe", lambda self, timeout=2.0: True)
        return session, sleeps

    return install


def _mp3s_whole(out: Path) -> list[str]:
    names = []
    for path in sorted(out.rglob("*.mp3")):
        assert count_mp3_frames(path.read_bytes()) > 0, path  # raises on a cut-off frame
        names.append(path.name)
    return names


@pytest.mark.parametrize("fault", SCRIPTS)
def test_gtts_named_fails_cleanly_after_bounded_retries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_gtts: Any, fault: str
) -> None:
    session, sleeps = fake_gtts(SCRIPTS[fault]())
    out = tmp_path / "out"
    code, _, stderr = run_cli(["build", SHORT, "-o", out, "--engine", "gtts", "--only", "audio"], capsys)
    assert code == 1, stderr
    errors = [line for line in stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "Traceback" not in stderr, stderr
    assert errors[0].startswith(f"a11y-pub: error: {SHORT}: "), errors[0]
    assert "gTTS returned a damaged MP3 stream" in errors[0] or "gTTS failed" in errors[0], errors[0]
    if fault == "truncated-mp3":
        assert len(session.calls) == 1  # a damaged answer is not retried blindly
    else:
        assert len(session.calls) == DEFAULT_RETRIES + 1
        assert len(sleeps) == DEFAULT_RETRIES and sum(sleeps) <= LONGEST_WAIT
    assert not list(out.rglob("*.mp3"))
    assert temporaries(out) == []


@pytest.mark.parametrize("fault", SCRIPTS)
def test_auto_restarts_the_letter_with_espeak(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_gtts: Any, fault: str
) -> None:
    script = SCRIPTS[fault]()
    answers = iter([FakeResponse(200, google_body(MP3))] * 3)
    # gTTS speaks the first pieces, then the fault: nothing of gTTS may end up spliced in.
    fake_gtts(lambda: next(answers, None) or script())
    out = tmp_path / "out"
    code, _, stderr = run_cli(["build", SHORT, "-o", out, "--engine", "auto", "--only", "audio"], capsys)
    assert code == 0, stderr
    assert "restarting the letter with espeak-ng" in stderr
    manifest = json.loads((out / "fr-puces" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["renderers"]["audio"]["engine"] == ["espeak"]
    assert {e.get("engine") for e in manifest["files"] if e["path"].endswith(".mp3")} == {"espeak"}
    assert _mp3s_whole(out)


def test_gtts_recovers_after_a_few_500s(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_gtts: Any) -> None:
    answers = iter([FakeResponse(500), FakeResponse(503), requests.exceptions.ConnectTimeout("slow")])
    session, sleeps = fake_gtts(lambda: next(answers, None) or FakeResponse(200, google_body(MP3)))
    out = tmp_path / "out"
    code, _, stderr = run_cli(["build", SHORT, "-o", out, "--engine", "gtts", "--only", "audio", "-q"], capsys)
    assert code == 0, stderr
    assert sleeps == [1.0, 2.0, 4.0]
    manifest = json.loads((out / "fr-puces" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["renderers"]["audio"]["engine"] == ["gtts"]
    assert _mp3s_whole(out)
    assert tree(out / "fr-puces")
