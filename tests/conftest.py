"""Shared fixtures: repository paths, the sample letter, golden-file switch, frozen clocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.model import Letter

from . import golden

ROOT = Path(__file__).resolve().parent.parent
LETTERS = Path(__file__).resolve().parent / "letters"
SAMPLE = ROOT / "input" / "lettre-infantes-ekko-2026-02-23.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files instead of comparing.")


def pytest_configure(config: pytest.Config) -> None:
    golden.UPDATE["enabled"] = bool(config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _frozen_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates written into outputs come from the letter or this fixed epoch, never the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1771804800")  # 2026-02-23T00:00:00Z


@pytest.fixture(autouse=True)
def _draft_voice_for_auto(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--engine auto`` skips the natural voice (Kokoro) in tests, unless marked ``natural_voice``.

    Kokoro synthesises at about half real time on two cores: the many tests that
    build letters for another reason run with the engine they ran with before
    (espeak-ng, gTTS through its fake session). Tests about the voice, and the
    end-to-end tests of the README's first command, carry
    ``@pytest.mark.natural_voice`` and get the real default.
    """
    if request.node.get_closest_marker("natural_voice") is None:
        import a11y_pub.engines as engines

        monkeypatch.setattr(engines, "natural_voice", lambda language: (None, None))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_letter() -> Letter:
    return Letter.from_json((LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text(encoding="utf-8"))
