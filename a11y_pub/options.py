"""Frozen option sets handed to the pipeline stages: the one source of defaults,
ranges and choices.

Stages never see CLI options: the CLI (or a config file) builds these values
and passes them down. Each renderer reads only its own group. Every default
here is the project's standard (see STANDARDS.md); tests check the defaults.
``RANGES`` and ``CHOICES`` are checked by ``config.make_options`` (command
line and settings file alike), by the PDF renderer, and shown in the CLI help
through ``describe``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENGINES = ("auto", "kokoro", "espeak", "gtts", "piper")
THEMES = ("default", "high-contrast")
PAPERS = ("a4", "letter")


# Speech rate, words per minute: the slow end of audiobook narration (150-160 wpm is the
# usual target; professional narrators speak 130-160). Listeners who need time to take in
# a letter gain from the slower end; players can still speed it up.
DEFAULT_RATE = 150

@dataclass(frozen=True, slots=True)
class AudioOptions:
    """How the audio renderer speaks and encodes."""

    engine: str = "auto"
    voice: str | None = None  # engine-specific voice name, or a Piper model path
    voices_dir: Path | None = None  # folder searched for Piper voices
    rate: int = DEFAULT_RATE  # words per minute
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
    include_summary: bool = False  # print the easy-read summary after the letter (it has its own PDF)


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """Easy-to-read summary settings."""

    summary_file: Path | None = None  # staff-written summary that replaces the draft
    simplification_lexicon: Path | None = None  # TOML layered over the defaults
    max_words: int = 15  # longest sentence allowed
    target_average: float = 12.0  # average sentence length target
    rare_zipf: float = 3.5  # wordfreq Zipf frequency below which a word is rare (explained in the glossary)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything ``pipeline.build`` needs for one run."""

    output: Path = Path("output")
    only: tuple[str, ...] = ()  # renderer names; empty means all
    jobs: int = 1
    force: bool = False
    max_input_bytes: int = 5 * 1024 * 1024
    zip: bool = False  # also write <output>/<letter>.zip with the web folder, ready to upload
    base_url: str | None = None  # where the letters' web pages are published: <base_url>/<letter-name>/
    audio: AudioOptions = field(default_factory=AudioOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)
    summary: SummaryOptions = field(default_factory=SummaryOptions)


# Allowed values, inclusive, by field name. Sources: STANDARDS.md (large print:
# UKAAF 16 pt minimum, RNIB spacing 1.5-2+, margins >= 2 cm; audio: ACX 0.5 s
# lead-in, 0.6-1.0 s between sections).
RANGES: dict[str, tuple[float, float]] = {
    "font_size": (16.0, 36.0),
    "line_spacing": (1.5, 3.0),
    "margin_mm": (20.0, 50.0),
    "heading_increase": (4.0, 20.0),
    "rate": (80, 400),
    "bitrate": (32, 320),
    "jobs": (1, 64),
    "threads": (1, 16),
    "section_pause": (0.6, 1.0),
    "lead_silence": (0.0, 0.5),
    "rare_zipf": (0.0, 8.0),  # wordfreq's Zipf scale
}

CHOICES: dict[str, tuple[str, ...]] = {"engine": ENGINES, "theme": THEMES, "paper": PAPERS}

GROUPS: dict[str, type] = {"audio": AudioOptions, "pdf": PdfOptions, "summary": SummaryOptions}


def default(name: str) -> Any:
    """The default of the option field ``name`` (e.g. ``"rate"`` -> 150).

    Raises:
        KeyError: no option has that name.
    """
    for cls in (BuildOptions, *GROUPS.values()):
        for f in dataclasses.fields(cls):
            if f.name == name and f.default is not dataclasses.MISSING:
                return f.default
    raise KeyError(name)


def describe(name: str, unit: str = "") -> str:
    """``"80-400, default: 150"``-style help text for the option field ``name``."""
    value = default(name)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    suffix = f" {unit}" if unit else ""
    if name in RANGES:
        low, high = RANGES[name]
        return f"{low:g}-{high:g}{suffix}, default: {shown}{suffix}"
    return f"default: {shown}{suffix}"
