"""Every exception a11y_pub raises.

Each error carries fields (``path``, ``line``, ``cause``) and builds a
one-line message in ``__str__``: the file, the problem, the probable cause.
``InputError`` subclasses are problems the user can fix (exit code 2);
``EngineError`` and ``RenderError`` are failures while producing outputs
(exit code 1).
"""

from __future__ import annotations

from pathlib import Path


class A11yPubError(Exception):
    """Base class of every error raised by the package."""

    exit_code = 1

    def __init__(
        self,
        problem: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        cause: str | None = None,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = Path(path) if path is not None else None
        self.line = line
        self.cause = cause

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.problem}"
        if self.cause:
            text += f" ({self.cause})"
        # One line, always: causes from third-party libraries may hold newlines.
        return " ".join(text.split())


class InputError(A11yPubError):
    """Something in the user's input or settings that the user can fix."""

    exit_code = 2


class ParseError(InputError):
    """A letter could not be read or understood."""


class LexiconError(InputError):
    """A lexicon or simplification table is malformed."""


class ConfigError(InputError):
    """A configuration file or option value is invalid."""


class EngineError(A11yPubError):
    """A speech engine failed."""


class EngineUnavailable(EngineError):
    """A speech engine cannot be used on this machine (missing, offline)."""


class SynthesisError(EngineError):
    """A speech engine was reachable but failed to synthesise a text."""


class RenderError(A11yPubError):
    """A renderer failed to produce its output."""


class OutputError(InputError):
    """The output folder cannot be written (permissions, locked, disk full)."""


class RecordingError(InputError):
    """A staff recording (``--intro-audio``, ``--outro-audio``) is missing or cannot be decoded."""
