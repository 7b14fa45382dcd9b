"""Typed values passed between renderers during one letter's build.

The pipeline makes one ``Board`` per build and gives each renderer an
``Inputs`` view of it, limited to what the renderer declared in
``RENDERERS`` (``needs`` to read, ``provides`` to deliver). A value is
delivered once (``provide``); a value that is made piece by piece can also be
streamed (``put`` each piece, then ``provide`` the whole), so a consumer
started beside its provider can begin on the first pieces.

A consumer's ``get`` waits until the value is delivered. When no renderer of
this build provides the value, ``get`` reads it from the previous build's
files through the provider's loader, and ``stream`` yields nothing. When the
provider failed or the build is being stopped, ``get`` returns None and
``stream`` ends: the pipeline reports the provider's own error.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any


class _Slot:
    """One named value: its pieces so far, and the value once delivered."""

    def __init__(self, loader: Callable[[], Any] | None) -> None:
        self.loader = loader  # set when nobody in this build provides the value
        self.pieces: list[Any] = []
        self.value: Any = None
        self.closed = loader is not None


def _arrived(slot: _Slot, seen: int) -> bool:
    return slot.closed or len(slot.pieces) > seen


class Board:
    """Every value of one build, shared by the stages (thread-safe).

    Args:
        provided: names some stage of this build will deliver.
        loaders: for other names, a function reading the value from the
            previous build's files (``None`` when there is none).
    """

    def __init__(self, provided: Iterable[str], loaders: dict[str, Callable[[], Any] | None]) -> None:
        self._changed = threading.Condition()
        self._slots = {name: _Slot(None) for name in provided}
        for name, loader in loaders.items():
            self._slots.setdefault(name, _Slot(loader or (lambda: None)))

    def _slot(self, name: str) -> _Slot:
        if name not in self._slots:
            raise KeyError(f"no renderer provides {name!r}")
        return self._slots[name]

    def put(self, name: str, piece: Any) -> None:
        """Add one streamed piece of ``name``."""
        with self._changed:
            self._slot(name).pieces.append(piece)
            self._changed.notify_all()

    def provide(self, name: str, value: Any) -> None:
        """Deliver ``name``; its stream ends here."""
        with self._changed:
            slot = self._slot(name)
            slot.value, slot.closed = value, True
            self._changed.notify_all()

    def close(self, names: Iterable[str] | None = None) -> None:
        """End the values not delivered yet (a failed provider, a stopped build): their
        consumers get None. All values when ``names`` is None."""
        with self._changed:
            for name, slot in self._slots.items():
                if (names is None or name in names) and not slot.closed:
                    slot.closed = True
            self._changed.notify_all()

    def get(self, name: str) -> Any:
        """The value of ``name``, waiting for it; None when it was not delivered."""
        with self._changed:
            slot = self._slot(name)
            self._changed.wait_for(lambda: slot.closed)
            if slot.loader is not None:  # read once from the previous build's files
                slot.value, slot.loader = slot.loader(), None
            return slot.value

    def stream(self, name: str) -> Iterator[Any]:
        """The pieces of ``name`` as they arrive, until it is delivered or closed."""
        slot = self._slot(name)
        index = 0
        while True:
            with self._changed:
                self._changed.wait_for(functools.partial(_arrived, slot, index))
                pieces, closed = slot.pieces[index:], slot.closed
            index += len(pieces)
            yield from pieces
            if closed and index >= len(slot.pieces):
                return


@dataclass(frozen=True)
class Inputs:
    """A renderer's view of the build's values: what it declared, nothing else.

    ``get(name)`` / ``stream(name)`` for names in ``needs``;
    ``put(name, piece)`` / ``provide(name, value)`` for names in ``provides``.
    Other names raise ``KeyError`` (a renderer must declare what it uses).
    """

    board: Any  # Board, or the helper process's forwarding board
    needs: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def _check(self, name: str, allowed: tuple[str, ...], verb: str) -> None:
        if name not in allowed:
            raise KeyError(f"{name!r} is not declared in this renderer's {verb}")

    def get(self, name: str) -> Any:
        self._check(name, self.needs, "needs")
        return self.board.get(name)

    def stream(self, name: str) -> Iterator[Any]:
        self._check(name, self.needs, "needs")
        return self.board.stream(name)

    def put(self, name: str, piece: Any) -> None:
        self._check(name, self.provides, "provides")
        self.board.put(name, piece)

    def provide(self, name: str, value: Any) -> None:
        self._check(name, self.provides, "provides")
        self.board.provide(name, value)
