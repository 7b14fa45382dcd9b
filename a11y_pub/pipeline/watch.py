"""``build --watch``: rebuild a letter each time it or one of its side files changes."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..options import BuildOptions
from .build import LetterResult, build
from .helper import Helper
from .sources import staff_summary_for

WATCH_INTERVAL = 0.1  # seconds between two looks at the watched files


def watch(
    inputs: Iterable[Path],
    opts: BuildOptions,
    on_done: Callable[[LetterResult], None] | None = None,
    *,
    interval: float = WATCH_INTERVAL,
    stop: Callable[[], bool] | None = None,
    helper: Helper | None = None,
    since: Mapping[Path, tuple[Any, ...] | None] | None = None,
) -> None:
    """Rebuild each letter whose input or side files change, until Ctrl-C (or ``stop()``).

    Call after ``build``. A change is acted on once the file has stayed the same
    for one more look (an editor may still be writing it); a file that is
    missing for a moment (saved by rename) is waited for. One helper process
    serves every rebuild, so the language model stays loaded and a rebuild
    after an edit takes a fraction of a cold build. Ctrl-C while waiting
    returns normally; during a rebuild it interrupts it as in ``build``.
    ``helper``: the helper process of the first build, to keep (else a new one).
    ``since``: each input's ``watch_state`` taken *before* the first build, so a
    file saved while that build ran is rebuilt too (else the state now).
    """
    paths = [Path(p) for p in inputs]
    built = {p: (since[p] if since is not None and p in since else watch_state(p, opts)) for p in paths}
    last = dict(built)
    with contextlib.ExitStack() as stack:
        helper = helper or stack.enter_context(Helper())
        while not (stop is not None and stop()):
            ready = []
            try:
                time.sleep(interval)
                for path in paths:
                    state = watch_state(path, opts)
                    if state is not None and state == last[path] and state != built[path]:
                        ready.append(path)
                    last[path] = state
            except KeyboardInterrupt:
                return
            if ready:
                for path in ready:
                    built[path] = last[path]
                build(ready, opts, on_done, helper=helper)


def watch_state(path: Path, opts: BuildOptions) -> tuple[Any, ...] | None:
    """(size, modification time) of a letter's input and side files; None while the input is missing."""

    def stamp(file: Path | None) -> tuple[int, int] | None:
        if file is None:
            return None
        try:
            info = Path(file).stat()
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns

    own = stamp(path)
    if own is None:
        return None
    sides = (staff_summary_for(path), opts.audio.lexicon, opts.summary.simplification_lexicon, opts.summary.summary_file,
             opts.audio.intro_audio, opts.audio.outro_audio)
    return (own, *(stamp(side) for side in sides))
