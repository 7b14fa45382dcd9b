"""Formatting helpers and the transcript: sentences aligned with their cues."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from ...errors import RenderError
from ...phrases import fix_capitals
from .marks import TextBlock, esc, one_line, table_html
from .timings import Cue


def load_strings(language: str) -> dict[str, Any]:
    """Return the page's interface strings for ``language`` (``fr`` or ``en``).

    Raises:
        RenderError: the strings file is missing or has no table for the language.
    """
    raw = data_bytes("strings.toml")
    try:
        table = tomllib.loads(raw.decode("utf-8"))[language]
    except (tomllib.TOMLDecodeError, KeyError) as exc:
        raise RenderError("no web page strings for this language", cause=language) from exc
    return dict(table)


def data_bytes(name: str) -> bytes:
    try:
        return resources.files("a11y_pub").joinpath("data", "web", name).read_bytes()
    except OSError as exc:
        raise RenderError("missing package data file", path=f"a11y_pub/data/web/{name}") from exc


def font_path(name: str) -> Any:
    return resources.files("a11y_pub").joinpath("data", "fonts", name)


# -- formatting helpers --------------------------------------------------------


def fmt(strings: Mapping[str, Any], key: str, **values: Any) -> str:
    return str(strings[key]).format(**values)


def duration_text(seconds: float, strings: Mapping[str, Any]) -> str:
    total = max(1, round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes:
        return fmt(strings, "minutes_seconds", minutes=minutes, seconds=secs)
    return fmt(strings, "seconds_only", seconds=secs)


def size_text(size: int, strings: Mapping[str, Any]) -> str:
    if size < 1_000_000:
        return fmt(strings, "size_kb", value=max(1, round(size / 1000)))
    value = f"{size / 1_000_000:.1f}".replace(".", strings["decimal_separator"])
    return fmt(strings, "size_mb", value=value)


_WS = re.compile(r"\s+")


def _fold(char: str) -> str:
    """One character, case folded to one character (names are title-cased on the page, not in the audio)."""
    return char.lower()[:1] or char


def _keyed(text: str) -> tuple[str, list[int]]:
    """Return ``text`` case folded, with whitespace runs as one space, and key->text offsets."""
    key: list[str] = []
    index: list[int] = []
    for pos, char in enumerate(text):
        if char.isspace():
            if key and key[-1] == " ":
                continue
            char = " "
        key.append(_fold(char))
        index.append(pos)
    index.append(len(text))
    return "".join(key), index


def _align(blocks: Sequence[TextBlock], cues: Sequence[Cue]) -> list[tuple[int, int, int] | None]:
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
        wanted = "".join(_fold(c) for c in _WS.sub(" ", cue.text).strip())
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


def _sentence_span(inner_html: str, cue: Cue) -> str:
    return f'<span class="s" data-start="{cue.start:.3f}" data-end="{cue.end:.3f}">{inner_html}</span>'


def _block_body(block: TextBlock, hits: Sequence[tuple[int, int, Cue]]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end, cue in hits:
        pieces.append(block.html(pos, start))
        pieces.append(_sentence_span(block.html(start, end), cue))
        pos = end
    pieces.append(block.html(pos, len(block.text)))
    return "".join(pieces)


def _row_cues(block: TextBlock, hits: Sequence[tuple[int, int, Cue]]) -> dict[int, Cue]:
    """Which cue reads which table row: a table's text is its caption and rows, one per line."""
    caption = 1 if block.table is not None and block.table.caption else 0
    rows: dict[int, Cue] = {}
    for start, _, cue in hits:
        line = block.text.count("\n", 0, start) - caption
        if line >= 0:
            rows.setdefault(line, cue)
    return rows


def transcript_html(blocks: Sequence[TextBlock], cues: Sequence[Cue], names: frozenset[str] = frozenset()) -> str:
    """Render blocks (paragraphs, lists, tables, quotations, footnotes) with the cues' sentences as spans.

    Cues not found in the text become their own paragraphs, where they are
    spoken, so the transcript holds everything the recording says. Marks
    (bold, links, languages) nest inside the sentence spans.
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

    out = _Groups()
    for b, block in enumerate(blocks):
        extra = extras_before.get(b, ())
        if extra:
            out.enter(None)
            out.lines += [_spoken(c, names) for c in extra]
        out.enter(block.group)
        if block.kind == "table" and block.table is not None:
            out.lines.append(table_html(block.table, _row_cues(block, per_block.get(b, ()))))
            continue
        out.lines.append(block.wrap(_block_body(block, per_block.get(b, ()))))
    if pending:
        out.enter(None)
        out.lines += [_spoken(c, names) for c in pending]
    out.enter(None)
    return "\n".join(out.lines)


def _spoken(cue: Cue, names: frozenset[str]) -> str:
    """A sentence the recording says that the page does not show (an announcement)."""
    return f'<p class="spoken">{_sentence_span(esc(one_line(fix_capitals(cue.text, names))), cue)}</p>'


class _Groups:
    """Open and close list and quotation wrappers as blocks change group."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: tuple | None = None

    def enter(self, group: tuple | None) -> None:
        if group == self.current:
            return
        if self.current is not None:
            self.lines.append(f"</{self.current[0]}>")
        self.current = group
        if group is None:
            return
        if group[0] == "ol" and len(group) > 2 and group[2] != 1:
            self.lines.append(f'<ol start="{group[2]}">')
        else:
            self.lines.append(f"<{group[0]}>")
