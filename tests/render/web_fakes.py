"""Fake inputs for the web renderer's tests: timings, silent MP3s, a summary.

Until the audio renderer is in place (and to keep the web tests fast), these
helpers write what the audio and summary renderers would write, following the
``a11y-pub/timings@1`` and ``a11y-pub/summary@1`` contracts: silent MP3s of
the right length made with lameenc, ``timings.json``, one WebVTT per file
(optional) and a playlist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lameenc

from a11y_pub.model import Letter
from a11y_pub.timings import Cue
from a11y_pub.timings import to_webvtt as cues_to_vtt

RATE = 22050
LEAD = 0.3  # seconds of silence at both ends of a file
PAUSE = 0.25  # seconds between two sentences
SECTION_PAUSE = 0.8  # seconds between sections in the whole-letter file

_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+")


def split_sentences(text: str) -> list[str]:
    """Split on sentence-final punctuation followed by space (good enough for fakes)."""
    return [s for s in (p.strip() for p in _SENTENCE_END.split(" ".join(text.split()))) if s]


def silent_mp3(seconds: float) -> bytes:
    """Return a mono constant-bit-rate MP3 of ``seconds`` of silence."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)
    pcm = b"\x00\x00" * int(RATE * seconds)
    return bytes(encoder.encode(pcm) + encoder.flush())


def timed_cues(sentences: list[str], start: float = LEAD) -> tuple[list[Cue], float]:
    """Give each sentence a length from its size; return the cues and the end time."""
    cues: list[Cue] = []
    at = start
    for sentence in sentences:
        length = round(max(0.5, 0.03 * len(sentence)), 3)
        cues.append(Cue(start=round(at, 3), end=round(at + length, 3), text=sentence))
        at = round(at + length + PAUSE, 3)
    return cues, (cues[-1].end if cues else start)


def section_sentences(letter: Letter, section_id: str) -> list[str]:
    """The transcript sentences the fake audio speaks for one section."""
    section = letter.section(section_id)
    sentences: list[str] = []
    if section.kind == "commitment":  # an announcement the page does not show as such
        sentences.append(f"Engagement {section.number} sur {len(letter.commitments)} : {section.title}.")
    if section.kind == "introduction" and letter.salutation:
        sentences.append(letter.salutation)
    for block in (*section.paragraphs, *section.items):
        sentences += split_sentences(block)
    if section.kind == "conclusion":
        sentences += [x for x in (letter.closing, letter.signature) if x]
    return sentences


def write_fake_summary(out_dir: Path, letter: Letter) -> dict[str, Any]:
    """Write a ``summary.json`` with one short block per commitment."""
    blocks = []
    for section in letter.commitments:
        blocks.append(
            {
                "section_id": section.id,
                "heading": section.title,
                "sentences": [f"Engagement {section.number}.", f"{section.title}."],
            }
        )
    summary = {
        "schema": "a11y-pub/summary@1",
        "language": letter.language,
        "source": "draft",
        "title": "Résumé facile à lire",
        "blocks": blocks,
        "sentences": [
            {"text": s, "section_id": b["section_id"]} for b in blocks for s in b["sentences"]
        ],
        "glossary": [{"term": "CSAPA", "definition": "Un centre de soins pour les addictions."}],
    }
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
    return summary


def write_fake_audio(
    out_dir: Path,
    letter: Letter,
    *,
    summary: dict[str, Any] | None = None,
    with_vtt: bool = True,
    full_letter: bool = True,
) -> dict[str, Any]:
    """Write silent MP3s, ``timings.json``, VTTs and a playlist under ``out_dir/audio``.

    Returns the timings dict that was written.
    """
    audio = out_dir / "audio"
    audio.mkdir(parents=True, exist_ok=True)
    files: list[dict[str, Any]] = []
    order: list[tuple[str, str, list[str]]] = []
    if summary is not None:
        # like the audio renderer: block headings are spoken, with a full stop
        sentences = [
            s for b in summary["blocks"] for s in (b["heading"].rstrip(".") + ".", *b["sentences"])
        ]
        order.append(("summary", summary["title"], sentences))
    for section in letter.sections:
        order.append((section.id, section.title or section.kind, section_sentences(letter, section.id)))
    for number, (section_id, title, sentences) in enumerate(order, start=1):
        cues, end = timed_cues(sentences)
        duration = round(end + LEAD, 3)
        name = f"{number:02d}-{section_id}.mp3"
        (audio / name).write_bytes(silent_mp3(duration))
        entry = {
            "file": name,
            "section_id": section_id,
            "title": title,
            "duration": duration,
            "cues": [{"start": c.start, "end": c.end, "text": c.text} for c in cues],
        }
        files.append(entry)
        if with_vtt:
            (audio / f"{Path(name).stem}.vtt").write_text(cues_to_vtt(cues), "utf-8")
    if full_letter:
        everything = [s for sid, _, sents in order if sid != "summary" for s in sents]
        cues, end = timed_cues(everything)
        duration = round(end + LEAD, 3)
        name = "00-lettre-complete.mp3"
        (audio / name).write_bytes(silent_mp3(duration))
        files.append(
            {
                "file": name,
                "section_id": None,
                "title": "Lettre complète",
                "duration": duration,
                "cues": [{"start": c.start, "end": c.end, "text": c.text} for c in cues],
            }
        )
    timings = {"schema": "a11y-pub/timings@1", "files": files}
    (audio / "timings.json").write_text(json.dumps(timings, ensure_ascii=False, indent=2), "utf-8")
    playlist = ["#EXTM3U"] + [
        line for f in files for line in (f"#EXTINF:{round(f['duration'])},{f['title']}", f["file"])
    ]
    (audio / "playlist.m3u8").write_text("\n".join(playlist) + "\n", "utf-8")
    return timings
