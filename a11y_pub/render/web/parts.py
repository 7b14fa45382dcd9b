"""The page's parts: one ``<section>`` per part of the letter, with its player, controls and transcript.

Keyboard and screen-reader users get one small group of controls per part
(previous sentence, play/pause, next sentence: three buttons) instead of a
tab stop on every sentence; pointer users can still click a sentence to
play from there. The native ``<audio controls>`` element stays in the page
for readers without JavaScript; the script hides its controls when it
draws the buttons.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...model import Letter, ListBlock, Paragraph, Quotation, Section, Table
from ...phrases import fix_capitals
from .files import Player
from .marks import TextBlock, esc, one_line
from .transcript import duration_text, fmt, transcript_html


def section_heading(section: Section, strings: Mapping[str, Any], names: frozenset[str]) -> str:
    title = one_line(fix_capitals(section.title, names))
    if section.kind == "commitment" and section.number is not None:
        key = "commitment" if title else "commitment_untitled"
        return fmt(strings, key, number=section.number, title=title)
    if section.kind == "commitment":
        return title or str(strings["commitment_plain"])
    return title or str(strings[section.kind])


def _player_html(player: Player, player_id: str, title: str, strings: Mapping[str, Any], language: str) -> str:
    caption_id = f"{player_id}-legende"
    label = fmt(strings, "listen_duration", title=title, duration=duration_text(player.track.duration, strings))
    track = ""
    if player.captions:
        track = (
            f'\n<track kind="captions" src="{esc(player.captions)}" srclang="{language}" '
            f'label="{esc(strings["captions_label"])}" default>'
        )
    buttons = (
        f'<div class="controls" role="group" aria-labelledby="{caption_id}" data-for="{player_id}" hidden>\n'
        f'<button type="button" data-action="previous" aria-keyshortcuts="J">{esc(strings["previous"])}</button>\n'
        f'<button type="button" data-action="play" aria-keyshortcuts="K" '
        f'data-play="{esc(strings["play"])}" data-pause="{esc(strings["pause"])}">{esc(strings["play"])}</button>\n'
        f'<button type="button" data-action="next" aria-keyshortcuts="L">{esc(strings["next"])}</button>\n'
        "</div>"
    )
    return (
        '<figure class="player">\n'
        f'<figcaption id="{caption_id}">{esc(label)}</figcaption>\n'
        f'<audio id="{player_id}" controls preload="none" src="{esc(player.src)}" '
        f'aria-labelledby="{caption_id}">{track}\n'
        f'<p>{esc(strings["audio_unsupported"])} '
        f'<a href="{esc(player.src)}" type="audio/mpeg">{esc(player.track.file)}</a></p>\n'
        "</audio>\n"
        f"{buttons}\n"
        "</figure>"
    )


def part_html(
    part_id: str,
    heading: str,
    blocks: Sequence[TextBlock],
    player: Player | None,
    strings: Mapping[str, Any],
    language: str,
    *,
    extra_class: str = "",
    before_transcript: str = "",
    after_transcript: str = "",
    names: frozenset[str] = frozenset(),
) -> str:
    """One part: heading, player and controls (when recorded), transcript (names in capitals title-cased)."""
    classes = f"part {extra_class}".strip()
    out = [
        f'<section class="{classes}" id="{part_id}" aria-labelledby="titre-{part_id}">',
        f'<h2 id="titre-{part_id}">{esc(heading)}</h2>',
    ]
    if before_transcript:
        out.append(before_transcript)
    if player is not None:
        player_id = f"lecteur-{part_id}"
        out.append(_player_html(player, player_id, heading, strings, language))
        out.append(f'<div class="transcript" data-audio="{player_id}">')
        out.append(transcript_html(blocks, player.track.cues, names))
    else:
        out.append('<div class="transcript">')
        out.append(transcript_html(blocks, ()))
    out.append("</div>")
    if after_transcript:
        out.append(after_transcript)
    out.append("</section>")
    return "\n".join(out)


class NoteCounter:
    """Numbers footnotes across the page, in reading order."""

    def __init__(self) -> None:
        self.count = 0

    def take(self, amount: int) -> int:
        base = self.count
        self.count += amount
        return base


def _with_names(text: str, names: frozenset[str]) -> str:
    return fix_capitals(text, names)


def _content(blocks: Sequence[Any], names: frozenset[str], notes: NoteCounter, ids: Iterator[int], quote: int | None = None) -> list[TextBlock]:
    out: list[TextBlock] = []
    group: tuple | None = ("blockquote", quote) if quote is not None else None
    for block in blocks:
        called: list[str] = []
        if isinstance(block, Paragraph):
            inline = block.content
            called = list(inline.notes)
            out.append(TextBlock("p", _with_names(inline.text, names), inline.spans, group, notes.take(len(called))))
        elif isinstance(block, ListBlock):
            kind = ("ol", next(ids), block.start) if block.ordered else ("ul", next(ids))
            for item in block.items:
                base = notes.take(len(item.notes))
                called += item.notes
                out.append(TextBlock("li", _with_names(item.text, names), item.spans, kind, base))
        elif isinstance(block, Table):
            # its text, one row per line, lets the cues that read the rows find them
            out.append(TextBlock("table", "\n".join(block.texts), (), group, table=block))
        elif isinstance(block, Quotation):
            number = next(ids)
            out += _content(block.blocks, names, notes, ids, number)
            if block.attribution:
                out.append(TextBlock("attribution", f"— {block.attribution}", (), ("blockquote", number)))
        start = notes.count - len(called) + 1
        for offset, note in enumerate(called):
            number = start + offset
            out.append(TextBlock("footnote", f"[{number}] {note}", (), None, anchor=f"note-{number}"))
    return out


def section_blocks(letter: Letter, section: Section, names: frozenset[str], notes: NoteCounter, ids: Iterator[int]) -> list[TextBlock]:
    """A section's transcript blocks: salutation (introduction), content in order, closing and signature (conclusion)."""
    blocks = _content(section.blocks, names, notes, ids)
    if section.kind == "introduction" and letter.salutation:
        blocks.insert(0, TextBlock("p", one_line(fix_capitals(letter.salutation, names))))
    if section.kind == "conclusion":
        blocks += [TextBlock("p", one_line(fix_capitals(x, names))) for x in (letter.closing, letter.signature) if x]
    return blocks


def summary_html(summary: Mapping[str, Any], player: Player | None, strings: Mapping[str, Any], language: str) -> str:
    """The easy-read version, after the letter: its sentences, the notice and the glossary."""
    blocks: list[TextBlock] = []
    for block in summary.get("blocks") or ():
        if not isinstance(block, Mapping):
            continue
        heading = one_line(str(block.get("heading") or ""))
        if heading:
            blocks.append(TextBlock("h3", heading))
        sentences = [str(s) for s in block.get("sentences") or () if str(s).strip()]
        blocks.extend(TextBlock("p", one_line(s)) for s in sentences)
    if not blocks:
        blocks = [
            TextBlock("p", one_line(str(s.get("text", ""))))
            for s in summary.get("sentences") or ()
            if isinstance(s, Mapping) and str(s.get("text", "")).strip()
        ]
    source = str(summary.get("source") or "draft")
    note_key = "summary_note_staff" if source.startswith("staff") else "summary_note_draft"
    note = f'<p class="note">{esc(strings[note_key])}</p>'
    glossary = ""
    entries = [g for g in summary.get("glossary") or () if isinstance(g, Mapping) and g.get("term")]
    if entries:
        rows = "\n".join(
            f"<dt>{esc(one_line(str(g['term'])))}</dt>\n<dd>{esc(one_line(str(g.get('definition', ''))))}</dd>"
            for g in entries
        )
        glossary = f'<h3 id="glossaire">{esc(strings["glossary"])}</h3>\n<dl>\n{rows}\n</dl>'
    return part_html(
        "resume",
        one_line(str(summary.get("title") or "")) or str(strings["summary"]),
        blocks,
        player,
        strings,
        language,
        extra_class="easy-read",
        before_transcript=note,
        after_transcript=glossary,
    )
