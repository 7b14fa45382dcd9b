"""DAISY 2.02 talking book: full text and full audio, synchronised sentence by sentence.

``render_daisy`` writes the folder ``daisy/`` (and the same files zipped, for
downloading: ``livre-audio-daisy.zip`` / ``talking-book-daisy.zip``):

- ``ncc.html``: the Navigation Control Center, XHTML 1.0, with the metadata
  DAISY 2.02 requires (``dc:title``, ``dc:creator``, ``dc:date``,
  ``dc:format`` "Daisy 2.02", ``dc:identifier``, ``dc:language``,
  ``dc:publisher``, ``ncc:charset``, ``ncc:depth``, ``ncc:files``,
  ``ncc:footnotes``, ``ncc:generator``, ``ncc:maxPageNormal``,
  ``ncc:multimediaType`` "audioFullText", ``ncc:narrator``, ``ncc:pageFront``,
  ``ncc:pageNormal``, ``ncc:pageSpecial``, ``ncc:prodNotes``, ``ncc:setInfo``,
  ``ncc:sidebars``, ``ncc:tocItems``, ``ncc:totalTime``) and one ``h1`` per
  section (the first, ``class="title"``, the book's title), each linking to
  the SMIL ``text`` element where that part starts;
- ``content.html``: the whole text (XHTML 1.0), the same as the large print,
  every spoken sentence in an element with an id;
- one SMIL 1.0 file per section (``c01.smil``…), one ``par`` per sentence:
  ``text src="content.html#id"`` and ``audio src="….mp3"
  clip-begin="npt=…s" clip-end="npt=…s"``, clips end to end over the MP3;
  ``ncc:timeInThisSmil`` and ``ncc:totalElapsedTime`` in each;
- ``master.smil`` listing the SMIL files; the section MP3s.

Standard: DAISY 2.02 Specification (DAISY Consortium, 2001), sections on the
NCC, SMIL files and content documents. Deterministic: same input, same bytes.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..files import atomic_write
from ..model import Letter
from ..options import BuildOptions
from . import Artifact
from .epub_chapters import Chapter, audio_clips, letter_chapters
from .epub_shared import book_inputs, book_strings, book_title, build_time, escape_xml, zip_bytes

log = logging.getLogger(__name__)

RENDERER = "daisy"
FOLDER = "daisy"
CONTENT = "content.html"
_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
_SMIL_DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'


def daisy_zip_name(language: str) -> str:
    """The zipped DAISY book's file name: ``livre-audio-daisy.zip`` / ``talking-book-daisy.zip``."""
    return str(book_strings(language)["files"]["daisy_zip"])


@dataclass(frozen=True, slots=True)
class _Smil:
    """One SMIL file: its chapter, clips and place in the book's time line (seconds)."""

    chapter: Chapter
    clips: tuple[tuple[str, str, float, float], ...]  # element id, text id, begin, end
    elapsed: float
    duration: float

    @property
    def name(self) -> str:
        return f"{self.chapter.id}.smil"


def render_daisy(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the DAISY 2.02 talking book of ``letter`` into ``out_dir/daisy`` and its zip.

    Args:
        letter: the letter.
        out_dir: the letter's output folder; audio timings and the summary come
            through ``book_inputs``.
        opts: build options (the book has none of its own).
        inputs: the build's values (``render.inputs.Inputs``: ``summary``,
            ``timings``) when the pipeline passes them; else the files are read.

    Returns:
        One Artifact per file of ``daisy/`` (``ncc.html`` first) and one for
        the zip; the NCC's carries the total time in seconds.

    Raises:
        RenderError: there are no audio timings (a DAISY "audioFullText" book
            needs the audio: build it too), or an MP3 they name is missing.
        OutputError: a file cannot be written.
    """
    del opts
    out_dir = Path(out_dir)
    inputs = book_inputs(out_dir, inputs)
    if inputs.timings is None:
        raise RenderError("the DAISY book needs the audio: build the audio too (--only audio,daisy)", path=out_dir)
    chapters = letter_chapters(letter, inputs, "daisy")
    words = book_strings(letter.language)
    title = book_title(letter, words)
    smils, total = _timed_smils(chapters)
    audio = _audio_files(smils, inputs.audio_dir)
    meta = _Meta(letter, words, title, _identifier(letter))
    files: list[tuple[str, bytes]] = [(CONTENT, _content(chapters, letter.language, title).encode())]
    files += [(s.name, _smil(s, meta).encode()) for s in smils]
    files.append(("master.smil", _master(smils, meta, total).encode()))
    count = len(files) + len(audio) + 1  # with the NCC itself
    size = sum(len(d) for _, d in files + audio)
    ncc = _ncc(smils, meta, total, count, size).encode()
    files = [("ncc.html", ncc), *files, *audio]
    artifacts = _write_book(out_dir, letter, files, total)
    log.info("DAISY 2.02 book written: %s/ (%d files, %.1f s of audio)", FOLDER, len(files), total)
    return artifacts


def _timed_smils(chapters: Sequence[Chapter]) -> tuple[list[_Smil], float]:
    """One ``_Smil`` per chapter with its clips, start and duration (seconds, ms-rounded), and the total."""
    smils: list[_Smil] = []
    elapsed = 0.0
    for chapter in chapters:
        clips = tuple(audio_clips(chapter))
        duration = round(clips[-1][3], 3) if clips else 0.0
        smils.append(_Smil(chapter, clips, round(elapsed, 3), duration))
        elapsed += duration
    return smils, round(elapsed, 3)


def _audio_files(smils: Sequence[_Smil], audio_dir: Path) -> list[tuple[str, bytes]]:
    """The MP3s the SMILs play, each once, in order: ``(file name, bytes)``.

    Raises:
        RenderError: an MP3 named by the timings cannot be read.
    """
    audio: list[tuple[str, bytes]] = []
    for smil in smils:
        name = smil.chapter.audio.file if smil.chapter.audio is not None and smil.clips else None
        if name is not None and all(name != n for n, _ in audio):
            source = audio_dir / name
            try:
                audio.append((name, source.read_bytes()))
            except OSError as exc:
                raise RenderError("the audio timings name an MP3 that cannot be read", path=source, cause=exc.strerror) from exc
    return audio


def _write_book(out_dir: Path, letter: Letter, files: Sequence[tuple[str, bytes]], total: float) -> list[Artifact]:
    """Write the book's files under ``out_dir/daisy`` and their zip; one Artifact each. Raises OutputError."""
    artifacts: list[Artifact] = []
    for name, data in files:
        atomic_write(out_dir / FOLDER / name, data)
        info: dict[str, Any] = {"total_time": total} if name == "ncc.html" else {}
        artifacts.append(Artifact(path=f"{FOLDER}/{name}", kind="daisy", renderer=RENDERER, info=info))
    archive = zip_bytes([(f"{FOLDER}/{n}", d) for n, d in files], build_time(letter))
    zip_name = daisy_zip_name(letter.language)
    atomic_write(out_dir / zip_name, archive)
    artifacts.append(Artifact(path=zip_name, kind="daisy-zip", renderer=RENDERER, info={"files": len(files)}))
    return artifacts


# -- documents -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Meta:
    letter: Letter
    words: Mapping[str, Any]
    title: str
    identifier: str

    @property
    def generator(self) -> str:
        return f"a11y-pub {_version()}"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("a11y-pub")
    except PackageNotFoundError:
        return "dev"


def _hms(seconds: float, fraction: bool = True) -> str:
    """``hh:mm:ss`` (DAISY 2.02 clock values), with milliseconds when ``fraction``."""
    millis = max(0, round(seconds * 1000)) if fraction else max(0, round(seconds)) * 1000
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    text = f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}"
    return f"{text}.{rest % 1000:03d}" if fraction else text


def _identifier(letter: Letter) -> str:
    digest = hashlib.sha256(letter.to_json().encode()).hexdigest()
    return f"a11y-pub-{uuid.uuid5(uuid.NAMESPACE_URL, 'a11y-pub-daisy:' + digest)}"


def _element_number(element_id: str) -> int:
    """The position of an element in its chapter, from its id (``c01-e7`` -> 7)."""
    tail = element_id.rsplit("-e", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _ncc_targets(smils: Sequence[_Smil]) -> list[str]:
    """For each SMIL, the id of the ``text`` element its NCC heading links to: the first
    sentence at or after the chapter's heading (the letter's header comes before it)."""
    targets: list[str] = []
    for smil in smils:
        heading = _element_number(smil.chapter.heading_id)
        chosen = 1
        for number, (_, text, _, _) in enumerate(smil.clips, start=1):
            if _element_number(text) >= heading:
                chosen = number
                break
        targets.append(f"{smil.chapter.id}-t{chosen}")
    return targets


def _ncc(smils: Sequence[_Smil], meta: _Meta, total: float, files: int, size: int) -> str:
    letter, lang = meta.letter, meta.letter.language
    creator = (letter.author or letter.signature).strip() or meta.title
    date = letter.date or build_time(letter).date().isoformat()
    fields = [
        ("dc:creator", creator, ""),
        ("dc:date", date, "yyyy-mm-dd"),
        ("dc:format", "Daisy 2.02", ""),
        ("dc:identifier", meta.identifier, ""),
        ("dc:language", lang, "ISO 639"),
        ("dc:publisher", creator, ""),
        ("dc:title", meta.title, ""),
        ("ncc:charset", "utf-8", ""),
        ("ncc:depth", "1", ""),
        ("ncc:files", str(files), ""),
        ("ncc:footnotes", "0", ""),
        ("ncc:generator", meta.generator, ""),
        ("ncc:kByteSize", str(round(size / 1024)), ""),
        ("ncc:maxPageNormal", "0", ""),
        ("ncc:multimediaType", "audioFullText", ""),
        ("ncc:narrator", str(meta.words["narrator"]), ""),
        ("ncc:pageFront", "0", ""),
        ("ncc:pageNormal", "0", ""),
        ("ncc:pageSpecial", "0", ""),
        ("ncc:prodNotes", "0", ""),
        ("ncc:setInfo", "1 of 1", ""),
        ("ncc:sidebars", "0", ""),
        ("ncc:tocItems", str(len(smils) + 1), ""),
        ("ncc:totalTime", _hms(total, fraction=False), "hh:mm:ss"),
    ]
    head = "\n".join(
        f'<meta name="{name}" content="{escape_xml(value)}"' + (f' scheme="{scheme}"' if scheme else "") + " />"
        for name, value, scheme in fields
    )
    targets = _ncc_targets(smils)
    first = smils[0]
    headings = [f'<h1 class="title" id="nav-title"><a href="{first.name}#{first.chapter.id}-t1">{escape_xml(meta.title)}</a></h1>']
    for number, (smil, target) in enumerate(zip(smils, targets, strict=True), start=1):
        headings.append(f'<h1 id="nav-{number}"><a href="{smil.name}#{target}">{escape_xml(smil.chapter.heading)}</a></h1>')
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_DOCTYPE}\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">\n<head>\n'
        '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />\n'
        f"<title>{escape_xml(meta.title)}</title>\n{head}\n</head>\n<body>\n" + "\n".join(headings) + "\n</body>\n</html>\n"
    )


def _content(chapters: Sequence[Chapter], lang: str, title: str) -> str:
    body = "".join(f'<div class="section" id="{c.id}">\n{c.body}</div>\n' for c in chapters)
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_DOCTYPE}\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">\n<head>\n'
        '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />\n'
        f"<title>{escape_xml(title)}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _smil_head(meta: _Meta, extra: Sequence[tuple[str, str]]) -> str:
    fields = [("dc:format", "Daisy 2.02"), ("dc:identifier", meta.identifier), ("dc:title", meta.title), ("ncc:generator", meta.generator), *extra]
    return "\n".join(f'<meta name="{n}" content="{escape_xml(v)}" />' for n, v in fields)


def _smil(smil: _Smil, meta: _Meta) -> str:
    chapter = smil.chapter
    head = _smil_head(meta, [("ncc:totalElapsedTime", _hms(smil.elapsed)), ("ncc:timeInThisSmil", _hms(smil.duration))])
    pars: list[str] = []
    audio = escape_xml(chapter.audio.file) if chapter.audio is not None else ""
    for number, (element, _, begin, end) in enumerate(smil.clips, start=1):
        pars.append(
            f'<par endsync="last" id="{chapter.id}-p{number}">\n'
            f'<text src="{CONTENT}#{element}" id="{chapter.id}-t{number}" />\n'
            f'<audio src="{audio}" clip-begin="npt={begin:.3f}s" clip-end="npt={end:.3f}s" id="{chapter.id}-a{number}" />\n'
            "</par>"
        )
    if not pars:  # a part without audio: its heading, silent
        pars.append(f'<par endsync="last" id="{chapter.id}-p1">\n<text src="{CONTENT}#{chapter.heading_id}" id="{chapter.id}-t1" />\n</par>')
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_SMIL_DOCTYPE}\n<smil>\n<head>\n{head}\n'
        '<layout>\n<region id="txtView" />\n</layout>\n</head>\n'
        f'<body>\n<seq dur="{smil.duration:.3f}s">\n' + "\n".join(pars) + "\n</seq>\n</body>\n</smil>\n"
    )


def _master(smils: Sequence[_Smil], meta: _Meta, total: float) -> str:
    head = _smil_head(meta, [("ncc:timeInThisSmil", _hms(total))])
    refs = "\n".join(f'<ref src="{s.name}" title="{escape_xml(s.chapter.heading)}" id="ms-{s.chapter.id}" />' for s in smils)
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_SMIL_DOCTYPE}\n<smil>\n<head>\n{head}\n'
        '<layout>\n<region id="txtView" />\n</layout>\n</head>\n'
        f"<body>\n{refs}\n</body>\n</smil>\n"
    )
