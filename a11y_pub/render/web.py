"""Web renderer: an accessible page with read-along audio, ready to upload.

``render_web`` writes ``out_dir/web/``, a folder that works as it is from
``file://`` or any static host:

- ``index.html``: the page (inline CSS, no external fonts, scripts or
  trackers), in the letter's language: the easy-read summary first, then each
  commitment, then the introduction, the conclusion and the appendix; each
  part with its own native ``<audio controls>`` player, a ``<track>`` of
  captions, and its transcript, whose sentences carry their timings
  (``data-start``/``data-end``) for the read-along highlight;
- ``read-along.js``: the small script for the highlight, the settings (text
  size, voice speed, follow along) and click-to-play;
- ``fonts/``: Atkinson Hyperlegible (SIL OFL) and its licence;
- ``audio/``: COPIES of the audio renderer's MP3s, WebVTT files and playlist
  (copies, not hard links: the folder is meant to be zipped or uploaded, and
  a copy stays valid when the audio is rebuilt or the output folder moves to
  another file system); a missing VTT is written here from ``timings.json``;
- copies of the large-print PDF and of the easy-read text, when built.

Inputs come from the other renderers' files in ``out_dir`` (``summary.json``
through ``load_summary``, ``audio/timings.json``, the PDF); each may be
absent (``--only web``) and the page is then built without it. All text from
the letter is HTML-escaped. Output is deterministic.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import string
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..dates import written_date
from ..errors import RenderError
from ..files import atomic_path, atomic_write
from ..model import Letter, Section
from ..options import BuildOptions
from ..timings import ID_PATTERN, Cue, TimedFile, Timings, read_timings, to_webvtt
from . import Artifact
from .summary import load_summary

log = logging.getLogger(__name__)

RENDERER = "web"
WEB_DIR = "web"
PDF_NAMES = ("gros-caracteres.pdf", "large-print.pdf")
EASY_READ_NAMES = ("resume-facile.txt", "easy-read.txt")
SUMMARY_SECTION_IDS = ("summary", "easy-read", "resume-facile", "resume")
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf", "OFL.txt")
SCRIPT_NAME = "read-along.js"
TEXT_SIZES = ("100", "125", "150", "200")
SPEEDS = ("0.75", "1", "1.25", "1.5")
# Files in web/ that a previous build may have left and this build did not write.
_MANAGED_SUFFIXES = (".html", ".js", ".mp3", ".vtt", ".m3u8", ".m3u", ".pdf", ".txt", ".ttf")


# -- timings ----------------------------------------------------------------

AudioTrack = TimedFile  # one MP3 of the audio renderer, as ``timings.json`` describes it


def load_timings(out_dir: Path) -> tuple[AudioTrack, ...] | None:
    """Read ``audio/timings.json`` from a letter's output folder.

    Returns:
        The audio files in listening order, or None when no timings exist.

    Raises:
        RenderError: the file exists but is unreadable, has another schema or
            malformed entries.
    """
    timings = read_timings(Path(out_dir) / "audio" / "timings.json")
    return None if timings is None else timings.files


# -- strings and data files ---------------------------------------------------


def load_strings(language: str) -> dict[str, Any]:
    """Return the page's interface strings for ``language`` (``fr`` or ``en``).

    Raises:
        RenderError: the strings file is missing or has no table for the language.
    """
    raw = _data_bytes("strings.toml")
    try:
        table = tomllib.loads(raw.decode("utf-8"))[language]
    except (tomllib.TOMLDecodeError, KeyError) as exc:
        raise RenderError("no web page strings for this language", cause=language) from exc
    return dict(table)


def _data_bytes(name: str) -> bytes:
    try:
        return resources.files("a11y_pub").joinpath("data", "web", name).read_bytes()
    except OSError as exc:
        raise RenderError("missing package data file", path=f"a11y_pub/data/web/{name}") from exc


def _font_path(name: str) -> Any:
    return resources.files("a11y_pub").joinpath("data", "fonts", name)


# -- formatting helpers --------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _fmt(strings: Mapping[str, Any], key: str, **values: Any) -> str:
    return str(strings[key]).format(**values)


def _duration_text(seconds: float, strings: Mapping[str, Any]) -> str:
    total = max(1, round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes:
        return _fmt(strings, "minutes_seconds", minutes=minutes, seconds=secs)
    return _fmt(strings, "seconds_only", seconds=secs)


def _size_text(size: int, strings: Mapping[str, Any]) -> str:
    if size < 1_000_000:
        return _fmt(strings, "size_kb", value=max(1, round(size / 1000)))
    value = f"{size / 1_000_000:.1f}".replace(".", strings["decimal_separator"])
    return _fmt(strings, "size_mb", value=value)


_WS = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces (no-break spaces are kept)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


# -- aligning cues with the text -----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph (``p``), list item (``li``) or sub-heading (``h3``) of a transcript."""

    kind: str
    text: str


def _keyed(text: str) -> tuple[str, list[int]]:
    """Return ``text`` with whitespace runs as one space, and key->text offsets."""
    key: list[str] = []
    index: list[int] = []
    for pos, char in enumerate(text):
        if char.isspace():
            if key and key[-1] == " ":
                continue
            char = " "
        key.append(char)
        index.append(pos)
    index.append(len(text))
    return "".join(key), index


def _align(blocks: Sequence[_Block], cues: Sequence[Cue]) -> list[tuple[int, int, int] | None]:
    """Find each cue, in order, in the blocks' text.

    Returns, per cue, ``(block index, start, end)`` offsets into the block's
    text, or None for a cue whose text is not in the blocks (a spoken heading,
    for instance). Cues are searched forward only, so sentences keep their
    order.
    """
    keyed = [_keyed(block.text) for block in blocks]
    result: list[tuple[int, int, int] | None] = []
    block_at, key_at = 0, 0
    for cue in cues:
        wanted = _WS.sub(" ", cue.text).strip()
        hit: tuple[int, int, int] | None = None
        # a heading is spoken with a full stop the page does not show
        candidates = [c for c in dict.fromkeys((wanted, wanted.rstrip("."))) if c]
        for b in range(block_at, len(blocks)) if candidates else ():
            key, index = keyed[b]
            for candidate in candidates:
                found = key.find(candidate, key_at if b == block_at else 0)
                if found >= 0:
                    end = found + len(candidate)
                    hit = (b, index[found], index[end - 1] + 1)
                    block_at, key_at = b, end
                    break
            if hit is not None:
                break
        result.append(hit)
    return result


def _sentence_span(text: str, cue: Cue) -> str:
    return (
        f'<span class="s" data-start="{cue.start:.3f}" data-end="{cue.end:.3f}">'
        f"{_esc(text)}</span>"
    )


def _transcript_html(blocks: Sequence[_Block], cues: Sequence[Cue]) -> str:
    """Render blocks as paragraphs/list items with the cues' sentences as spans.

    Cues not found in the text become their own paragraphs, where they are
    spoken, so the transcript holds everything the recording says.
    """
    alignment = _align(blocks, cues)
    per_block: dict[int, list[tuple[int, int, Cue]]] = {}
    extras_before: dict[int, list[Cue]] = {}
    pending: list[Cue] = []
    for cue, hit in zip(cues, alignment, strict=False):
        if hit is None:
            pending.append(cue)
            continue
        block, start, end = hit
        if pending:
            extras_before.setdefault(block, []).extend(pending)
            pending = []
        per_block.setdefault(block, []).append((start, end, cue))

    out: list[str] = []
    in_list = False

    def spoken_only(extra: Iterable[Cue]) -> None:
        nonlocal in_list
        if in_list:
            out.append("</ul>")
            in_list = False
        for cue in extra:
            out.append(f'<p class="spoken">{_sentence_span(_one_line(cue.text), cue)}</p>')

    for b, block in enumerate(blocks):
        spoken_only(extras_before.get(b, ()))
        pieces: list[str] = []
        pos = 0
        for start, end, cue in per_block.get(b, ()):
            pieces.append(_esc(block.text[pos:start]))
            pieces.append(_sentence_span(block.text[start:end], cue))
            pos = end
        pieces.append(_esc(block.text[pos:]))
        body = "".join(pieces)
        if block.kind == "h3":
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f"<h3>{body}</h3>")
        elif block.kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{body}</li>")
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f"<p>{body}</p>")
    spoken_only(pending)
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


# -- the renderer ----------------------------------------------------------------


@dataclass
class _Output:
    """What this build wrote into web/ (paths relative to out_dir)."""

    web: Path
    artifacts: list[Artifact]

    def record(self, target: Path, kind: str, **info: Any) -> None:
        rel = target.relative_to(self.web.parent).as_posix()
        self.artifacts.append(Artifact(path=rel, kind=kind, renderer=RENDERER, info=info))

    def written(self) -> set[Path]:
        return {self.web.parent / a.path for a in self.artifacts}


def _copy(source: Path, target: Path) -> None:
    with atomic_path(target) as tmp:
        try:
            shutil.copyfile(source, tmp)
        except OSError as exc:
            raise RenderError("cannot copy into the web folder", path=source, cause=str(exc)) from exc


def render_web(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the accessible web page and the files it links to under ``out_dir/web``.

    Args:
        letter: the letter to publish.
        out_dir: the letter's output folder; the summary, audio and PDF
            renderers' files are read from it when present.
        opts: build options (the page has no options of its own yet).

    Returns:
        One Artifact per file written in ``web/`` (page, script, fonts, copied
        audio, captions, playlist, PDF and easy-read text).

    Raises:
        RenderError: the timings or summary file is malformed, or a file
            cannot be copied.
        OutputError: the web folder cannot be written.
    """
    del opts  # no web-specific options yet; kept for the renderer signature
    out_dir = Path(out_dir)
    web = out_dir / WEB_DIR
    strings = load_strings(letter.language)
    output = _Output(web=web, artifacts=[])

    if inputs is None:
        summary, timed = load_summary(out_dir), read_timings(out_dir / "audio" / "timings.json")
    else:  # the build's values: Summary (render/summary.py) and the timings mapping
        value = inputs.get("summary")
        summary = None if value is None else value.to_dict()
        data = inputs.get("timings")
        timed = None if data is None else Timings.from_dict(data)
    tracks = _copy_audio(out_dir, output, None if timed is None else timed.files)
    downloads = _copy_downloads(out_dir, output, strings, tracks)
    _write_assets(output)

    credit = timed.credit if timed is not None and tracks else ""  # the voice's licence asks for it
    page = _page_html(letter, strings, summary, tracks, downloads, credit)
    index = web / "index.html"
    atomic_write(index, page)
    output.record(index, "web-page", language=letter.language)
    _remove_stale(web, output.written())
    log.info("web page written: %s (%d files)", index, len(output.artifacts))
    return output.artifacts


@dataclass(frozen=True, slots=True)
class _Player:
    """An audio file copied into web/audio, with its captions."""

    track: AudioTrack
    src: str  # relative to web/
    captions: str | None


def _copy_audio(out_dir: Path, output: _Output, tracks: tuple[TimedFile, ...] | None) -> dict[str, list[_Player]]:
    """Copy MP3s, VTTs and the playlist; return players by role.

    Roles: a section id, ``"summary"`` or ``"full"`` (a file with no section,
    such as the whole letter in one file).
    """
    audio = out_dir / "audio"
    players: dict[str, list[_Player]] = {}
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
        _copy(source, target)
        output.record(
            target, "web-audio", source=f"audio/{track.file}", section_id=track.section_id
        )
        vtt_source = audio / f"{track.stem}.vtt"
        vtt_target = output.web / "audio" / f"{track.stem}.vtt"
        captions: str | None = None
        if vtt_source.is_file():
            _copy(vtt_source, vtt_target)
            output.record(vtt_target, "web-captions", source=f"audio/{vtt_source.name}")
            captions = f"audio/{vtt_target.name}"
        elif track.cues:
            atomic_write(vtt_target, to_webvtt(track.cues))
            output.record(vtt_target, "web-captions", source="audio/timings.json")
            captions = f"audio/{vtt_target.name}"
        role = _role(track)
        players.setdefault(role, []).append(
            _Player(track=track, src=f"audio/{track.file}", captions=captions)
        )
    playlist = audio / "playlist.m3u8"
    if playlist.is_file():
        target = output.web / "audio" / playlist.name
        _copy(playlist, target)
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
class _Link:
    href: str  # relative to web/
    text: str
    type: str


def _copy_downloads(
    out_dir: Path,
    output: _Output,
    strings: Mapping[str, Any],
    players: Mapping[str, list[_Player]],
) -> list[_Link]:
    """Copy the PDF and easy-read text; return the download links in order."""
    links = _copy_files(out_dir, output, strings, PDF_NAMES, "web-pdf", "download_pdf", "application/pdf")
    for player in players.get("full", ()):
        size = _size_text((output.web / player.src).stat().st_size, strings)
        duration = _duration_text(player.track.duration, strings)
        text = _fmt(strings, "download_full_mp3", duration=duration, size=size)
        links.append(_Link(player.src, text, "audio/mpeg"))
    if (output.web / "audio" / "playlist.m3u8").is_file() and any(
        a.kind == "web-playlist" for a in output.artifacts
    ):
        links.append(
            _Link("audio/playlist.m3u8", strings["download_playlist"], "audio/x-mpegurl")
        )
    links += _copy_files(out_dir, output, strings, EASY_READ_NAMES, "web-text", "download_easy_read", "text/plain")
    links += _copy_books(out_dir, output, strings)
    return links


def _copy_books(out_dir: Path, output: _Output, strings: Mapping[str, Any]) -> list[_Link]:
    """Copy the talking books (EPUB, DAISY zip) and the Word file into ``web/``; one link each,
    described as their renderers describe them (``render.epub_chapters.book_downloads``)."""
    from .epub_chapters import book_downloads

    links: list[_Link] = []
    for name, media_type, description in book_downloads():
        source = out_dir / name
        if source.is_file():
            target = output.web / name
            _copy(source, target)
            output.record(target, "web-download", source=name)
            links.append(_Link(name, description.format(size=_size_text(source.stat().st_size, strings)), media_type))
    return links


def _copy_files(
    out_dir: Path,
    output: _Output,
    strings: Mapping[str, Any],
    names: Sequence[str],
    kind: str,
    label: str,
    mime: str,
) -> list[_Link]:
    """Copy those of ``names`` that exist into ``web/``; one download link each."""
    links: list[_Link] = []
    for name in names:
        source = out_dir / name
        if source.is_file():
            target = output.web / name
            _copy(source, target)
            output.record(target, kind, source=name)
            size = _size_text(source.stat().st_size, strings)
            links.append(_Link(name, _fmt(strings, label, size=size), mime))
    return links


def _write_assets(output: _Output) -> None:
    script = output.web / SCRIPT_NAME
    atomic_write(script, _data_bytes(SCRIPT_NAME))
    output.record(script, "web-script")
    for name in FONT_FILES:
        target = output.web / "fonts" / name
        try:
            data = _font_path(name).read_bytes()
        except OSError as exc:
            raise RenderError("missing package font", path=f"a11y_pub/data/fonts/{name}") from exc
        atomic_write(target, data)
        output.record(target, "web-font")


def _remove_stale(web: Path, written: set[Path]) -> None:
    """Delete files an earlier build left in web/ that this build did not write."""
    for path in sorted(web.rglob("*")):
        if path.is_file() and path.suffix in _MANAGED_SUFFIXES and path not in written:
            log.info("removing stale file %s", path)
            path.unlink(missing_ok=True)


# -- the page ---------------------------------------------------------------------


def _page_title(letter: Letter, strings: Mapping[str, Any]) -> str:
    author = letter.author or letter.signature
    subject = _one_line(letter.subject)
    if subject and author:
        return _fmt(strings, "page_title", subject=subject, author=author)
    if author:
        return _fmt(strings, "page_title_no_subject", author=author)
    return subject or str(strings["page_title_bare"])


def _heading_text(letter: Letter, strings: Mapping[str, Any]) -> str:
    author = letter.author or letter.signature
    if letter.subject:
        return _one_line(letter.subject)
    if author:
        return _fmt(strings, "page_title_no_subject", author=author)
    return str(strings["page_title_bare"])


def _letter_meta(letter: Letter, strings: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    author = ", ".join(x for x in (letter.author or letter.signature, letter.author_role) if x)
    if author:
        lines.append(_fmt(strings, "letter_from", author=author))
    r = letter.recipient
    recipient = ", ".join(x for x in (r.name, r.role, r.organisation) if x)
    if recipient:
        lines.append(_fmt(strings, "letter_to", recipient=recipient))
    if letter.date_value is not None:
        date = written_date(letter.date_value, letter.language)
        if letter.place:
            lines.append(_fmt(strings, "letter_date", place=letter.place, date=date))
        else:
            lines.append(date)
    elif letter.place:
        lines.append(letter.place)
    return lines


def _section_heading(section: Section, strings: Mapping[str, Any]) -> str:
    title = _one_line(section.title)
    if section.kind == "commitment" and section.number is not None:
        key = "commitment" if title else "commitment_untitled"
        return _fmt(strings, key, number=section.number, title=title)
    if section.kind == "commitment":
        return title or str(strings["commitment_plain"])
    return title or str(strings[section.kind])


def _player_html(
    player: _Player, player_id: str, title: str, strings: Mapping[str, Any], language: str
) -> str:
    caption_id = f"{player_id}-legende"
    label = _fmt(
        strings,
        "listen_duration",
        title=title,
        duration=_duration_text(player.track.duration, strings),
    )
    track = ""
    if player.captions:
        track = (
            f'\n<track kind="captions" src="{_esc(player.captions)}" srclang="{language}" '
            f'label="{_esc(strings["captions_label"])}" default>'
        )
    return (
        '<figure class="player">\n'
        f'<figcaption id="{caption_id}">{_esc(label)}</figcaption>\n'
        f'<audio id="{player_id}" controls preload="none" src="{_esc(player.src)}" '
        f'aria-labelledby="{caption_id}">{track}\n'
        f'<p>{_esc(strings["audio_unsupported"])} '
        f'<a href="{_esc(player.src)}" type="audio/mpeg">{_esc(player.track.file)}</a></p>\n'
        "</audio>\n"
        "</figure>"
    )


def _part_html(
    part_id: str,
    heading: str,
    blocks: Sequence[_Block],
    player: _Player | None,
    strings: Mapping[str, Any],
    language: str,
    *,
    extra_class: str = "",
    before_transcript: str = "",
    after_transcript: str = "",
) -> str:
    classes = f"part {extra_class}".strip()
    out = [
        f'<section class="{classes}" id="{part_id}" aria-labelledby="titre-{part_id}">',
        f'<h2 id="titre-{part_id}">{_esc(heading)}</h2>',
    ]
    if before_transcript:
        out.append(before_transcript)
    if player is not None:
        player_id = f"lecteur-{part_id}"
        out.append(_player_html(player, player_id, heading, strings, language))
        out.append(f'<div class="transcript" data-audio="{player_id}">')
        out.append(_transcript_html(blocks, player.track.cues))
        out.append("</div>")
    else:
        out.append('<div class="transcript">')
        out.append(_transcript_html(blocks, ()))
        out.append("</div>")
    if after_transcript:
        out.append(after_transcript)
    out.append("</section>")
    return "\n".join(out)


def _summary_html(
    summary: Mapping[str, Any],
    player: _Player | None,
    strings: Mapping[str, Any],
    language: str,
) -> str:
    blocks: list[_Block] = []
    for block in summary.get("blocks") or ():
        if not isinstance(block, Mapping):
            continue
        heading = _one_line(str(block.get("heading") or ""))
        if heading:
            blocks.append(_Block("h3", heading))
        sentences = [str(s) for s in block.get("sentences") or () if str(s).strip()]
        blocks.extend(_Block("p", _one_line(s)) for s in sentences)
    if not blocks:
        blocks = [
            _Block("p", _one_line(str(s.get("text", ""))))
            for s in summary.get("sentences") or ()
            if isinstance(s, Mapping) and str(s.get("text", "")).strip()
        ]
    source = str(summary.get("source") or "draft")
    note_key = "summary_note_staff" if source.startswith("staff") else "summary_note_draft"
    note = f'<p class="note">{_esc(strings[note_key])}</p>'
    glossary = ""
    entries = [
        g for g in summary.get("glossary") or () if isinstance(g, Mapping) and g.get("term")
    ]
    if entries:
        rows = "\n".join(
            f"<dt>{_esc(_one_line(str(g['term'])))}</dt>\n"
            f"<dd>{_esc(_one_line(str(g.get('definition', ''))))}</dd>"
            for g in entries
        )
        glossary = f'<h3 id="glossaire">{_esc(strings["glossary"])}</h3>\n<dl>\n{rows}\n</dl>'
    return _part_html(
        "resume",
        _one_line(str(summary.get("title") or "")) or str(strings["summary"]),
        blocks,
        player,
        strings,
        language,
        extra_class="easy-read",
        before_transcript=note,
        after_transcript=glossary,
    )


def _section_blocks(letter: Letter, section: Section) -> list[_Block]:
    blocks = [_Block("p", _one_line(p)) for p in section.paragraphs if p.strip()]
    blocks += [_Block("li", _one_line(i)) for i in section.items if i.strip()]
    if section.kind == "introduction" and letter.salutation:
        blocks.insert(0, _Block("p", _one_line(letter.salutation)))
    if section.kind == "conclusion":
        blocks += [_Block("p", _one_line(x)) for x in (letter.closing, letter.signature) if x]
    return blocks


def _downloads_html(links: Sequence[_Link], strings: Mapping[str, Any]) -> str:
    if not links:
        return ""
    items = "\n".join(
        f'<li><a href="{_esc(link.href)}" type="{link.type}">{_esc(link.text)}</a></li>'
        for link in links
    )
    return (
        '<nav class="downloads" aria-labelledby="telechargements">\n'
        f'<p class="downloads-title" id="telechargements">{_esc(strings["downloads"])}</p>\n'
        f"<ul>\n{items}\n</ul>\n</nav>"
    )


def _options_html(values: Sequence[str], labels: Sequence[str], selected: str) -> str:
    return "".join(
        f'<option value="{v}"{" selected" if v == selected else ""}>{_esc(label)}</option>\n'
        for v, label in zip(values, labels, strict=False)
    )


def _page_html(
    letter: Letter,
    strings: Mapping[str, Any],
    summary: Mapping[str, Any] | None,
    players: Mapping[str, list[_Player]],
    downloads: Sequence[_Link],
    credit: str = "",
) -> str:
    language = letter.language

    def first(role: str) -> _Player | None:
        found = players.get(role)
        return found[0] if found else None

    parts: list[str] = []
    if summary is not None:
        parts.append(_summary_html(summary, first("summary"), strings, language))

    def section_part(section: Section) -> str:
        return _part_html(
            section.id,
            _section_heading(section, strings),
            _section_blocks(letter, section),
            first(section.id),
            strings,
            language,
        )

    parts += [section_part(s) for s in letter.sections if s.kind == "commitment"]
    parts += [section_part(s) for s in letter.sections if s.kind == "introduction"]
    # recordings of parts the letter has no section for (an introduction the
    # audio makes from the letter's heading, say): shown with their transcript
    known = {s.id for s in letter.sections} | {"summary", "full"}
    for role in sorted(r for r in set(players) - known if ID_PATTERN.match(r)):
        player = players[role][0]
        title = _one_line(player.track.title) or str(strings["paragraph"])
        parts.append(_part_html(role, title, (), player, strings, language))
    parts += [
        section_part(s)
        for s in letter.sections
        if s.kind not in ("commitment", "introduction")
    ]
    meta = [f"<p>{_esc(line)}</p>" for line in _letter_meta(letter, strings)]
    letter_meta = '<div class="letter-meta">\n' + "\n".join(meta) + "\n</div>" if meta else ""
    downloads_html = _downloads_html(downloads, strings)
    if downloads_html:
        letter_meta = f"{letter_meta}\n{downloads_html}" if letter_meta else downloads_html
    if credit:  # the voice's licence asks for credit wherever its audio is published
        credit_html = f'<p class="voice-credit">{_esc(_fmt(strings, "voice_credit", credit=credit))}</p>'
        letter_meta = f"{letter_meta}\n{credit_html}" if letter_meta else credit_html

    template = string.Template(_data_bytes("page.html").decode("utf-8"))
    return template.substitute(
        lang=language,
        title=_esc(_page_title(letter, strings)),
        css=_data_bytes("page.css").decode("utf-8"),
        skip_link=_esc(strings["skip_link"]),
        heading=_esc(_heading_text(letter, strings)),
        letter_meta=letter_meta,
        settings=_esc(strings["settings"]),
        text_size=_esc(strings["text_size"]),
        text_size_options=_options_html(TEXT_SIZES, strings["text_size_options"], "100"),
        speed=_esc(strings["speed"]),
        speed_options=_options_html(SPEEDS, strings["speed_options"], "1"),
        follow=_esc(strings["follow"]),
        read_along_hint=_esc(strings["read_along_hint"]),
        main="\n".join(parts) + "\n",
        script=SCRIPT_NAME,
    )
