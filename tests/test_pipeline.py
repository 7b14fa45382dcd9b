"""The pipeline with a stand-in renderer: folders, manifest, atomicity, locks, batches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from a11y_pub import pipeline
from a11y_pub.errors import ConfigError
from a11y_pub.files import sha256
from a11y_pub.options import BuildOptions

from . import fake_renderer

LETTERS = Path(__file__).resolve().parent / "letters"


@pytest.fixture(autouse=True)
def only_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    from a11y_pub import render

    monkeypatch.setattr(render, "RENDERERS", {"fake": "tests.fake_renderer:render_fake"})
    fake_renderer.CALLS.clear()


def _opts(tmp_path: Path, **kw: object) -> BuildOptions:
    return BuildOptions(output=tmp_path / "out", **kw)  # type: ignore[arg-type]


def test_build_writes_letter_json_outputs_and_manifest(tmp_path: Path) -> None:
    source = LETTERS / "fr-puces.txt"
    [result] = pipeline.build([source], _opts(tmp_path))
    assert result.ok, result.error
    out = tmp_path / "out" / "fr-puces"
    assert result.out_dir == out
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema"] == "a11y-pub/manifest@1"
    assert manifest["input"]["sha256"] == sha256(source)
    assert manifest["letter"]["sha256"] == sha256(out / "letter.json")
    assert manifest["renderers"]["fake"] == {"files": 5, "engine": ["none"]}
    for entry in manifest["files"]:
        assert entry["sha256"] == sha256(out / entry["path"])
        assert entry["size"] == (out / entry["path"]).stat().st_size
    assert not list(out.rglob(".a11y-tmp-*"))


def test_build_is_deterministic(tmp_path: Path) -> None:
    source = LETTERS / "fr-puces.txt"
    pipeline.build([source], _opts(tmp_path))
    first = {p.name: p.read_bytes() for p in (tmp_path / "out" / "fr-puces").glob("*.json")}
    shutil.rmtree(tmp_path / "out")
    pipeline.build([source], _opts(tmp_path))
    second = {p.name: p.read_bytes() for p in (tmp_path / "out" / "fr-puces").glob("*.json")}
    assert first == second


def test_bad_letter_does_not_stop_the_batch_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    results = pipeline.build([bad, LETTERS / "fr-puces.txt"], _opts(tmp_path))
    assert [r.ok for r in results] == [False, True]
    assert "file is empty" in str(results[0].error)
    assert not (tmp_path / "out" / "empty").exists()


def test_parallel_jobs_give_the_same_files(tmp_path: Path) -> None:
    sources = [LETTERS / "fr-puces.txt", LETTERS / "en-questions.txt", LETTERS / "fr-premierement.txt"]
    results = pipeline.build(sources, _opts(tmp_path, jobs=2))
    assert all(r.ok for r in results)
    assert [r.input for r in results] == sources


def test_interrupted_render_keeps_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = LETTERS / "fr-puces.txt"
    pipeline.build([source], _opts(tmp_path))
    out = tmp_path / "out" / "fr-puces"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != ".lock"}
    monkeypatch.setenv("A11Y_FAKE_CRASH", "commitment-2")
    with pytest.raises(KeyboardInterrupt):  # force: an unchanged letter is otherwise up to date
        pipeline.build([source], _opts(tmp_path, force=True))
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != ".lock"}
    assert after == before
    assert not list(out.rglob(".a11y-tmp-*"))


def test_only_keeps_other_renderers_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from a11y_pub import render

    monkeypatch.setattr(render, "RENDERERS", {"fake": "tests.fake_renderer:render_fake", "other": "tests.fake_renderer:render_fake"})
    source = LETTERS / "fr-puces.txt"
    pipeline.build([source], _opts(tmp_path, only=("fake",)))
    manifest = json.loads((tmp_path / "out" / "fr-puces" / "manifest.json").read_text())
    assert set(manifest["renderers"]) == {"fake"}


def test_unknown_only_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown output"):
        pipeline.build([LETTERS / "fr-puces.txt"], _opts(tmp_path, only=("mp4",)))


def test_staff_summary_is_found_beside_the_input(tmp_path: Path) -> None:
    source = tmp_path / "lettre.txt"
    source.write_text("x")
    assert pipeline.staff_summary_for(source) is None
    (tmp_path / "lettre.resume.md").write_text("# Résumé")
    assert pipeline.staff_summary_for(source) == tmp_path / "lettre.resume.md"


@pytest.mark.parametrize(
    "name,slug",
    [("lettre-infantes-ekko-2026-02-23.txt", "lettre-infantes-ekko-2026-02-23"), ("Lettre Été.docx", "lettre-ete"),
     ("../../etc/passwd", "passwd"), ("CON.txt", "con"), ("😀.txt", "letter"), ("x.letter.json", "x")],
)
def test_letter_slug_is_safe(name: str, slug: str) -> None:
    assert pipeline.letter_slug(Path(name)) == slug


def test_second_build_waits_for_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    monkeypatch.setattr(pipeline.staging, "LOCK_TIMEOUT", 0.2)
    out = tmp_path / "out" / "fr-puces"
    out.mkdir(parents=True)
    with FileLock(str(out / ".lock")):
        [result] = pipeline.build([LETTERS / "fr-puces.txt"], _opts(tmp_path))
    assert not result.ok
    assert "another build kept this output folder locked" in str(result.error)
    assert not (out / "manifest.json").exists()


def test_unchanged_letter_is_not_rebuilt(tmp_path: Path) -> None:
    source = LETTERS / "fr-puces.txt"
    pipeline.build([source], _opts(tmp_path))
    assert len(fake_renderer.CALLS) == 1
    [again] = pipeline.build([source], _opts(tmp_path))
    assert again.ok and len(fake_renderer.CALLS) == 1
    pipeline.build([source], _opts(tmp_path, force=True))
    assert len(fake_renderer.CALLS) == 2


@pytest.mark.parametrize("reachable,rebuilt", [(False, False), (True, True)])
def test_auto_engine_fallback_is_revisited_only_when_gtts_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reachable: bool, rebuilt: bool
) -> None:
    import a11y_pub.engines as engines

    source = LETTERS / "fr-puces.txt"
    pipeline.build([source], _opts(tmp_path))  # the fake renderer records engine "none"
    manifest_path = tmp_path / "out" / "fr-puces" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["renderers"]["audio"] = {"files": 0, "engine": ["espeak"]}
    manifest_path.write_text(json.dumps(manifest))
    monkeypatch.setattr(engines, "probe_gtts", lambda *a, **k: reachable)
    pipeline.build([source], _opts(tmp_path))
    assert len(fake_renderer.CALLS) == (2 if rebuilt else 1)


def test_streamed_blocks_are_this_builds_until_the_end_mark() -> None:
    from a11y_pub.render import Board

    board = Board(["summary"], {})  # one board per build: no block of another build can reach it
    for message in [{"n": 1}, {"n": 2}]:
        board.put("summary", message)
    board.provide("summary", "whole")
    board.put("summary", {"n": 3})  # after the end mark: not part of the stream read so far
    assert list(board.stream("summary"))[:2] == [{"n": 1}, {"n": 2}]
    stopped = Board(["summary"], {})
    stopped.close()  # the helper stopped without an end mark: what is there is read, then the end
    assert list(stopped.stream("summary")) == [] and stopped.get("summary") is None


def test_fingerprint_follows_side_file_edits_in_one_process(tmp_path: Path) -> None:
    """A long-lived process (``build --watch``) must see a lexicon edited between builds."""
    from a11y_pub.options import AudioOptions

    source = tmp_path / "lettre.txt"
    source.write_text("Madame,\n\n1. Agir.\nNous agirons.\n\nCordialement,\nJeanne\n", encoding="utf-8")
    lexicon = tmp_path / "lexique.toml"
    lexicon.write_text('[words]\nEKKO = "éko"\n', encoding="utf-8")
    opts = BuildOptions(output=tmp_path / "out", audio=AudioOptions(lexicon=lexicon))
    first = pipeline.build_fingerprint(source, opts)
    assert pipeline.build_fingerprint(source, opts) == first
    lexicon.write_text('[words]\nEKKO = "ékko"\n', encoding="utf-8")
    assert pipeline.build_fingerprint(source, opts) != first
