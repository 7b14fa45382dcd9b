"""Progress of the speech: counts, time left, what a terminal and a log are shown.

The pure parts take a clock as an argument (a list of readings here), so no
test waits or times anything; the CLI tests run real espeak-ng builds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a11y_pub.render.audio.progress import (
    PLAIN_SPACING,
    PLAIN_STEPS,
    ProgressView,
    SentenceCounter,
    SpeechProgress,
    describe,
    say_duration,
)

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "tests" / "letters" / "en-numbered-run-together.txt"


class Clock:
    """A clock that reads what the test sets."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(None, "?"), (0.0, "0 s"), (0.4, "0 s"), (41.6, "42 s"), (59.4, "59 s"), (60.0, "1 min 00 s"),
     (61.0, "1 min 05 s"), (125.0, "2 min 05 s"), (3599.0, "1 h 00 min"), (3725.0, "1 h 02 min"), (-3.0, "0 s")],
)
def test_say_duration(seconds: float | None, said: str) -> None:
    assert say_duration(seconds) == said


@pytest.mark.parametrize(
    ("progress", "words"),
    [(SpeechProgress(0, 10), "speech 0/10 sentences"),
     (SpeechProgress(3, 10, 75.0), "speech 3/10 sentences, about 1 min 15 s left"),
     (SpeechProgress(10, 10, 0.0), "speech 10/10 sentences")],
)
def test_describe(progress: SpeechProgress, words: str) -> None:
    assert describe(progress) == words


def test_counter_reports_each_change_and_estimates_from_synthesis_only() -> None:
    clock, seen = Clock(100.0), []
    counter = SentenceCounter(seen.append, clock)
    counter.planned(["a" * 10, "b" * 10, "c" * 20])  # 40 characters to speak
    counter.spoken("a" * 10, synthesised=False)  # from the cache: no speed known yet
    assert seen[-1] == SpeechProgress(1, 3, None)
    clock.now = 104.0
    counter.spoken("b" * 10, synthesised=True)  # 4 s for 10 characters; 20 left
    assert seen[-1] == SpeechProgress(2, 3, 8.0)
    counter.planned(["d" * 5])  # the summary arrives: the total grows
    assert seen[-1] == SpeechProgress(2, 4, 10.0)
    clock.now = 112.0
    counter.spoken("c" * 20, synthesised=True)  # 12 s for 30 characters; 5 left
    assert seen[-1] == SpeechProgress(3, 4, 2.0)
    assert len(seen) == 5


def test_counter_without_report_still_counts() -> None:
    counter = SentenceCounter(None, Clock())
    counter.planned(["one", "two"])
    counter.spoken("one", synthesised=True)
    assert counter.state() == SpeechProgress(1, 2, 0.0)


def test_plain_lines_by_tenth_spaced_in_time_never_at_the_end() -> None:
    clock = Clock()
    view = ProgressView(clock=clock)
    lines = []
    for done in range(1, 41):
        clock.now += PLAIN_SPACING / 2  # two sentences per spacing
        line, steps = view.update(SpeechProgress(done, 40, 5.0), bar=False)
        assert steps == 0
        if line:
            lines.append((done, line))
    assert lines[0] == (4, "10 % (speech 4/40 sentences, about 5 s left)")  # the first at once
    assert [done for done, _ in lines] == [4, 8, 12, 16, 20, 24, 28, 32, 36]
    assert view.finish() == view.steps  # nothing was drawn on a bar


def test_plain_lines_are_few_when_sentences_come_fast() -> None:
    clock = Clock()
    view = ProgressView(clock=clock)
    shown = []
    for done in range(1, 101):
        clock.now += 0.1
        line, _ = view.update(SpeechProgress(done, 100), bar=False)
        if line:
            shown.append(done)
    assert shown == [10]  # then 9.9 s pass with no other line allowed


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=80))
def test_bar_never_goes_back_nor_fills_before_the_letter_is_done(states: list[tuple[int, int]]) -> None:
    view = ProgressView(steps=100, clock=Clock())
    filled = 0
    for done, extra in states:
        line, steps = view.update(SpeechProgress(done, done + extra), bar=True)
        assert line is None and steps >= 0
        filled += steps
        assert filled <= 99
    assert filled + view.finish() == 100
    assert view.detail == ""


@given(st.lists(st.integers(1, 50), min_size=1, max_size=50))
def test_plain_lines_at_most_one_per_tenth(totals: list[int]) -> None:
    clock = Clock()
    view = ProgressView(clock=clock)
    total, count = max(totals), 0
    for done in range(total + 1):
        clock.now += PLAIN_SPACING
        line, _ = view.update(SpeechProgress(done, total), bar=False)
        count += line is not None
    assert count <= PLAIN_STEPS - 1


# -- through the real command line ------------------------------------------------------------------


def _build(tmp_path: Path, *extra: str) -> list[str]:
    """Run a real espeak-ng audio build; stdout and stderr as one stream, in the order written."""
    run = subprocess.run(
        [sys.executable, "-m", "a11y_pub", "build", str(LETTER), "-o", str(tmp_path), "--engine", "espeak",
         "--only", "audio", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return run.stdout.splitlines()


@pytest.mark.slow
def test_a_log_gets_progress_lines_before_the_letter_is_done(tmp_path: Path) -> None:
    lines = _build(tmp_path)
    done = next(i for i, line in enumerate(lines) if line.startswith(f"{tmp_path}/"))
    progress = [line for line in lines[:done] if " sentences" in line]
    assert progress, lines
    assert progress[0].startswith(f"a11y-pub: {LETTER.name}: ")
    assert "speech " in progress[0] and len(progress) < PLAIN_STEPS
    assert not any(" sentences" in line for line in lines[done:])


@pytest.mark.slow
def test_quiet_shows_no_progress(tmp_path: Path) -> None:
    assert not any(" sentences" in line for line in _build(tmp_path, "-q"))


@pytest.mark.slow
def test_a_terminal_gets_the_bar_with_sentences(tmp_path: Path) -> None:
    import pty

    main, side = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "a11y_pub", "build", str(LETTER), "-o", str(tmp_path), "--engine", "espeak", "--only", "audio"],
        cwd=ROOT, stdin=side, stdout=side, stderr=side, close_fds=True,
    )
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait() == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert f"{LETTER.stem}/ (" in screen
    drawn = [part for part in screen.split("\r") if "sentences" in part]
    assert drawn and "[#" in drawn[-1] and "%" in drawn[-1]  # a bar, filled as sentences are spoken
    assert "100%" in screen.rsplit("Building", 1)[-1]  # and full once the letter is done
