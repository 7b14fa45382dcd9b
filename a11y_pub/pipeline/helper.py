"""The helper process: a renderer run beside the main process, values streamed back.

A renderer declared ``helper=True`` (the easy-read summary: its language model
takes a second to load) runs here when a letter is built alone, while the
main process makes the audio. The process lives as long as its ``Helper``
(one ``build`` call, or a whole ``build --watch``), so the model stays loaded
between letters. What the renderer ``put``s and ``provide``s travels back
over one queue and lands on the build's ``Board``; its artifacts (or its
error) complete a ``Future``.

No module state: the queues belong to the ``Helper`` object, and the process
function keeps its own in local variables. The process ignores SIGINT (the
main process decides), and ends with its parent even if that one is killed
outright.
"""

from __future__ import annotations

import concurrent.futures as futures
import contextlib
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
from pathlib import Path
from typing import Any

from ..errors import A11yPubError, RenderError
from ..model import Letter
from ..options import BuildOptions

log = logging.getLogger(__name__)

_POLL = 0.2  # seconds between two looks at a helper that may have stopped


class _Forward:
    """The board as a renderer in the helper process sees it: pieces and values go back."""

    def __init__(self, events: Any, token: int) -> None:
        self._events = events
        self._token = token

    def put(self, name: str, piece: Any) -> None:
        self._events.put((self._token, "put", name, piece))

    def provide(self, name: str, value: Any) -> None:
        self._events.put((self._token, "provide", name, value))

    def get(self, name: str) -> Any:
        raise KeyError(f"a renderer run in the helper process cannot need {name!r}")

    def stream(self, name: str) -> Any:
        raise KeyError(f"a renderer run in the helper process cannot need {name!r}")


_STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def _watch_parent() -> None:
    """End this process when its parent is gone (a process whose parent dies is adopted
    by another). The parent is whoever started it: the pipeline process, or with the
    forkserver start method the fork server, which ends with the pipeline process."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="a11y-pub-parent-watch", daemon=True).start()


class _SendLogs(logging.Handler):
    """In the helper process: send the package's log records back, to be logged there."""

    def __init__(self, events: Any) -> None:
        super().__init__(logging.INFO)
        self.events = events
        self.token = 0

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self.events.put((self.token, "log", record.levelno, record.name, record.getMessage()))


def _sendable(exc: BaseException) -> BaseException:
    try:
        pickle.dumps(exc)
        return exc
    except Exception:
        return RenderError("the helper process failed", cause=f"{type(exc).__name__}: {exc}")


def _serve(requests: Any, events: Any) -> None:
    """In the helper process: run each requested renderer until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # blocked by ``Helper.start`` until now
    from ..render import Inputs, call_renderer, load_target
    events.cancel_join_thread()  # never wait at exit for messages nobody will read
    _watch_parent()
    logs = _SendLogs(events)
    package = logging.getLogger("a11y_pub")
    package.handlers[:] = [logs]
    package.setLevel(logging.INFO)
    package.propagate = False
    while True:
        job = requests.get()
        if job is None:
            return
        token, target, provides, letter, out_dir, opts = job
        logs.token = token
        try:
            inputs = Inputs(_Forward(events, token), (), provides)
            events.put((token, "done", call_renderer(load_target(target), letter, out_dir, opts, inputs)))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the pipeline
            events.put((token, "error", _sendable(exc)))


class Helper:
    """One helper process, started on first use; ``close()`` ends it.

    Use as a context manager, or call ``close()``. ``stop()`` ends it at once
    (Ctrl-C, a failed build that must not be written to); the next ``submit``
    starts a new one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._requests: Any = None
        self._jobs: dict[int, tuple[Any, tuple[str, ...], futures.Future]] = {}
        self._tokens = 0

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.stop()

    def start(self) -> None:
        """Start the process now (its imports overlap with reading the letter)."""
        with self._lock:
            if self._process is not None and self._process.is_alive():
                return
            context = multiprocessing.get_context()
            self._requests, events = context.Queue(), context.Queue()
            self._process = context.Process(target=_serve, args=(self._requests, events),
                                            name="a11y-pub-helper", daemon=True)
            # The child starts with the parent's handlers (the CLI's SIGTERM raises): a stop
            # signal that came before ``_serve`` set its own would print a traceback. Blocked
            # across the fork, it waits in the child for ``_serve`` to unblock it.
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
            try:
                self._process.start()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            threading.Thread(target=self._dispatch, args=(self._process, events), name="a11y-pub-helper-events",
                             daemon=True).start()

    def submit(self, target: str, provides: tuple[str, ...], letter: Letter, out_dir: Path, opts: BuildOptions,
               board: Any) -> futures.Future:
        """Run the renderer ``target`` in the helper; its values land on ``board``.

        Returns:
            A future of the renderer's artifacts; its error (the renderer's, or
            ``RenderError`` when the process stopped) is raised by ``result()``.
        """
        self.start()
        done: futures.Future = futures.Future()
        with self._lock:
            self._tokens += 1
            token = self._tokens
            self._jobs[token] = (board, provides, done)
            self._requests.put((token, target, provides, letter, out_dir, opts))
        return done

    def _finish(self, token: int, result: Any = None, error: BaseException | None = None) -> None:
        with self._lock:
            job = self._jobs.pop(token, None)
        if job is None:
            return
        board, provides, done = job
        board.close(provides)
        if error is not None:
            done.set_exception(error)
        else:
            done.set_result(result)

    def _dispatch(self, process: Any, events: Any) -> None:
        """Route the helper's messages to their builds until the process ends."""
        while True:
            try:
                message = events.get(timeout=_POLL)
            except queue.Empty:
                if process.is_alive():
                    continue
                self._fail_all(process)
                return
            except (EOFError, OSError):
                self._fail_all(process)
                return
            token, kind, *rest = message
            with self._lock:
                job = self._jobs.get(token)
            if job is None:
                continue
            if kind == "log":
                level, name, text = rest
                logging.getLogger(name).log(level, "%s", text)
            elif kind == "put":
                job[0].put(*rest)
            elif kind == "provide":
                job[0].provide(*rest)
            elif kind == "done":
                self._finish(token, result=rest[0])
            else:
                self._finish(token, error=rest[0])

    def _fail_all(self, process: Any) -> None:
        with self._lock:
            tokens = [t for t in self._jobs if self._process is process or self._process is None]
        for token in tokens:
            self._finish(token, error=RenderError("the helper process stopped",
                                                  cause=f"exit code {process.exitcode}"))

    def stop(self) -> None:
        """End the process now; builds waiting on it fail."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(Exception):
            process.terminate()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        with self._lock:
            tokens = list(self._jobs)
        for token in tokens:
            self._finish(token, error=RenderError("the helper process was stopped"))

    def close(self) -> None:
        """Let the process finish its work and end."""
        with self._lock:
            process, requests = self._process, self._requests
            self._process = None
        if process is None:
            return
        with contextlib.suppress(Exception):
            requests.put(None)
            process.join(timeout=10)
        if process.is_alive():
            process.terminate()
            process.join()


def remote_error(exc: BaseException, name: str) -> A11yPubError:
    """The pipeline's error for a helper renderer that failed with ``exc``."""
    if isinstance(exc, A11yPubError):
        return exc
    return RenderError(f"the {name} renderer failed", cause=f"{type(exc).__name__}: {exc}")
