"""Audio renderer: one MP3 per section, the whole letter with chapters, timings.

``render_audio(letter, out_dir, opts)`` writes under ``out_dir/audio/``:

- ``00-introduction.mp3`` (who writes to whom, when, about what; then the
  opening), ``NN-<slug>.mp3`` per section in reading order (commitments
  start with « Engagement n sur N : titre. »), the conclusion, the appendix;
- ``resume-facile.mp3`` (``easy-read.mp3``) when the summary exists;
- ``lettre-complete.mp3`` (``full-letter.mp3``): every section file in
  order with ID3v2.4 chapters (CHAP under a CTOC);
- ``playlist.m3u8``, ``<name>.vtt`` per MP3 and ``timings.json``.

Text is synthesised sentence by sentence (so cue times are exact), through
a content-addressed PCM cache. Each file is loudness-normalised to
``AudioOptions.loudness`` LUFS (ITU-R BS.1770, pyloudnorm) with a look-ahead
limiter holding true peaks (4x oversampled) under ``AudioOptions.true_peak``,
then encoded in-process with lameenc (mono, constant bit rate) and tagged
with mutagen. All speech is synthesised before any file is written, with one
engine: when an engine fails part way, nothing is spliced (``auto`` restarts
the letter with espeak-ng; a named engine fails with its error).
"""

from __future__ import annotations

import json
import logging
import math
import os
import struct
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..engines.base import Engine, Pcm, Voice
from ..errors import EngineError, RenderError
from ..files import atomic_path, atomic_write, sha256_bytes
from ..model import Letter, Section
from ..options import AudioOptions, BuildOptions
from ..speech.lexicon import Lexicon, load_lexicon
from ..speech.normalize import _tables, split_sentences, to_speech
from . import Artifact

log = logging.getLogger(__name__)

AUDIO_DIR = "audio"
TIMINGS_SCHEMA = "a11y-pub/timings@1"
CACHE_VERSION = 1  # bump when the speech pipeline changes what a key means

ANNOUNCEMENT_PAUSE = 0.7  # seconds after a spoken announcement
SENTENCE_GAP = 0.3  # seconds between sentences
SILENCE_THRESHOLD_DB = -45.0  # trimmed from the ends of each synthesised sentence
TRIM_MARGIN = 0.02  # seconds kept around speech when trimming
LIMITER_MARGIN_DB = 0.6  # headroom kept for the MP3 codec's overshoot
LAME_QUALITY = 5  # 0 best/slowest .. 9 worst/fastest; 5 is LAME's default, ~2.5x faster than 2
LANGUAGE_TAGS = {"fr": "fra", "en": "eng"}


# -- what is said -------------------------------------------------------------


@dataclass(frozen=True)
class Utterance:
    """One sentence: as written (transcript, cues) and as said (speech text)."""

    written: str
    speech: str
    pause_after: float = SENTENCE_GAP


@dataclass(frozen=True)
class Track:
    """One MP3 file: its name, title and sentences in order."""

    name: str  # file stem, e.g. "01-renforcer-le-partenariat"
    section_id: str
    title: str
    utterances: tuple[Utterance, ...]
    in_full_letter: bool = True

    @property
    def transcript(self) -> str:
        return "\n".join(u.written for u in self.utterances)


def _fmt(template: str, **values: Any) -> str:
    return template.format(**values)


def _say_date(letter: Letter) -> str:
    from babel.dates import format_date

    date = letter.date_value
    if date is None:
        return ""
    said = format_date(date, format="long", locale=letter.language)
    if letter.language == "fr" and date.day == 1:
        said = "1er" + said[1:]
    return said


def _utterances(
    sentences: Sequence[str], lang: str, lexicon: Lexicon, last_pause: float = SENTENCE_GAP
) -> list[Utterance]:
    result = []
    for written in sentences:
        speech = to_speech(written, lang, lexicon)
        if speech:
            result.append(Utterance(written, speech))
    if result:
        result[-1] = replace(result[-1], pause_after=last_pause)
    return result


def _section_sentences(text: str, lang: str) -> list[str]:
    return split_sentences(text, lang)


def plan_tracks(letter: Letter, lexicon: Lexicon, summary: dict[str, Any] | None) -> list[Track]:
    """Decide the files and what each says, in listening order (pure)."""
    lang = letter.language
    tables = _tables(lang)
    say, titles, files = tables["announcements"], tables["titles"], tables["files"]
    total = len(letter.commitments)
    tracks: list[Track] = []

    # Introduction: who, to whom, when, about what; then the salutation and opening.
    recipient = ", ".join(
        part for part in (letter.recipient.name, letter.recipient.role, letter.recipient.organisation) if part
    )
    heading: list[str] = []
    if letter.author:
        role = f", {letter.author_role}" if letter.author_role else ""
        heading.append(_fmt(say["from"], author=letter.author, role=role))
    if recipient:
        heading.append(_fmt(say["to"], recipient=recipient))
    date = _say_date(letter)
    if date and letter.place:
        heading.append(_fmt(say["when_where"], place=letter.place, date=date))
    elif date:
        heading.append(_fmt(say["when"], date=date))
    if letter.subject:
        heading.append(_fmt(say["subject"], subject=letter.subject.rstrip(".")))
    intro = next((s for s in letter.sections if s.kind == "introduction"), None)
    body = [letter.salutation] if letter.salutation else []
    if intro is not None:
        body.extend(_section_sentences(intro.text, lang))
    utterances = _utterances(heading, lang, lexicon, ANNOUNCEMENT_PAUSE) + _utterances(body, lang, lexicon)
    tracks.append(
        Track("00-introduction", intro.id if intro else "introduction", titles["introduction"], tuple(utterances))
    )

    rest = [s for s in letter.sections if s is not intro]
    paragraphs = [s for s in rest if s.kind == "paragraph"]
    for index, section in enumerate(rest, start=1):
        announcement, title = _announce(section, say, titles, total, paragraphs)
        sentences = _section_sentences(section.text, lang)
        if section.kind == "conclusion":
            sentences += [s for s in (letter.closing, letter.signature) if s]
        utterances = _utterances([announcement], lang, lexicon, ANNOUNCEMENT_PAUSE) if announcement else []
        utterances += _utterances(sentences, lang, lexicon)
        tracks.append(Track(f"{index:02d}-{section.slug}", section.id, title, tuple(utterances)))

    if summary:
        sentences = [say["summary"]]
        title = str(summary.get("title") or "")
        if title and _plain(title) != _plain(say["summary"]):
            sentences.append(title)
        spoken = _summary_sentences(summary)
        utterances = _utterances(sentences, lang, lexicon, ANNOUNCEMENT_PAUSE) + _utterances(spoken, lang, lexicon)
        tracks.append(Track(files["summary"], "summary", titles["summary"], tuple(utterances), in_full_letter=False))
    return tracks


def _announce(
    section: Section, say: dict[str, str], titles: dict[str, str], total: int, paragraphs: list[Section]
) -> tuple[str, str]:
    """(spoken announcement, file title) for a section after the introduction."""
    title = section.title.strip().rstrip(".")
    if section.kind == "commitment":
        number = section.number if section.number is not None else 0
        spoken = _fmt(say["commitment"], number=number, total=total, title=title) + "."
        return spoken, _fmt(titles["commitment"], number=number, title=title)
    if section.kind == "conclusion":
        return (_fmt(say["section"], title=title) + "." if title else say["conclusion"]), titles["conclusion"]
    if section.kind == "appendix":
        return _fmt(say["appendix"], title=title) + ".", _fmt(titles["appendix"], title=title)
    number = paragraphs.index(section) + 1 if section in paragraphs else 1
    if title:
        return _fmt(say["section"], title=title) + ".", title
    return _fmt(say["part"], number=number, total=len(paragraphs)), _fmt(titles["paragraph"], number=number)


def _plain(text: str) -> str:
    """Lower-case letters and digits only: to tell whether two titles say the same."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _summary_sentences(summary: dict[str, Any]) -> list[str]:
    sentences: list[str] = []
    for block in summary.get("blocks", []):
        if isinstance(block, dict):
            if block.get("heading"):
                sentences.append(str(block["heading"]).rstrip(".") + ".")
            sentences.extend(str(s) for s in block.get("sentences", []) if str(s).strip())
    if not sentences:
        sentences = [str(s.get("text", "")) for s in summary.get("sentences", []) if isinstance(s, dict)]
    return [s for s in sentences if s.strip()]


# -- synthesis and cache ---------------------------------------------------------


def _cache_dir(opts: BuildOptions) -> Path:
    return Path(opts.audio.cache_dir) if opts.audio.cache_dir else Path(opts.output) / ".cache" / "audio"


def _voice_name(engine: Engine, voice: Voice) -> str:
    namer = getattr(engine, "voice_name", None)
    if callable(namer):
        return str(namer(voice))
    identity = getattr(engine, "identity", None)
    if isinstance(identity, dict) and identity.get("voice"):
        return str(identity["voice"])
    return voice.name or voice.language


@dataclass
class Synthesiser:
    """Speaks utterances with one engine through the PCM cache; counts hits and calls."""

    engine: Engine
    voice: Voice
    cache_dir: Path | None
    hits: int = 0
    calls: int = 0
    seconds: float = 0.0
    identity: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        identity = getattr(self.engine, "identity", None)
        self.identity = {
            "version": CACHE_VERSION,
            "engine": self.engine.name,
            "voice": _voice_name(self.engine, self.voice),
            "language": self.voice.language,
            "rate": self.voice.rate,
            **(identity if isinstance(identity, dict) else {}),
        }

    def key(self, speech: str) -> str:
        payload = json.dumps({**self.identity, "text": speech}, sort_keys=True, ensure_ascii=False)
        return sha256_bytes(payload.encode("utf-8"))

    def speak(self, speech: str) -> tuple[Pcm, bool]:
        """PCM for ``speech`` and whether it came from the cache."""
        path = None
        if self.cache_dir is not None:
            key = self.key(speech)
            path = self.cache_dir / key[:2] / f"{key}.pcm"
            cached = _read_pcm(path)
            if cached is not None:
                self.hits += 1
                return cached, True
        started = time.perf_counter()
        pcm = self.engine.synthesize(speech, self.voice)
        self.seconds += time.perf_counter() - started
        self.calls += 1
        if path is not None:
            atomic_write(path, struct.pack("<IHH", pcm.rate, pcm.width, pcm.channels) + pcm.data)
        return pcm, False


def _read_pcm(path: Path) -> Pcm | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if len(raw) < 8:
        return None
    rate, width, channels = struct.unpack("<IHH", raw[:8])
    if width != 2 or channels != 1 or rate <= 0 or (len(raw) - 8) % 2:
        return None
    return Pcm(rate, width, channels, raw[8:])


# -- signal processing ------------------------------------------------------------------


def pcm_to_float(pcm: Pcm, rate: int) -> np.ndarray:
    """Mono float64 samples in [-1, 1] at ``rate`` (resampled when needed)."""
    if pcm.width != 2:
        raise RenderError(f"engine returned {8 * pcm.width}-bit audio; 16-bit expected")
    samples = np.frombuffer(pcm.data, dtype="<i2").astype(np.float64) / 32768.0
    if pcm.channels > 1:
        samples = samples.reshape(-1, pcm.channels).mean(axis=1)
    if pcm.rate != rate and samples.size:
        from scipy.signal import resample_poly

        divisor = math.gcd(pcm.rate, rate)
        samples = resample_poly(samples, rate // divisor, pcm.rate // divisor)
    return samples


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Drop leading and trailing silence (below ``SILENCE_THRESHOLD_DB``), keeping a small margin."""
    loud = np.flatnonzero(np.abs(samples) > 10 ** (SILENCE_THRESHOLD_DB / 20))
    if loud.size == 0:
        return samples[:0]
    margin = int(TRIM_MARGIN * rate)
    return samples[max(0, loud[0] - margin) : loud[-1] + margin + 1]


def true_peak_envelope(samples: np.ndarray) -> np.ndarray:
    """Per-sample true-peak estimate: max |x| over a 4x oversampled signal (BS.1770-4 annex 2)."""
    from scipy.signal import resample_poly

    if samples.size == 0:
        return samples
    over = np.abs(resample_poly(samples, 4, 1))
    over = np.concatenate([over, np.zeros(4 * samples.size - over.size)])[: 4 * samples.size]
    return np.maximum(over.reshape(-1, 4).max(axis=1), np.abs(samples))


def true_peak_db(samples: np.ndarray) -> float:
    """The true peak of ``samples`` in dBTP (-inf for silence)."""
    if samples.size == 0:
        return -math.inf
    peak = float(true_peak_envelope(samples).max())
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770); -inf for silence."""
    import pyloudnorm

    minimum = int(0.5 * rate)
    if samples.size < minimum:  # the gating blocks need 400 ms: pad with silence (gated out)
        samples = np.concatenate([samples, np.zeros(minimum - samples.size)])
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """Look-ahead peak limiter: smooth gain so the true peak stays under ``ceiling_db``.

    The gain needed at each sample is spread over a 5 ms look-ahead window
    (minimum filter, then a moving average of the same length, so the smoothed
    gain never exceeds what a peak needs) and released over 60 ms.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    if samples.size == 0:
        return samples
    ceiling = 10 ** (ceiling_db / 20)
    envelope = true_peak_envelope(samples)
    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    if needed.min() >= 1.0:
        return samples
    attack = max(3, int(0.005 * rate))
    release = max(attack, int(0.06 * rate))
    gain = minimum_filter1d(needed, size=2 * release + 1, mode="nearest")
    gain = uniform_filter1d(gain, size=release, mode="nearest")
    gain = np.minimum(gain, minimum_filter1d(needed, size=2 * attack + 1, mode="nearest"))
    return samples * gain


def master(samples: np.ndarray, rate: int, target_lufs: float, ceiling_db: float) -> np.ndarray:
    """Bring ``samples`` to ``target_lufs`` with true peaks under ``ceiling_db``.

    Gain then limiting, repeated until the loudness lost to the limiter is
    made up (within 0.2 LU); a final limiting pass guarantees the ceiling.
    """
    for _ in range(6):
        measured = loudness(samples, rate)
        if not math.isfinite(measured):
            return samples
        gain_db = target_lufs - measured
        if abs(gain_db) < 0.2 and true_peak_db(samples) <= ceiling_db + 0.05:
            break
        samples = limit(samples * 10 ** (gain_db / 20), rate, ceiling_db)
    return np.clip(limit(samples, rate, ceiling_db), -1.0, 1.0)


def decode_mp3_samples(mp3: bytes, rate: int) -> np.ndarray:
    """Decode MP3 bytes to float samples at ``rate`` (miniaudio, in-process)."""
    import miniaudio

    decoded = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate)
    return np.frombuffer(decoded.samples.tobytes(), dtype="<i2").astype(np.float64) / 32768.0


def codec_allowance(samples: np.ndarray, rate: int, bitrate: int) -> float:
    """Loudness (LU) the MP3 encoder takes from speech mastered as ``samples``.

    LAME at speech bit rates removes about 0.5 LU from espeak-ng's bright
    voice; measured on up to 15 s of the letter's own audio, so files can be
    mastered that much louder and land on target after encoding.
    """
    excerpt = samples[: 15 * rate]
    before = loudness(excerpt, rate)
    if not math.isfinite(before):
        return 0.0
    after = loudness(decode_mp3_samples(encode_mp3(to_int16(excerpt), rate, bitrate), rate), rate)
    if not math.isfinite(after):
        return 0.0
    return min(1.5, max(0.0, before - after))


def to_int16(samples: np.ndarray) -> bytes:
    return np.round(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def encode_mp3(pcm16: bytes, rate: int, bitrate: int) -> bytes:
    """Encode 16-bit mono PCM to constant-bit-rate MP3 with lameenc (in-process).

    Raises:
        RenderError: the encoder refuses the settings.
    """
    import lameenc

    try:
        encoder = lameenc.Encoder()
        encoder.set_bit_rate(bitrate)
        encoder.set_in_sample_rate(rate)
        encoder.set_out_sample_rate(rate)
        encoder.set_channels(1)
        encoder.set_quality(LAME_QUALITY)
        return bytes(encoder.encode(pcm16) + encoder.flush())
    except Exception as exc:  # lameenc raises bare RuntimeError on bad settings
        raise RenderError("MP3 encoding failed", cause=f"{bitrate} kbit/s at {rate} Hz: {exc}") from exc


# -- assembling a file ----------------------------------------------------------------------


def assemble(
    track: Track, pcms: Sequence[Pcm], audio: AudioOptions, allowance: float = 0.0
) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Join a track's sentences with pauses and lead silence; master it; return samples and cues.

    ``allowance`` (LU) is added to the loudness target to make up for the encoder.
    """
    rate = audio.sample_rate
    lead = np.zeros(int(round(audio.lead_silence * rate)))
    pieces: list[np.ndarray] = [lead]
    spans: list[tuple[int, int, str]] = []
    position = lead.size
    for utterance, pcm in zip(track.utterances, pcms, strict=True):
        speech = trim_silence(pcm_to_float(pcm, rate), rate)
        if speech.size == 0:
            continue
        spans.append((position, position + speech.size, utterance.written))
        gap = np.zeros(int(round(utterance.pause_after * rate)))
        pieces.extend([speech, gap])
        position += speech.size + gap.size
    if len(pieces) > 1:
        pieces.pop()  # no pause after the last sentence: the lead silence follows
    pieces.append(lead)
    target = audio.loudness + allowance
    samples = master(np.concatenate(pieces), rate, target, audio.true_peak - LIMITER_MARGIN_DB)
    cues = [
        {"start": round(start / rate, 3), "end": round(end / rate, 3), "text": text}
        for start, end, text in spans
    ]
    return samples, cues


# -- tags, VTT, playlist ----------------------------------------------------------------------


def _album(letter: Letter) -> str:
    date = _say_date(letter)
    subject = letter.subject or letter.sections[0].title or "Lettre"
    return f"{subject} ({date})" if date else subject


def _tag_mp3(
    path: Path,
    *,
    letter: Letter,
    title: str,
    track: int,
    total: int,
    transcript: str,
    engine: str,
    voice: str,
    chapters: Sequence[tuple[str, int, int]] = (),
) -> None:
    """Write ID3v2.4 tags (and chapters) into the MP3 at ``path``."""
    from mutagen.id3 import (
        CHAP,
        COMM,
        CTOC,
        ID3,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        TRCK,
        TXXX,
        USLT,
        CTOCFlags,
    )

    lang3 = LANGUAGE_TAGS.get(letter.language, "und")
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    if letter.author:
        tags.add(TPE1(encoding=3, text=letter.author))
    tags.add(TALB(encoding=3, text=_album(letter)))
    tags.add(TRCK(encoding=3, text=f"{track}/{total}"))
    if letter.date:
        tags.add(TDRC(encoding=3, text=letter.date))
    tags.add(TLAN(encoding=3, text=lang3))
    tags.add(TCON(encoding=3, text="Speech"))
    tags.add(USLT(encoding=3, lang=lang3, desc="", text=transcript))
    tags.add(TXXX(encoding=3, desc="a11y-pub engine", text=engine))
    tags.add(TXXX(encoding=3, desc="a11y-pub voice", text=voice))
    tags.add(COMM(encoding=3, lang=lang3, desc="", text=f"Synthèse vocale : {engine}, voix {voice}"))
    if chapters:
        ids = [f"chp{index}" for index in range(len(chapters))]
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=title)],
            )
        )
        for element_id, (chapter_title, start, end) in zip(ids, chapters, strict=True):
            tags.add(
                CHAP(
                    element_id=element_id,
                    start_time=start,
                    end_time=end,
                    start_offset=0xFFFFFFFF,
                    end_offset=0xFFFFFFFF,
                    sub_frames=[TIT2(encoding=3, text=chapter_title)],
                )
            )
    tags.save(path, v2_version=4, padding=lambda info: 0)


def _vtt_time(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def webvtt(cues: Sequence[dict[str, Any]]) -> str:
    """A WebVTT document with one cue per sentence."""
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues, start=1):
        text = " ".join(str(cue["text"]).split()).replace("-->", "->")
        lines += [str(index), f"{_vtt_time(cue['start'])} --> {_vtt_time(cue['end'])}", text, ""]
    return "\n".join(lines)


def playlist(entries: Sequence[tuple[str, str, float]]) -> str:
    """An extended M3U (UTF-8) playlist: (file, title, duration) in listening order."""
    lines = ["#EXTM3U"]
    for file, title, duration in entries:
        lines += [f"#EXTINF:{int(math.ceil(duration))},{title}", file]
    return "\n".join(lines) + "\n"


# -- renderer ---------------------------------------------------------------------------


def _load_summary(out_dir: Path) -> dict[str, Any] | None:
    try:
        from .summary import load_summary
    except ImportError:
        return None
    return load_summary(out_dir)


def _synthesise_all(
    tracks: Sequence[Track], synthesiser: Synthesiser
) -> list[list[tuple[Pcm, bool]]]:
    """Every utterance of every track, in listening order (one engine, no splicing)."""
    return [[synthesiser.speak(u.speech) for u in track.utterances] for track in tracks]


def render_audio(letter: Letter, out_dir: Path, opts: BuildOptions) -> list[Artifact]:
    """Render ``letter`` to MP3 files, playlist, WebVTT and timings under ``out_dir/audio/``.

    Args:
        letter: the letter model.
        out_dir: the letter's output folder (exists).
        opts: build options; ``opts.audio`` drives engine, voice, rate,
            loudness, bit rate, cache; ``opts.force`` bypasses the cache.

    Returns:
        One ``Artifact`` per file written (MP3s carry engine, voice,
        duration and cached sentence count in ``info``).

    Raises:
        LexiconError: the ``--lexicon`` file is missing or malformed.
        EngineUnavailable, SynthesisError: the engine cannot speak the letter.
        ConfigError: unknown engine.
        RenderError: encoding failed.
        OutputError: files cannot be written.
    """
    from ..engines import create_engine

    audio = opts.audio
    lexicon = load_lexicon(letter.language, audio.lexicon)
    tracks = plan_tracks(letter, lexicon, _load_summary(out_dir))
    use_cache = audio.use_cache and not opts.force
    cache_dir = _cache_dir(opts) if use_cache else None
    voice = Voice(letter.language, audio.voice if audio.engine != "piper" else None, audio.rate)

    engine = create_engine(audio, letter.language)
    synthesiser = Synthesiser(engine, voice, cache_dir)
    started = time.perf_counter()
    try:
        spoken = _synthesise_all(tracks, synthesiser)
    except EngineError as exc:
        if audio.engine != "auto" or engine.name == "espeak":
            raise
        log.warning("%s failed part way (%s): restarting the letter with espeak-ng", engine.name, exc)
        engine = create_engine(replace(audio, engine="espeak"), letter.language)
        synthesiser = Synthesiser(engine, replace(voice, name=None), cache_dir)
        spoken = _synthesise_all(tracks, synthesiser)
    synthesis_seconds = time.perf_counter() - started
    voice_name = synthesiser.identity["voice"]

    folder = Path(out_dir) / AUDIO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(len(tracks), os.cpu_count() or 1, 4))
    first, _ = assemble(tracks[0], [p for p, _ in spoken[0]], audio)
    allowance = codec_allowance(first, audio.sample_rate, audio.bitrate)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        assembled = list(
            pool.map(
                lambda item: assemble(item[0], [p for p, _ in item[1]], audio, allowance),
                zip(tracks, spoken, strict=True),
            )
        )

    rate = audio.sample_rate
    files = _tables(letter.language)["files"]
    titles = _tables(letter.language)["titles"]
    section_tracks = [i for i, t in enumerate(tracks) if t.in_full_letter]
    order = section_tracks + [i for i, t in enumerate(tracks) if not t.in_full_letter]
    total = len(tracks) + 1

    # The whole letter: section files end to end, section_pause between their speech.
    gap = np.zeros(int(round(max(0.0, audio.section_pause - 2 * audio.lead_silence) * rate)))
    full_parts: list[np.ndarray] = []
    chapters: list[tuple[str, int, int]] = []
    full_cues: list[dict[str, Any]] = []
    offset = 0
    for position, index in enumerate(section_tracks):
        samples, cues = assembled[index]
        if position:
            full_parts.append(gap)
            offset += gap.size
        start_ms = int(round(offset * 1000 / rate))
        end_ms = int(round((offset + samples.size) * 1000 / rate))
        chapters.append((tracks[index].title, start_ms, end_ms))
        full_cues += [
            {**cue, "start": round(cue["start"] + offset / rate, 3), "end": round(cue["end"] + offset / rate, 3)}
            for cue in cues
        ]
        full_parts.append(samples)
        offset += samples.size
    full_samples = np.concatenate(full_parts) if full_parts else np.zeros(0)
    full_track = Track(
        files["full"], "letter", titles["full"],
        tuple(u for i in section_tracks for u in tracks[i].utterances),
    )

    jobs: list[tuple[Track, np.ndarray, list[dict[str, Any]], int, int, list[tuple[str, int, int]]]] = []
    for number, index in enumerate(order, start=1):
        samples, cues = assembled[index]
        cached = sum(1 for _, hit in spoken[index] if hit)
        jobs.append((tracks[index], samples, cues, number, cached, []))
    jobs.append((full_track, full_samples, full_cues, total, synthesiser.hits, chapters))

    def write(job: tuple[Track, np.ndarray, list[dict[str, Any]], int, int, list[tuple[str, int, int]]]) -> Artifact:
        track, samples, cues, number, cached, chapter_list = job
        mp3 = encode_mp3(to_int16(samples), rate, audio.bitrate)
        target = folder / f"{track.name}.mp3"
        with atomic_path(target) as tmp:
            tmp.write_bytes(mp3)
            _tag_mp3(
                tmp, letter=letter, title=track.title, track=number, total=total,
                transcript=track.transcript, engine=engine.name, voice=voice_name, chapters=chapter_list,
            )
        atomic_write(folder / f"{track.name}.vtt", webvtt(cues))
        return Artifact(
            f"{AUDIO_DIR}/{track.name}.mp3",
            "audio",
            "audio",
            {
                "engine": engine.name,
                "voice": voice_name,
                "title": track.title,
                "section_id": track.section_id,
                "duration": round(samples.size / rate, 3),
                "sentences": len(cues),
                "cached": cached,
                "bitrate": audio.bitrate,
                "sample_rate": rate,
            },
        )

    with ThreadPoolExecutor(max_workers=workers) as pool:
        artifacts = list(pool.map(write, jobs))

    artifacts += [
        Artifact(f"{AUDIO_DIR}/{job[0].name}.vtt", "subtitles", "audio", {"cues": len(job[2])}) for job in jobs
    ]
    timings = {
        "schema": TIMINGS_SCHEMA,
        "files": [
            {
                "file": f"{track.name}.mp3",
                "section_id": track.section_id,
                "title": track.title,
                "duration": round(samples.size / rate, 3),
                "cues": cues,
            }
            for track, samples, cues, *_ in jobs
        ],
    }
    atomic_write(folder / "timings.json", json.dumps(timings, ensure_ascii=False, indent=2) + "\n")
    entries = [(f"{t.name}.mp3", t.title, s.size / rate) for t, s, *_ in jobs[:-1]]
    atomic_write(folder / "playlist.m3u8", playlist(entries))
    artifacts += [
        Artifact(f"{AUDIO_DIR}/timings.json", "timings", "audio", {"files": len(jobs)}),
        Artifact(f"{AUDIO_DIR}/playlist.m3u8", "playlist", "audio", {"entries": len(entries)}),
    ]
    log.info(
        "audio: %d files, %.1f s of speech, %d sentences synthesised (%.2f s), %d from cache",
        len(jobs), full_samples.size / rate, synthesiser.calls, synthesis_seconds, synthesiser.hits,
    )
    return artifacts


# -- benchmark floor ---------------------------------------------------------------------------


def bare_synthesis(texts: Sequence[str], language: str, *, rate: int = 165, bitrate: int = 64) -> bytes:
    """The floor for benchmarks: bare espeak-ng on each text, joined and encoded to MP3.

    No normalisation, no cache, no tags, no timings: what the audio build is
    measured against.
    """
    from ..engines.espeak import EspeakEngine

    engine = EspeakEngine()
    voice = Voice(language, None, rate)
    pcm = b"".join(engine.synthesize(text, voice).data for text in texts)
    return encode_mp3(pcm, engine.sample_rate, bitrate)
