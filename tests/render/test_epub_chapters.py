"""The books' text: spoken sentences paired with written text, marks nested, clips end to end."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from book_checks import XHTML
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.model import Inline, Letter, ListBlock, Paragraph, Section, Span, Table
from a11y_pub.render.epub_chapters import audio_clips, letter_chapters
from a11y_pub.render.epub_shared import BookInputs, keep_together, xml_safe
from a11y_pub.render.epub_tree import TextElement
from a11y_pub.render.epub_xhtml import inline_html
from a11y_pub.timings import Cue, TimedFile, Timings

WRAP = '<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">{}</div>'


def one_section(blocks: tuple, cues: list[str], title: str = "Des moyens", salutation: str = "") -> tuple[Letter, BookInputs]:
    letter = Letter(language="fr", sections=(Section("commitment-1", "commitment", number=1, title=title, blocks=blocks),), salutation=salutation)
    timed = TimedFile("01.mp3", "commitment-1", title, len(cues) + 1.0, tuple(Cue(n + 0.5, n + 1.0, text) for n, text in enumerate(cues)))
    return letter, BookInputs(Timings((timed,)), None, Path("."))


def paired_text(chapter_body: str, element_id: str) -> str:
    root = ElementTree.fromstring(WRAP.format(chapter_body))
    return "".join(next(e for e in root.iter() if e.get("id") == element_id).itertext())


@pytest.mark.parametrize(
    ("paragraphs", "spoken", "shown"),
    [
        # each sentence as written: its own span, punctuation included
        (["Nous viendrons. Nous aiderons."], ["Nous viendrons.", "Nous aiderons."], ["Nous viendrons.", "Nous aiderons."]),
        # a heading announced in other words goes to the heading
        (["Nous aiderons."], ["Engagement 1 sur 3 : Des moyens.", "Nous aiderons."], ["1. Des moyens", "Nous aiderons."]),
        # a short sentence that also ends a longer one is found where a sentence starts
        (["Il dit ce que dit la lettre.", "La lettre."], ["La lettre."], ["La lettre."]),
        # quotation marks before and after the words belong to the sentence
        # (French spaces inside « » become no-break spaces in print)
        (["« Vous » veut dire Paul. Fin."], ["« Vous » veut dire Paul.", "Fin."], ["«\u00a0Vous\u00a0» veut dire Paul.", "Fin."]),
        # case and apostrophes differ between speech text and print
        (["L’équipe d’EKKO agit."], ["L'équipe d'EKKO agit."], ["L’équipe d’EKKO agit."]),
        # a sentence heard but not written stays with the text shown before it
        (["Nous aiderons."], ["Nous aiderons.", "Zzz qwv."], ["Nous aiderons.", "Nous aiderons."]),
    ],
)
def test_each_spoken_sentence_is_paired_with_its_text(paragraphs: list[str], spoken: list[str], shown: list[str]) -> None:
    letter, inputs = one_section(tuple(Paragraph(Inline(p)) for p in paragraphs), spoken)
    (chapter,) = letter_chapters(letter, inputs, "epub")
    assert [cue.text for cue, _, _ in chapter.pars] == spoken  # none dropped, order kept
    assert [paired_text(chapter.body, element) for _, element, _ in chapter.pars] == shown


def test_list_items_and_salutation_get_their_sentences() -> None:
    letter, inputs = one_section(
        (ListBlock((Inline("Les écoles"), Inline("Les clubs"))),), ["Madame,", "Les écoles", "Les clubs"], salutation="Madame,"
    )
    (chapter,) = letter_chapters(letter, inputs, "daisy")
    assert [paired_text(chapter.body, e) for _, e, _ in chapter.pars] == ["Madame,", "Les écoles", "Les clubs"]
    assert "epub:" not in chapter.body


def test_a_table_row_read_aloud_is_paired_with_the_row() -> None:
    table = Table(((Inline("Année"), Inline("Montant")), (Inline("2026"), Inline("10 000 €"))), caption="Budget")
    letter, inputs = one_section((table,), ["Budget", "Année, Montant", "2026, 10 000 €"])
    (chapter,) = letter_chapters(letter, inputs, "epub")
    root = ElementTree.fromstring(WRAP.format(chapter.body))
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    tags = [by_id[element].tag.removeprefix(XHTML) for _, element, _ in chapter.pars]
    assert tags == ["span", "tr", "tr"]
    assert "".join(by_id[chapter.pars[0][1]].itertext()) == "Budget"
    assert [c.text for c in by_id[chapter.pars[1][1]].iter(f"{XHTML}th")] == ["Année", "Montant"]
    assert [c.text for c in by_id[chapter.pars[2][1]].iter(f"{XHTML}td")] == ["2026", "10 000 €"]


@pytest.mark.parametrize(
    ("language", "written", "printed"),
    [
        ("fr", "Objet : votre lettre ; merci !", "Objet\u00a0: votre lettre\u00a0; merci\u00a0!"),
        ("fr", "« Oui » dit-il ? L'équipe d'Alès.", "«\u00a0Oui\u00a0» dit-il\u00a0? L’équipe d’Alès."),
        ("fr", "À 10:30, voir https://x.fr", "À 10:30, voir https://x.fr"),  # no space: nothing to keep together
        ("fr", "l' 'seul' 2'", "l' 'seul' 2'"),  # an apostrophe not between letters stays
        ("en", "Note : it's fine « ok »", "Note : it's fine « ok »"),
        ("en", "10\u202f000 and 5\u2009%", "10\u00a0000 and 5\u00a0%"),
    ],
)
def test_keep_together(language: str, written: str, printed: str) -> None:
    assert keep_together(written, language) == printed


@given(st.text(), st.sampled_from(["fr", "en"]))
def test_keep_together_keeps_the_length_and_the_letters(text: str, language: str) -> None:
    result = keep_together(text, language)
    assert len(result) == len(text)  # the marks of an Inline still apply
    assert [c for c in result if c.isalnum()] == [c for c in text if c.isalnum()]


@pytest.mark.parametrize(
    ("starts", "duration", "expected"),
    [
        ([0.3, 2.0, 5.0], 7.0, [(0.0, 2.0), (2.0, 5.0), (5.0, 7.0)]),  # end to end, the pauses heard
        ([0.3], 1.2345, [(0.0, 1.234)]),  # millisecond precision (1.2345 rounds to even)
        ([0.3, 4.0, 2.0], 6.0, [(0.0, 4.0), (4.0, 6.0)]),  # a cue out of order gets no time of its own
        ([0.3, 9.0], 6.0, [(0.0, 6.0)]),  # nothing past the end of the file
    ],
)
def test_clips_cover_the_file_end_to_end(starts: list[float], duration: float, expected: list[tuple[float, float]]) -> None:
    texts = [f"Phrase {n}." for n in range(len(starts))]
    letter, _ = one_section((Paragraph(Inline(" ".join(texts))),), texts)
    timed = TimedFile("01.mp3", "commitment-1", "", duration, tuple(Cue(s, s + 0.2, t) for s, t in zip(starts, texts, strict=True)))
    (chapter,) = letter_chapters(letter, BookInputs(Timings((timed,)), None, Path(".")), "epub")
    assert [(begin, end) for _, _, begin, end in audio_clips(chapter)] == expected


marks = st.sampled_from(["strong", "link", "lang", "note"])


@st.composite
def marked_text(draw: st.DrawFn) -> tuple[Inline, list[tuple[int, int, str]]]:
    text = draw(st.text(min_size=0, max_size=40))
    length = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, length))
        end = draw(st.integers(start, length))
        kind = draw(marks)
        if kind != "note" and start == end:
            continue
        value = {"strong": "", "link": "https://example.org/?a=1&b=<2>", "lang": "en", "note": "Note <b> & co"}[kind]
        spans.append(Span(start, end, kind, value))
    cuts = sorted(set(draw(st.lists(st.integers(0, length), max_size=6))))
    ranges = [(a, b, f"s-x-s{n}") for n, (a, b) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)) if a < b]
    return Inline(text, tuple(spans)), ranges


def _text_without(element: ElementTree.Element, skipped: set[str]) -> str:
    """The element's text, leaving out the elements whose id is in ``skipped`` (but not their tail)."""
    out = [element.text or ""]
    for child in element:
        if child.get("id") not in skipped:
            out.append(_text_without(child, skipped))
        out.append(child.tail or "")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(marked_text())
def test_marked_text_is_well_formed_and_keeps_every_character(case: tuple[Inline, list[tuple[int, int, str]]]) -> None:
    inline, ranges = case
    notes: list[tuple[str, str, str]] = []
    item = TextElement("c01-e1", inline, list(ranges))
    root = ElementTree.fromstring(WRAP.format(inline_html(item, "epub", notes, "c01")))  # raises if not well-formed
    calls = inline.marked("note")
    assert [text for _, _, text in notes] == [s.value for s in calls]
    inserted = {f"c01-ref{n}" for n, span in enumerate(calls, start=1) if span.start == span.end}
    for ref in inserted:  # a call with no printed marker shows its number
        element = next(e for e in root.iter() if e.get("id") == ref)
        assert element.text == f"[{ref.removeprefix('c01-ref')}]" and element.get("href") == "#" + ref.replace("ref", "note")
    assert _text_without(root, inserted) == xml_safe(inline.text)
    for start, end, span_id in ranges:
        (element,) = [e for e in root.iter(f"{XHTML}span") if e.get("id") == span_id]
        assert _text_without(element, inserted) == xml_safe(inline.text[start:end])
    # every character carries exactly the marks of the spans over it
    def expected(kind: str) -> list[bool]:
        return [any(s.kind == kind and s.start <= i < s.end for s in inline.spans) for i in range(len(inline.text))]

    found = _marks(root, inserted, frozenset())
    assert [("strong" in m) for m in found] == expected("strong")
    assert [("link" in m) for m in found] == expected("link")
    assert [("lang" in m) for m in found] == expected("lang")


def _marks(element: ElementTree.Element, skipped: set[str], above: frozenset[str]) -> list[frozenset[str]]:
    """For each character of the element's text (less ``skipped`` elements): the marks over it."""
    tag = element.tag.removeprefix(XHTML)
    here = set(above)
    if tag == "strong":
        here.add("strong")
    elif tag == "a" and element.get("href", "").startswith("http"):
        here.add("link")
    elif tag == "span" and element.get("lang"):
        here.add("lang")
    mine = frozenset(here)
    out = [mine] * len(element.text or "")
    for child in element:
        if child.get("id") not in skipped:
            out += _marks(child, skipped, mine)
        out += [mine] * len(child.tail or "")
    return out
