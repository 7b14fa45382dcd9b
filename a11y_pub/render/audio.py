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
a content-addressed PCM cache. Tracks are made one at a time in bounded
memory: a track's float32 samples go to a scratch file, then are
loudness-normalised to ``AudioOptions.loudness`` LUFS (ITU-R BS.1770, a
streaming meter) with a look-ahead limiter holding true peaks (4x
oversampled near the ceiling) under ``AudioOptions.true_peak``, and encoded
block by block with lameenc (mono, constant bit rate), in
``AudioOptions.threads`` workers. Encoded tracks are kept in a per-track
cache (key: the sentences' cache keys, pauses and every mastering/encoding
setting, not the tags), so a rebuild redoes only the tracks that changed.
The whole letter is the section files' MP3 frames end to end (silent frames
for the pause, chapters from frame counts), in parts of at most
``MAX_FILE_SECONDS``. The summary is read only after the section tracks.
Files are written once every track is made, with one engine: when an
engine fails part way, nothing is spliced (``auto`` restarts the letter
with espeak-ng; a named engine fails with its error).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import math
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..dates import written_date
from ..engines.base import Engine, Pcm, Voice
from ..engines.mp3 import (
    _BITRATES_V1_L3,
    _BITRATES_V2_L3,
    _SAMPLE_RATES,
    _id3v2_size,
    count_mp3_frames,
)
from ..errors import EngineError, RenderError
from ..files import TMP_PREFIX, atomic_path, atomic_write, read_tagged_json, sha256_bytes
from ..model import Letter, Section
from ..options import AudioOptions, BuildOptions
from ..speech.lexicon import Lexicon, load_lexicon
from ..speech.normalize import speech_tables, split_sentences, to_speech
from . import Artifact

log = logging.getLogger(__name__)

AUDIO_DIR = "audio"
TIMINGS_SCHEMA = "a11y-pub/timings@1"
CACHE_VERSION = 1  # bump when the speech pipeline changes what a key means
TRACK_CACHE_VERSION = 2  # bump when mastering or encoding changes what a track key means
MAX_FILE_SECONDS = 120 * 60  # longest file (ACX); a longer whole letter is written in parts

ANNOUNCEMENT_PAUSE = 0.7  # seconds after a spoken announcement
SENTENCE_GAP = 0.3  # seconds between sentences
SILENCE_THRESHOLD_DB = -45.0  # trimmed from the ends of each synthesised sentence
TRIM_MARGIN = 0.02  # seconds kept around speech when trimming
LIMITER_MARGIN_DB = 0.6  # headroom kept for the MP3 codec's overshoot
LIMITER_LOSS_GUESS = 0.1  # LU the limiter usually takes from espeak-ng speech (measured): first mastering guess
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
    date = letter.date_value
    return written_date(date, letter.language) if date is not None else ""


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
    tracks = plan_section_tracks(letter, lexicon)
    summary_track = plan_summary_track(letter, lexicon, summary)
    return tracks + ([summary_track] if summary_track is not None else [])


def plan_section_tracks(letter: Letter, lexicon: Lexicon) -> list[Track]:
    """The introduction and one track per section, in reading order (pure)."""
    lang = letter.language
    tables = speech_tables(lang)
    say, titles = tables["announcements"], tables["titles"]
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

    return tracks


def plan_summary_track(letter: Letter, lexicon: Lexicon, summary: dict[str, Any] | None) -> Track | None:
    """The easy-read summary's track (not part of the whole letter); None without a summary.

    Its sentences are those of ``plan_summary_parts``, in order.
    """
    return _summary_track(letter, plan_summary_parts(letter, lexicon, summary))


def _summary_track(letter: Letter, parts: Sequence[Track]) -> Track | None:
    """The one summary file made of ``parts``; None without parts."""
    if not parts:
        return None
    tables = speech_tables(letter.language)
    utterances = tuple(u for part in parts for u in part.utterances)
    return Track(tables["files"]["summary"], "summary", tables["titles"]["summary"], utterances, in_full_letter=False)


def plan_summary_parts(letter: Letter, lexicon: Lexicon, summary: dict[str, Any] | None) -> list[Track]:
    """The summary track in parts, one per summary block (pure); [] without a summary.

    The first part also announces the summary and says its title. Parts are
    rendered (and cached) one by one and joined with a section pause, so a
    changed block re-renders only its own part.
    """
    if not summary:
        return []
    lang = letter.language
    tables = speech_tables(lang)
    say, titles, files = tables["announcements"], tables["titles"], tables["files"]
    opening = [say["summary"]]
    title = str(summary.get("title") or "")
    if title and _plain(title) != _plain(say["summary"]):
        opening.append(title)
    lead = _utterances(opening, lang, lexicon, ANNOUNCEMENT_PAUSE)
    parts: list[Track] = []
    for index, (section_id, sentences) in enumerate(_summary_blocks(summary)):
        part = _summary_part(letter, lexicon, index, section_id, sentences, lead if index == 0 else [])
        if part is not None:
            parts.append(part)
    if not parts and lead:
        parts.append(Track(f"{files['summary']}.000", "summary", titles["summary"], tuple(lead), in_full_letter=False))
    return parts


def plan_block_part(letter: Letter, lexicon: Lexicon, block: dict[str, Any]) -> Track | None:
    """The part of the summary track for one body block (as ``plan_summary_parts`` makes it)."""
    found = _summary_blocks({"blocks": [block]})
    if not found:
        return None
    section_id, sentences = found[0]
    return _summary_part(letter, lexicon, 1, section_id, sentences, [])


def _summary_part(
    letter: Letter, lexicon: Lexicon, index: int, section_id: str, sentences: list[str], lead: list[Utterance]
) -> Track | None:
    tables = speech_tables(letter.language)
    utterances = lead + _utterances(sentences, letter.language, lexicon)
    if not utterances:
        return None
    return Track(f"{tables['files']['summary']}.{index:03d}", section_id, tables["titles"]["summary"],
                 tuple(utterances), in_full_letter=False)


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


def _summary_blocks(summary: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(section id, sentences said) of each summary block: its heading, then its sentences."""
    blocks: list[tuple[str, list[str]]] = []
    for block in summary.get("blocks", []):
        if isinstance(block, dict):
            sentences = [str(block["heading"]).rstrip(".") + "."] if block.get("heading") else []
            sentences.extend(str(s) for s in block.get("sentences", []) if str(s).strip())
            sentences = [s for s in sentences if s.strip()]
            if sentences:
                blocks.append((str(block.get("section_id") or "summary"), sentences))
    if not blocks:
        sentences = [str(s.get("text", "")) for s in summary.get("sentences", []) if isinstance(s, dict)]
        sentences = [s for s in sentences if s.strip()]
        if sentences:
            blocks.append(("summary", sentences))
    return blocks


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
#
# Everything works in float32 on blocks of at most CHUNK samples (plus CONTEXT on each
# side for the limiter), so a file of any length is mastered and encoded in bounded
# memory: a track's samples live in a scratch file, never whole in memory.

CHUNK = 1 << 18  # samples per processing block (~12 s at 22.05 kHz)
CONTEXT = 8192  # samples read on each side of a block: covers the limiter's reach
PEAK_BLOCK = 1024  # samples per block when deciding where to oversample
OVERSAMPLE_HEADROOM_DB = 4.0  # blocks whose sample peak is this far under the ceiling skip oversampling
LOUDNESS_TOLERANCE = 0.2  # LU: a mastering pass closer than this to the target is kept
MAX_PASSES = 4


def pcm_to_float(pcm: Pcm, rate: int) -> np.ndarray:
    """Mono float32 samples in [-1, 1] at ``rate`` (resampled when needed).

    Raises:
        RenderError: the engine returned something other than 16-bit PCM.
    """
    if pcm.width != 2:
        raise RenderError(f"engine returned {8 * pcm.width}-bit audio; 16-bit expected")
    samples = np.frombuffer(pcm.data, dtype="<i2").astype(np.float32) * np.float32(1 / 32768)
    if pcm.channels > 1:
        samples = samples.reshape(-1, pcm.channels).mean(axis=1, dtype=np.float32)
    if pcm.rate != rate and samples.size:
        divisor = math.gcd(pcm.rate, rate)
        samples = _resample(samples, rate // divisor, pcm.rate // divisor, RATE_FILTER).astype(np.float32)
    return samples


# Low-pass designs of the polyphase resampler: (half-length in periods of the lower rate,
# Kaiser beta, cut-off as a fraction of the lower rate's Nyquist frequency).
TRUE_PEAK_FILTER = (10, 5.0, 1.0)  # scipy.signal.resample_poly's default: 4 phases of 21 taps
RATE_FILTER = (32, 8.6, 0.91)  # rate conversion: flat to 0.82 x Nyquist, 85 dB down past it


@functools.lru_cache(maxsize=8)
def _polyphase_bank(up: int, down: int, design: tuple[int, float, float]) -> tuple[np.ndarray, int]:
    """The low-pass of a rational resampler by ``up``/``down``, split into its ``up`` phases.

    A Kaiser-windowed sinc (``design``: half-length, beta, cut-off relative to
    the lower of the two Nyquist frequencies), DC gain ``up``.

    Returns:
        ``(bank, half)``: ``bank[r, i]`` is tap ``r + up * i`` of the filter
        (zero past its end), ``half`` the filter's delay in taps.
    """
    periods, beta, cutoff = design
    widest = max(up, down)
    half = periods * widest
    offsets = np.arange(-half, half + 1, dtype=np.float64)
    taps = np.sinc(cutoff * offsets / widest) * np.kaiser(offsets.size, beta)
    taps *= up / taps.sum()
    per_phase = -(-taps.size // up)
    padded = np.zeros(up * per_phase)
    padded[: taps.size] = taps
    bank = padded.reshape(per_phase, up).T.copy()
    bank.flags.writeable = False  # cached and shared between threads
    return bank, half


def _resample(
    samples: np.ndarray, up: int, down: int, design: tuple[int, float, float] = TRUE_PEAK_FILTER
) -> np.ndarray:
    """``samples`` resampled by ``up``/``down`` (coprime) with a polyphase FIR, in float64.

    Output sample ``m`` sits at input time ``m * down / up``; there are
    ``ceil(n * up / down)`` of them; the signal is taken as zero outside.
    With ``TRUE_PEAK_FILTER`` this is ``scipy.signal.resample_poly(samples, up, down)``.
    """
    bank, half = _polyphase_bank(up, down, design)
    per_phase = bank.shape[1]
    n_out = -(-samples.size * up // down)
    last = ((n_out - 1) * down + half) // up  # newest input sample any output needs
    padded = np.zeros(per_phase - 1 + max(samples.size, last + 1))
    padded[per_phase - 1 : per_phase - 1 + samples.size] = samples
    out = np.empty(n_out)
    if down == 1:  # integer up-sampling: each phase is one convolution
        for phase in range(up):
            first = (phase - half) % up  # first output on this phase
            count = len(range(first, n_out, up))
            if count:
                start = (first + half) // up
                out[first::up] = np.convolve(padded[start : start + count + per_phase - 1], bank[phase], "valid")
        return out
    back = np.arange(per_phase - 1, -1, -1)  # column i reads input sample (newest - i)
    for begin in range(0, n_out, 1 << 14):  # bounded memory: (block, taps) at a time
        position = np.arange(begin, min(n_out, begin + (1 << 14))) * down + half
        window = padded[(position // up)[:, None] + back[None, :]]
        out[begin : begin + position.size] = np.einsum("ij,ij->i", window, bank[position % up])
    return out


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Drop leading and trailing silence (below ``SILENCE_THRESHOLD_DB``), keeping a small margin."""
    loud = np.flatnonzero(np.abs(samples) > 10 ** (SILENCE_THRESHOLD_DB / 20))
    if loud.size == 0:
        return samples[:0]
    margin = int(TRIM_MARGIN * rate)
    return samples[max(0, loud[0] - margin) : loud[-1] + margin + 1]


def true_peak_envelope(samples: np.ndarray) -> np.ndarray:
    """Per-sample true-peak estimate: max |x| over a 4x oversampled signal (BS.1770-4 annex 2).

    The interpolator is ``_resample``'s polyphase low-pass (4 phases of 21 taps).
    """
    if samples.size == 0:
        return np.abs(samples)
    over = np.abs(_resample(samples, 4, 1, TRUE_PEAK_FILTER)).reshape(-1, 4).max(axis=1)
    return np.maximum(over, np.abs(samples)).astype(samples.dtype, copy=False)


def peak_envelope(samples: np.ndarray, threshold: float) -> np.ndarray:
    """``true_peak_envelope`` where it matters: blocks whose sample peak stays under
    ``threshold`` (linear) keep |x| and are not oversampled (speech's true peak sits
    well under 4 dB above its sample peak)."""
    envelope = np.abs(samples)
    if samples.size == 0:
        return envelope
    starts = np.arange(0, samples.size, PEAK_BLOCK)
    hot = np.flatnonzero(np.maximum.reduceat(envelope, starts) > threshold)
    if hot.size == 0:
        return envelope
    breaks = np.flatnonzero(np.diff(hot) > 1)
    for first, last in zip(np.r_[hot[0], hot[breaks + 1]], np.r_[hot[breaks], hot[-1]], strict=True):
        begin, end = int(first) * PEAK_BLOCK, min(samples.size, (int(last) + 1) * PEAK_BLOCK)
        lo, hi = max(0, begin - 64), min(samples.size, end + 64)  # filter context
        envelope[begin:end] = true_peak_envelope(samples[lo:hi])[begin - lo : end - lo]
    return envelope


def true_peak_db(samples: np.ndarray) -> float:
    """The true peak of ``samples`` in dBTP (-inf for silence)."""
    if samples.size == 0:
        return -math.inf
    peak = float(true_peak_envelope(samples).max())
    return 20 * math.log10(peak) if peak > 0 else -math.inf


K_SHELF = (4.0, 1 / math.sqrt(2), 1500.0)  # K-weighting high shelf: gain dB, Q, Hz (pyloudnorm's)
K_HIGH_PASS = (0.5, 38.0)  # RLB high-pass: Q, Hz
K_RESPONSE_FLOOR = 1e-12  # the K-weighting impulse response is cut where it stays under this x its peak


@functools.lru_cache(maxsize=8)
def _k_weighting(rate: int) -> tuple[tuple[np.ndarray, np.ndarray, float], ...]:
    """BS.1770 K-weighting stages (b, a, gain) at ``rate``: a +4 dB high shelf, then the RLB high-pass.

    RBJ cookbook biquads with ``pyloudnorm.Meter``'s default parameters, so
    loudness here equals pyloudnorm's (within 0.01 LU); ``a[0]`` is 1.
    """
    gain_db, q, fc = K_SHELF
    amp = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * fc / rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    root = 2 * math.sqrt(amp) * alpha
    shelf_b = [amp * ((amp + 1) + (amp - 1) * cos + root), -2 * amp * ((amp - 1) + (amp + 1) * cos),
               amp * ((amp + 1) + (amp - 1) * cos - root)]
    shelf_a = [(amp + 1) - (amp - 1) * cos + root, 2 * ((amp - 1) - (amp + 1) * cos), (amp + 1) - (amp - 1) * cos - root]
    q, fc = K_HIGH_PASS
    w0 = 2 * math.pi * fc / rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    pass_b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
    pass_a = [1 + alpha, -2 * cos, 1 - alpha]
    return tuple(
        (np.array(b) / a[0], np.array(a) / a[0], 1.0) for b, a in ((shelf_b, shelf_a), (pass_b, pass_a))
    )


@functools.lru_cache(maxsize=8)
def _k_filter(rate: int) -> tuple[np.ndarray, int, np.ndarray]:
    """The K-weighting cascade as an FIR for FFT overlap-add at ``rate``.

    Its impulse response comes from the stages' frequency response on a grid
    of at least two seconds (time aliasing far under the floor), cut after the
    last tap above ``K_RESPONSE_FLOOR`` x the peak (about 0.15 s at 22.05 kHz).

    Returns:
        ``(taps, fft size, spectrum of the taps at that size)``.
    """
    size = 1 << max(16, (2 * rate).bit_length())
    z = np.exp(-2j * np.pi * np.arange(size // 2 + 1) / size)  # z^-1 on the unit circle
    response = np.ones(z.size, dtype=np.complex128)
    for b, a, gain in _k_weighting(rate):
        response *= gain * (b[0] + z * (b[1] + z * b[2])) / (a[0] + z * (a[1] + z * a[2]))
    impulse = np.fft.irfft(response, size)
    magnitude = np.abs(impulse)
    taps = impulse[: int(np.flatnonzero(magnitude >= K_RESPONSE_FLOOR * magnitude.max())[-1]) + 1]
    fft_size = 1 << max(14, (4 * taps.size - 1).bit_length())
    spectrum = np.fft.rfft(taps, fft_size)
    taps.flags.writeable = spectrum.flags.writeable = False  # cached and shared between threads
    return taps, fft_size, spectrum


def _k_weigh(samples: np.ndarray, rate: int) -> np.ndarray:
    """Full linear convolution of ``samples`` with the K-weighting taps (FFT overlap-add).

    Returns ``samples.size + taps - 1`` values in float64.
    """
    taps, fft_size, spectrum = _k_filter(rate)
    step = fft_size - taps.size + 1  # input samples per segment; its output spills taps - 1 further
    segments = -(-samples.size // step)
    padded = np.zeros(segments * step)
    padded[: samples.size] = samples
    spread = np.fft.irfft(np.fft.rfft(padded.reshape(segments, step), fft_size, axis=1) * spectrum, fft_size, axis=1)
    out = np.zeros((segments + 1, step))
    out[:segments] = spread[:, :step]
    out[1:, : taps.size - 1] += spread[:, step:]
    return out.ravel()[: samples.size + taps.size - 1]


class LoudnessMeter:
    """Integrated loudness (ITU-R BS.1770-4, mono) of a signal fed in blocks.

    Same K-weighting, 400 ms blocks with 75 % overlap and gating as
    ``pyloudnorm.Meter.integrated_loudness``, vectorised and streaming: the
    K-weighting is an FIR (``_k_filter``) whose output spilling past a block
    is carried into the next one, and only the mean square of each 100 ms
    step is kept.
    """

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.samples = 0
        self._carry = np.zeros(_k_filter(rate)[0].size - 1)
        self._step = round(0.1 * rate)
        self._sums: list[np.ndarray] = []
        self._partial = 0.0
        self._partial_count = 0

    def add(self, samples: np.ndarray) -> None:
        """Feed the next block of samples."""
        if samples.size == 0:
            return
        weighted = _k_weigh(samples, self.rate)
        weighted[: self._carry.size] += self._carry
        self._carry = weighted[samples.size :].copy()
        squares = np.square(weighted[: samples.size])
        self.samples += squares.size
        head = min(squares.size, (self._step - self._partial_count) % self._step or self._step)
        if self._partial_count:
            self._partial += float(squares[:head].sum())
            self._partial_count += head
            squares = squares[head:]
            if self._partial_count == self._step:
                self._sums.append(np.array([self._partial]))
                self._partial, self._partial_count = 0.0, 0
        whole = squares.size // self._step * self._step
        if whole:
            self._sums.append(squares[:whole].reshape(-1, self._step).sum(axis=1))
        if squares.size > whole:
            self._partial += float(squares[whole:].sum())
            self._partial_count += squares.size - whole

    def lufs(self) -> float:
        """Integrated loudness of everything fed so far (-inf for silence)."""
        steps = np.concatenate([*self._sums, np.array([self._partial])]) if self._sums else np.array([self._partial])
        seconds = max(self.samples, int(0.5 * self.rate)) / self.rate  # short signals: padded with silence
        blocks = round((seconds - 0.4) / 0.1) + 1
        padded = np.concatenate([steps, np.zeros(blocks + 4)])
        z = (padded[:blocks] + padded[1 : blocks + 1] + padded[2 : blocks + 2] + padded[3 : blocks + 3]) / (
            4 * self._step
        )
        with np.errstate(divide="ignore"):
            block_loudness = -0.691 + 10 * np.log10(z)
        gated = z[block_loudness >= -70.0]
        if gated.size == 0:
            return -math.inf
        relative = -0.691 + 10 * math.log10(float(gated.mean())) - 10.0
        kept = z[(block_loudness > relative) & (block_loudness > -70.0)]
        if kept.size == 0:
            return -math.inf
        return -0.691 + 10 * math.log10(float(kept.mean()))


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770); -inf for silence."""
    meter = LoudnessMeter(rate)
    for start in range(0, samples.size, CHUNK):
        meter.add(samples[start : start + CHUNK])
    return meter.lufs()


def limiter_gain(envelope: np.ndarray, rate: int, ceiling: float) -> np.ndarray | None:
    """Smooth gain keeping ``envelope`` (true peaks) under ``ceiling`` (linear); None when not needed.

    The gain needed at each sample is spread over a 5 ms look-ahead window
    (minimum filter, then a moving average of the same length, so the smoothed
    gain never exceeds what a peak needs) and released over 60 ms; it is
    computed only around the samples that need it.
    """
    over = np.flatnonzero(envelope > ceiling)
    if over.size == 0:
        return None
    attack = max(3, int(0.005 * rate))
    release = max(attack, int(0.06 * rate))
    reach = 2 * release + attack + 2
    lo, hi = max(0, int(over[0]) - reach), min(envelope.size, int(over[-1]) + reach + 1)
    needed = np.minimum(np.float32(1.0), np.float32(ceiling) / np.maximum(envelope[lo:hi], np.float32(1e-12)))
    gain = _running_min(needed, 2 * release + 1)
    gain = _running_mean(gain, release)
    gain = np.minimum(gain, _running_min(needed, 2 * attack + 1))
    full = np.ones(envelope.size, dtype=np.float32)
    full[lo:hi] = gain
    return full


def _edge_padded(values: np.ndarray, size: int) -> np.ndarray:
    """``values`` with edge copies around it, so a centred window of ``size`` fits at every sample."""
    before = size // 2
    return np.pad(values, (before, size - 1 - before), mode="edge")


def _running_min(values: np.ndarray, size: int) -> np.ndarray:
    """Minimum over a centred window of ``size`` samples at each sample, the ends extended
    (as ``scipy.ndimage.minimum_filter1d(mode="nearest")``).

    Minima over windows of 1, 2, 4... samples, each from two of the last
    (log2(size) vector passes); a window is two overlapping powers of two.
    """
    if values.size == 0:
        return values.copy()
    minima, span = _edge_padded(values, size), 1
    while 2 * span <= size:
        minima, span = np.minimum(minima[:-span], minima[span:]), 2 * span
    return np.minimum(minima[: values.size], minima[size - span : size - span + values.size])


def _running_mean(values: np.ndarray, size: int) -> np.ndarray:
    """Mean over a centred window of ``size`` samples at each sample, the ends extended
    (as ``scipy.ndimage.uniform_filter1d(mode="nearest")``); same dtype as ``values``."""
    if values.size == 0:
        return values.copy()
    sums = np.cumsum(_edge_padded(values, size), dtype=np.float64)
    means = sums[size - 1 :].copy()
    means[1:] -= sums[:-size]
    means /= size
    return means.astype(values.dtype, copy=False)


def limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """Look-ahead peak limiter: smooth gain so the true peak stays under ``ceiling_db``."""
    ceiling = 10 ** (ceiling_db / 20)
    gain = limiter_gain(peak_envelope(samples, ceiling * 10 ** (-OVERSAMPLE_HEADROOM_DB / 20)), rate, ceiling)
    return samples if gain is None else samples * gain


class SampleFile:
    """A track's float32 samples in a scratch file: appended once, then read in blocks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = 0
        self._handle = path.open("w+b")

    def append(self, samples: np.ndarray) -> None:
        self._handle.write(np.ascontiguousarray(samples, dtype="<f4").tobytes())
        self.size += samples.size

    def read(self, start: int, end: int) -> np.ndarray:
        self._handle.flush()
        self._handle.seek(4 * start)
        return np.frombuffer(self._handle.read(4 * (end - start)), dtype="<f4").copy()

    def close(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


class SampleArray:
    """The same interface over samples already in memory (short signals, tests)."""

    def __init__(self, samples: np.ndarray) -> None:
        self.samples = np.asarray(samples, dtype=np.float32)
        self.size = self.samples.size

    def read(self, start: int, end: int) -> np.ndarray:
        return self.samples[start:end].copy()


def _mastering_pass(
    source: SampleFile | SampleArray, gain_db: float, rate: int, ceiling: float, sink: Any = None
) -> float:
    """Gain, limit and measure ``source`` block by block; feed each output block to ``sink``.

    Returns the integrated loudness of the output.
    """
    meter = LoudnessMeter(rate)
    gain = np.float32(10 ** (gain_db / 20))
    threshold = ceiling * 10 ** (-OVERSAMPLE_HEADROOM_DB / 20)
    for start in range(0, source.size, CHUNK):
        end = min(source.size, start + CHUNK)
        lo, hi = max(0, start - CONTEXT), min(source.size, end + CONTEXT)
        block = source.read(lo, hi) * gain
        curve = limiter_gain(peak_envelope(block, threshold), rate, ceiling)
        if curve is not None:
            block *= curve
        out = np.clip(block[start - lo : end - lo], -1.0, 1.0)
        meter.add(out)
        if sink is not None:
            sink(out)
    return meter.lufs()


def master_source(
    source: SampleFile | SampleArray,
    rate: int,
    target_lufs: float,
    ceiling_db: float,
    measured: float,
    make_sink: Any = None,
) -> tuple[float, int]:
    """Find the gain that brings ``source`` to ``target_lufs`` once limited; stream the result.

    ``measured`` is the source's own loudness. Each pass gains, limits and
    measures from the untouched source (so passes never stack), and feeds its
    output to a fresh sink from ``make_sink()`` (an encoder, say); the first
    pass within ``LOUDNESS_TOLERANCE`` of the target is kept. The first guess
    adds the limiter's usual loss for speech, so one pass is the common case.

    Returns:
        ``(gain in dB, passes made)``; the last sink made holds the kept output.
    """
    ceiling = 10 ** (ceiling_db / 20)
    if not math.isfinite(measured):
        _mastering_pass(source, 0.0, rate, ceiling, make_sink() if make_sink else None)
        return 0.0, 1
    gain_db = target_lufs - measured + LIMITER_LOSS_GUESS
    previous: tuple[float, float] | None = None
    for attempt in range(1, MAX_PASSES + 1):
        result = _mastering_pass(source, gain_db, rate, ceiling, make_sink() if make_sink else None)
        if not math.isfinite(result) or abs(target_lufs - result) < LOUDNESS_TOLERANCE or attempt == MAX_PASSES:
            return gain_db, attempt
        slope = 1.0
        if previous is not None and abs(result - previous[1]) > 1e-3 and abs(gain_db - previous[0]) > 1e-3:
            slope = min(1.0, max(0.3, (result - previous[1]) / (gain_db - previous[0])))
        previous = (gain_db, result)
        gain_db += (target_lufs - result) / slope
    return gain_db, MAX_PASSES


def master(samples: np.ndarray, rate: int, target_lufs: float, ceiling_db: float) -> np.ndarray:
    """Bring in-memory ``samples`` to ``target_lufs`` with true peaks under ``ceiling_db``."""
    source = SampleArray(samples)
    kept: list[list[np.ndarray]] = []

    def make_sink() -> Any:
        kept.append([])
        return kept[-1].append

    master_source(source, rate, target_lufs, ceiling_db, loudness(source.samples, rate), make_sink)
    return np.concatenate(kept[-1]) if kept and kept[-1] else np.zeros(0, dtype=np.float32)


def decode_mp3_samples(mp3: bytes, rate: int) -> np.ndarray:
    """Decode MP3 bytes to float samples at ``rate`` (miniaudio, in-process)."""
    import miniaudio

    decoded = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate)
    return np.frombuffer(decoded.samples.tobytes(), dtype="<i2").astype(np.float32) / np.float32(32768.0)


def codec_allowance(samples: np.ndarray, rate: int, bitrate: int) -> float:
    """Loudness (LU) the MP3 encoder takes from speech mastered as ``samples``.

    LAME at speech bit rates removes about 0.5 LU from espeak-ng's bright
    voice; measured on up to 15 s of mastered audio, so files can be
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
    scaled = np.clip(samples, -1.0, 1.0) * np.float32(32767.0)
    return np.round(scaled).astype("<i2").tobytes()


def _encoder(rate: int, bitrate: int) -> Any:
    """A lameenc encoder: mono, constant bit rate, in-process.

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
    except Exception as exc:  # lameenc raises bare RuntimeError on bad settings
        raise RenderError("MP3 encoding failed", cause=f"{bitrate} kbit/s at {rate} Hz: {exc}") from exc
    return encoder


def encode_mp3(pcm16: bytes, rate: int, bitrate: int) -> bytes:
    """Encode 16-bit mono PCM to constant-bit-rate MP3 with lameenc (in-process).

    Raises:
        RenderError: the encoder refuses the settings or fails.
    """
    encoder = _encoder(rate, bitrate)
    try:
        return bytes(encoder.encode(pcm16) + encoder.flush())
    except Exception as exc:
        raise RenderError("MP3 encoding failed", cause=f"{bitrate} kbit/s at {rate} Hz: {exc}") from exc


# -- MP3 streams -------------------------------------------------------------------------------
#
# The whole letter is made of the section files' frames, end to end: LAME's first frame
# never borrows from a bit reservoir (main_data_begin = 0), so streams encoded apart join
# without re-encoding. Silent frames (side information all zero) fill the pause.

ENCODER_DELAY = 1105  # samples LAME (576) and the decoder (529) put before the audio


def samples_per_frame(rate: int) -> int:
    """Samples in one Layer III frame: 1152 for MPEG-1 (32 kHz and up), 576 for MPEG-2/2.5."""
    return 1152 if rate >= 32000 else 576


def _frame_length(header: bytes) -> int:
    version = (header[1] >> 3) & 3
    bitrate_index, rate_index, padding = header[2] >> 4, (header[2] >> 2) & 3, (header[2] >> 1) & 1
    rate = _SAMPLE_RATES[version][rate_index]
    if version == 3:
        return 144000 * _BITRATES_V1_L3[bitrate_index] // rate + padding
    return 72000 * _BITRATES_V2_L3[bitrate_index] // rate + padding


def _side_info_length(header: bytes) -> int:
    mono = (header[3] >> 6) == 3
    if (header[1] >> 3) & 3 == 3:
        return 17 if mono else 32
    return 9 if mono else 17


def audio_start(stream: bytes) -> int:
    """Offset of the first audio frame: after an ID3v2 tag and a Xing/Info/VBRI frame, if any."""
    pos = 0
    if stream[:3] == b"ID3":
        pos = _id3v2_size(stream, 0)
    header = stream[pos : pos + 4]
    if len(header) == 4 and header[0] == 0xFF and header[1] & 0xE0 == 0xE0:
        tag_at = pos + 4 + _side_info_length(header)
        if stream[tag_at : tag_at + 4] in (b"Xing", b"Info") or stream[pos + 36 : pos + 40] == b"VBRI":
            pos += _frame_length(header)
    return pos


def silent_frames(header: bytes, count: int) -> bytes:
    """``count`` frames of silence with ``header``'s format (padding bit cleared)."""
    if count <= 0:
        return b""
    head = bytes([header[0], header[1], header[2] & ~0x02, header[3]])
    return (head + bytes(_frame_length(head) - 4)) * count


# -- tracks: synthesis, mastering, encoding, cache ------------------------------------------------


@dataclass(frozen=True)
class TrackAudio:
    """A track's encoded audio: an untagged MP3 stream on disk and where its sentences are.

    ``spans`` are (utterance index, start, end) in seconds of the mastered samples
    (like every cue: players that honour no gapless header hear them
    ``ENCODER_DELAY`` samples later); ``cached`` counts sentences from a cache.
    """

    stream: Path
    samples: int
    frames: int
    spans: tuple[tuple[int, float, float], ...]
    cached: int

    def duration(self, rate: int) -> float:
        return self.frames * samples_per_frame(rate) / rate


def _track_key(track: Track, synthesiser: Synthesiser, audio: AudioOptions) -> str:
    """Content address of a track's encoded audio: what is said, pauses, every mastering
    and encoding setting; not its name, title or tags."""
    payload = {
        "version": TRACK_CACHE_VERSION,
        "utterances": [[synthesiser.key(u.speech), u.pause_after] for u in track.utterances],
        "lead_silence": audio.lead_silence,
        "sample_rate": audio.sample_rate,
        "bitrate": audio.bitrate,
        "loudness": audio.loudness,
        "true_peak": audio.true_peak,
        "limiter_margin": LIMITER_MARGIN_DB,
        "lame_quality": LAME_QUALITY,
        "silence": [SILENCE_THRESHOLD_DB, TRIM_MARGIN],
        "tolerance": LOUDNESS_TOLERANCE,
    }
    return sha256_bytes(json.dumps(payload, sort_keys=True).encode("utf-8"))


class _Mp3Sink:
    """Encodes blocks of float samples into an MP3 file as they come (one per mastering pass)."""

    def __init__(self, path: Path, rate: int, bitrate: int) -> None:
        self.path = path
        self.samples = 0
        self._encoder = _encoder(rate, bitrate)
        self._handle = path.open("wb")

    def __call__(self, block: np.ndarray) -> None:
        self.samples += block.size
        self._handle.write(self._encoder.encode(to_int16(block)))

    def finish(self) -> None:
        self._handle.write(self._encoder.flush())
        self._handle.close()

    def discard(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


class TrackRenderer:
    """Turns tracks into encoded audio, one at a time, in bounded memory.

    For each track: the track cache first (its key needs no audio); on a miss
    the sentences are spoken in this thread (engines keep global state) into a
    float32 scratch file while its loudness is measured, then mastered and
    encoded block by block, in a worker when ``threads`` > 1. Encoded streams
    go to ``cache_dir/tracks`` (atomically) or, without a cache, stay in the
    scratch folder until the files are written.
    """

    def __init__(
        self, synthesiser: Synthesiser, audio: AudioOptions, cache_dir: Path | None, scratch: Path, pool: Any
    ) -> None:
        self.synthesiser = synthesiser
        self.audio = audio
        self.cache_dir = cache_dir
        self.scratch = scratch
        self.pool = pool
        self.allowance: float | None = None
        self.passes = 0
        self.track_hits = 0
        self._pending: list[Any] = []
        self._count = 0

    # -- cache -------------------------------------------------------------------------

    def _cached(self, key: str) -> TrackAudio | None:
        if self.cache_dir is None:
            return None
        folder = self.cache_dir / "tracks" / key[:2]
        try:
            meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            stream = folder / f"{key}.mp3"
            if stream.stat().st_size != meta["bytes"]:
                return None
            spans = tuple((int(i), float(s), float(e)) for i, s, e in meta["spans"])
            return TrackAudio(stream, int(meta["samples"]), int(meta["frames"]), spans, len(spans))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _codec_allowance(self, excerpt: np.ndarray) -> float:
        """The encoder's loudness loss for this engine, voice, bit rate and rate (cached)."""
        audio = self.audio
        identity = {**self.synthesiser.identity, "bitrate": audio.bitrate, "sample_rate": audio.sample_rate,
                    "loudness": audio.loudness, "true_peak": audio.true_peak, "quality": LAME_QUALITY}
        key = sha256_bytes(json.dumps(identity, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        path = self.cache_dir / "allowance" / f"{key}.json" if self.cache_dir is not None else None
        if path is not None:
            try:
                return float(json.loads(path.read_text(encoding="utf-8"))["allowance"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        rate = audio.sample_rate
        mastered = master(excerpt, rate, audio.loudness, audio.true_peak - LIMITER_MARGIN_DB)
        value = round(codec_allowance(mastered, rate, audio.bitrate), 3)
        if path is not None:
            atomic_write(path, json.dumps({"allowance": value, **identity}, sort_keys=True, ensure_ascii=False))
        return value

    # -- rendering ----------------------------------------------------------------------

    def submit(self, track: Track) -> Any:
        """Start rendering ``track``; returns its ``TrackAudio`` or a future of it.

        Raises:
            EngineError: the engine cannot speak a sentence.
            RenderError: encoding failed.
        """
        key = _track_key(track, self.synthesiser, self.audio)
        hit = self._cached(key)
        if hit is not None:
            self.track_hits += 1
            return hit
        audio = self.audio
        rate = audio.sample_rate
        self._count += 1
        store = SampleFile(self.scratch / f"{self._count:04d}.f32")
        try:
            meter = LoudnessMeter(rate)
            lead = np.zeros(round(audio.lead_silence * rate), dtype=np.float32)
            store.append(lead)
            meter.add(lead)
            spans: list[tuple[int, float, float]] = []
            cached = 0
            pause = 0.0
            for index, utterance in enumerate(track.utterances):
                pcm, hit_pcm = self.synthesiser.speak(utterance.speech)
                cached += hit_pcm
                speech = trim_silence(pcm_to_float(pcm, rate), rate)
                if speech.size == 0:
                    continue
                if spans:  # the pause after a sentence comes before the next one
                    gap = np.zeros(round(pause * rate), dtype=np.float32)
                    store.append(gap)
                    meter.add(gap)
                start = store.size
                store.append(speech)
                meter.add(speech)
                spans.append((index, start / rate, store.size / rate))
                pause = utterance.pause_after
            store.append(lead)
            meter.add(lead)
            if self.allowance is None:
                self.allowance = self._codec_allowance(store.read(0, min(store.size, 15 * rate)))
        except BaseException:
            store.close()
            raise
        job = (key, store, meter.lufs(), tuple((i, round(s, 3), round(e, 3)) for i, s, e in spans), cached)
        if self.pool is None:
            return self._finish(*job)
        while len(self._pending) >= max(1, audio.threads):  # bound scratch files waiting
            self._pending.pop(0).result()
        future = self.pool.submit(self._finish, *job)
        self._pending.append(future)
        return future

    def _finish(
        self, key: str, store: SampleFile, measured: float, spans: tuple[tuple[int, float, float], ...], cached: int
    ) -> TrackAudio:
        """Master and encode ``store`` (any thread); file the stream."""
        audio = self.audio
        rate = audio.sample_rate
        sinks: list[_Mp3Sink] = []

        def make_sink() -> _Mp3Sink:
            if sinks:
                sinks[-1].discard()
            sinks.append(_Mp3Sink(store.path.with_suffix(f".{len(sinks)}.mp3"), rate, audio.bitrate))
            return sinks[-1]

        try:
            _, passes = master_source(
                store, rate, audio.loudness + (self.allowance or 0.0), audio.true_peak - LIMITER_MARGIN_DB,
                measured, make_sink,
            )
            self.passes += passes
            sink = sinks[-1]
            sink.finish()
        except BaseException:
            for sink in sinks:
                sink.discard()
            raise
        finally:
            store.close()
        data = sink.path.read_bytes()
        try:
            frames = count_mp3_frames(data[audio_start(data) :])
        except ValueError as exc:
            raise RenderError("MP3 encoding failed", cause=str(exc)) from exc
        meta = {"samples": sink.samples, "frames": frames, "bytes": len(data), "spans": [list(s) for s in spans]}
        stream = sink.path
        if self.cache_dir is not None:
            folder = self.cache_dir / "tracks" / key[:2]
            stream = folder / f"{key}.mp3"
            with atomic_path(stream) as tmp:
                os.replace(sink.path, tmp)
            atomic_write(folder / f"{key}.json", json.dumps(meta, sort_keys=True))
        del data
        return TrackAudio(stream, sink.samples, frames, spans, cached)

    def wait(self) -> None:
        """Let every job started finish (their errors are not raised here)."""
        for future in self._pending:
            future.exception()
        self._pending.clear()


# -- the whole letter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FullPart:
    """One file of the whole letter: its sections (track index, gap frames before it)."""

    sections: tuple[tuple[int, int], ...]


def _gap_frames(before: TrackAudio, audio: AudioOptions) -> int:
    """Silent frames between two section streams so their speech is ``section_pause`` apart.

    Between the last sound of one file and the first of the next there is
    already its tail and lead silence, its encoder padding and the next one's
    encoder delay; the frames make up the rest.
    """
    rate = audio.sample_rate
    spf = samples_per_frame(rate)
    padding = before.frames * spf - ENCODER_DELAY - before.samples
    missing = audio.section_pause * rate - 2 * audio.lead_silence * rate - padding - ENCODER_DELAY
    return max(0, math.floor(missing / spf))  # never longer than the pause asked for


def plan_full_letter(
    indices: Sequence[int], audios: Sequence[TrackAudio], audio: AudioOptions, max_seconds: float
) -> list[FullPart]:
    """Split the sections (track ``indices``) into files of at most ``max_seconds`` each.

    A section longer than the limit on its own gets a file of its own.
    """
    rate = audio.sample_rate
    limit_frames = max_seconds * rate / samples_per_frame(rate)
    parts: list[list[tuple[int, int]]] = []
    length = 0
    for position, index in enumerate(indices):
        gap = _gap_frames(audios[indices[position - 1]], audio) if position else 0
        frames = audios[index].frames
        if parts and parts[-1] and length + gap + frames <= limit_frames:
            parts[-1].append((index, gap))
            length += gap + frames
        else:
            if parts and frames > limit_frames:
                log.warning("a section lasts %.0f min, longer than a file should", frames / limit_frames * max_seconds / 60)
            parts.append([(index, 0)])
            length = frames
    return [FullPart(tuple(p)) for p in parts]


def _first_header(stream: Path) -> bytes:
    with stream.open("rb") as handle:
        head = handle.read(1 << 16)
    start = audio_start(head)
    return head[start : start + 4]


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
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def webvtt(cues: Sequence[dict[str, Any]]) -> str:
    """A WebVTT document with one cue per sentence (cue text escaped: ``&``, ``<``, ``>``)."""
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues, start=1):
        text = " ".join(str(cue["text"]).split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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


def read_timings(out_dir: Path) -> dict[str, Any] | None:
    """The ``timings.json`` mapping of a build in ``out_dir``, or None when there is none.

    Raises:
        RenderError: the file is unreadable or has another schema.
    """
    return read_tagged_json(Path(out_dir) / AUDIO_DIR / "timings.json", TIMINGS_SCHEMA, "audio timings")


def _summary_value(inputs: Any) -> dict[str, Any] | None:
    value = inputs.get("summary")
    return None if value is None else value.to_dict()


def _render_tracks(
    letter: Letter, lexicon: Lexicon, out_dir: Path, renderer: TrackRenderer, inputs: Any = None
) -> tuple[list[Track], list[TrackAudio]]:
    """Every track in listening order with its audio. The summary is read only once the
    section tracks are done, so it can still be in the making meanwhile."""
    tracks = plan_section_tracks(letter, lexicon)
    results = [renderer.submit(track) for track in tracks]
    early: dict[tuple[Utterance, ...], Any] = {}
    streamed = () if inputs is None else inputs.stream("summary")
    for block in streamed:  # a summary being made elsewhere: start on each block
        part = plan_block_part(letter, lexicon, block.to_dict())
        if part is not None and part.utterances not in early:
            early[part.utterances] = renderer.submit(part)
    summary = _load_summary(out_dir) if inputs is None else _summary_value(inputs)
    parts = plan_summary_parts(letter, lexicon, summary)
    part_results = [early.pop(part.utterances, None) or renderer.submit(part) for part in parts]
    audios = [_resolved(r) for r in results]
    if parts:
        joined = join_streams([_resolved(r) for r in part_results], parts, renderer.audio,
                              renderer.scratch / "summary.mp3")
        tracks.append(_summary_track(letter, parts))  # type: ignore[arg-type]  # parts is not empty
        audios.append(joined)
    return tracks, audios


def _resolved(result: Any) -> TrackAudio:
    return result if isinstance(result, TrackAudio) else result.result()


def join_streams(audios: Sequence[TrackAudio], parts: Sequence[Track], audio: AudioOptions, path: Path) -> TrackAudio:
    """One untagged MP3 stream at ``path`` from the parts' streams, a section pause apart
    (silent frames, as in the whole letter); spans re-indexed over all parts' sentences."""
    rate = audio.sample_rate
    spf = samples_per_frame(rate)
    header = _first_header(audios[0].stream)
    frames = 0
    first_sentence = 0
    spans: list[tuple[int, float, float]] = []
    with path.open("wb") as out:
        for position, (part, part_audio) in enumerate(zip(parts, audios, strict=True)):
            gap = _gap_frames(audios[position - 1], audio) if position else 0
            out.write(silent_frames(header, gap))
            frames += gap
            start = frames * spf / rate
            with part_audio.stream.open("rb") as source:
                source.seek(audio_start(source.read(1 << 16)))
                shutil.copyfileobj(source, out, 1 << 20)
            spans += [(first_sentence + i, round(s + start, 3), round(e + start, 3)) for i, s, e in part_audio.spans]
            first_sentence += len(part.utterances)
            frames += part_audio.frames
    last = audios[-1]
    samples = (frames - last.frames) * spf + last.samples
    return TrackAudio(path, samples, frames, tuple(spans), sum(a.cached for a in audios))


def _cues(track: Track, spans: Sequence[tuple[int, float, float]], offset: float = 0.0) -> list[dict[str, Any]]:
    return [
        {"start": round(start + offset, 3), "end": round(end + offset, 3), "text": track.utterances[index].written}
        for index, start, end in spans
    ]


def render_audio(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Render ``letter`` to MP3 files, playlist, WebVTT and timings under ``out_dir/audio/``.

    Args:
        letter: the letter model.
        out_dir: the letter's output folder (exists).
        opts: build options; ``opts.audio`` drives engine, voice, rate,
            loudness, bit rate, cache, threads; ``opts.force`` bypasses the cache.
        inputs: the build's ``Inputs`` view: the ``"summary"`` it needs (its
            blocks streamed while it is made elsewhere), the ``"timings"`` it
            provides (the ``timings.json`` mapping). None: the summary is read
            from ``out_dir``.

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
    from ..engines import create_engine

    audio = opts.audio
    lexicon = load_lexicon(letter.language, audio.lexicon)
    use_cache = audio.use_cache and not opts.force
    cache_dir = _cache_dir(opts) if use_cache else None
    voice = Voice(letter.language, audio.voice if audio.engine != "piper" else None, audio.rate)
    folder = Path(out_dir) / AUDIO_DIR
    scratch_parent = cache_dir / "tracks" if cache_dir is not None else folder
    scratch_parent.mkdir(parents=True, exist_ok=True)

    engine = create_engine(audio, letter.language)
    synthesiser = Synthesiser(engine, voice, cache_dir)
    started = time.perf_counter()
    threads = max(1, int(audio.threads))
    with (
        tempfile.TemporaryDirectory(prefix=TMP_PREFIX, dir=scratch_parent) as scratch,
        ThreadPoolExecutor(max_workers=threads) if threads > 1 else contextlib.nullcontext() as pool,
    ):
        renderer = TrackRenderer(synthesiser, audio, cache_dir, Path(scratch), pool)
        try:
            try:
                tracks, audios = _render_tracks(letter, lexicon, out_dir, renderer, inputs)
            except EngineError as exc:
                if audio.engine != "auto" or engine.name == "espeak":
                    raise
                log.warning("%s failed part way (%s): restarting the letter with espeak-ng", engine.name, exc)
                renderer.wait()
                engine = create_engine(replace(audio, engine="espeak"), letter.language)
                synthesiser = Synthesiser(engine, replace(voice, name=None), cache_dir)
                renderer = TrackRenderer(synthesiser, audio, cache_dir, Path(scratch), pool)
                tracks, audios = _render_tracks(letter, lexicon, out_dir, renderer, inputs)
        except BaseException:
            renderer.wait()
            raise
        seconds = time.perf_counter() - started
        artifacts = _write_files(letter, folder, audio, tracks, audios, engine.name, synthesiser.identity["voice"])
    if inputs is not None:
        inputs.provide("timings", read_timings(out_dir))
    log.info(
        "audio: %d tracks (%d from the track cache), %d sentences synthesised, %d from cache, "
        "%d mastering passes, %.2f s",
        len(tracks), renderer.track_hits, synthesiser.calls, synthesiser.hits, renderer.passes, seconds,
    )
    return artifacts


def _write_files(
    letter: Letter,
    folder: Path,
    audio: AudioOptions,
    tracks: Sequence[Track],
    audios: Sequence[TrackAudio],
    engine: str,
    voice: str,
) -> list[Artifact]:
    """Tag and write every file, the whole letter (in parts if long), VTT, timings, playlist."""
    rate = audio.sample_rate
    spf = samples_per_frame(rate)
    tables = speech_tables(letter.language)
    files, titles = tables["files"], tables["titles"]
    sections = [i for i, t in enumerate(tracks) if t.in_full_letter]
    order = sections + [i for i, t in enumerate(tracks) if not t.in_full_letter]
    parts = plan_full_letter(sections, audios, audio, MAX_FILE_SECONDS) if sections else []
    total = len(tracks) + len(parts)
    folder.mkdir(parents=True, exist_ok=True)

    def info(track: Track, duration: float, sentences: int, cached: int) -> dict[str, Any]:
        return {
            "engine": engine, "voice": voice, "title": track.title, "section_id": track.section_id,
            "duration": round(duration, 3), "sentences": sentences, "cached": cached,
            "bitrate": audio.bitrate, "sample_rate": rate,
        }

    entries: list[tuple[Track, float, list[dict[str, Any]]]] = []
    artifacts: list[Artifact] = []
    for number, index in enumerate(order, start=1):
        track, track_audio = tracks[index], audios[index]
        target = folder / f"{track.name}.mp3"
        with atomic_path(target) as tmp:
            _tag_mp3(tmp, letter=letter, title=track.title, track=number, total=total,
                     transcript=track.transcript, engine=engine, voice=voice)
            with tmp.open("ab") as out, track_audio.stream.open("rb") as source:
                shutil.copyfileobj(source, out, 1 << 20)
        cues = _cues(track, track_audio.spans)
        duration = track_audio.duration(rate)
        entries.append((track, duration, cues))
        artifacts.append(Artifact(f"{AUDIO_DIR}/{track.name}.mp3", "audio", "audio",
                                  info(track, duration, len(cues), track_audio.cached)))

    header = _first_header(audios[sections[0]].stream) if sections else b""
    for number, part in enumerate(parts, start=1):
        name = files["full"] if len(parts) == 1 else f"{files['full']}-{number}"
        title = titles["full"] if len(parts) == 1 else f"{titles['full']} ({number}/{len(parts)})"
        chapters: list[tuple[str, int, int]] = []
        cues: list[dict[str, Any]] = []
        frames = 0
        for index, gap in part.sections:
            frames += gap
            start = frames * spf / rate
            frames += audios[index].frames
            chapters.append((tracks[index].title, round(start * 1000), round(frames * spf * 1000 / rate)))
            cues += _cues(tracks[index], audios[index].spans, start)
        full = Track(name, "letter", title, tuple(u for i, _ in part.sections for u in tracks[i].utterances))
        with atomic_path(folder / f"{name}.mp3") as tmp:
            _tag_mp3(tmp, letter=letter, title=title, track=len(tracks) + number, total=total,
                     transcript=full.transcript, engine=engine, voice=voice, chapters=chapters)
            with tmp.open("ab") as out:
                for index, gap in part.sections:
                    out.write(silent_frames(header, gap))
                    with audios[index].stream.open("rb") as source:
                        source.seek(audio_start(source.read(1 << 16)))
                        shutil.copyfileobj(source, out, 1 << 20)
        duration = frames * spf / rate
        entries.append((full, duration, cues))
        cached = sum(audios[i].cached for i, _ in part.sections)
        artifacts.append(Artifact(f"{AUDIO_DIR}/{name}.mp3", "audio", "audio", info(full, duration, len(cues), cached)))

    for track, _, cues in entries:
        atomic_write(folder / f"{track.name}.vtt", webvtt(cues))
        artifacts.append(Artifact(f"{AUDIO_DIR}/{track.name}.vtt", "subtitles", "audio", {"cues": len(cues)}))
    timings = {
        "schema": TIMINGS_SCHEMA,
        "files": [
            {"file": f"{track.name}.mp3", "section_id": track.section_id, "title": track.title,
             "duration": round(duration, 3), "cues": cues}
            for track, duration, cues in entries
        ],
    }
    atomic_write(folder / "timings.json", json.dumps(timings, ensure_ascii=False, indent=2) + "\n")
    listed = [(f"{t.name}.mp3", t.title, d) for t, d, _ in entries[: len(order)]]
    atomic_write(folder / "playlist.m3u8", playlist(listed))
    artifacts += [
        Artifact(f"{AUDIO_DIR}/timings.json", "timings", "audio", {"files": len(entries)}),
        Artifact(f"{AUDIO_DIR}/playlist.m3u8", "playlist", "audio", {"entries": len(listed)}),
    ]
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
