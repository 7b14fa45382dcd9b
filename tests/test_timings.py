"""The shared timings value: JSON round trip, ids, validation, WebVTT."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a11y_pub.errors import RenderError
from a11y_pub.timings import TIMINGS_SCHEMA, Cue, TimedFile, Timings, cue_id, read_timings, to_webvtt

DOCUMENT = {
    "schema": TIMINGS_SCHEMA,
    "files": [
        {"file": "00-introduction.mp3", "section_id": "introduction", "title": "Introduction", "duration": 3.5,
         "cues": [{"id": "introduction-s1", "start": 0.5, "end": 1.25, "text": "Madame,"},
                  {"id": "introduction-s2", "start": 1.55, "end": 3.0, "text": "Nous vous écrivons."}]},
        {"file": "lettre-complete.mp3", "section_id": "letter", "title": "Lettre complète", "duration": 3.5,
         "cues": [{"id": "introduction-s1", "start": 0.5, "end": 1.25, "text": "Madame,"}]},
    ],
}


def test_round_trip() -> None:
    timings = Timings.from_dict(DOCUMENT)
    assert timings.to_dict() == DOCUMENT
    assert timings.files[0].stem == "00-introduction"
    assert timings.files[0].cues[1] == Cue(1.55, 3.0, "Nous vous écrivons.", "introduction-s2")


def test_cues_without_ids_are_numbered_by_position() -> None:
    entry = {"file": "01-x.mp3", "section_id": "engagement-1", "cues": [
        {"start": 0, "end": 1, "text": "a"}, {"start": 1, "end": 2, "text": "b"}]}
    timed = TimedFile.from_dict(entry)
    assert [c.id for c in timed.cues] == ["engagement-1-s1", "engagement-1-s2"]
    assert timed.duration == 2.0  # the last cue's end when the entry has none
    assert TimedFile.from_dict({**entry, "section_id": ""}).cues[0].id == "cue-s1"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"file": "../x.mp3"}, "plain file name"),
        ({"file": "a/x.mp3"}, "plain file name"),
        ({"file": ".x.mp3"}, "plain file name"),
        ({"file": "x.mp3", "cues": [{"start": "nan", "end": 1, "text": "a"}]}, "finite"),
        ({"file": "x.mp3", "duration": "inf"}, "finite"),
        ({"file": "x.mp3", "cues": [{"id": "Bad Id", "start": 0, "end": 1, "text": "a"}]}, "does not match"),
        ({"file": "x.mp3", "cues": [{"id": "a-s1", "start": 0, "end": 1, "text": "a"},
                                    {"id": "a-s1", "start": 1, "end": 2, "text": "b"}]}, "same id"),
        ({"section_id": "x"}, "malformed"),
        ({"file": "x.mp3", "cues": [{"start": 0, "text": "a"}]}, "malformed"),
    ],
)
def test_malformed_entries_are_refused(entry: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        Timings.from_dict({"schema": TIMINGS_SCHEMA, "files": [entry]})


@pytest.mark.parametrize(("section", "number", "expected"), [("introduction", 1, "introduction-s1"),
                                                              ("engagement-2", 12, "engagement-2-s12")])
def test_cue_ids(section: str, number: int, expected: str) -> None:
    assert cue_id(section, number) == expected


@pytest.mark.parametrize(("section", "number"), [("Intro", 1), ("intro", 0), ("", 1)])
def test_no_cue_id_for_a_bad_section_or_number(section: str, number: int) -> None:
    with pytest.raises(ValueError):
        cue_id(section, number)


def test_read_timings(tmp_path: Path) -> None:
    path = tmp_path / "timings.json"
    assert read_timings(path) is None
    path.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    assert read_timings(path) == Timings.from_dict(DOCUMENT)
    path.write_text(json.dumps({**DOCUMENT, "schema": "a11y-pub/timings@0"}), encoding="utf-8")
    with pytest.raises(RenderError, match="unsupported audio timings file"):
        read_timings(path)
    path.write_text(json.dumps({**DOCUMENT, "files": {}}), encoding="utf-8")
    with pytest.raises(RenderError, match=f"{path}.*malformed audio timings file"):
        read_timings(path)


@given(st.lists(st.tuples(st.floats(0, 10_000), st.floats(0, 100), st.text()), max_size=5))
def test_webvtt_has_one_cue_per_sentence_on_one_line(items: list[tuple[float, float, str]]) -> None:
    cues = [Cue(start, start + length, text) for start, length, text in items]
    lines = to_webvtt(cues).split("\n")
    assert lines[:2] == ["WEBVTT", ""]
    body = lines[2:]
    assert len(body) == 4 * len(cues)
    for number in range(len(cues)):
        number_line, times, text = body[4 * number : 4 * number + 3]
        assert number_line == str(number + 1) and " --> " in times
        assert "<" not in text and text == text.strip()


@pytest.mark.parametrize(("written", "kept"), [(0.12345, 0.123), (1.0005, 1.0), (2.9996, 3.0), (7, 7.0)])
def test_times_are_kept_to_the_millisecond_as_written(written: float, kept: float) -> None:
    timed = TimedFile("x.mp3", "x", "X", written, (Cue(written, written, "a"),))
    assert (timed.duration, timed.cues[0].start, timed.cues[0].end) == (kept, kept, kept)
    assert TimedFile.from_dict(timed.to_dict()) == timed
