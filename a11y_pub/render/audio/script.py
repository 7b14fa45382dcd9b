"""The speech script: which files the audio has and what each one says (pure).

``plan_section_tracks`` turns a letter into ``Track`` values in listening
order: the introduction (who writes to whom, when, about what; then the
salutation and opening), one track per section (commitments announced as
« Engagement n sur N : titre. »), the conclusion with the closing and
signature, the appendix. ``plan_summary_parts`` does the same for the
easy-read summary, one part per summary block. Each ``Utterance`` is a
sentence as written (transcript, captions) and as said (speech text from
``speech.normalize.to_speech``). Nothing here touches audio.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ...dates import written_date
from ...model import Letter, Section
from ...speech.lexicon import Lexicon
from ...speech.normalize import speech_tables, to_speech
from ...timings import cue_id
from .reading import section_sentences

ANNOUNCEMENT_PAUSE = 0.7  # seconds after a spoken announcement
SENTENCE_GAP = 0.3  # seconds between sentences


@dataclass(frozen=True)
class Utterance:
    """One sentence: as written (transcript, cues) and as said (speech text)."""

    written: str
    speech: str
    pause_after: float = SENTENCE_GAP


@dataclass(frozen=True)
class Track:
    """One MP3 file (or one chapter of the whole letter): its name, title and sentences in order.

    ``recording``: a staff recording played instead of speech (its one
    utterance is the label shown for it). ``ids``: the cue id of each
    utterance when the track joins others (default: ``<section_id>-s<n>``).
    """

    name: str  # file stem, e.g. "01-renforcer-le-partenariat"
    section_id: str
    title: str
    utterances: tuple[Utterance, ...]
    recording: Path | None = None
    ids: tuple[str, ...] = ()

    @property
    def transcript(self) -> str:
        return "\n".join(u.written for u in self.utterances)

    @property
    def cue_ids(self) -> tuple[str, ...]:
        """The cue id of each utterance, in order."""
        return self.ids or tuple(cue_id(self.section_id, n) for n in range(1, len(self.utterances) + 1))


def joined(first: Track, second: Track, like: Track) -> Track:
    """One file made of ``first`` then ``second``, named and titled as ``like`` (cue ids kept)."""
    return replace(like, utterances=first.utterances + second.utterances, ids=first.cue_ids + second.cue_ids,
                   recording=None)


def audio_strings(language: str) -> dict[str, Any]:
    """The audio's own strings for ``language`` (``data/audio/<lang>.toml``), English when it has none."""
    folder = resources.files("a11y_pub") / "data" / "audio"
    resource = folder / f"{language}.toml"
    if not resource.is_file():
        resource = folder / "en.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def plan_recording(letter: Letter, path: Path, which: str) -> Track:
    """The track of a staff recording (``which``: ``intro`` or ``outro``), labelled in the letter's language.

    Its one utterance is ``[label]``: shown in transcripts and captions, never spoken.
    """
    label = audio_strings(letter.language)["recordings"][which]
    return Track(f"{which}-recording", f"{which}-recording", label,
                 (Utterance(f"[{label}]", "", ANNOUNCEMENT_PAUSE),), recording=Path(path))


def _fmt(template: str, **values: Any) -> str:
    return template.format(**values)


def spoken_date(letter: Letter) -> str:
    """The letter's date as said in its language (« 23 février 2026 »); "" without a date."""
    date = letter.date_value
    return written_date(date, letter.language) if date is not None else ""


def _utterances(
    sentences: Sequence[str], lang: str, lexicon: Lexicon, last_pause: float = SENTENCE_GAP
) -> list[Utterance]:
    result = []
    for written in sentences:
        speech = to_speech(written, lang, lexicon, phonemes=lexicon.markup)
        if speech:
            result.append(Utterance(written, speech))
    if result:
        result[-1] = replace(result[-1], pause_after=last_pause)
    return result


def _section_sentences(section: Section, lang: str) -> list[str]:
    return section_sentences(section, lang, audio_strings(lang)["blocks"])


def plan_tracks(letter: Letter, lexicon: Lexicon, summary: dict[str, Any] | None) -> list[Track]:
    """Decide the files and what each says, in listening order (pure)."""
    tracks = plan_section_tracks(letter, lexicon)
    summary_track = plansummary_track(letter, lexicon, summary)
    return tracks + ([summary_track] if summary_track is not None else [])


def plan_section_tracks(letter: Letter, lexicon: Lexicon) -> list[Track]:
    """The introduction and one track per section, in reading order (pure)."""
    lang = letter.language
    tables = speech_tables(lang)
    say, titles = tables["announcements"], tables["titles"]
    total = len(letter.commitments)
    tracks: list[Track] = []

    # Introduction: who, to whom, when, about what; then the salutation and opening.
    recipient = ", ".join(part for part in (letter.recipient.name, letter.recipient.role_line) if part)
    heading: list[str] = []
    if letter.author:
        role = f", {letter.author_role}" if letter.author_role else ""
        heading.append(_fmt(say["from"], author=letter.author, role=role))
    if recipient:
        heading.append(_fmt(say["to"], recipient=recipient))
    date = spoken_date(letter)
    if date and letter.place:
        heading.append(_fmt(say["when_where"], place=letter.place, date=date))
    elif date:
        heading.append(_fmt(say["when"], date=date))
    if letter.subject:
        heading.append(_fmt(say["subject"], subject=letter.subject.rstrip(".")))
    intro = next((s for s in letter.sections if s.kind == "introduction"), None)
    body = [letter.salutation] if letter.salutation else []
    if intro is not None:
        body.extend(_section_sentences(intro, lang))
    utterances = _utterances(heading, lang, lexicon, ANNOUNCEMENT_PAUSE) + _utterances(body, lang, lexicon)
    tracks.append(
        Track("00-introduction", intro.id if intro else "introduction", titles["introduction"], tuple(utterances))
    )

    rest = [s for s in letter.sections if s is not intro]
    paragraphs = [s for s in rest if s.kind == "paragraph"]
    for index, section in enumerate(rest, start=1):
        announcement, title = _announce(section, say, titles, total, paragraphs)
        sentences = _section_sentences(section, lang)
        if section.kind == "conclusion":
            sentences += [s for s in (letter.closing, letter.signature) if s]
        utterances = _utterances([announcement], lang, lexicon, ANNOUNCEMENT_PAUSE) if announcement else []
        utterances += _utterances(sentences, lang, lexicon)
        tracks.append(Track(f"{index:02d}-{section.slug}", section.id, title, tuple(utterances)))

    return tracks


def plansummary_track(letter: Letter, lexicon: Lexicon, summary: dict[str, Any] | None) -> Track | None:
    """The easy-read summary's track (not part of the whole letter); None without a summary.

    Its sentences are those of ``plan_summary_parts``, in order.
    """
    return summary_track(letter, plan_summary_parts(letter, lexicon, summary))


def summary_track(letter: Letter, parts: Sequence[Track]) -> Track | None:
    """The one summary file made of ``parts``; None without parts."""
    if not parts:
        return None
    tables = speech_tables(letter.language)
    utterances = tuple(u for part in parts for u in part.utterances)
    return Track(tables["files"]["summary"], "summary", tables["titles"]["summary"], utterances)


def plan_summary_parts(letter: Letter, lexicon: Lexicon, summary: dict[str, Any] | None) -> list[Track]:
    """The summary track in parts, one per summary block (pure); [] without a summary.

    The first part also announces the summary and says its title. Parts are
    rendered (and cached) one by one and joined with a section pause, so a
    changed block re-renders only its own part.
    """
    if not summary:
        return []
    lang = letter.language
    tables = speech_tables(lang)
    say, titles, files = tables["announcements"], tables["titles"], tables["files"]
    opening = [say["summary"]]
    title = str(summary.get("title") or "")
    if title and _plain(title) != _plain(say["summary"]):
        opening.append(title)
    lead = _utterances(opening, lang, lexicon, ANNOUNCEMENT_PAUSE)
    parts: list[Track] = []
    for index, (section_id, sentences) in enumerate(_summary_blocks(summary)):
        part = _summary_part(letter, lexicon, index, section_id, sentences, lead if index == 0 else [])
        if part is not None:
            parts.append(part)
    if not parts and lead:
        parts.append(Track(f"{files['summary']}.000", "summary", titles["summary"], tuple(lead)))
    return parts


def plan_block_part(letter: Letter, lexicon: Lexicon, block: dict[str, Any]) -> Track | None:
    """The part of the summary track for one body block (as ``plan_summary_parts`` makes it)."""
    found = _summary_blocks({"blocks": [block]})
    if not found:
        return None
    section_id, sentences = found[0]
    return _summary_part(letter, lexicon, 1, section_id, sentences, [])


def _summary_part(
    letter: Letter, lexicon: Lexicon, index: int, section_id: str, sentences: list[str], lead: list[Utterance]
) -> Track | None:
    tables = speech_tables(letter.language)
    utterances = lead + _utterances(sentences, letter.language, lexicon)
    if not utterances:
        return None
    return Track(f"{tables['files']['summary']}.{index:03d}", section_id, tables["titles"]["summary"],
                 tuple(utterances))


def _announce(
    section: Section, say: dict[str, str], titles: dict[str, str], total: int, paragraphs: list[Section]
) -> tuple[str, str]:
    """(spoken announcement, file title) for a section after the introduction."""
    title = section.title.strip().rstrip(".")
    if section.kind == "commitment":
        number = section.number if section.number is not None else 0
        spoken = _fmt(say["commitment"], number=number, total=total, title=title) + "."
        return spoken, _fmt(titles["commitment"], number=number, title=title)
    if section.kind == "conclusion":
        return (_fmt(say["section"], title=title) + "." if title else say["conclusion"]), titles["conclusion"]
    if section.kind == "appendix":
        return _fmt(say["appendix"], title=title) + ".", _fmt(titles["appendix"], title=title)
    number = paragraphs.index(section) + 1 if section in paragraphs else 1
    if title:
        return _fmt(say["section"], title=title) + ".", title
    return _fmt(say["part"], number=number, total=len(paragraphs)), _fmt(titles["paragraph"], number=number)


def _plain(text: str) -> str:
    """Lower-case letters and digits only: to tell whether two titles say the same."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _summary_blocks(summary: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(section id, sentences said) of each summary block: its heading, then its sentences."""
    blocks: list[tuple[str, list[str]]] = []
    for block in summary.get("blocks", []):
        if isinstance(block, dict):
            sentences = [str(block["heading"]).rstrip(".") + "."] if block.get("heading") else []
            sentences.extend(str(s) for s in block.get("sentences", []) if str(s).strip())
            sentences = [s for s in sentences if s.strip()]
            if sentences:
                blocks.append((str(block.get("section_id") or "summary"), sentences))
    if not blocks:
        sentences = [str(s.get("text", "")) for s in summary.get("sentences", []) if isinstance(s, dict)]
        sentences = [s for s in sentences if s.strip()]
        if sentences:
            blocks.append(("summary", sentences))
    return blocks
