"""``render_audio``: a letter's MP3 files, the whole letter with chapters, captions, timings, playlist.

Tracks are planned (``script``), spoken and encoded (``tracks``), then
written here once every track is made, with one engine: when an engine
fails part way, nothing is spliced (``auto`` restarts the letter with
espeak-ng; a named engine fails with its error).
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...engines.base import Voice
from ...errors import EngineError
from ...files import TMP_PREFIX, atomic_path, atomic_write, read_tagged_json
from ...model import Letter
from ...mp3 import samples_per_frame, silent_frames
from ...options import DEFAULT_RATE, AudioOptions, BuildOptions
from ...speech.lexicon import Lexicon, load_lexicon
from ...speech.normalize import speech_tables
from ...timings import TIMINGS_SCHEMA, Cue, TimedFile, Timings, to_webvtt
from .. import Artifact
from .cache import Synthesiser, TrackAudio, cache_dir
from .playlist import playlist
from .progress import SentenceCounter, SpeechProgress
from .script import (
    Track,
    Utterance,
    joined,
    plan_block_part,
    plan_recording,
    plan_section_tracks,
    plan_summary_parts,
    summary_track,
)
from .tags import tag_mp3
from .tracks import FullPart, TrackRenderer, copy_frames, first_header, join_streams, plan_full_letter, resolved

log = logging.getLogger(__name__)

AUDIO_DIR = "audio"
MAX_FILE_SECONDS = 120 * 60  # longest file (ACX); a longer whole letter is written in parts


@dataclass(frozen=True)
class Voicing:
    """Who spoke: the engine's name, the voice's description and its credit line ("" when none)."""

    engine: str
    voice: str
    credit: str = ""


def _load_summary(out_dir: Path, inputs: Any) -> dict[str, Any] | None:
    """The summary mapping: the build's value when the pipeline passes ``inputs``, else the file."""
    if inputs is None:
        from ..summary import load_summary

        return load_summary(out_dir)
    value = inputs.get("summary")
    return None if value is None else value.to_dict()


def read_timings(out_dir: Path) -> dict[str, Any] | None:
    """The ``timings.json`` mapping of a build in ``out_dir``, or None when there is none.

    Raises:
        RenderError: the file is unreadable or has another schema.
    """
    return read_tagged_json(Path(out_dir) / AUDIO_DIR / "timings.json", TIMINGS_SCHEMA, "audio timings")


Rendered = tuple[Track, TrackAudio]


@dataclass(frozen=True)
class Spoken:
    """A letter's audio before it is written: the files in listening order, and the
    chapters of the whole letter (the section files, and the staff recordings on their own)."""

    files: list[Rendered]
    chapters: list[Rendered]


def _render_tracks(letter: Letter, lexicon: Lexicon, out_dir: Path, renderer: TrackRenderer, inputs: Any = None) -> Spoken:
    """Every track in listening order with its audio. The summary is read only once the
    section tracks are done, so it can still be in the making meanwhile (its blocks
    arrive one by one through ``inputs``)."""
    tracks = plan_section_tracks(letter, lexicon)
    renderer.plan(tracks)
    audio = renderer.audio
    recordings = {which: plan_recording(letter, path, which)
                  for which, path in (("intro", audio.intro_audio), ("outro", audio.outro_audio)) if path is not None}
    results = [renderer.submit(track) for track in [*tracks, *recordings.values()]]
    early: dict[tuple[Utterance, ...], Any] = {}
    streamed = () if inputs is None else inputs.stream("summary")
    for block in streamed:  # a summary being made elsewhere: start on each block
        part = plan_block_part(letter, lexicon, block.to_dict())
        if part is not None and part.utterances not in early:
            renderer.plan([part])
            early[part.utterances] = renderer.submit(part)
    summary = _load_summary(out_dir, inputs)
    parts = plan_summary_parts(letter, lexicon, summary)
    renderer.plan([part for part in parts if part.utterances not in early])
    part_results = [early.pop(part.utterances, None) or renderer.submit(part) for part in parts]
    rendered = [(track, resolved(r)) for track, r in zip([*tracks, *recordings.values()], results, strict=True)]
    sections, recorded = rendered[: len(tracks)], dict(zip(recordings, rendered[len(tracks) :], strict=True))
    before = [recorded["intro"]] if "intro" in recorded else []
    after = [recorded["outro"]] if "outro" in recorded else []
    spoken = Spoken(_with_recordings(sections, recorded, letter, audio, renderer.scratch), before + sections + after)
    joined_track = summary_track(letter, parts)
    if joined_track is not None:
        joined = join_streams([resolved(r) for r in part_results], parts, audio, renderer.scratch / "summary.mp3")
        spoken.files.append((joined_track, joined))
    return spoken


def _with_recordings(
    sections: list[Rendered], recorded: dict[str, Rendered], letter: Letter, audio: AudioOptions, scratch: Path
) -> list[Rendered]:
    """The section files with the intro recording before the introduction and the outro
    recording after the conclusion (the last section when there is no conclusion)."""
    files = list(sections)
    if "intro" in recorded and files:
        (rec, rec_audio), (intro, intro_audio) = recorded["intro"], files[0]
        stream = join_streams([rec_audio, intro_audio], [rec, intro], audio, scratch / "intro-joined.mp3")
        files[0] = (joined(rec, intro, intro), stream)
    if "outro" in recorded and files:
        kinds = {s.id: s.kind for s in letter.sections}
        at = next((i for i, (t, _) in enumerate(files) if kinds.get(t.section_id) == "conclusion"), len(files) - 1)
        (rec, rec_audio), (last, last_audio) = recorded["outro"], files[at]
        stream = join_streams([last_audio, rec_audio], [last, rec], audio, scratch / "outro-joined.mp3")
        files[at] = (joined(last, rec, last), stream)
    return files


def _cues(track: Track, spans: Sequence[tuple[int, float, float]], offset: float = 0.0) -> tuple[Cue, ...]:
    """The cues of ``track``'s spoken sentences, ``offset`` seconds into their file."""
    ids = track.cue_ids
    return tuple(
        Cue(round(start + offset, 3), round(end + offset, 3), track.utterances[index].written, ids[index])
        for index, start, end in spans
    )


def render_audio(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Render ``letter`` to MP3 files, playlist, WebVTT and timings under ``out_dir/audio/``.

    Args:
        letter: the letter model.
        out_dir: the letter's output folder (exists).
        opts: build options; ``opts.audio`` drives engine, voice, rate,
            loudness, bit rate, cache, threads; ``opts.force`` bypasses the cache.
        inputs: the build's ``Inputs`` view: the ``"summary"`` it needs (its
            blocks streamed while it is made elsewhere), the ``"timings"`` it
            provides (the ``timings.json`` mapping, ``Timings.to_dict()``),
            and the ``"progress"`` function the pipeline gives (or None),
            called with a ``SpeechProgress`` as sentences are planned and
            spoken. None: the summary is read from ``out_dir``.

    Returns:
        One ``Artifact`` per file written (MP3s carry engine, voice,
        duration and cached sentence count in ``info``).

    Raises:
        LexiconError: the ``--lexicon`` file is missing or malformed.
        EngineUnavailable, SynthesisError: the engine cannot speak the letter.
        ConfigError: unknown engine.
        RenderError: encoding failed, or the summary file is malformed.
        OutputError: files cannot be written.
    """
    audio = opts.audio
    lexicon = load_lexicon(letter.language, audio.lexicon)
    cache = cache_dir(opts) if audio.use_cache and not opts.force else None
    folder = Path(out_dir) / AUDIO_DIR
    scratch_parent = cache / "tracks" if cache is not None else folder
    scratch_parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    threads = max(1, int(audio.threads))
    with (
        tempfile.TemporaryDirectory(prefix=TMP_PREFIX, dir=scratch_parent) as scratch,
        ThreadPoolExecutor(max_workers=threads) if threads > 1 else contextlib.nullcontext() as pool,
    ):
        renderer, spoken = _speak_letter(letter, lexicon, Path(out_dir), audio, cache, Path(scratch), pool, inputs)
        seconds = time.perf_counter() - started
        synthesiser = renderer.synthesiser
        voicing = Voicing(synthesiser.engine.name, synthesiser.identity["voice"],
                          synthesiser.engine.credit(synthesiser.voice))
        artifacts, timings = _write_files(letter, folder, audio, spoken, voicing)
    if inputs is not None:  # what timings.json says, without reading it back
        inputs.provide("timings", timings.to_dict())
    # What a user can act on: how much was spoken, by whom, and how long it took
    # (the cache figures are in the manifest: "cached" per MP3).
    log.info("audio: %d files spoken by %s (%s), %.1f s", len(spoken.files), voicing.engine, voicing.voice, seconds)
    return artifacts


def _speak_letter(
    letter: Letter, lexicon: Lexicon, out_dir: Path, audio: AudioOptions, cache: Path | None, scratch: Path, pool: Any,
    inputs: Any = None,
) -> tuple[TrackRenderer, Spoken]:
    """Every track spoken and encoded with one engine (``auto``: espeak-ng from the start
    again when the chosen engine fails part way)."""
    from ...engines import create_engine

    report = _progress_report(inputs)
    engine = create_engine(audio, letter.language)
    voice = Voice(letter.language, audio.voice if audio.engine != "piper" else None, audio.rate)
    renderer = TrackRenderer(Synthesiser(engine, voice, cache, progress=SentenceCounter(report)), audio, cache, scratch, pool)
    try:
        try:
            return renderer, _render_tracks(letter, lexicon.for_engine(engine.phoneme_alphabet), out_dir, renderer, inputs)
        except EngineError as exc:
            if audio.engine != "auto" or engine.name == "espeak":
                raise
            log.warning("%s failed part way (%s): restarting the letter with espeak-ng", engine.name, exc)
            renderer.wait()
            engine = create_engine(replace(audio, engine="espeak"), letter.language)
            synthesiser = Synthesiser(engine, replace(voice, name=None), cache, progress=SentenceCounter(report))
            renderer = TrackRenderer(synthesiser, audio, cache, scratch, pool)
            return renderer, _render_tracks(letter, lexicon.for_engine(engine.phoneme_alphabet), out_dir, renderer, inputs)
    except BaseException:
        renderer.wait()
        raise


def _progress_report(inputs: Any) -> Callable[[SpeechProgress], None] | None:
    """The pipeline's progress function, when it gives one (``"progress"`` in the build's values)."""
    if inputs is None or "progress" not in getattr(inputs, "needs", ()):
        return None
    try:
        return inputs.get("progress")
    except KeyError:  # a pipeline that gives no progress function
        return None


def _info(track: Track, duration: float, sentences: int, cached: int, audio: AudioOptions, voicing: Voicing) -> dict:
    """An MP3 artifact's ``info``: voice, title, section, duration (s), sentences, settings."""
    info = {
        "engine": voicing.engine, "voice": voicing.voice, "title": track.title, "section_id": track.section_id,
        "duration": round(duration, 3), "sentences": sentences, "cached": cached,
        "bitrate": audio.bitrate, "sample_rate": audio.sample_rate,
    }
    if voicing.credit:
        info["credit"] = voicing.credit
    return info


def _write_files(
    letter: Letter, folder: Path, audio: AudioOptions, spoken: Spoken, voicing: Voicing
) -> tuple[list[Artifact], Timings]:
    """Tag and write every file, the whole letter (in parts if long), VTT, timings, playlist;
    the artifacts and the timings written."""
    chapters, chapter_audios = [t for t, _ in spoken.chapters], [a for _, a in spoken.chapters]
    parts = plan_full_letter(range(len(chapters)), chapter_audios, audio, MAX_FILE_SECONDS) if chapters else []
    total = len(spoken.files) + len(parts)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[TimedFile, Artifact]] = []
    for number, (track, track_audio) in enumerate(spoken.files, start=1):
        written.append(_write_track(letter, folder, audio, track, track_audio, (number, total), voicing))
    for number, part in enumerate(parts, start=1):
        written.append(_write_full_part(letter, folder, audio, chapters, chapter_audios, part,
                                        (number, len(parts), total), voicing))
    timings = Timings(tuple(timed for timed, _ in written), voicing.credit)
    artifacts = [artifact for _, artifact in written]
    for timed in timings.files:
        atomic_write(folder / f"{timed.stem}.vtt", to_webvtt(timed.cues))
        artifacts.append(Artifact(f"{AUDIO_DIR}/{timed.stem}.vtt", "subtitles", "audio", {"cues": len(timed.cues)}))
    atomic_write(folder / "timings.json", json.dumps(timings.to_dict(), ensure_ascii=False, indent=2) + "\n")
    listed = [(t.file, t.title, t.duration) for t in timings.files[: len(spoken.files)]]
    atomic_write(folder / "playlist.m3u8", playlist(listed))
    artifacts += [
        Artifact(f"{AUDIO_DIR}/timings.json", "timings", "audio", {"files": len(timings.files)}),
        Artifact(f"{AUDIO_DIR}/playlist.m3u8", "playlist", "audio", {"entries": len(listed)}),
    ]
    return artifacts, timings


def _write_track(
    letter: Letter, folder: Path, audio: AudioOptions, track: Track, track_audio: TrackAudio,
    position: tuple[int, int], voicing: Voicing,
) -> tuple[TimedFile, Artifact]:
    """Write one track's tagged MP3 (``position``: track number, total); its timings and artifact."""
    target = folder / f"{track.name}.mp3"
    with atomic_path(target) as tmp:
        tag_mp3(tmp, letter=letter, title=track.title, track=position[0], total=position[1],
                transcript=track.transcript, engine=voicing.engine, voice=voicing.voice, credit=voicing.credit)
        with tmp.open("ab") as out:
            copy_frames(track_audio.stream, out)
    cues = _cues(track, track_audio.spans)
    duration = track_audio.duration(audio.sample_rate)
    timed = TimedFile(target.name, track.section_id, track.title, duration, cues)
    info = _info(track, duration, len(cues), track_audio.cached, audio, voicing)
    return timed, Artifact(f"{AUDIO_DIR}/{target.name}", "audio", "audio", info)


def _write_full_part(
    letter: Letter, folder: Path, audio: AudioOptions, tracks: Sequence[Track], audios: Sequence[TrackAudio],
    part: FullPart, position: tuple[int, int, int], voicing: Voicing,
) -> tuple[TimedFile, Artifact]:
    """Write one file of the whole letter with its chapters (``position``: part number, parts,
    total tracks); its timings and artifact."""
    rate = audio.sample_rate
    spf = samples_per_frame(rate)
    files, titles = speech_tables(letter.language)["files"], speech_tables(letter.language)["titles"]
    number, count, total = position
    name = files["full"] if count == 1 else f"{files['full']}-{number}"
    title = titles["full"] if count == 1 else f"{titles['full']} ({number}/{count})"
    chapters: list[tuple[str, int, int]] = []
    cues: list[Cue] = []
    frames = 0
    for index, gap in part.sections:
        frames += gap
        start = frames * spf / rate
        frames += audios[index].frames
        chapters.append((tracks[index].title, round(start * 1000), round(frames * spf * 1000 / rate)))
        cues += _cues(tracks[index], audios[index].spans, start)
    full = Track(name, "letter", title, tuple(u for i, _ in part.sections for u in tracks[i].utterances))
    header = first_header(audios[part.sections[0][0]].stream)
    with atomic_path(folder / f"{name}.mp3") as tmp:
        tag_mp3(tmp, letter=letter, title=title, track=total - count + number, total=total,
                transcript=full.transcript, engine=voicing.engine, voice=voicing.voice, credit=voicing.credit,
                chapters=chapters)
        with tmp.open("ab") as out:
            for index, gap in part.sections:
                out.write(silent_frames(header, gap))
                copy_frames(audios[index].stream, out)
    duration = frames * spf / rate
    cached = sum(audios[i].cached for i, _ in part.sections)
    info = _info(full, duration, len(cues), cached, audio, voicing)
    return TimedFile(f"{name}.mp3", "letter", title, duration, tuple(cues)), Artifact(
        f"{AUDIO_DIR}/{name}.mp3", "audio", "audio", info)


def bare_synthesis(texts: Sequence[str], language: str, *, rate: int = DEFAULT_RATE, bitrate: int = 64) -> bytes:
    """The floor for benchmarks: bare espeak-ng on each text, joined and encoded to MP3.

    No normalisation, no cache, no tags, no timings: what the audio build is
    measured against.
    """
    from ...engines.espeak import EspeakEngine
    from .encoding import encode_mp3

    engine = EspeakEngine()
    voice = Voice(language, None, rate)
    pcm = b"".join(engine.synthesize(text, voice).data for text in texts)
    return encode_mp3(pcm, engine.sample_rate, bitrate)
