"""How the command line logs: one line per record on stderr, named after the program.

Only the CLI sets this up (``setup_logging``) and undoes it (``reset_logging``);
the package itself only logs. A warning logged while a letter is built is
marked with the letter's input by the pipeline and comes back in the letter's
result: the CLI prints it with the letter's line, so it is not printed here.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

PROG = "a11y-pub"


class _OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())
        letter = getattr(record, "a11y_letter", None)
        if letter is not None:  # in a build, every warning names its letter
            message = f"{Path(letter).name}: {message}"
        if record.levelno >= logging.WARNING:
            return f"{PROG}: {record.levelname.lower()}: {message}"
        return f"{PROG}: {message}"


class _LetterWarnings(logging.Filter):
    """A warning logged while a letter is built comes back in the letter's result and is
    printed with the letter's line (``_Report``), from this process or a batch worker."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno != logging.WARNING or getattr(record, "a11y_letter", None) is None


def setup_logging(verbose: int, quiet: bool) -> list[str]:
    """Log to stderr on one line per record; return a list that collects warnings."""
    warnings: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    root = logging.getLogger("a11y_pub")
    root.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter())
    handler.addFilter(_LetterWarnings())
    root.addHandler(handler)
    root.addHandler(_Collect())
    root.setLevel(logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING))
    root.propagate = False
    return warnings


def reset_logging() -> None:
    """Undo ``setup_logging`` so an embedding program (or a test) gets logging back as it was."""
    root = logging.getLogger("a11y_pub")
    root.handlers.clear()
    root.setLevel(logging.NOTSET)
    root.propagate = True
