"""The process's entry point: ``python -m a11y_pub`` and the ``a11y-pub`` command.

``run()`` runs the command-line interface (``cli.main``) on the process's own
arguments. After an interrupt (exit 130 for SIGINT, 143 for SIGTERM), once the
run has stopped cleanly (staging folder removed, helper processes ended, the
line printed), it ends the process at once, skipping the interpreter's
teardown. Two things went wrong in that teardown (CPython 3.11):

- a Ctrl-C that went through code run by ``exec``/``eval`` of a string (what
  every dataclass and namedtuple definition does, so any import made while the
  build runs) is recorded as unhandled although ``cli.main`` handled it, and
  the interpreter then kills itself with SIGINT after ``sys.exit(130)``: the
  parent sees -2, not 130;
- the teardown (garbage collection of the loaded libraries) took up to 4 s on
  a loaded machine, past the 5 s a stop may take.

``cli.main`` stays callable in a process that goes on (tests, an embedding
program): only ``run`` ends the process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys

from .cli import main

INTERRUPTED = (130, 143)  # exit codes after SIGINT and SIGTERM: 128 + the signal's number


def run() -> None:
    """Run the CLI; after an interrupt, end the process with 130 or 143 at once."""
    try:
        main()
    except SystemExit as exc:
        if exc.code not in INTERRUPTED:
            raise
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        logging.shutdown()
        os._exit(int(exc.code))  # type: ignore[arg-type]


if __name__ == "__main__":
    run()
