"""EPUB 3 talking book: the letter's text and its audio, synchronised sentence by sentence.

``render_epub`` writes ``livre-audio.epub`` (``talking-book.epub`` in
English): one XHTML content document per section of the letter and one for
the easy-read summary (``epub_chapters``), each with its section's MP3 and a
Media Overlay (SMIL 3.0, one ``<par>`` per spoken sentence, ``clipBegin`` /
``clipEnd`` from the audio renderer's sentence timings), a navigation
document, ``media:duration`` per overlay and in total, the package
``xml:lang``, the large-print typeface (Atkinson Hyperlegible, SIL OFL) and
the schema.org accessibility metadata of EPUB Accessibility
1.1 (conformance claimed: WCAG 2.2 Level AA).

Standards: EPUB 3.3 (W3C Recommendation 2023: OCF zip with ``mimetype`` first
and stored, package document, navigation document), EPUB 3 Media Overlays
3.3, EPUB Accessibility 1.1 and its Techniques (schema.org ``accessMode``,
``accessModeSufficient``, ``accessibilityFeature``, ``accessibilityHazard``,
``accessibilitySummary``). Checked in the tests with EPUBCheck and Ace by DAISY.

The file is byte-identical for the same input and options: entries in a
fixed order with one date (``epub_shared.build_time``), an identifier
derived from the letter's content, no clock read.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Mapping, Sequence
from importlib import resources
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

RENDERER = "epub"
ACTIVE_CLASS = "-epub-media-overlay-active"
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

# The large-print typeface travels with the book (SIL Open Font License 1.1, whose text each
# font file carries in its name table); reading systems may still let the reader choose another.
_FONTS = (("AtkinsonHyperlegible-Regular.ttf", "normal"), ("AtkinsonHyperlegible-Bold.ttf", "bold"))
_CSS = "".join(
    f'@font-face {{ font-family: "Atkinson Hyperlegible"; font-weight: {weight}; src: url("fonts/{name}"); }}\n'
    for name, weight in _FONTS
) + """\
body { font-family: "Atkinson Hyperlegible", Arial, sans-serif; line-height: 1.5; text-align: left; }
h1, h2 { font-weight: bold; line-height: 1.3; }
p.title { font-size: 1.3em; font-weight: bold; }
p.notice { font-style: normal; }
table { border-collapse: collapse; }
th, td { border: 1px solid currentColor; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
blockquote { margin-left: 1.5em; }
.-epub-media-overlay-active { background-color: #ffeb3b; color: #000000; }
"""


def epub_name(language: str) -> str:
    """The EPUB's file name for a letter in ``language``: ``livre-audio.epub`` / ``talking-book.epub``."""
    return str(book_strings(language)["files"]["epub"])


def render_epub(letter: Letter, out_dir: Path, opts: BuildOptions, *, inputs: Any = None) -> list[Artifact]:
    """Write the EPUB 3 talking book of ``letter`` into ``out_dir``.

    Args:
        letter: the letter.
        out_dir: the letter's output folder; the audio (``audio/*.mp3`` with
            their timings) and the summary are taken through ``book_inputs``.
        opts: build options (the book has none of its own).
        inputs: the build's values (``render.inputs.Inputs``: ``summary``,
            ``timings``) when the pipeline passes them; else the files are read.

    Returns:
        One Artifact, ``livre-audio.epub`` or ``talking-book.epub``, with its
        number of chapters, synchronised sentences and total duration (s).
        Without audio timings the book is text only (a warning says so).

    Raises:
        RenderError: a timings file names an MP3 that is missing, or the
            timings or summary are malformed.
        OutputError: the file cannot be written.
    """
    del opts
    out_dir = Path(out_dir)
    inputs = book_inputs(out_dir, inputs)
    if inputs.timings is None:
        log.warning("%s: no audio timings: the EPUB is text only (build the audio too for a talking book)", out_dir)
    chapters = letter_chapters(letter, inputs, "epub")
    entries, duration, sentences = _package(letter, chapters, inputs.audio_dir)
    data = zip_bytes(entries, build_time(letter), stored=("mimetype",))
    name = epub_name(letter.language)
    atomic_write(out_dir / name, data)
    info = {"chapters": len(chapters), "sentences": sentences, "duration": round(duration, 3), "language": letter.language}
    log.info("talking book written: %s (%d chapters, %d sentences)", name, len(chapters), sentences)
    return [Artifact(path=name, kind="epub", renderer=RENDERER, info=info)]


# -- the package -----------------------------------------------------------------------


def _clock(seconds: float) -> str:
    """A SMIL full clock value ``H:MM:SS.mmm``."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _package(letter: Letter, chapters: Sequence[Chapter], audio_dir: Path) -> tuple[list[tuple[str, bytes]], float, int]:
    """Every file of the EPUB in order, the total audio duration, the number of synchronised sentences."""
    words = book_strings(letter.language)
    lang = letter.language
    title = book_title(letter, words)
    entries: list[tuple[str, bytes]] = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", _container().encode()),
    ]
    manifest: list[str] = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
        *(f'<item id="font-{n}" href="fonts/{name}" media-type="font/ttf"/>' for n, (name, _) in enumerate(_FONTS, start=1)),
    ]
    durations: list[tuple[str, float]] = []
    audio_files: dict[str, str] = {}  # file name -> manifest id
    content: list[tuple[str, bytes]] = []
    sentences = 0
    for chapter in chapters:
        content.append((f"EPUB/text/{chapter.id}.xhtml", _xhtml(chapter, lang).encode()))
        overlay = ""
        chapter_clips = audio_clips(chapter)
        if chapter.audio is not None and chapter_clips:
            audio = chapter.audio
            if audio.file not in audio_files:
                source = audio_dir / audio.file
                try:
                    sound = source.read_bytes()
                except OSError as exc:
                    raise RenderError("the audio timings name an MP3 that cannot be read", path=source, cause=exc.strerror) from exc
                audio_files[audio.file] = f"audio-{len(audio_files) + 1}"
                content.append((f"EPUB/audio/{audio.file}", sound))
                manifest.append(f'<item id="{audio_files[audio.file]}" href="audio/{escape_xml(audio.file)}" media-type="audio/mpeg"/>')
            content.append((f"EPUB/smil/{chapter.id}.smil", _smil(chapter, chapter_clips).encode()))
            manifest.append(f'<item id="mo-{chapter.id}" href="smil/{chapter.id}.smil" media-type="application/smil+xml"/>')
            durations.append((f"mo-{chapter.id}", round(sum(end - begin for _, _, begin, end in chapter_clips), 3)))
            sentences += len(chapter_clips)
            overlay = f' media-overlay="mo-{chapter.id}"'
        manifest.append(f'<item id="{chapter.id}" href="text/{chapter.id}.xhtml" media-type="application/xhtml+xml"{overlay}/>')
    total = round(sum(d for _, d in durations), 3)
    identifier = _identifier(letter)
    opf = _opf(letter, words, title, identifier, manifest, chapters, durations, total)
    entries.append(("EPUB/package.opf", opf.encode()))
    entries.append(("EPUB/nav.xhtml", _nav(chapters, lang, title, words).encode()))
    entries.append(("EPUB/style.css", _CSS.encode()))
    fonts = resources.files("a11y_pub").joinpath("data/fonts")
    entries += [(f"EPUB/fonts/{name}", fonts.joinpath(name).read_bytes()) for name, _ in _FONTS]
    entries.extend(content)
    return entries, total, sentences


def _identifier(letter: Letter) -> str:
    """``urn:uuid:`` derived from the letter's content (UUID 5): the same letter, the same id."""
    digest = hashlib.sha256(letter.to_json().encode()).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'a11y-pub:' + digest)}"


def _container() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
        '  <rootfiles>\n'
        '    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
        '  </rootfiles>\n'
        '</container>\n'
    )


def _opf(
    letter: Letter,
    words: Mapping[str, Any],
    title: str,
    identifier: str,
    manifest: Sequence[str],
    chapters: Sequence[Chapter],
    durations: Sequence[tuple[str, float]],
    total: float,
) -> str:
    lang = letter.language
    modified = build_time(letter).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = [
        f'<dc:identifier id="uid">{identifier}</dc:identifier>',
        f"<dc:title>{escape_xml(title)}</dc:title>",
        f"<dc:language>{lang}</dc:language>",
    ]
    creator = (letter.author or letter.signature).strip()
    if creator:
        meta.append(f"<dc:creator>{escape_xml(creator)}</dc:creator>")
    if letter.subject.strip():
        meta.append(f"<dc:description>{escape_xml(letter.subject.strip())}</dc:description>")
    if letter.date:
        meta.append(f"<dc:date>{letter.date}</dc:date>")
    meta.append(f'<meta property="dcterms:modified">{modified}</meta>')
    synchronised = bool(durations)
    modes = ["textual", "auditory"] if synchronised else ["textual"]
    meta += [f'<meta property="schema:accessMode">{m}</meta>' for m in modes]
    meta.append('<meta property="schema:accessModeSufficient">textual</meta>')
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if synchronised:
        features.insert(0, "synchronizedAudioText")
    meta += [f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features]
    meta.append('<meta property="schema:accessibilityHazard">none</meta>')
    meta.append(f'<meta property="schema:accessibilitySummary">{escape_xml(words["accessibility_summary"])}</meta>')
    meta.append(f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>')
    if synchronised:
        meta.append(f'<meta property="media:duration">{_clock(total)}</meta>')
        meta += [f'<meta property="media:duration" refines="#{item}">{_clock(seconds)}</meta>' for item, seconds in durations]
        meta.append(f'<meta property="media:narrator">{escape_xml(words["narrator"])}</meta>')
        meta.append(f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>')
    spine = "\n    ".join(f'<itemref idref="{c.id}"/>' for c in chapters)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{lang}">\n'
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n    '
        + "\n    ".join(meta)
        + "\n  </metadata>\n  <manifest>\n    "
        + "\n    ".join(manifest)
        + f"\n  </manifest>\n  <spine>\n    {spine}\n  </spine>\n</package>\n"
    )


def _xhtml(chapter: Chapter, lang: str) -> str:
    kind = "chapter" if chapter.role == "letter" else "appendix"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">\n'
        f'<head>\n<meta charset="UTF-8"/>\n<title>{escape_xml(chapter.heading)}</title>\n'
        '<link rel="stylesheet" type="text/css" href="../style.css"/>\n</head>\n'
        f'<body>\n<section epub:type="{kind}" role="doc-{kind}" aria-labelledby="{chapter.heading_id}">\n'
        f"{chapter.body}</section>\n</body>\n</html>\n"
    )


def _smil(chapter: Chapter, chapter_clips: Sequence[tuple[str, str, float, float]]) -> str:
    text = f"../text/{chapter.id}.xhtml"
    audio = f"../audio/{escape_xml(chapter.audio.file if chapter.audio else '')}"
    pars = "\n".join(
        f'<par id="{chapter.id}-p{n}"><text src="{text}#{element}"/>'
        f'<audio src="{audio}" clipBegin="{begin:.3f}s" clipEnd="{end:.3f}s"/></par>'
        for n, (element, _, begin, end) in enumerate(chapter_clips, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        f'<body>\n<seq id="{chapter.id}-seq" epub:textref="{text}">\n{pars}\n</seq>\n</body>\n</smil>\n'
    )


def _nav(chapters: Sequence[Chapter], lang: str, title: str, words: Mapping[str, Any]) -> str:
    items = "\n".join(f'<li><a href="text/{c.id}.xhtml#{c.heading_id}">{escape_xml(c.heading)}</a></li>' for c in chapters)
    first = chapters[0].id
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">\n'
        f'<head>\n<meta charset="UTF-8"/>\n<title>{escape_xml(title)}</title>\n</head>\n<body>\n'
        f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">\n'
        f'<h1 id="toc-title">{escape_xml(words["contents"])}</h1>\n<ol>\n{items}\n</ol>\n</nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<ol>\n'
        f'<li><a epub:type="bodymatter" href="text/{first}.xhtml">{escape_xml(title)}</a></li>\n</ol>\n</nav>\n'
        "</body>\n</html>\n"
    )
