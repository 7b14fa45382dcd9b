"""Inline text as runs: pieces of one style, one link, one language and one font.

``inline_runs`` turns a model ``Inline`` (text plus ``strong``/``link``/
``lang``/``note`` spans) into ``Run`` values the layout can wrap and the
drawing can tag: bold text becomes ``Strong``, a link a ``Link`` element
with its annotation, a ``lang`` span a ``Span`` with ``/Lang``. Web and
e-mail addresses the source did not mark are found and linked too (the kind
of text, not one letter's wording). A footnote call becomes a visible marker
``[n]`` (large print avoids superscripts, UKAAF) and its text is returned so
that it is printed after its paragraph.

Typography (``typeset``) and names in capitals (``fix_capitals``) run over
the whole text at once, so rules that look across a mark boundary (a
no-break space before « : ») still apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ...links import find_links
from ...model import Inline
from ...phrases import fix_capitals
from .fonts import Coverage
from .text import typeset

_SENTINEL = "\ue000"  # a private-use character that marks run boundaries while typesetting


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text drawn in one font with one set of marks.

    ``link`` is the target (``https://…``, ``mailto:…``) or ``""``; ``link_id``
    identifies the link span (pieces of one link share one ``Link`` element),
    likewise ``lang_id`` and ``strong_id``. ``font`` is ``main`` or
    ``fallback``; ``actual`` is the text a reader should hear when the printed
    text is a stand-in (a mapped character), else ``""``. ``target`` is an
    internal destination (a block anchor), for the contents.
    """

    text: str
    strong: bool = False
    strong_id: int = 0
    link: str = ""
    link_id: int = 0
    lang: str = ""
    lang_id: int = 0
    font: str = "main"
    actual: str = ""
    target: str = ""


def runs_text(runs: tuple[Run, ...] | list[Run]) -> str:
    return "".join(run.actual or run.text for run in runs)


def inline_runs(
    inline: Inline,
    language: str,
    names: frozenset[str],
    ids: Iterator[int],
    notes: list[str],
) -> list[Run]:
    """Split ``inline`` into typeset runs; append its footnotes' texts to ``notes``.

    Args:
        inline: the model text and its spans.
        language: ``fr`` or ``en`` (typography rules).
        names: words in capitals that are names (printed in title case).
        ids: a shared counter giving every mark its own element id.
        notes: the document's footnotes so far; a call prints ``[n]`` where n
            is its number in the document.

    Returns:
        The runs in reading order (not yet split by font).
    """
    text = inline.text
    marks: list[tuple[int, int, str, str]] = [
        (s.start, s.end, s.kind, s.value) for s in inline.spans if s.kind in ("strong", "link", "lang")
    ]
    taken = [(s, e) for s, e, kind, _ in marks if kind == "link"]
    marks += [(s, e, "link", v) for s, e, v in find_links(text, taken)]
    note_calls = [s for s in inline.spans if s.kind == "note"]
    cuts = {0, len(text)}
    for start, end, _, _ in marks:
        cuts.update((start, end))
    for span in note_calls:
        cuts.update((span.start, span.end))
    mark_ids = {index: next(ids) for index in range(len(marks))}
    pieces: list[Run] = []
    points = sorted(cuts)
    for start, end in zip(points, points[1:], strict=False):
        for span in note_calls:  # a call with no printed marker sits at one offset
            if span.start == span.end == start:
                pieces.append(_note_run(span.value, notes))
        covering = [(i, m) for i, m in enumerate(marks) if m[0] <= start and end <= m[1] and m[0] < m[1]]
        call = next((s for s in note_calls if s.start <= start and end <= s.end and s.start < s.end), None)
        if call is not None:
            if call.start == start:
                pieces.append(_note_run(call.value, notes))
            continue
        run = Run(text[start:end])
        for index, (_, _, kind, value) in covering:
            if kind == "strong":
                run = replace(run, strong=True, strong_id=mark_ids[index])
            elif kind == "link":
                run = replace(run, link=value, link_id=mark_ids[index])
            elif kind == "lang":
                run = replace(run, lang=value, lang_id=mark_ids[index])
        pieces.append(run)
    for span in note_calls:
        if span.start == span.end == len(text) and len(text) > 0:
            pieces.append(_note_run(span.value, notes))
    return typeset_runs(pieces, language, names)


def _note_run(value: str, notes: list[str]) -> Run:
    notes.append(value)
    return Run(f"[{len(notes)}]")


def typeset_runs(runs: list[Run], language: str, names: frozenset[str]) -> list[Run]:
    """Typeset and fix capitals over the joined text; keep the run boundaries."""
    if not runs:
        return []
    joined = _SENTINEL.join(run.text.replace(_SENTINEL, "") for run in runs)
    joined = typeset(fix_capitals(joined, names), language)
    texts = joined.split(_SENTINEL)
    if len(texts) != len(runs):  # a rule ate a boundary: keep the text, lose nothing
        return [replace(runs[0], text=joined.replace(_SENTINEL, ""))]
    out: list[Run] = []
    for run, piece in zip(runs, texts, strict=True):
        if out and out[-1].text.endswith((" ", "\u00a0")) and piece.startswith(" "):
            piece = piece[1:]
        if piece:
            out.append(replace(run, text=piece))
    return out


def split_by_font(runs: list[Run] | tuple[Run, ...], coverage: Coverage) -> tuple[Run, ...]:
    """Split runs where the font changes: characters the main font lacks are
    drawn from the fallback font, or replaced by a stand-in the fonts have
    (``Run.actual`` keeps the original for text extraction and screen readers)."""
    out: list[Run] = []
    for run in runs:
        current = ""
        current_font = "main"
        for char in run.text:
            font, printed = coverage.place(char)
            if printed != char:
                if current:
                    out.append(replace(run, text=current, font=current_font))
                    current = ""
                out.append(replace(run, text=printed, font=font, actual=char))
                continue
            if font != current_font and current:
                out.append(replace(run, text=current, font=current_font))
                current = ""
            current_font = font
            current += char
        if current:
            out.append(replace(run, text=current, font=current_font))
    return tuple(out)
