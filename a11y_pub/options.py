"""Frozen option sets handed to the pipeline stages.

Stages never see CLI options: the CLI (or a config file) builds these values
and passes them down. Each renderer reads only its own group. Every default
here is the project's standard (see STANDARDS.md); tests check the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ENGINES = ("auto", "kokoro", "espeak", "gtts", "piper")
THEMES = ("default", "high-contrast")
PAPERS = ("a4", "letter")


@dataclass(frozen=True, slots=True)
class AudioOptions:
    """How the audio renderer speaks and encodes."""

    engine: str = "auto"
    voice: str | None = None  # engine-specific voice name, or a Piper model path
    voices_dir: Path | None = None  # folder searched for Piper voices
    rate: int = 165  # words per minute
    bitrate: int = 64  # kbit/s, constant bit rate
    sample_rate: int = 22050  # Hz, one rate for every file
    loudness: float = -19.0  # LUFS integrated (mono)
    true_peak: float = -1.0  # dBTP ceiling
    lead_silence: float = 0.3  # seconds at the start and end of each file
    section_pause: float = 0.8  # seconds between sections (0.6-1.0)
    lexicon: Path | None = None  # pronunciation lexicon (TOML) layered over the defaults
    cache_dir: Path | None = None  # default: <output>/.cache/audio
    use_cache: bool = True
    strict: bool = False  # refuse a voice whose language differs from the letter's
    length_scale: float = 1.0  # Piper phoneme length: above 1 slower, below 1 faster
    sentence_silence: float = 0.0  # Piper: seconds of silence between the sentences of one text
    threads: int = 2  # mastering/encoding workers (1 when letters are built in parallel)
    intro_audio: Path | None = None  # staff recording before the introduction and the whole letter
    outro_audio: Path | None = None  # staff recording after the conclusion and the whole letter


@dataclass(frozen=True, slots=True)
class PdfOptions:
    """Large-print layout. Defaults follow UKAAF/RNIB/ACB guidance."""

    font_size: float = 18.0  # body size in points (16-36)
    heading_increase: float = 4.0  # headings are at least body + this, bold
    line_spacing: float = 1.5
    margin_mm: float = 25.0
    paper: str = "a4"
    theme: str = "default"


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """Easy-to-read summary settings."""

    summary_file: Path | None = None  # staff-written summary that replaces the draft
    simplification_lexicon: Path | None = None  # TOML layered over the defaults
    max_words: int = 15  # longest sentence allowed
    target_average: float = 12.0  # average sentence length target


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything ``pipeline.build`` needs for one run."""

    output: Path = Path("output")
    only: tuple[str, ...] = ()  # renderer names; empty means all
    jobs: int = 1
    force: bool = False
    max_input_bytes: int = 5 * 1024 * 1024
    audio: AudioOptions = field(default_factory=AudioOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)
    summary: SummaryOptions = field(default_factory=SummaryOptions)
