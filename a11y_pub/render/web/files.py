"""Files of the web folder: copied audio, captions, downloads, script and fonts."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import RenderError
from ...files import atomic_path, atomic_write
from .. import Artifact
from .timings import AudioTrack, to_webvtt
from .transcript import data_bytes, duration_text, fmt, font_path, size_text

log = logging.getLogger(__name__)

RENDERER = "web"
PDF_NAMES = ("gros-caracteres.pdf", "large-print.pdf")
EASY_READ_PDF_NAMES = ("resume-facile.pdf", "easy-read.pdf")
EASY_READ_NAMES = ("resume-facile.txt", "easy-read.txt")
SUMMARY_SECTION_IDS = ("summary", "easy-read", "resume-facile", "resume")
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf", "OFL.txt")
SCRIPT_NAME = "read-along.js"
# Files in web/ that a previous build may have left and this build did not write.
_MANAGED_SUFFIXES = (".html", ".js", ".mp3", ".vtt", ".m3u8", ".m3u", ".pdf", ".txt", ".ttf", ".epub", ".zip", ".docx")


@dataclass
class WebOutput:
    """What this build wrote into web/ (paths relative to out_dir)."""

    web: Path
    artifacts: list[Artifact]

    def record(self, target: Path, kind: str, **info: Any) -> None:
        rel = target.relative_to(self.web.parent).as_posix()
        self.artifacts.append(Artifact(path=rel, kind=kind, renderer=RENDERER, info=info))

    def written(self) -> set[Path]:
        return {self.web.parent / a.path for a in self.artifacts}


def copy_file(source: Path, target: Path) -> None:
    with atomic_path(target) as tmp:
        try:
            shutil.copyfile(source, tmp)
        except OSError as exc:
            raise RenderError("cannot copy into the web folder", path=source, cause=str(exc)) from exc


@dataclass(frozen=True, slots=True)
class Player:
    """An audio file copied into web/audio, with its captions."""

    track: AudioTrack
    src: str  # relative to web/
    captions: str | None


def copy_audio(out_dir: Path, output: WebOutput, tracks: tuple[AudioTrack, ...] | None) -> dict[str, list[Player]]:
    """Copy MP3s, VTTs and the playlist; return players by role.

    Roles: a section id, ``"summary"`` or ``"full"`` (a file with no section,
    such as the whole letter in one file).
    """
    audio = out_dir / "audio"
    players: dict[str, list[Player]] = {}
    if tracks is None:
        if audio.is_dir() and any(audio.glob("*.mp3")):
            log.warning("audio files without timings.json in %s: not published", audio)
        return players
    for track in tracks:
        source = audio / track.file
        if not source.is_file():
            log.warning("timings.json lists %s but the file is missing: skipped", source)
            continue
        target = output.web / "audio" / track.file
        copy_file(source, target)
        output.record(
            target, "web-audio", source=f"audio/{track.file}", section_id=track.section_id
        )
        vtt_source = audio / f"{track.stem}.vtt"
        vtt_target = output.web / "audio" / f"{track.stem}.vtt"
        captions: str | None = None
        if vtt_source.is_file():
            copy_file(vtt_source, vtt_target)
            output.record(vtt_target, "web-captions", source=f"audio/{vtt_source.name}")
            captions = f"audio/{vtt_target.name}"
        elif track.cues:
            atomic_write(vtt_target, to_webvtt(track.cues))
            output.record(vtt_target, "web-captions", source="audio/timings.json")
            captions = f"audio/{vtt_target.name}"
        role = _role(track)
        players.setdefault(role, []).append(
            Player(track=track, src=f"audio/{track.file}", captions=captions)
        )
    playlist = audio / "playlist.m3u8"
    if playlist.is_file():
        target = output.web / "audio" / playlist.name
        copy_file(playlist, target)
        output.record(target, "web-playlist", source="audio/playlist.m3u8")
    return players


def _role(track: AudioTrack) -> str:
    sid = track.section_id
    if sid in SUMMARY_SECTION_IDS:
        return "summary"
    if not sid or sid in ("letter", "lettre", "full", "all", "whole"):
        return "full"
    return sid


@dataclass(frozen=True, slots=True)
class Link:
    """A download: ``href`` relative to web/, its label, MIME type and what it is for."""

    href: str
    text: str
    type: str
    purpose: str = ""


def copy_downloads(
    out_dir: Path,
    output: WebOutput,
    strings: Mapping[str, Any],
    players: Mapping[str, list[Player]],
) -> list[Link]:
    """Copy the PDFs, books and easy-read text; return the download links in order, each with its purpose."""
    links = _copy_files(out_dir, output, strings, PDF_NAMES, "web-pdf", "download_pdf", "application/pdf")
    links += _copy_files(out_dir, output, strings, EASY_READ_PDF_NAMES, "web-pdf", "download_easy_read_pdf", "application/pdf")
    links += _copy_books(out_dir, output, strings)
    for player in players.get("full", ()):
        size = size_text((output.web / player.src).stat().st_size, strings)
        duration = duration_text(player.track.duration, strings)
        text = fmt(strings, "download_full_mp3", duration=duration, size=size)
        links.append(Link(player.src, text, "audio/mpeg", str(strings["download_full_mp3_purpose"])))
    if (output.web / "audio" / "playlist.m3u8").is_file() and any(
        a.kind == "web-playlist" for a in output.artifacts
    ):
        links.append(
            Link("audio/playlist.m3u8", strings["download_playlist"], "audio/x-mpegurl", str(strings["download_playlist_purpose"]))
        )
    links += _copy_files(out_dir, output, strings, EASY_READ_NAMES, "web-text", "download_easy_read", "text/plain")
    return links


def _copy_books(out_dir: Path, output: WebOutput, strings: Mapping[str, Any]) -> list[Link]:
    """Copy the talking books (EPUB, DAISY zip) and the Word file into ``web/``; one link each,
    described as their renderers describe them (``render.epub_chapters.book_downloads``:
    the description says what the file is for)."""
    from ..epub_chapters import book_downloads

    links: list[Link] = []
    for name, media_type, description in book_downloads():
        source = out_dir / name
        if source.is_file():
            target = output.web / name
            copy_file(source, target)
            output.record(target, "web-download", source=name)
            links.append(Link(name, description.format(size=size_text(source.stat().st_size, strings)), media_type))
    return links


def _copy_files(
    out_dir: Path,
    output: WebOutput,
    strings: Mapping[str, Any],
    names: Sequence[str],
    kind: str,
    label: str,
    mime: str,
) -> list[Link]:
    """Copy those of ``names`` that exist into ``web/``; one download link each."""
    links: list[Link] = []
    for name in names:
        source = out_dir / name
        if source.is_file():
            target = output.web / name
            copy_file(source, target)
            output.record(target, kind, source=name)
            size = size_text(source.stat().st_size, strings)
            links.append(Link(name, fmt(strings, label, size=size), mime, str(strings[f"{label}_purpose"])))
    return links


def write_assets(output: WebOutput) -> None:
    script = output.web / SCRIPT_NAME
    atomic_write(script, data_bytes(SCRIPT_NAME))
    output.record(script, "web-script")
    for name in FONT_FILES:
        target = output.web / "fonts" / name
        try:
            data = font_path(name).read_bytes()
        except OSError as exc:
            raise RenderError("missing package font", path=f"a11y_pub/data/fonts/{name}") from exc
        atomic_write(target, data)
        output.record(target, "web-font")


def remove_stale(web: Path, written: set[Path]) -> None:
    """Delete files an earlier build left in web/ that this build did not write."""
    for path in sorted(web.rglob("*")):
        if path.is_file() and path.suffix in _MANAGED_SUFFIXES and path not in written:
            log.info("web page: removing %s, no longer part of the letter", path.relative_to(web).as_posix())
            path.unlink(missing_ok=True)
