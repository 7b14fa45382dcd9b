"""Progress of a letter's speech synthesis: sentences done out of the total, and time left.

``SentenceCounter`` counts the sentences the audio renderer plans and speaks
and hands each change to a report function as a ``SpeechProgress`` value;
the front end (the CLI) decides how to show it, through ``ProgressView``:
steps of a bar on a terminal, else an occasional plain line (one each time
another tenth of the sentences is done, at most one every
``PLAIN_SPACING`` seconds, as ``wget`` or ``pip`` print lines instead of
redrawing a bar when writing to a log file).

Time left: the wall seconds the engine has taken per character of speech
text it synthesised in this build, times the characters still to speak
(the audio still to make, at the speed measured so far). Sentences from the
cache take no time and do not enter the estimate. Nothing is known before
the first synthesised sentence, so the estimate starts as None.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

PLAIN_STEPS = 10  # plain lines per letter at most: one per tenth of its sentences
PLAIN_SPACING = 10.0  # seconds at least between two plain lines (the first is shown at once)


@dataclass(frozen=True, slots=True)
class SpeechProgress:
    """One letter's synthesis so far.

    ``done`` and ``total`` count sentences (cached ones included; ``total``
    grows when the easy-read summary arrives); ``seconds_left`` is the
    estimate of wall seconds still needed, None until one sentence was
    synthesised.
    """

    done: int
    total: int
    seconds_left: float | None = None

    @property
    def fraction(self) -> float:
        """``done / total`` in [0, 1] (0 when nothing is planned)."""
        return min(1.0, self.done / self.total) if self.total else 0.0


class SentenceCounter:
    """Counts planned and spoken sentences; calls ``report`` with each new ``SpeechProgress``.

    Thread-safe. ``clock`` returns seconds (``time.monotonic``); the clock
    starts at the first ``planned`` call.
    """

    def __init__(self, report: Callable[[SpeechProgress], None] | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._report = report
        self._clock = clock
        self._lock = threading.Lock()
        self._started: float | None = None
        self._done = self._total = 0
        self._chars_left = 0  # speech characters planned and not spoken yet
        self._chars_made = 0  # characters synthesised (not from a cache)

    def planned(self, speeches: Iterable[str]) -> None:
        """Add sentences (their speech texts) to the letter's total."""
        texts = list(speeches)
        with self._lock:
            if self._started is None:
                self._started = self._clock()
            self._total += len(texts)
            self._chars_left += sum(len(t) for t in texts)
        self._send()

    def spoken(self, speech: str, *, synthesised: bool) -> None:
        """One planned sentence is spoken: by the engine (``synthesised``) or from a cache."""
        with self._lock:
            self._done += 1
            self._chars_left = max(0, self._chars_left - len(speech))
            if synthesised:
                self._chars_made += len(speech)
        self._send()

    def state(self) -> SpeechProgress:
        """The counts and the time-left estimate now."""
        with self._lock:
            left = None
            if self._chars_made and self._started is not None:
                per_char = (self._clock() - self._started) / self._chars_made
                left = round(per_char * self._chars_left, 1)
            return SpeechProgress(min(self._done, self._total), self._total, left)

    def _send(self) -> None:
        if self._report is not None:
            self._report(self.state())


def say_duration(seconds: float | None) -> str:
    """``'1 min 05 s'``, ``'40 s'``; ``'?'`` when unknown (seconds rounded up to 5 above a minute)."""
    if seconds is None:
        return "?"
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    whole = -(-whole // 5) * 5
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def describe(progress: SpeechProgress) -> str:
    """The progress in words: ``'speech 12/40 sentences, about 1 min 05 s left'``."""
    text = f"speech {progress.done}/{progress.total} sentences"
    if progress.seconds_left is not None and progress.done < progress.total:
        text += f", about {say_duration(progress.seconds_left)} left"
    return text


class ProgressView:
    """What a front end shows of the letter being built: bar steps on a terminal, else plain lines.

    Args:
        steps: the bar's steps per letter, filled as its sentences are
            spoken (the last one when the letter is done).
        clock: seconds (``time.monotonic``), for the spacing of plain lines.

    ``detail`` holds the words for the bar's side (``describe``).
    """

    def __init__(self, steps: int = 100, clock: Callable[[], float] = time.monotonic) -> None:
        self.steps = steps
        self.detail = ""
        self._clock = clock
        self._filled = 0  # bar steps of this letter
        self._tenths = 0  # tenths of this letter shown on plain lines
        self._last: float | None = None  # when the last plain line was shown

    def update(self, progress: SpeechProgress, *, bar: bool) -> tuple[str | None, int]:
        """``(plain line or None, bar steps to add)`` for the latest state."""
        if bar:
            self.detail = describe(progress)
            steps = max(0, min(self.steps - 1, int(progress.fraction * self.steps)) - self._filled)
            self._filled += steps
            return None, steps
        return self._plain_line(progress), 0

    def _plain_line(self, progress: SpeechProgress) -> str | None:
        """A line each time the sentences done pass another tenth of the total, at most one
        each ``PLAIN_SPACING`` seconds (the first always), never at 100 % (the letter's own
        line follows): a log gets a few lines per letter, not one per sentence."""
        tenth = int(progress.fraction * PLAIN_STEPS)
        now = self._clock()
        if tenth <= self._tenths or progress.done >= progress.total:
            return None
        if self._last is not None and now - self._last < PLAIN_SPACING:
            return None
        self._tenths, self._last = tenth, now
        return f"{round(progress.fraction * 100)} % ({describe(progress)})"

    def finish(self) -> int:
        """The letter is done: the bar steps left to fill; the view starts again for the next one."""
        left = self.steps - self._filled
        self.detail, self._filled, self._tenths, self._last = "", 0, 0, None
        return left
