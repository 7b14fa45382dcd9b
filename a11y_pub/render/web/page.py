"""The page's HTML: header, parts with their players and transcripts, settings."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from ...dates import written_date
from ...model import Letter, Section
from ...timings import ID_PATTERN
from .files import SCRIPT_NAME, Link, Player
from .transcript import TextBlock, data_bytes, duration_text, esc, fmt, one_line, transcript_html

TEXT_SIZES = ("100", "125", "150", "200")
SPEEDS = ("0.75", "1", "1.25", "1.5")


def _page_title(letter: Letter, strings: Mapping[str, Any]) -> str:
    author = letter.author or letter.signature
    subject = one_line(letter.subject)
    if subject and author:
        return fmt(strings, "page_title", subject=subject, author=author)
    if author:
        return fmt(strings, "page_title_no_subject", author=author)
    return subject or str(strings["page_title_bare"])


def _heading_text(letter: Letter, strings: Mapping[str, Any]) -> str:
    author = letter.author or letter.signature
    if letter.subject:
        return one_line(letter.subject)
    if author:
        return fmt(strings, "page_title_no_subject", author=author)
    return str(strings["page_title_bare"])


def _letter_meta(letter: Letter, strings: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    author = ", ".join(x for x in (letter.author or letter.signature, letter.author_role) if x)
    if author:
        lines.append(fmt(strings, "letter_from", author=author))
    r = letter.recipient
    recipient = ", ".join(x for x in (r.name, r.role, r.organisation) if x)
    if recipient:
        lines.append(fmt(strings, "letter_to", recipient=recipient))
    if letter.date_value is not None:
        date = written_date(letter.date_value, letter.language)
        if letter.place:
            lines.append(fmt(strings, "letter_date", place=letter.place, date=date))
        else:
            lines.append(date)
    elif letter.place:
        lines.append(letter.place)
    return lines


def _section_heading(section: Section, strings: Mapping[str, Any]) -> str:
    title = one_line(section.title)
    if section.kind == "commitment" and section.number is not None:
        key = "commitment" if title else "commitment_untitled"
        return fmt(strings, key, number=section.number, title=title)
    if section.kind == "commitment":
        return title or str(strings["commitment_plain"])
    return title or str(strings[section.kind])


def _player_html(
    player: Player, player_id: str, title: str, strings: Mapping[str, Any], language: str
) -> str:
    caption_id = f"{player_id}-legende"
    label = fmt(
        strings,
        "listen_duration",
        title=title,
        duration=duration_text(player.track.duration, strings),
    )
    track = ""
    if player.captions:
        track = (
            f'\n<track kind="captions" src="{esc(player.captions)}" srclang="{language}" '
            f'label="{esc(strings["captions_label"])}" default>'
        )
    return (
        '<figure class="player">\n'
        f'<figcaption id="{caption_id}">{esc(label)}</figcaption>\n'
        f'<audio id="{player_id}" controls preload="none" src="{esc(player.src)}" '
        f'aria-labelledby="{caption_id}">{track}\n'
        f'<p>{esc(strings["audio_unsupported"])} '
        f'<a href="{esc(player.src)}" type="audio/mpeg">{esc(player.track.file)}</a></p>\n'
        "</audio>\n"
        "</figure>"
    )


def _part_html(
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
) -> str:
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
        out.append(transcript_html(blocks, player.track.cues))
        out.append("</div>")
    else:
        out.append('<div class="transcript">')
        out.append(transcript_html(blocks, ()))
        out.append("</div>")
    if after_transcript:
        out.append(after_transcript)
    out.append("</section>")
    return "\n".join(out)


def _summary_html(
    summary: Mapping[str, Any],
    player: Player | None,
    strings: Mapping[str, Any],
    language: str,
) -> str:
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
    entries = [
        g for g in summary.get("glossary") or () if isinstance(g, Mapping) and g.get("term")
    ]
    if entries:
        rows = "\n".join(
            f"<dt>{esc(one_line(str(g['term'])))}</dt>\n"
            f"<dd>{esc(one_line(str(g.get('definition', ''))))}</dd>"
            for g in entries
        )
        glossary = f'<h3 id="glossaire">{esc(strings["glossary"])}</h3>\n<dl>\n{rows}\n</dl>'
    return _part_html(
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


def _section_blocks(letter: Letter, section: Section) -> list[TextBlock]:
    blocks = [TextBlock("p", one_line(p)) for p in section.paragraphs if p.strip()]
    blocks += [TextBlock("li", one_line(i)) for i in section.items if i.strip()]
    if section.kind == "introduction" and letter.salutation:
        blocks.insert(0, TextBlock("p", one_line(letter.salutation)))
    if section.kind == "conclusion":
        blocks += [TextBlock("p", one_line(x)) for x in (letter.closing, letter.signature) if x]
    return blocks


def _downloads_html(links: Sequence[Link], strings: Mapping[str, Any]) -> str:
    if not links:
        return ""
    items = "\n".join(
        f'<li><a href="{esc(link.href)}" type="{link.type}">{esc(link.text)}</a></li>'
        for link in links
    )
    return (
        '<nav class="downloads" aria-labelledby="telechargements">\n'
        f'<p class="downloads-title" id="telechargements">{esc(strings["downloads"])}</p>\n'
        f"<ul>\n{items}\n</ul>\n</nav>"
    )


def _options_html(values: Sequence[str], labels: Sequence[str], selected: str) -> str:
    return "".join(
        f'<option value="{v}"{" selected" if v == selected else ""}>{esc(label)}</option>\n'
        for v, label in zip(values, labels, strict=False)
    )


def page_html(
    letter: Letter,
    strings: Mapping[str, Any],
    summary: Mapping[str, Any] | None,
    players: Mapping[str, list[Player]],
    downloads: Sequence[Link],
) -> str:
    language = letter.language

    def first(role: str) -> Player | None:
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
        title = one_line(player.track.title) or str(strings["paragraph"])
        parts.append(_part_html(role, title, (), player, strings, language))
    parts += [
        section_part(s)
        for s in letter.sections
        if s.kind not in ("commitment", "introduction")
    ]
    meta = [f"<p>{esc(line)}</p>" for line in _letter_meta(letter, strings)]
    letter_meta = '<div class="letter-meta">\n' + "\n".join(meta) + "\n</div>" if meta else ""
    downloads_html = _downloads_html(downloads, strings)
    if downloads_html:
        letter_meta = f"{letter_meta}\n{downloads_html}" if letter_meta else downloads_html

    template = string.Template(data_bytes("page.html").decode("utf-8"))
    return template.substitute(
        lang=language,
        title=esc(_page_title(letter, strings)),
        css=data_bytes("page.css").decode("utf-8"),
        skip_link=esc(strings["skip_link"]),
        heading=esc(_heading_text(letter, strings)),
        letter_meta=letter_meta,
        settings=esc(strings["settings"]),
        text_size=esc(strings["text_size"]),
        text_size_options=_options_html(TEXT_SIZES, strings["text_size_options"], "100"),
        speed=esc(strings["speed"]),
        speed_options=_options_html(SPEEDS, strings["speed_options"], "1"),
        follow=esc(strings["follow"]),
        read_along_hint=esc(strings["read_along_hint"]),
        main="\n".join(parts) + "\n",
        script=SCRIPT_NAME,
    )

