"""The stages follow the renderers' declarations: order, what runs beside what, the board."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from a11y_pub import render
from a11y_pub.errors import ConfigError
from a11y_pub.pipeline import plan_stages
from a11y_pub.render import Board, Inputs, RendererSpec

READS_FILES = "tests.fake_renderer:render_fake"  # written without ``inputs``
TAKES_INPUTS = "tests.test_stages:render_with_inputs"


def render_with_inputs(letter: object, out_dir: Path, opts: object, *, inputs: Inputs) -> list[object]:
    return []


def _waves(specs: dict[str, RendererSpec], helper: bool, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    monkeypatch.setattr(render, "RENDERERS", specs)
    return [[stage.name for stage in wave] for wave in plan_stages(list(specs), helper)]


@pytest.mark.parametrize(
    "specs,helper,expected",
    [
        # a consumer runs after its provider
        ({"a": RendererSpec(TAKES_INPUTS, provides={"x": ""}), "b": RendererSpec(TAKES_INPUTS, needs=("x",))},
         True, [["a"], ["b"]]),
        # beside a helper provider that delivers early, when it can wait for the value
        ({"a": RendererSpec(TAKES_INPUTS, provides={"x": ""}, early=("x",), helper=True),
          "b": RendererSpec(TAKES_INPUTS, needs=("x",))}, True, [["a", "b"]]),
        # ... but not when it reads files, nor when there is no helper process
        ({"a": RendererSpec(TAKES_INPUTS, provides={"x": ""}, early=("x",), helper=True),
          "b": RendererSpec(READS_FILES, needs=("x",))}, True, [["a"], ["b"]]),
        ({"a": RendererSpec(TAKES_INPUTS, provides={"x": ""}, early=("x",), helper=True),
          "b": RendererSpec(TAKES_INPUTS, needs=("x",))}, False, [["a"], ["b"]]),
        # a need nobody selected provides does not order anything; declaration order within a wave
        ({"b": RendererSpec(TAKES_INPUTS, needs=("y",)), "a": RendererSpec(TAKES_INPUTS)}, True, [["b", "a"]]),
        # chains
        ({"c": RendererSpec(TAKES_INPUTS, needs=("y",)), "b": RendererSpec(TAKES_INPUTS, needs=("x",), provides={"y": ""}),
          "a": RendererSpec(TAKES_INPUTS, provides={"x": ""})}, True, [["a"], ["b"], ["c"]]),
    ],
)
def test_waves_come_from_the_declarations(
    specs: dict[str, RendererSpec], helper: bool, expected: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _waves(specs, helper, monkeypatch) == expected


def test_a_circle_of_needs_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = {"a": RendererSpec(TAKES_INPUTS, needs=("y",), provides={"x": ""}),
             "b": RendererSpec(TAKES_INPUTS, needs=("x",), provides={"y": ""})}
    with pytest.raises(ConfigError, match="circle"):
        _waves(specs, True, monkeypatch)


def test_the_project_renderers_in_waves() -> None:
    """Summary in the helper beside what waits for it (PDFs, audio, Word file); the books
    after the audio; the web page after everything it links."""
    names = list(render.RENDERERS)
    waves = [[stage.name for stage in wave] for wave in plan_stages(names, True)]
    assert waves == [["summary", "pdf", "easyread-pdf", "audio", "docx", "review"], ["epub", "daisy"], ["web"]]
    alone = [[stage.name for stage in wave] for wave in plan_stages(names, False)]
    assert alone == [["summary", "review"], ["pdf", "easyread-pdf", "audio", "docx"], ["epub", "daisy"], ["web"]]


def test_board_get_waits_for_the_value_from_another_thread() -> None:
    board = Board(["x"], {})
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(board.get("x")))
    reader.start()
    board.provide("x", 42)
    reader.join()
    assert got == [42]


def test_board_streams_pieces_then_ends_with_the_value() -> None:
    board = Board(["x"], {})
    seen: list[object] = []
    started = threading.Event()

    def read() -> None:
        started.set()
        seen.extend(board.stream("x"))

    reader = threading.Thread(target=read)
    reader.start()
    started.wait()
    for piece in (1, 2, 3):
        board.put("x", piece)
    board.provide("x", "whole")
    reader.join()
    assert seen == [1, 2, 3] and board.get("x") == "whole"


def test_board_reads_a_value_nobody_provides_from_its_loader_once() -> None:
    calls: list[int] = []
    board = Board([], {"x": lambda: calls.append(1) or "from files", "y": None})
    assert board.get("x") == "from files" and board.get("x") == "from files" and calls == [1]
    assert board.get("y") is None and list(board.stream("x")) == []


def test_inputs_allow_only_what_is_declared() -> None:
    inputs = Inputs(Board(["x"], {}), needs=("x",), provides=())
    with pytest.raises(KeyError, match="provides"):
        inputs.provide("x", 1)
    with pytest.raises(KeyError, match="needs"):
        inputs.get("z")
