"""What the talking books and the Word file share.

- their inputs from the other stages, through one adapter: ``book_inputs(out_dir,
  inputs)`` gives the audio timings (``a11y_pub.timings.Timings``) and the easy-read
  summary (``summary.json`` contract) from the values the pipeline passes (or, for a
  renderer called alone, from the files);
- their words (``data/books/strings.toml``): titles, headings, file names, and the
  descriptions the web page shows beside each download (``book_downloads``);
- text made safe for XML, and reproducible zips dated by ``build_time``
  (``SOURCE_DATE_EPOCH``, else the letter's date).
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import os
import re
import tomllib
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..model import Letter
from ..timings import TimedFile, Timings

# -- inputs from the other stages ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookInputs:
    """What the talking books take from the other stages.

    ``timings``: every MP3 with its sentence timings (the audio renderer's
    ``Timings``), None when no audio was made. ``summary``: the easy-read
    summary as the ``a11y-pub/summary@1`` dict (keys ``title``, ``notice``,
    ``blocks`` of ``heading``/``sentences``, ``glossary`` of
    ``term``/``definition``), None when there is none. ``audio_dir``: the
    folder holding the MP3s named in ``timings``.
    """

    timings: Timings | None
    summary: Mapping[str, Any] | None
    audio_dir: Path

    def file_for(self, section_id: str) -> TimedFile | None:
        """The MP3 speaking ``section_id`` (``summary`` for the easy-read summary), or None."""
        if self.timings is None:
            return None
        return next((f for f in self.timings.files if f.section_id == section_id), None)


def book_inputs(out_dir: Path, inputs: Any = None, *, timings: bool = True) -> BookInputs:
    """The one adapter to the other stages' results for a letter's output folder.

    Args:
        out_dir: the letter's output folder (the MP3s are in its ``audio/``).
        inputs: the build's values (``render.inputs.Inputs``) when the pipeline
            passes them: ``get("summary")`` (a ``render.summary.Summary``) and
            ``get("timings")`` (the ``a11y-pub/timings@1`` mapping, or a ``Timings``). Without them
            (a renderer called alone), the files ``summary.json`` and
            ``audio/timings.json`` are read instead.
        timings: False for a renderer that does not need the audio (the Word file).

    Raises:
        RenderError: the timings or summary are malformed.
    """
    from ..timings import read_timings

    audio_dir = Path(out_dir) / "audio"
    if inputs is None:
        from .summary import load_summary

        found = read_timings(audio_dir / "timings.json") if timings else None
        return BookInputs(found, load_summary(Path(out_dir)), audio_dir)
    value = inputs.get("summary")
    summary = None if value is None else value.to_dict()
    data = inputs.get("timings") if timings else None
    try:
        found = data if data is None or isinstance(data, Timings) else Timings.from_dict(data)
    except ValueError as exc:
        raise RenderError("malformed audio timings", path=audio_dir / "timings.json", cause=str(exc)) from exc
    return BookInputs(found, summary, audio_dir)


# -- strings -------------------------------------------------------------------------


def book_strings(language: str) -> dict[str, Any]:
    """The words of ``data/books/strings.toml`` for ``language`` (``fr`` or ``en``)."""
    data = resources.files("a11y_pub").joinpath("data/books/strings.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)[language]


def book_title(letter: Letter, words: Mapping[str, Any]) -> str:
    """The book's title: the letter's own title, else who writes to whom."""
    if letter.title.strip():
        return letter.title.strip()
    author = (letter.author or letter.signature).strip()
    recipient = (letter.recipient.name or letter.recipient.organisation).strip()
    if author and recipient:
        return words["title"].format(author=author, recipient=recipient)
    if author:
        return words["title_from"].format(author=author)
    return words["title_plain"]


def section_headings(letter: Letter, words: Mapping[str, Any]) -> tuple[str, ...]:
    """The heading of each section, in order (numbered as the large print numbers them)."""
    headings: list[str] = []
    counts: dict[str, int] = {}
    for section in letter.sections:
        counts[section.kind] = counts.get(section.kind, 0) + 1
        number = section.number if section.number is not None else counts[section.kind]
        title = section.title.strip()
        if section.kind == "commitment":
            heading = words["commitment"].format(number=number, title=title) if title else words["commitment_untitled"].format(number=number)
        elif section.kind == "appendix":
            heading = words["appendix"].format(title=title) if title else words["appendix_plain"]
        elif title:
            heading = title
        elif section.kind == "question":
            heading = words["question"].format(number=number)
        elif section.kind == "paragraph":
            heading = words["paragraph"].format(number=counts["paragraph"])
        else:
            heading = words[section.kind]
        headings.append(heading)
    return tuple(headings)


# Characters XML 1.0 cannot hold (C0 controls but tab and newlines, surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML cannot hold replaced by U+FFFD (shown, never dropped)."""
    return _NOT_XML.sub("\ufffd", text)


def escape_xml(text: str) -> str:
    """Escaped for XHTML (``xml_safe``, then ``& < > " '`` and carriage returns as references,
    so an XML parser reads back the very text)."""
    return html.escape(xml_safe(text), quote=True).replace("\r", "&#13;")




# -- typography -------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"


def keep_together(text: str, language: str) -> str:
    """French typography that keeps punctuation with its word, one character for one.

    In French, a space before ``: ; ! ?`` and ``»`` and after ``«`` becomes a no-break
    space (so no line starts with the mark), and an apostrophe between two letters
    becomes ’ (Imprimerie nationale, *Lexique des règles typographiques*); narrow and
    thin no-break spaces, missing from many fonts, become U+00A0 in both languages.
    The result has the length of ``text``, so the marks of an ``Inline`` still apply.
    """
    text = text.replace("\u202f", "\u00a0").replace("\u2009", "\u00a0")
    if language != "fr":
        return text
    text = re.sub(rf"(?<={_LETTER})'(?={_LETTER})", "\u2019", text)
    text = re.sub(r"« ", "«\u00a0", text)
    return re.sub(r" (?=[:;!?»])", "\u00a0", text)


# -- reproducible packages -------------------------------------------------------------


def build_time(letter: Letter) -> _dt.datetime:
    """The time stamped on a book's files: ``SOURCE_DATE_EPOCH`` when set (the
    reproducible-builds convention), else the letter's date at midnight UTC, else
    1980-01-01 (the earliest a zip can hold). Same input, same bytes.

    Raises:
        RenderError: ``SOURCE_DATE_EPOCH`` is set but not a whole number of seconds.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        except (ValueError, OverflowError, OSError) as exc:
            raise RenderError("SOURCE_DATE_EPOCH must be a whole number of seconds", cause=repr(epoch)) from exc
    elif letter.date_value is not None:
        day = letter.date_value
        moment = _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC)
    else:
        moment = _ZIP_EPOCH
    return max(moment, _ZIP_EPOCH)


_ZIP_EPOCH = _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)
_COMPRESSED = (".mp3", ".jpeg", ".jpg", ".png")


def zip_bytes(entries: Sequence[tuple[str, bytes]], moment: _dt.datetime, stored: Sequence[str] = ()) -> bytes:
    """A zip archive of ``entries`` (name, content) in the order given, every entry dated
    ``moment``, with fixed permissions; names in ``stored`` are not compressed (an EPUB's
    ``mimetype`` must be first and stored: EPUB 3.3 OCF, section 4.2), nor are MP3s (already
    compressed: deflating them costs time and saves nothing). Deterministic."""
    buffer = io.BytesIO()
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            keep = name in stored or name.lower().endswith(_COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if keep else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            archive.writestr(info, data, compresslevel=None if keep else 6)
    return buffer.getvalue()


# -- for the web page --------------------------------------------------------------------

_MEDIA_TYPES = {
    "epub": "application/epub+zip",
    "daisy_zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def book_downloads() -> tuple[tuple[str, str, str], ...]:
    """What the web page offers of the books: ``(file name, media type, description)``
    for each file the EPUB, DAISY and Word renderers may write, in both languages (a file
    name belongs to one language, its description is in that language). The
    description holds ``{size}`` for the file's size, as the page writes it."""
    data = resources.files("a11y_pub").joinpath("data/books/strings.toml").read_text(encoding="utf-8")
    out: list[tuple[str, str, str]] = []
    for words in tomllib.loads(data).values():
        for key, media_type in _MEDIA_TYPES.items():
            label = words["downloads"]["daisy" if key == "daisy_zip" else key]
            out.append((words["files"][key], media_type, label))
    return tuple(out)
