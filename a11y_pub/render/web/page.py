"""The page's HTML: header (who, to whom, when, downloads), reading settings, the parts in the letter's order.

Order (the letter's own): header, then each section as the letter has it
(introduction, commitments, conclusion, appendix), then the easy-read
version. Names in capitals are printed in title case and French phrases
elide (« Lettre d'Élise … ») with the same helpers as the PDF
(``a11y_pub.phrases``).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from ...dates import written_date
from ...model import Letter
from ...phrases import capital_names, fix_capitals, of_name, to_name
from ...timings import ID_PATTERN
from .files import SCRIPT_NAME, Link, Player
from .marks import esc, one_line
from .parts import NoteCounter, part_html, section_blocks, section_heading, summary_html
from .transcript import data_bytes, fmt

TEXT_SIZES = ("100", "125", "150", "200")
SPEEDS = ("0.75", "1", "1.25", "1.5")
LINE_SPACINGS = ("1.6", "2", "2.5")
THEMES = ("auto", "light", "dark", "contrast")


def _names(letter: Letter) -> frozenset[str]:
    return capital_names(letter.author, letter.recipient.name, letter.signature)


def _author(letter: Letter) -> str:
    return one_line(fix_capitals(letter.author or letter.signature, _names(letter)))


def _page_title(letter: Letter, strings: Mapping[str, Any]) -> str:
    author = _author(letter)
    subject = one_line(letter.subject)
    if subject and author:
        return fmt(strings, "page_title", subject=subject, author=of_name(author, letter.language))
    if author:
        return fmt(strings, "page_title_no_subject", author=of_name(author, letter.language))
    return subject or str(strings["page_title_bare"])


def _heading_text(letter: Letter, strings: Mapping[str, Any]) -> str:
    if letter.subject:
        return one_line(letter.subject)
    if _author(letter):
        return fmt(strings, "page_title_no_subject", author=of_name(_author(letter), letter.language))
    return str(strings["page_title_bare"])


def _letter_meta(letter: Letter, strings: Mapping[str, Any]) -> list[str]:
    names = _names(letter)
    lines: list[str] = []
    if letter.title:
        lines.append(one_line(fix_capitals(letter.title, names)))
    author = ", ".join(x for x in (_author(letter), letter.author_role) if x)
    if author:
        lines.append(fmt(strings, "letter_from", author=of_name(author, letter.language)))
    lines += [one_line(line) for line in letter.sender_contact if line.strip()]
    r = letter.recipient
    recipient = ", ".join(x for x in (fix_capitals(r.name, names), r.role_line) if x)
    if recipient:
        lines.append(fmt(strings, "letter_to", recipient=to_name(recipient, letter.language)))
    if letter.date_value is not None:
        date = written_date(letter.date_value, letter.language)
        lines.append(fmt(strings, "letter_date", place=letter.place, date=date) if letter.place else date)
    elif letter.place:
        lines.append(letter.place)
    return lines


def _downloads_html(links: Sequence[Link], strings: Mapping[str, Any]) -> str:
    if not links:
        return ""
    items = "\n".join(
        f'<li><a href="{esc(link.href)}" type="{link.type}">{esc(link.text)}</a>'
        + (f'<br><span class="purpose">{esc(link.purpose)}</span>' if link.purpose else "")
        + "</li>"
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


def _shortcuts_html(strings: Mapping[str, Any]) -> str:
    items = "".join(f"<li>{esc(line)}</li>" for line in strings["shortcuts"])
    return f'<p class="settings-title" id="raccourcis">{esc(strings["shortcuts_title"])}</p>\n<ul aria-labelledby="raccourcis">{items}</ul>'


def _parts(letter: Letter, strings: Mapping[str, Any], summary: Mapping[str, Any] | None, players: Mapping[str, list[Player]]) -> list[str]:
    language = letter.language
    names = _names(letter)
    notes = NoteCounter()
    ids = iter(range(1, 10**9))

    def first(role: str) -> Player | None:
        found = players.get(role)
        return found[0] if found else None

    parts: list[str] = []
    # recordings of parts the letter has no section for (an introduction the
    # audio makes from the letter's heading, say) come first, with their transcript
    known = {s.id for s in letter.sections} | {"summary", "full"}
    for role in sorted(r for r in set(players) - known if ID_PATTERN.match(r)):
        player = players[role][0]
        title = one_line(player.track.title) or str(strings["paragraph"])
        parts.append(part_html(role, title, (), player, strings, language, names=names))
    for section in letter.sections:
        blocks = section_blocks(letter, section, names, notes, ids)
        heading = section_heading(section, strings, names)
        parts.append(part_html(section.id, heading, blocks, first(section.id), strings, language, names=names))
    if summary is not None:
        parts.append(summary_html(summary, first("summary"), strings, language))
    return parts


def page_html(
    letter: Letter,
    strings: Mapping[str, Any],
    summary: Mapping[str, Any] | None,
    players: Mapping[str, list[Player]],
    downloads: Sequence[Link],
    credit: str = "",
) -> str:
    """The whole page as a string (deterministic for the same inputs); ``credit`` is the
    line the voice's licence asks for wherever its audio is published ("" for none)."""
    meta = [f"<p>{esc(line)}</p>" for line in _letter_meta(letter, strings)]
    letter_meta = '<div class="letter-meta">\n' + "\n".join(meta) + "\n</div>" if meta else ""
    downloads_html = _downloads_html(downloads, strings)
    if downloads_html:
        letter_meta = f"{letter_meta}\n{downloads_html}" if letter_meta else downloads_html
    if credit:  # the voice's licence asks for credit wherever its audio is published
        credit_html = f'<p class="voice-credit">{esc(fmt(strings, "voice_credit", credit=credit))}</p>'
        letter_meta = f"{letter_meta}\n{credit_html}" if letter_meta else credit_html
    template = string.Template(data_bytes("page.html").decode("utf-8"))
    return template.substitute(
        lang=letter.language,
        title=esc(_page_title(letter, strings)),
        css=data_bytes("page.css").decode("utf-8"),
        skip_link=esc(strings["skip_link"]),
        heading=esc(_heading_text(letter, strings)),
        letter_meta=letter_meta,
        settings=esc(strings["settings"]),
        text_size=esc(strings["text_size"]),
        text_size_options=_options_html(TEXT_SIZES, strings["text_size_options"], "100"),
        line_spacing=esc(strings["line_spacing"]),
        line_spacing_options=_options_html(LINE_SPACINGS, strings["line_spacing_options"], "1.6"),
        theme=esc(strings["theme"]),
        theme_options=_options_html(THEMES, strings["theme_options"], "auto"),
        speed=esc(strings["speed"]),
        speed_options=_options_html(SPEEDS, strings["speed_options"], "1"),
        follow=esc(strings["follow"]),
        highlight=esc(strings["highlight"]),
        announce=esc(strings["announce"]),
        shortcuts=_shortcuts_html(strings),
        read_along_hint=esc(strings["read_along_hint"]),
        main="\n".join(_parts(letter, strings, summary, players)) + "\n",
        script=SCRIPT_NAME,
    )
