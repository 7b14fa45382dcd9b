"""Staff at the deadline, through the real CLI: stopping a run with a signal, leftovers of
an interrupted run, a line per letter in a batch, corrected models built from JSON."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from a11y_pub.pipeline import STAGE_DIR

from .conftest import GOLDEN_MODEL, ROOT, SHORT, default_sigint, popen_cli, run_cli, temporaries, tree

STOP_WITHIN = 5.0  # seconds a run may take to stop after SIGINT or SIGTERM (issue: staff at the deadline)


def _long_letter(path: Path, factor: int, tag: str) -> Path:
    """The sample's model with every section repeated ``factor`` times, each sentence
    new (``tag``), so nothing is in the audio cache yet."""
    data = json.loads(GOLDEN_MODEL.read_text(encoding="utf-8"))
    for section in data["sections"]:
        paragraphs = [b["text"] for b in section["blocks"] if b["type"] == "paragraph"]
        section["blocks"] = [
            {"type": "paragraph", "text": p.replace(". ", f", {tag} {k}. ") + f" Fin {tag} {k}."}
            for k in range(1, factor + 1)
            for p in paragraphs
        ] + [b for b in section["blocks"] if b["type"] != "paragraph"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _wait_for(condition: object, proc: object, what: str, limit: float = 120.0) -> None:
    """Poll an observable condition of the running build (not a fixed sleep)."""
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.parametrize(
    "sent,code",
    [
        (signal.SIGINT, 130),
        (signal.SIGTERM, 143),
    ],
)
def test_a_signal_to_the_main_process_alone_stops_the_run_cleanly(tmp_path: Path, sent: int, code: int) -> None:
    """SIGINT to the main process only (a script, ``kill -INT``) and SIGTERM (``timeout``,
    systemd, CI): the run stops within seconds, the previous output stays byte for byte,
    no staging folder and no child process are left."""
    import psutil

    out = tmp_path / "out"
    source = _long_letter(tmp_path / "lettre.json", 1, "a")
    first = popen_cli(["build", source, "-o", out, "--engine", "espeak", "-q"])
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    letter_dir = out / "lettre"
    previous = tree(letter_dir)

    _long_letter(source, 4, "b")
    proc = popen_cli(["build", source, "-o", out, "--engine", "espeak", "-q"])
    main = psutil.Process(proc.pid)
    _wait_for(lambda: (letter_dir / STAGE_DIR / "audio").is_dir() and main.children(recursive=True), proc,
              "a staged build with its helper process")
    children = main.children(recursive=True)
    proc.send_signal(sent)
    returncode = proc.wait(timeout=STOP_WITHIN)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert returncode == code, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert stderr.strip().splitlines()[-1].startswith("a11y-pub: interrupted"), stderr
    _gone, alive = psutil.wait_procs(children, timeout=STOP_WITHIN)
    assert alive == [], [p.cmdline() for p in alive]
    assert not (letter_dir / STAGE_DIR).exists()
    assert temporaries(out) == []
    assert tree(letter_dir) == previous


# A Ctrl-C that lands while code runs under exec() of a string: what happens when it
# arrives while a dataclass or namedtuple is being defined, i.e. during any import the
# build makes as it goes. The CLI handles it; the process must still end with 130.
_CTRL_C_IN_EXEC = """
import importlib

from a11y_pub.__main__ import run

build = importlib.import_module("a11y_pub.pipeline.build")


def parse_letter(*args, **kwargs):
    exec("import signal\\nsignal.raise_signal(signal.SIGINT)")


build.parse_letter = parse_letter
run()
"""


@pytest.mark.slow
def test_a_ctrl_c_that_went_through_exec_still_ends_with_130(tmp_path: Path) -> None:
    """CPython 3.11 records such an interrupt as unhandled although the CLI handled it,
    and used to kill itself with SIGINT after ``sys.exit(130)`` (the parent saw -2)."""
    (tmp_path / "ctrl_c_in_exec.py").write_text(_CTRL_C_IN_EXEC, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}"}
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "ctrl_c_in_exec", "build", str(SHORT), "-o", str(out), "--engine", "espeak", "-q"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, preexec_fn=default_sigint,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("a11y-pub: interrupted"), done.stderr
    assert "Traceback" not in done.stderr
    assert not (out / SHORT.stem / STAGE_DIR).exists()


@pytest.mark.slow
def test_sigterm_stops_a_batch_and_its_workers(tmp_path: Path) -> None:
    """``--jobs 2``: SIGTERM to the main process ends every worker, and no letter keeps a
    staging folder."""
    import psutil

    out = tmp_path / "out"
    sources = [_long_letter(tmp_path / f"lettre-{n}.json", 3, f"l{n}") for n in (1, 2)]
    proc = popen_cli(["build", *sources, "-o", out, "--engine", "espeak", "--only", "audio", "--jobs", "2", "-q"])
    main = psutil.Process(proc.pid)
    _wait_for(lambda: any((out / s.stem / STAGE_DIR / "audio").is_dir() for s in sources), proc, "a staged letter")
    children = main.children(recursive=True)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=STOP_WITHIN) == 143
    _gone, alive = psutil.wait_procs(children, timeout=STOP_WITHIN)
    assert alive == [], [p.cmdline() for p in alive]
    assert temporaries(out) == []


def test_the_next_build_removes_a_leftover_staging_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A staging folder left by a killed run is removed by the next build, even when the
    letter is up to date and nothing is rebuilt."""
    out = tmp_path / "out"
    args = ["build", SHORT, "-o", out, "--only", "pdf"]
    assert run_cli(args, capsys)[0] == 0
    stage = out / SHORT.stem / STAGE_DIR
    (stage / "audio").mkdir(parents=True)
    (stage / "audio" / "01-half.mp3").write_bytes(b"\xff\xfb" * 100)
    code, stdout, _ = run_cli(args, capsys)
    assert code == 0 and "up to date" in stdout
    assert not stage.exists() and temporaries(out) == []


def test_a_line_per_letter_with_its_warnings_and_a_summary_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A batch says, letter by letter, where it wrote and how long it took; an unchanged
    letter says « up to date »; each warning names its letter; a table ends the run."""
    out = tmp_path / "out"
    empty = tmp_path / "vide.txt"
    empty.write_text("", encoding="utf-8")
    args = ["build", SHORT, empty, "-o", out, "--only", "pdf"]
    code, stdout, stderr = run_cli(args, capsys)
    assert code == 1
    lines = stdout.splitlines()
    assert lines[0].startswith(f"{out / SHORT.stem}/ (") and lines[0].endswith(" s)")
    assert "a11y-pub: error: " in stderr and "vide.txt" in stderr
    assert lines[-1] == "built: 1 | up to date: 0 | failed: 1 | with warnings: 0"
    files = lines[0].split("/ (")[1].split(" files")[0]
    code, stdout, _ = run_cli(args, capsys)
    assert stdout.splitlines()[0] == f"{out / SHORT.stem}/ up to date ({files} files)"


@pytest.mark.slow
def test_letter_lines_appear_before_the_batch_ends_and_warnings_name_the_letter(tmp_path: Path) -> None:
    """Not on a terminal: plain lines, each as soon as its letter is done."""
    out = tmp_path / "out"
    long = _long_letter(tmp_path / "longue.json", 4, "c")
    proc = popen_cli(["build", SHORT, long, "-o", out, "--engine", "espeak", "--only", "summary,audio"])
    assert proc.stdout is not None
    first = proc.stdout.readline().decode()
    assert first.startswith(f"{out / SHORT.stem}/ (")
    assert proc.poll() is None  # the long letter is still being built
    assert proc.wait(timeout=600) == 0
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    warnings = [line for line in stderr.splitlines() if line.startswith("a11y-pub: warning:")]
    assert warnings and all(line.startswith(("a11y-pub: warning: fr-puces.txt: ", "a11y-pub: warning: longue.json: "))
                            for line in warnings), stderr


def test_corrected_models_keep_their_letters_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two letters corrected in their ``letter.json`` and built from it land in their own
    folders, and the build says where."""
    out = tmp_path / "out"
    second = tmp_path / "autre-lettre.txt"
    second.write_text(SHORT.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli(["build", SHORT, second, "-o", out, "--only", "pdf"], capsys)[0] == 0
    models = [out / SHORT.stem / "letter.json", out / "autre-lettre" / "letter.json"]
    for model in models:
        data = json.loads(model.read_text(encoding="utf-8"))
        data["sections"][0]["title"] = "Corrigé"
        model.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, stdout, stderr = run_cli(["build", *models, "-o", out, "--only", "pdf"], capsys)
    assert code == 0, stderr
    assert [line.split("/ (")[0] for line in stdout.splitlines()[:2]] == [str(out / SHORT.stem), str(out / "autre-lettre")]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([SHORT.stem, "autre-lettre"])
    for model in models:
        manifest = json.loads((model.parent / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["input"]["path"] == model.as_posix() and manifest["letter"]["slug"] == model.parent.name


def test_zip_packs_the_web_folder_under_the_letters_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--zip``: ``<output>/<letter>.zip`` holds every file of the web folder under the
    letter's name, and the same build gives the same bytes."""
    import zipfile

    out = tmp_path / "out"
    args = ["build", SHORT, "-o", out, "--only", "web", "--zip"]
    assert run_cli(args, capsys)[0] == 0
    package = out / f"{SHORT.stem}.zip"
    web = out / SHORT.stem / "web"
    with zipfile.ZipFile(package) as archive:
        names = sorted(archive.namelist())
        assert archive.testzip() is None
        page = archive.read(f"{SHORT.stem}/index.html")
    assert names == sorted(f"{SHORT.stem}/{p.relative_to(web).as_posix()}" for p in web.rglob("*") if p.is_file())
    assert page == (web / "index.html").read_bytes()
    first = package.read_bytes()
    assert run_cli([*args, "--force"], capsys)[0] == 0
    assert package.read_bytes() == first
    package.unlink()
    code, stdout, _ = run_cli(args, capsys)  # up to date: the missing package is written again
    assert code == 0 and "up to date" in stdout and package.read_bytes() == first


_STOP_AT_ONCE = """
import signal, sys

from a11y_pub.pipeline.helper import Helper


def terminated(*_):
    raise SystemExit(143)


signal.signal(signal.SIGTERM, terminated)  # as the CLI does: its handler raises
helper = Helper()
helper.start()
helper._process.terminate()  # before the helper has set its own handlers
helper._process.join(30)
print(helper._process.exitcode)
"""


@pytest.mark.slow
def test_a_helper_stopped_as_soon_as_started_ends_quietly(tmp_path: Path) -> None:
    """A stop signal that reaches the helper process before it sets its own handlers is held
    until it has: it ends on SIGTERM, without running the parent's handler (a traceback)."""
    (tmp_path / "stop_at_once.py").write_text(_STOP_AT_ONCE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}"}
    done = subprocess.run([sys.executable, "-m", "stop_at_once"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(-signal.SIGTERM), done.stdout + done.stderr
    assert "Traceback" not in done.stderr
