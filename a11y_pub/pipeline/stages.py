"""Running a letter's renderers in the order their declarations give.

Each renderer declares in ``RENDERERS`` what it ``needs`` and ``provides``.
The stages fall into waves: a renderer runs in the wave after the providers
of what it needs, or in the same wave as a provider that runs in the helper
process and delivers the value ``early`` (the summary: its blocks stream to
the audio renderer while it is made), when it takes ``inputs`` to wait for it. A wave starts when the previous one
has finished. In a wave, helper renderers run in the helper process, the one
declared ``longest`` (else the last) in the main thread, so Ctrl-C stops it at
once, the others in threads beside it.
"""

from __future__ import annotations

import concurrent.futures as futures
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import A11yPubError, ConfigError, RenderError
from ..model import Letter
from ..options import BuildOptions
from .helper import Helper, remote_error


@dataclass(frozen=True, slots=True)
class Stage:
    """One renderer of this build: its name, declaration and where it runs."""

    name: str
    spec: Any  # RendererSpec
    elsewhere: bool  # in the helper process


def selected_renderers(only: tuple[str, ...] | list[str]) -> list[str]:
    """Renderer names to run, in declaration order.

    Raises:
        ConfigError: an unknown name in ``only``.
    """
    from ..render import RENDERERS

    unknown = [name for name in only if name not in RENDERERS]
    if unknown:
        raise ConfigError(f"unknown output(s) in --only: {', '.join(unknown)} (choose from {', '.join(RENDERERS)})")
    return [name for name in RENDERERS if not only or name in only]


def uses_helper(names: list[str], opts: BuildOptions) -> bool:
    """Whether some selected renderer runs in the helper process (a letter built alone,
    beside other renderers)."""
    from ..render import spec_for

    return opts.jobs == 1 and len(names) > 1 and any(spec_for(n).helper and not spec_for(n).needs for n in names)


def plan_stages(names: list[str], helper: bool) -> list[list[Stage]]:
    """The selected renderers in waves, from their declarations.

    Raises:
        ConfigError: the declarations need each other in a circle.
    """
    from ..render import load_target, spec_for, takes_inputs

    specs = {n: spec_for(n) for n in names}
    providers = {key: n for n in names for key in specs[n].provides}
    stages = {n: Stage(n, specs[n], helper and specs[n].helper and not specs[n].needs) for n in names}
    waves: dict[str, int] = {}

    def wave_of(name: str, seen: tuple[str, ...]) -> int:
        if name in waves:
            return waves[name]
        if name in seen:
            raise ConfigError(f"renderers need each other in a circle: {' -> '.join((*seen, name))}")
        wave = 0
        for need in specs[name].needs:
            provider = providers.get(need)
            if provider is None or provider == name:
                continue
            before = wave_of(provider, (*seen, name))
            # Only a renderer that takes ``inputs`` can wait for a value delivered early;
            # one that reads files runs after the provider has finished.
            beside = stages[provider].elsewhere and need in specs[provider].early and takes_inputs(load_target(specs[name].target))
            wave = max(wave, before if beside else before + 1)
        waves[name] = wave
        return wave

    for name in names:
        wave_of(name, ())
    return [[stages[n] for n in names if waves[n] == w] for w in range(max(waves.values(), default=-1) + 1)]


def make_board(names: list[str], out_dir: Path, given: dict[str, Any] | None = None) -> Any:
    """The board of one build: values the selected renderers provide, for the others
    a loader reading them from the previous build's files, and the values the
    pipeline itself gives (``given``: ``"letter-name"``, ``"page-url"``)."""
    from ..render import RENDERERS, Board, load_target, spec_for

    provided = {key for n in names for key in spec_for(n).provides}
    loaders: dict[str, Callable[[], Any] | None] = {key: functools.partial(_given, value) for key, value in (given or {}).items()}
    for other in RENDERERS:
        for key, loader in spec_for(other).provides.items():
            if key not in provided:
                loaders[key] = functools.partial(load_target(loader), out_dir) if loader else None
    return Board(provided, loaders)


def _given(value: Any) -> Any:
    return value


def _call(stage: Stage, letter: Letter, out_dir: Path, opts: BuildOptions, board: Any) -> list[Any]:
    """Run one renderer here, its declared view of the board as ``inputs``."""
    from ..render import Inputs, call_renderer, load_target

    inputs = Inputs(board, tuple(stage.spec.needs), tuple(stage.spec.provides))
    try:
        return call_renderer(load_target(stage.spec.target), letter, out_dir, opts, inputs)
    except A11yPubError:
        raise
    except Exception as exc:
        raise RenderError(f"the {stage.name} renderer failed", path=out_dir, cause=f"{type(exc).__name__}: {exc}") from exc
    finally:
        board.close(stage.spec.provides)  # what it did not deliver, its consumers will not get


def run_stages(
    letter: Letter, out_dir: Path, opts: BuildOptions, names: list[str], helper: Helper | None,
    given: dict[str, Any] | None = None,
    on_wave: Callable[[tuple[str, ...]], None] | None = None,
) -> list[Any]:
    """Run the renderers ``names`` into ``out_dir``; return their artifacts in declaration order.

    ``given``: values the pipeline gives every renderer that needs them.
    ``on_wave``: called with the names of each wave's renderers as it starts.

    Raises:
        A11yPubError: a renderer failed (a helper renderer's own error first).
    """
    board = make_board(names, out_dir, given)
    produced: dict[str, list[Any]] = {}
    remote: dict[str, futures.Future] = {}
    try:
        for wave in plan_stages(names, helper is not None):
            if on_wave is not None:
                on_wave(tuple(stage.name for stage in wave))
            for stage in wave:
                if stage.elsewhere and helper is not None:
                    remote[stage.name] = helper.submit(stage.spec.target, tuple(stage.spec.provides), letter, out_dir, opts, board)
            local = [s for s in wave if s.name not in remote]
            try:
                produced.update(_run_wave(local, letter, out_dir, opts, board))
            except BaseException:
                _raise_remote_error(remote, wait=False)
                raise
            _raise_remote_error(remote, wait=True)
            produced.update({name: done.result() for name, done in remote.items()})
    except BaseException:
        board.close()
        if helper is not None and any(not done.done() for done in remote.values()):
            helper.stop()  # never let it write into a build that is being dropped
        raise
    return [artifact for name in names for artifact in produced.get(name, [])]


def _raise_remote_error(remote: dict[str, futures.Future], wait: bool) -> None:
    for name, done in remote.items():
        if not wait and not done.done():
            continue
        try:
            done.result()
        except A11yPubError:
            raise
        except Exception as exc:
            raise remote_error(exc, name) from exc


def _run_wave(wave: list[Stage], letter: Letter, out_dir: Path, opts: BuildOptions, board: Any) -> dict[str, list[Any]]:
    if not wave:
        return {}
    main = next((s for s in wave if s.spec.longest), wave[-1])
    beside = [s for s in wave if s is not main]
    if not beside:
        return {main.name: _call(main, letter, out_dir, opts, board)}
    with futures.ThreadPoolExecutor(max_workers=len(beside)) as pool:
        outcomes = {s.name: pool.submit(_call, s, letter, out_dir, opts, board) for s in beside}
        try:
            produced = {main.name: _call(main, letter, out_dir, opts, board)}
        except BaseException:
            for outcome in outcomes.values():
                outcome.cancel()
            board.close()  # release the threads waiting for a value
            raise
        produced.update({name: outcome.result() for name, outcome in outcomes.items()})
    return produced
