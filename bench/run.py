"""The project's benchmark: speed, rebuilds, batches, scale and start-up, as ratios of one run.

Run from the repository root::

    python bench/run.py                 # everything (~6-10 minutes on 2 cores)
    python bench/run.py --skip 50x      # leave out figures by name (comma-separated)

Writes ``bench/results.json`` (``--out`` to change) and prints a table. The machine is
noisy and shared, so every figure is a ratio of timings taken in the same run, and
each timed command runs in its own process (``python -m a11y_pub ...``, wall time
and peak RSS of the process and its children from ``os.wait4``). Repeated figures
keep the fastest of their runs.

Figures (targets from issue 7):

- ``cold_vs_floor``: cold build of the sample letter (espeak-ng, all renderers,
  empty cache) against the floor, a process that only loads espeak-ng, speaks the
  same speech text and encodes it to MP3 (``render.audio.bare_synthesis``). ≤ 1.5.
- ``noop_vs_cold``: the same build again, nothing changed. ≤ 0.1.
- ``edit_vs_cold``: the build after one commitment's text changed. ≤ 0.35.
- ``batch_speedup``: 20 letters, ``--jobs 2`` throughput over ``--jobs 1``. ≥ 1.7.
- ``per_word_10x`` / ``per_word_50x``: seconds per word of the letter repeated 10x
  and 50x over the 1x figure (all three built from the same JSON model). ≤ 1.2;
  ``rss_50x_mb`` ≤ 300 (the 50x build is stopped when its process tree passes
  ``--rss-cap`` MB or ``--scale-timeout`` seconds, and reported as such).
- ``audio_per_wall``: seconds of audio written (sections and summary, not the
  full-letter copy) per second of the cold build.
- ``help_seconds``: start-up of ``a11y-pub --help``. ≤ 0.3 s.
- Piper (when piper-tts and a voice are installed): ``bench/piper_bench.py``'s
  real-time factors beside espeak-ng, and a Piper build of an English letter
  cold and again from the audio cache (its folder removed, the cache kept).

Internal modes (used by the runner, one process each): ``--speech-texts DIR``,
``--floor FILE``, ``--piper``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(os.environ.get("A11Y_BENCH_ROOT") or Path(__file__).resolve().parents[1])
SAMPLE = ROOT / "input" / "lettre-infantes-ekko-2026-02-23.txt"
GOLDEN = ROOT / "tests" / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
FIXTURES = ROOT / "tests" / "letters"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}
TARGETS = {
    "cold_vs_floor": ("<=", 1.5),
    "noop_vs_cold": ("<=", 0.1),
    "edit_vs_cold": ("<=", 0.35),
    "edit_watch_vs_cold": ("<=", 0.35),
    "batch_speedup": (">=", 1.7),
    "per_word_10x": ("<=", 1.2),
    "per_word_50x": ("<=", 1.2),
    "rss_50x_mb": ("<=", 300.0),
    "help_seconds": ("<=", 0.3),
}


@dataclass(frozen=True)
class Run:
    """One timed process: wall seconds, peak RSS (MB) of it and its children, exit code."""

    wall: float
    rss_mb: float
    code: int
    stderr: str
    killed: str = ""
    cpu: float = 0.0  # user + system seconds of the process and the children it waited for

    @property
    def cores(self) -> float:
        """Cores kept busy on average: CPU seconds per wall second."""
        return round(self.cpu / self.wall, 2) if self.wall else 0.0


def timed(args: list[str], *, cwd: Path = ROOT, rss_cap_mb: float = 0.0, timeout: float = 0.0) -> Run:
    """Run ``args`` in a new process; return its wall time, peak RSS and exit code.

    With ``rss_cap_mb`` or ``timeout``, a watcher stops the process group when the
    summed RSS of the process tree passes the cap or the time runs out.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    killed: list[str] = []
    stop = threading.Event()
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read() if proc.stderr else b""))
    reader.start()
    if rss_cap_mb or timeout:
        threading.Thread(target=_watch, args=(proc.pid, rss_cap_mb, timeout, stop, killed), daemon=True).start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stop.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    return Run(wall, usage.ru_maxrss / 1024, proc.returncode, b"".join(err_chunks).decode(errors="replace"),
               killed[0] if killed else "", usage.ru_utime + usage.ru_stime)


def _watch(pid: int, cap_mb: float, timeout: float, stop: threading.Event, killed: list[str]) -> None:
    import signal

    try:
        import psutil  # only the benchmark uses it: pip install psutil
    except ImportError:
        if timeout:
            stop.wait(timeout)
            if not stop.is_set():
                killed.append(f"stopped: still running after {timeout:.0f} s")
                os.killpg(pid, signal.SIGKILL)
        return

    started = time.perf_counter()
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.wait(0.2):
        try:
            rss = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 2**20
        except psutil.Error:
            continue
        reason = ""
        if cap_mb and rss > cap_mb:
            reason = f"stopped: process tree RSS {rss:.0f} MB passed the {cap_mb:.0f} MB cap"
        elif timeout and time.perf_counter() - started > timeout:
            reason = f"stopped: still running after {timeout:.0f} s"
        if reason:
            killed.append(reason)
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            return


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "a11y_pub", *map(str, args)]


def build_cmd(inputs: list[Path] | Path, out: Path, *extra: str, engine: str = "espeak") -> list[str]:
    files = inputs if isinstance(inputs, list) else [inputs]
    return cli("build", *files, "-o", out, "--engine", engine, "-q", *extra)


def best(runs: list[Run]) -> Run:
    failed = [r for r in runs if r.code != 0]
    if failed:
        raise SystemExit(f"a benchmark build failed (exit {failed[0].code}):\n{failed[0].stderr[-2000:]}")
    return min(runs, key=lambda r: r.wall)


def manifest(out_dir: Path) -> dict[str, Any]:
    return json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))


def audio_seconds(out_dir: Path) -> float:
    """Seconds of distinct audio in a build: every MP3 but the full-letter copy."""
    files = manifest(out_dir)["files"]
    return sum(
        float(e.get("duration", 0.0)) for e in files
        if e["path"].endswith(".mp3") and e.get("section_id") != "letter"
    )


def model_words(letter_json: Path) -> int:
    from a11y_pub.model import Letter

    letter = Letter.from_json(letter_json.read_text(encoding="utf-8"))
    return sum(len(s.text.split()) for s in letter.sections)


# -- figures ---------------------------------------------------------------------------------------


def fig_help(results: dict[str, Any]) -> None:
    script = shutil.which("a11y-pub")
    cmd = [script, "--help"] if script else cli("--help")
    runs = [timed(cmd) for _ in range(5)]
    results["help"] = {"command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)),
                       "seconds": round(best(runs).wall, 3)}
    results["figures"]["help_seconds"] = round(best(runs).wall, 3)


def fig_cold(work: Path, results: dict[str, Any]) -> Path:
    slug = SAMPLE.stem
    colds = []
    for n in (1, 2):
        out = work / f"cold{n}"
        shutil.rmtree(out, ignore_errors=True)
        colds.append(timed(build_cmd(SAMPLE, out)))
    cold = best(colds)
    out_dir = work / "cold2" / slug
    noops = [timed(build_cmd(SAMPLE, work / "cold2")) for _ in range(2)]
    noop = best(noops)
    seconds = audio_seconds(out_dir)
    results["cold"] = {"seconds": round(cold.wall, 3), "runs": [round(r.wall, 3) for r in colds],
                       "rss_mb": round(cold.rss_mb, 1), "audio_seconds": round(seconds, 1),
                       "cpu_seconds": round(cold.cpu, 2), "cores": cold.cores,
                       "files": len(manifest(out_dir)["files"])}
    results["noop"] = {"seconds": round(noop.wall, 3), "runs": [round(r.wall, 3) for r in noops]}
    results["figures"]["noop_vs_cold"] = round(noop.wall / cold.wall, 3)
    results["figures"]["audio_per_wall"] = round(seconds / cold.wall, 1)

    texts = work / "speech-texts.json"
    run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--speech-texts", str(out_dir)], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, check=True)
    texts.write_text(run.stdout, encoding="utf-8")
    floors = [timed([sys.executable, str(Path(__file__).resolve()), "--floor", str(texts)]) for _ in range(2)]
    floor = best(floors)
    inner = json.loads(floors[0].stderr.strip().splitlines()[-1])
    results["floor"] = {"seconds": round(floor.wall, 3), "runs": [round(r.wall, 3) for r in floors],
                        "in_process_seconds": inner["seconds"], "characters": inner["characters"],
                        "audio_seconds": inner["audio_seconds"], "rss_mb": round(floor.rss_mb, 1)}
    results["figures"]["cold_vs_floor"] = round(cold.wall / floor.wall, 2)
    return out_dir


EDITS = (
    ("Nous sommes conscients", "Nous sommes pleinement conscients"),
    ("Nous sommes pleinement conscients", "Nous sommes tout à fait conscients"),
)


def _sample_copy(folder: Path) -> Path:
    """A fresh ``folder`` holding ``in/<sample letter>``; returns the copy's path."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "in").mkdir(parents=True)
    source = folder / "in" / SAMPLE.name
    shutil.copyfile(SAMPLE, source)
    return source


def fig_edit(work: Path, results: dict[str, Any]) -> None:
    folder = work / "edit"
    source = _sample_copy(folder)
    out = folder / "out"
    cold = best([timed(build_cmd(source, out))])
    out_dir = out / SAMPLE.stem
    runs, changed = [], []
    for old, new in EDITS:
        before = {e["path"]: e["sha256"] for e in manifest(out_dir)["files"]}
        text = source.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"edit benchmark: '{old}' not in the sample letter")
        source.write_text(text.replace(old, new, 1), encoding="utf-8")
        runs.append(timed(build_cmd(source, out)))
        after = {e["path"]: e["sha256"] for e in manifest(out_dir)["files"]}
        changed = sorted(p for p in after if before.get(p) != after[p])
    edit = best(runs)
    results["edit"] = {"seconds": round(edit.wall, 3), "runs": [round(r.wall, 3) for r in runs],
                       "cold_seconds": round(cold.wall, 3), "changed_files": changed}
    results["figures"]["edit_vs_cold"] = round(edit.wall / results["cold"]["seconds"], 3)


def fig_edit_watch(work: Path, results: dict[str, Any]) -> None:
    """The same edits under ``build --watch``: seconds from saving the file to the new manifest."""
    folder = work / "watch"
    source = _sample_copy(folder)
    manifest_file = folder / "out" / SAMPLE.stem / "manifest.json"
    proc = subprocess.Popen([*build_cmd(source, folder / "out"), "--watch"], cwd=ROOT, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runs: list[float] = []
    try:
        deadline = time.monotonic() + 120
        while not manifest_file.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("watch benchmark: the first build did not finish")
            time.sleep(0.01)
        time.sleep(0.5)
        for old, new in EDITS:
            before = manifest_file.read_bytes()
            text = source.read_text(encoding="utf-8")
            started = time.perf_counter()
            source.write_text(text.replace(old, new, 1), encoding="utf-8")
            while manifest_file.read_bytes() == before:
                if proc.poll() is not None or time.perf_counter() - started > 60:
                    raise SystemExit("watch benchmark: no rebuild after the edit")
                time.sleep(0.005)
            runs.append(time.perf_counter() - started)
            time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    results["edit_watch"] = {"seconds": round(min(runs), 3), "runs": [round(r, 3) for r in runs]}
    results["figures"]["edit_watch_vs_cold"] = round(min(runs) / results["cold"]["seconds"], 3)


def fig_batch(work: Path, results: dict[str, Any]) -> None:
    folder = work / "batch"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "in").mkdir(parents=True)
    letters = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    inputs = []
    for copy in ("a", "b"):
        for letter in letters:
            target = folder / "in" / f"{letter.stem}-{copy}{letter.suffix}"
            shutil.copyfile(letter, target)
            inputs.append(target)
    inputs = inputs[:20]
    one = timed(build_cmd(inputs, folder / "jobs1", "--jobs", "1"))
    two = timed(build_cmd(inputs, folder / "jobs2", "--jobs", "2"))
    results["batch"] = {"letters": len(inputs), "jobs1_seconds": round(one.wall, 2),
                        "jobs2_seconds": round(two.wall, 2), "jobs1_rss_mb": round(one.rss_mb, 1),
                        "jobs2_rss_mb": round(two.rss_mb, 1), "jobs1_cpu_seconds": round(one.cpu, 2),
                        "jobs2_cpu_seconds": round(two.cpu, 2), "jobs1_cores": one.cores, "jobs2_cores": two.cores}
    failed = {name: f"exit {run.code}: {run.stderr.strip().splitlines()[-1:] }"
              for name, run in (("jobs1", one), ("jobs2", two)) if run.code != 0}
    if failed:  # reported, not fatal: the other figures still count
        results["batch"]["failed"] = failed
        results["figures"]["batch_speedup"] = None
        return
    results["figures"]["batch_speedup"] = round(one.wall / two.wall, 2)


_SPIN = "s = 0\nfor i in range(8_000_000):\n    s += i * i\n"


def fig_machine(results: dict[str, Any]) -> None:
    """What two cores give here: one CPU-bound Python process alone, then two at once.

    The batch speed-up can at best reach this (virtual cores share the host's).
    """
    spin = [sys.executable, "-c", _SPIN]
    alone = best([timed(spin) for _ in range(2)])
    started = time.perf_counter()
    procs = [subprocess.Popen(spin) for _ in range(2)]
    for proc in procs:
        proc.wait()
    both = time.perf_counter() - started
    results["machine"]["two_process_throughput"] = round(2 * alone.wall / both, 2)


def fig_scale(work: Path, results: dict[str, Any], skip: set[str], cap: float, timeout: float) -> None:
    folder = work / "scale"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    model = json.loads(GOLDEN.read_text(encoding="utf-8"))
    scale: dict[str, Any] = {}
    for factor in (1, 10, 50):
        name = f"{factor}x"
        if name in skip:
            continue
        data = json.loads(json.dumps(model))
        for section in data["sections"]:
            section["blocks"] = section["blocks"] * factor
        source = folder / f"lettre-{name}.json"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        words = model_words(source)
        run = timed(build_cmd(source, folder / "out"), rss_cap_mb=cap if factor == 50 else 0,
                    timeout=timeout if factor == 50 else 0)
        entry: dict[str, Any] = {"words": words, "seconds": round(run.wall, 2), "rss_mb": round(run.rss_mb, 1),
                                 "seconds_per_word": round(run.wall / words, 5)}
        if run.code != 0:
            entry["failed"] = run.killed or f"exit {run.code}: {run.stderr.strip().splitlines()[-1:]}"
        scale[name] = entry
        if factor > 1 and "1x" in scale and run.code == 0:
            results["figures"][f"per_word_{name}"] = round(entry["seconds_per_word"] / scale["1x"]["seconds_per_word"], 3)
        if factor == 50:
            results["figures"]["rss_50x_mb"] = round(run.rss_mb, 1) if run.code == 0 else None
    results["scale"] = scale


def fig_piper(work: Path, results: dict[str, Any]) -> None:
    if importlib.util.find_spec("piper") is None:
        results["piper"] = {"skipped": "piper-tts is not installed"}
        return
    run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--piper"], cwd=ROOT, env=ENV,
                         capture_output=True, text=True)
    if run.returncode != 0:
        results["piper"] = {"skipped": (run.stderr.strip().splitlines() or ["failed"])[-1]}
        return
    figures = json.loads(run.stdout)
    letter = FIXTURES / "en-numbered-run-together.txt"
    builds: dict[str, Any] = {}
    voice = figures.get("piper", {}).get("voice") or "en_US-joe-medium"
    for engine in ("piper", "espeak"):
        out = work / f"engine-{engine}"
        shutil.rmtree(out, ignore_errors=True)
        extra = ["--only", "audio", *(["--voice", voice] if engine == "piper" else [])]
        cold = timed(build_cmd(letter, out, *extra, engine=engine))
        if cold.code != 0:
            builds[engine] = {"failed": (cold.stderr.strip().splitlines() or ["?"])[-1]}
            continue
        shutil.rmtree(out / letter.stem)
        cached = timed(build_cmd(letter, out, *extra, engine=engine))
        seconds = audio_seconds(out / letter.stem)
        builds[engine] = {"cold_seconds": round(cold.wall, 2), "from_cache_seconds": round(cached.wall, 2),
                          "audio_seconds": round(seconds, 1), "build_rtf_cold": round(cold.wall / seconds, 4),
                          "build_rtf_cached": round(cached.wall / seconds, 4)}
    results["piper"] = {"engine": figures, "audio_build": builds, "letter": letter.name}


# -- internal modes --------------------------------------------------------------------------------


def speech_texts(out_dir: Path) -> None:
    """Print (JSON) the speech text of every utterance the audio renderer said for ``out_dir``."""
    sys.path.insert(0, str(ROOT))
    from a11y_pub.model import Letter
    from a11y_pub.render.audio import plan_tracks
    from a11y_pub.render.summary import load_summary
    from a11y_pub.speech.lexicon import load_lexicon

    letter = Letter.from_json((out_dir / "letter.json").read_text(encoding="utf-8"))
    tracks = plan_tracks(letter, load_lexicon(letter.language, None), load_summary(out_dir))
    print(json.dumps({"language": letter.language, "texts": [u.speech for t in tracks for u in t.utterances]},
                     ensure_ascii=False))


def floor(texts_file: Path) -> None:
    """The floor: load espeak-ng, speak the texts, encode one MP3; report on stderr."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from a11y_pub.render.audio import bare_synthesis

    data = json.loads(texts_file.read_text(encoding="utf-8"))
    mp3 = bare_synthesis(data["texts"], data["language"])
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": round(seconds, 3), "characters": sum(map(len, data["texts"])),
                      "audio_seconds": round(len(mp3) * 8 / 64000, 1)}), file=sys.stderr)


def piper_figures() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    from piper_bench import bench_piper

    print(json.dumps(bench_piper()))


# -- report -----------------------------------------------------------------------------------------


def table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "target", "")]
    for name, value in results["figures"].items():
        op, goal = TARGETS.get(name, ("", None))
        if value is None or goal is None:
            verdict = "" if goal is None else "n/a"
        else:
            verdict = "ok" if (value <= goal if op == "<=" else value >= goal) else "MISSED"
        rows.append((name, "—" if value is None else str(value), f"{op} {goal}" if goal is not None else "", verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    details = [
        f"cold build {results['cold']['seconds']} s (runs {results['cold']['runs']}), floor "
        f"{results['floor']['seconds']} s ({results['floor']['in_process_seconds']} s in process), "
        f"noop {results['noop']['seconds']} s; the cold build keeps {results['cold'].get('cores', '?')} cores busy",
    ]
    if "edit" in results:
        details.append(f"edit rebuild {results['edit']['seconds']} s, changed: {', '.join(results['edit']['changed_files'])}")
    if "edit_watch" in results:
        details.append(f"edit rebuild under build --watch: {results['edit_watch']['seconds']} s from saving the file "
                       f"to the new manifest (runs {results['edit_watch']['runs']})")
    if "batch" in results:
        b = results["batch"]
        details.append(f"two CPU-bound processes at once run {results['machine'].get('two_process_throughput')}x "
                       "as fast as one (the ceiling for --jobs 2)")
        details.append(f"batch of {b['letters']}: jobs 1 {b['jobs1_seconds']} s ({b.get('jobs1_cores')} cores busy), "
                       f"jobs 2 {b['jobs2_seconds']} s ({b.get('jobs2_cores')} cores busy)"
                       + (f" (FAILED: {b['failed']})" if "failed" in b else ""))
    for name, entry in results.get("scale", {}).items():
        details.append(f"scale {name}: {entry['words']} words, {entry['seconds']} s, {entry['rss_mb']} MB"
                       + (f" ({entry['failed']})" if "failed" in entry else ""))
    if results.get("piper", {}).get("audio_build"):
        for engine, entry in results["piper"]["audio_build"].items():
            if "failed" in entry:
                details.append(f"{engine} audio build failed: {entry['failed']}")
                continue
            details.append(f"{engine} audio build: cold RTF {entry['build_rtf_cold']}, from cache RTF "
                           f"{entry['build_rtf_cached']} ({entry['audio_seconds']} s of audio)")
        engine = results["piper"]["engine"]
        details.append(f"piper engine RTF first {engine['piper']['rtf_first']}, warm {engine['piper']['rtf_warm']}"
                       + (f"; espeak-ng {engine['espeak']['rtf_warm']}" if engine.get("espeak") else ""))
    return "\n".join(lines + [""] + details)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--skip", default="", help="figures to leave out: help,cold,edit,batch,scale,1x,10x,50x,piper")
    parser.add_argument("--rss-cap", type=float, default=3000.0, help="MB at which the 50x build is stopped")
    parser.add_argument("--scale-timeout", type=float, default=240.0, help="seconds after which 50x is stopped")
    parser.add_argument("--speech-texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--piper", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speech_texts:
        return speech_texts(args.speech_texts)
    if args.floor:
        return floor(args.floor)
    if args.piper:
        return piper_figures()

    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "commit": commit,
        "figures": {},
    }
    started = time.perf_counter()
    steps = [
        ("help", lambda: fig_help(results)),
        ("cold", lambda: fig_cold(work, results)),
        ("edit", lambda: (fig_edit(work, results), fig_edit_watch(work, results))),
        ("batch", lambda: (fig_machine(results), fig_batch(work, results))),
        ("scale", lambda: fig_scale(work, results, skip, args.rss_cap, args.scale_timeout)),
        ("piper", lambda: fig_piper(work, results)),
    ]
    for name, step in steps:
        if name in skip and name != "cold":
            continue
        step_start = time.perf_counter()
        step()
        print(f"[bench] {name}: {time.perf_counter() - step_start:.1f} s", file=sys.stderr, flush=True)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\n{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} written "
          f"({results['bench_seconds']} s)")


if __name__ == "__main__":
    main()
