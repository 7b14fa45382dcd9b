"""ID3v2.4 tags for the MP3 files: title, author, album, track, language, transcript, voice, chapters.

Chapters follow the ID3v2 chapter addendum: one CHAP frame per section under
a top-level ordered CTOC, written in chapter order (players built on ffmpeg
list chapters in frame order; mutagen orders frames by size, so
``chapters_in_order`` puts them back).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...model import Letter
from .script import audio_strings, spoken_date

LANGUAGE_TAGS = {"fr": "fra", "en": "eng"}  # ISO 639-2 codes for TLAN, USLT and COMM


def album(letter: Letter) -> str:
    date = spoken_date(letter)
    subject = letter.subject or letter.sections[0].title or "Lettre"
    return f"{subject} ({date})" if date else subject


def tag_mp3(
    path: Path,
    *,
    letter: Letter,
    title: str,
    track: int,
    total: int,
    transcript: str,
    engine: str,
    voice: str,
    credit: str = "",
    chapters: Sequence[tuple[str, int, int]] = (),
) -> None:
    """Write ID3v2.4 tags into the MP3 at ``path`` (the file's start; audio is appended after).

    ``track``/``total`` go to TRCK; ``transcript`` to USLT (WCAG 1.2.1 text
    alternative); ``engine``, ``voice`` and ``credit`` (the licence's credit
    line, none when empty) to TXXX frames and COMM; ``chapters`` are
    ``(title, start ms, end ms)`` in order, written as CHAP frames under a CTOC.
    """
    from mutagen.id3 import (
        COMM,
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
    )

    lang3 = LANGUAGE_TAGS.get(letter.language, "und")
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    if letter.author:
        tags.add(TPE1(encoding=3, text=letter.author))
    tags.add(TALB(encoding=3, text=album(letter)))
    tags.add(TRCK(encoding=3, text=f"{track}/{total}"))
    if letter.date:
        tags.add(TDRC(encoding=3, text=letter.date))
    tags.add(TLAN(encoding=3, text=lang3))
    tags.add(TCON(encoding=3, text="Speech"))
    tags.add(USLT(encoding=3, lang=lang3, desc="", text=transcript))
    tags.add(TXXX(encoding=3, desc="a11y-pub engine", text=engine))
    tags.add(TXXX(encoding=3, desc="a11y-pub voice", text=voice))
    comment = audio_strings(letter.language)["tags"]["comment"].format(engine=engine, voice=voice)
    tags.add(COMM(encoding=3, lang=lang3, desc="", text=f"{comment}. {credit}" if credit else comment))
    if credit:
        tags.add(TXXX(encoding=3, desc="a11y-pub credit", text=credit))
    if chapters:
        _add_chapters(tags, title, chapters)
    rendered = io.BytesIO()
    tags.save(rendered, v2_version=4, padding=lambda info: 0)
    path.write_bytes(chapters_in_order(rendered.getvalue()))


def _syncsafe(raw: bytes) -> int:
    return (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]


def chapters_in_order(tag: bytes) -> bytes:
    """The ID3v2.4 ``tag`` (no extended header, no unsynchronisation, as mutagen writes it)
    with its CHAP frames right after the CTOC, in order of start time.

    mutagen orders frames by size, so a short chapter title came first;
    players built on ffmpeg list chapters in frame order. Frames other than
    CHAP keep their order; the tag's size does not change.

    Raises:
        ValueError: ``tag`` is not an ID3v2.4 tag or a frame runs past its end.
    """
    if tag[:4] != b"ID3\x04" or len(tag) < 10:
        raise ValueError("not an ID3v2.4 tag")
    end = 10 + _syncsafe(tag[6:10])
    frames: list[bytes] = []
    pos = 10
    while pos + 10 <= end and tag[pos] != 0:
        size = 10 + _syncsafe(tag[pos + 4 : pos + 8])
        if pos + size > end:
            raise ValueError(f"ID3 frame at byte {pos} runs past the end of the tag")
        frames.append(tag[pos : pos + size])
        pos += size
    chapters = [f for f in frames if f[:4] == b"CHAP"]
    if not chapters:
        return tag

    def start_time(frame: bytes) -> tuple[int, int]:
        body = frame[10:]
        times = body.index(b"\0") + 1  # after the element id
        return int.from_bytes(body[times : times + 4], "big"), int.from_bytes(body[times + 4 : times + 8], "big")

    chapters.sort(key=start_time)
    others = [f for f in frames if f[:4] != b"CHAP"]
    at = next((i + 1 for i, f in enumerate(others) if f[:4] == b"CTOC"), len(others))
    ordered = others[:at] + chapters + others[at:]
    return tag[:10] + b"".join(ordered) + tag[pos:]


def _add_chapters(tags: Any, title: str, chapters: Sequence[tuple[str, int, int]]) -> None:
    """A top-level ordered CTOC titled ``title`` and one CHAP per ``(title, start ms, end ms)``."""
    from mutagen.id3 import CHAP, CTOC, TIT2, CTOCFlags

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
