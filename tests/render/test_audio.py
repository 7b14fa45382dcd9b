"""Audio renderer on real espeak-ng audio: files, loudness, peaks, tags, chapters, cues, cache."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

import a11y_pub.engines as engines
from a11y_pub.engines.base import Engine, Pcm, Voice
from a11y_pub.engines.espeak import EspeakEngine
from a11y_pub.errors import EngineUnavailable, LexiconError
from a11y_pub.model import Letter, Recipient, Section
from a11y_pub.mp3 import count_mp3_frames
from a11y_pub.options import AudioOptions, BuildOptions
from a11y_pub.render.audio import bare_synthesis, render_audio
from a11y_pub.render.audio.encoding import decode_mp3_samples
from a11y_pub.render.audio.metering import loudness, true_peak_db

SAMPLE = Path(__file__).parents[1] / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
RATE = 22050


def small_letter(language: str = "fr", **sections: Any) -> Letter:
    return Letter(
        language=language,
        author="Marie Durand",
        author_role="Candidate",
        recipient=Recipient(name="Paul Martin", role="Président", organisation="Association EKKO"),
        subject="Nos engagements",
        place="Alès",
        date="2026-02-23",
        salutation="Monsieur le Président,",
        closing="Bien à vous.",
        sections=(
            Section("introduction", "introduction", paragraphs=("Voici nos engagements pour Alès.",)),
            Section(
                "commitment-1", "commitment", slug="soutenir-la-rdr", number=1,
                title="Soutenir la RdR",
                paragraphs=("Nous soutiendrons le CSAPA et le CAARUD. Les moyens seront maintenus.",),
            ),
            Section(
                "commitment-2", "commitment", slug="ecouter", number=2, title="Écouter",
                paragraphs=sections.get("body2", ("Nous réunirons le CLSM chaque année.",)),
            ),
            Section("conclusion", "conclusion", paragraphs=("Je vous propose une rencontre.",)),
        ),
    )


def options(tmp_path: Path, **audio: Any) -> BuildOptions:
    audio.setdefault("engine", "espeak")
    return BuildOptions(output=tmp_path, audio=AudioOptions(cache_dir=tmp_path / "cache", **audio))


class CountingEngine(Engine):
    """Wraps an engine and counts synthesis calls."""

    def __init__(self, inner: Any, fail_at: int | None = None, name: str | None = None) -> None:
        self.inner = inner
        self.name = name or inner.name
        self.sample_rate = inner.sample_rate
        self.calls = 0
        self.fail_at = fail_at

    def voice_name(self, voice: Voice) -> str:
        return "test-voice"

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        self.calls += 1
        if self.fail_at is not None and self.calls >= self.fail_at:
            raise EngineUnavailable("gTTS failed after 5 attempt(s)", cause="HTTP 429")
        return self.inner.synthesize(text, voice)


class ToneEngine(Engine):
    """A fast stand-in: 0.2 s of tone per call (for pipeline tests that need no real voice)."""

    name = "tone"
    sample_rate = RATE

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        t = np.arange(int(0.2 * RATE)) / RATE
        return Pcm(RATE, 2, 1, (np.sin(2 * np.pi * 200 * t) * 8000).astype("<i2").tobytes())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any], Letter]:
    tmp = tmp_path_factory.mktemp("audio")
    out = tmp / "letter"
    out.mkdir()
    letter = small_letter()
    return out, render_audio(letter, out, options(tmp)), letter


def mp3_files(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "audio").glob("*.mp3"))


def test_files_and_playlist_order(rendered: tuple[Path, list[Any], Letter]) -> None:
    out, artifacts, _ = rendered
    names = ["00-introduction.mp3", "01-soutenir-la-rdr.mp3", "02-ecouter.mp3", "03-conclusion.mp3"]
    assert mp3_files(out) == sorted([*names, "lettre-complete.mp3"])
    playlist = (out / "audio" / "playlist.m3u8").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    assert [line for line in playlist if not line.startswith("#")] == names
    assert playlist[3].startswith("#EXTINF:") and playlist[3].endswith(",Engagement 1 : Soutenir la RdR")
    mp3_artifacts = [a for a in artifacts if a.kind == "audio"]
    assert all(a.info["engine"] == "espeak" and a.info["voice"] == "fr" for a in mp3_artifacts)
    assert all(a.path.startswith("audio/") for a in artifacts)


def test_audio_properties(rendered: tuple[Path, list[Any], Letter]) -> None:
    out, _, _ = rendered
    for name in mp3_files(out):
        data = (out / "audio" / name).read_bytes()
        count_mp3_frames(data)  # a complete MP3 stream
        info = MP3(out / "audio" / name).info
        assert (info.channels, info.sample_rate, info.bitrate) == (1, RATE, 64000)
        samples = decode_mp3_samples(data, RATE)
        assert abs(loudness(samples, RATE) - (-19.0)) <= 1.0, name
        assert true_peak_db(samples) <= -1.0, name
        assert 20 * math.log10(np.abs(samples).max()) <= -1.0
        loud = np.flatnonzero(np.abs(samples) > 10 ** (-45 / 20))
        assert loud[0] / RATE <= 0.5, name  # lead-in
        assert (samples.size - loud[-1]) / RATE <= 0.5 + 0.06, name  # tail (+ encoder padding)


def test_speech_rate_from_word_count(rendered: tuple[Path, list[Any], Letter]) -> None:
    out, _, _ = rendered
    timings = json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))
    entry = next(f for f in timings["files"] if f["file"] == "lettre-complete.mp3")
    words = sum(len(re.findall(r"\w+", cue["text"])) for cue in entry["cues"])
    speaking = sum(cue["end"] - cue["start"] for cue in entry["cues"])
    assert 120 <= words / (speaking / 60) <= 220


def test_tags_and_chapters(rendered: tuple[Path, list[Any], Letter]) -> None:
    out, _, letter = rendered
    tags = ID3(out / "audio" / "01-soutenir-la-rdr.mp3")
    assert tags.version[:2] == (2, 4)
    assert str(tags["TIT2"]) == "Engagement 1 : Soutenir la RdR"
    assert str(tags["TPE1"]) == "Marie Durand"
    assert str(tags["TALB"]) == "Nos engagements (23 février 2026)"
    assert str(tags["TRCK"]) == "2/5"
    assert str(tags["TDRC"]) == "2026-02-23"
    assert str(tags["TLAN"]) == "fra"
    assert str(tags["TCON"]) == "Speech"
    assert tags.getall("USLT")[0].text.startswith("Engagement 1 sur 2 : Soutenir la RdR.\n")
    assert str(tags["TXXX:a11y-pub engine"]) == "espeak"

    full = ID3(out / "audio" / "lettre-complete.mp3")
    assert "Monsieur le Président," in full.getall("USLT")[0].text
    toc = full.getall("CTOC")[0]
    chapters = sorted(full.getall("CHAP"), key=lambda c: c.start_time)
    assert list(toc.child_element_ids) == [c.element_id for c in chapters]
    assert [str(c.sub_frames["TIT2"]) for c in chapters][:2] == ["Introduction", "Engagement 1 : Soutenir la RdR"]
    timings = {f["file"]: f for f in json.loads((out / "audio" / "timings.json").read_text())["files"]}
    sections = ["00-introduction.mp3", "01-soutenir-la-rdr.mp3", "02-ecouter.mp3", "03-conclusion.mp3"]
    assert chapters[0].start_time == 0
    for chapter, name in zip(chapters, sections, strict=True):
        file_seconds = MP3(out / "audio" / name).info.length
        assert abs((chapter.end_time - chapter.start_time) / 1000 - timings[name]["duration"]) < 0.002
        assert abs((chapter.end_time - chapter.start_time) / 1000 - file_seconds) < 0.08  # MP3 frame padding
    for before, after in zip(chapters, chapters[1:], strict=False):
        gap = (after.start_time - before.end_time) / 1000
        assert 0.0 <= gap and 0.6 <= gap + 2 * 0.3 <= 1.0  # section_pause between speech
    total = MP3(out / "audio" / "lettre-complete.mp3").info.length
    assert abs(chapters[-1].end_time / 1000 - total) < 0.08


def test_chapter_frames_are_written_in_chapter_order(rendered: tuple[Path, list[Any], Letter]) -> None:
    """Players built on ffmpeg list chapters in frame order: the CHAP frames, read back in
    file order, follow the sections of the letter (and the CTOC comes before them)."""
    out, _, _ = rendered
    full = ID3(out / "audio" / "lettre-complete.mp3")
    in_file = full.getall("CHAP")  # mutagen keeps frames in file order
    titles = [f["title"] for f in json.loads((out / "audio" / "timings.json").read_text())["files"]
              if f["section_id"] not in ("letter", "summary")]
    assert [str(c.sub_frames["TIT2"]) for c in in_file] == titles
    assert [c.start_time for c in in_file] == sorted(c.start_time for c in in_file)
    assert [c.element_id for c in in_file] == list(full.getall("CTOC")[0].child_element_ids)
    keys = list(full.keys())
    assert keys.index("CTOC:toc") < min(keys.index(f"CHAP:{c.element_id}") for c in in_file)


@pytest.mark.parametrize("titles", [("Conclusion", "Un titre bien plus long que les autres", "B"),
                                    ("Un titre bien plus long que les autres", "A", "Conclusion")])
def test_chapters_in_order_whatever_their_titles(tmp_path: Path, titles: tuple[str, ...]) -> None:
    from a11y_pub.render.audio.tags import tag_mp3

    chapters = [(title, 1000 * i, 1000 * (i + 1)) for i, title in enumerate(titles)]
    path = tmp_path / "x.mp3"
    tag_mp3(path, letter=small_letter(), title="Lettre", track=1, total=1, transcript="", engine="espeak",
            voice="fr", chapters=chapters)
    assert [(str(c.sub_frames["TIT2"]), c.start_time) for c in ID3(path).getall("CHAP")] == [
        (title, start) for title, start, _ in chapters]


def test_vtt_and_timings(rendered: tuple[Path, list[Any], Letter]) -> None:
    out, _, _ = rendered
    timings = json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))
    assert timings["schema"] == "a11y-pub/timings@1"
    assert [f["file"] for f in timings["files"]][-1] == "lettre-complete.mp3"
    for entry in timings["files"]:
        cues = entry["cues"]
        assert cues, entry["file"]
        assert all(0 <= c["start"] < c["end"] <= entry["duration"] for c in cues)
        assert all(a["end"] <= b["start"] for a, b in zip(cues, cues[1:], strict=False))
        vtt = (out / "audio" / entry["file"].replace(".mp3", ".vtt")).read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT\n")
        assert vtt.count(" --> ") == len(cues)
    intro = timings["files"][0]
    assert intro["cues"][0]["text"].startswith("Lettre de Marie Durand, Candidate.")
    assert any("23 février 2026" in c["text"] for c in intro["cues"])
    commitment = timings["files"][1]
    assert commitment["cues"][0]["text"] == "Engagement 1 sur 2 : Soutenir la RdR."
    assert commitment["cues"][1]["start"] - commitment["cues"][0]["end"] >= 0.6  # pause after the announcement


@pytest.mark.slow
def test_second_render_uses_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingEngine(EspeakEngine())
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: counting)
    letter = small_letter("en")
    out = tmp_path / "l"
    out.mkdir()
    first = render_audio(letter, out, options(tmp_path))
    assert counting.calls > 0 and "full-letter.mp3" in mp3_files(out)
    timings = (out / "audio" / "timings.json").read_text(encoding="utf-8")
    counting.calls = 0
    second = render_audio(letter, out, options(tmp_path))
    assert counting.calls == 0
    assert all(a.info["cached"] == a.info["sentences"] > 0 for a in second if a.kind == "audio")
    assert (out / "audio" / "timings.json").read_text(encoding="utf-8") == timings
    sentences = sum(a.info["sentences"] for a in first if a.kind == "audio" and a.path != "audio/full-letter.mp3")
    render_audio(letter, out, BuildOptions(output=tmp_path, force=True, audio=options(tmp_path).audio))
    assert counting.calls == sentences  # --force: every sentence synthesised again


def test_empty_long_and_unspeakable_sections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: ToneEngine())
    long_text = " ".join(["Nous soutiendrons les structures de terrain, avec constance"] * 340)
    letter = Letter(
        language="fr",
        sections=(
            Section("commitment-1", "commitment", number=1, title="Vide"),
            Section("commitment-2", "commitment", number=2, title="Long", paragraphs=(long_text,)),
            Section("commitment-3", "commitment", number=3, title="😀 ★", paragraphs=("😀👍🏽 ★ ♥", "Fin ✓.")),
        ),
    )
    assert len(long_text) > 20_000
    out = tmp_path / "l"
    out.mkdir()
    render_audio(letter, out, options(tmp_path))
    timings = {f["file"]: f for f in json.loads((out / "audio" / "timings.json").read_text())["files"]}
    assert [c["text"] for c in timings["01-commitment-1.mp3"]["cues"]] == ["Engagement 1 sur 3 : Vide."]
    long_cues = timings["02-commitment-2.mp3"]["cues"]
    assert len(long_cues) > 60 and all(len(c["text"]) <= 300 for c in long_cues)
    odd = [c["text"] for c in timings["03-commitment-3.mp3"]["cues"]]
    assert odd == ["Engagement 3 sur 3 : 😀 ★.", "Fin ✓."]  # emoji-only sentence has nothing to say
    assert "00-introduction.mp3" in mp3_files(out)


def test_named_engine_failing_mid_letter_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = CountingEngine(ToneEngine(), fail_at=3, name="gtts")
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: failing)
    out = tmp_path / "l"
    out.mkdir()
    with pytest.raises(EngineUnavailable, match="HTTP 429"):
        render_audio(small_letter(), out, options(tmp_path, engine="gtts"))
    assert not (out / "audio").exists() or mp3_files(out) == []


def test_auto_engine_failing_mid_letter_restarts_with_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = engines.create_engine

    def fake(opts: AudioOptions, language: str, **_: Any) -> Any:
        if opts.engine == "auto":
            return CountingEngine(ToneEngine(), fail_at=3, name="gtts")
        return real(opts, language)

    monkeypatch.setattr(engines, "create_engine", fake)
    out = tmp_path / "l"
    out.mkdir()
    artifacts = render_audio(small_letter(), out, options(tmp_path, engine="auto"))
    assert {a.info["engine"] for a in artifacts if a.kind == "audio"} == {"espeak"}


def test_bad_lexicon_stops_before_synthesis(tmp_path: Path) -> None:
    bad = tmp_path / "lexique.toml"
    bad.write_text('[[lexeme]]\ngrapheme = "X"\nalias = "x\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexique.toml:3: lexicon is not valid TOML"):
        render_audio(small_letter(), tmp_path, options(tmp_path, lexicon=bad))


@pytest.mark.slow
def test_sample_letter_with_summary(tmp_path: Path) -> None:
    letter = Letter.from_json(SAMPLE.read_text(encoding="utf-8"))
    out = tmp_path / "lettre"
    out.mkdir()
    summary = {
        "schema": "a11y-pub/summary@1", "language": "fr", "source": "draft", "title": "La lettre en bref",
        "blocks": [{"section_id": "commitment-1", "heading": "Engagement 1", "sentences": ["La ville aide EKKO."]}],
        "sentences": [{"text": "La ville aide EKKO.", "section_id": "commitment-1"}], "glossary": [],
    }
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    render_audio(letter, out, options(tmp_path))
    names = mp3_files(out)
    assert "00-introduction.mp3" in names and "resume-facile.mp3" in names and "lettre-complete.mp3" in names
    assert "01-renforcer-le-partenariat-ville-association.mp3" in names
    assert "07-engagements-associatifs.mp3" in names
    timings = json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))
    first = next(f for f in timings["files"] if f["section_id"] == "commitment-1")
    assert first["cues"][0]["text"] == "Engagement 1 sur 5 : Renforcer le partenariat Ville-Association."
    chapters = ID3(out / "audio" / "lettre-complete.mp3").getall("CHAP")
    assert len(chapters) == 8  # introduction, 5 commitments, conclusion, appendix
    playlist = (out / "audio" / "playlist.m3u8").read_text(encoding="utf-8")
    assert playlist.rstrip().endswith("resume-facile.mp3")


def test_bare_synthesis_floor() -> None:
    mp3 = bare_synthesis(["Bonjour.", "Voici nos engagements."], "fr")
    assert count_mp3_frames(mp3) > 10


@pytest.mark.parametrize(
    "title,spoken_titles",
    [("Résumé facile à lire", 0), ("La lettre en bref", 1)],
)
def test_summary_title_is_not_said_twice(title: str, spoken_titles: int) -> None:
    from a11y_pub.render.audio import plan_tracks
    from a11y_pub.speech.lexicon import default_lexicon

    letter = Letter.from_json(SAMPLE.read_text(encoding="utf-8"))
    summary = {"title": title, "blocks": [{"section_id": "commitment-1", "heading": "", "sentences": ["La ville aide EKKO."]}]}
    track = plan_tracks(letter, default_lexicon("fr"), summary)[-1]
    texts = [u.written for u in track.utterances]
    assert texts[0].startswith("Résumé facile à lire")
    assert sum(t.rstrip(".") == title for t in texts[1:]) == spoken_titles


# -- bounded memory, whole letter from frames, track cache, mastering ------------------------------


def test_whole_letter_is_the_section_frames_end_to_end(rendered: tuple[Path, list[Any], Letter]) -> None:
    from a11y_pub.mp3 import ENCODER_DELAY, audio_start

    out, _, _ = rendered
    folder = out / "audio"
    full = (folder / "lettre-complete.mp3").read_bytes()
    body = full[audio_start(full):]
    sections = ["00-introduction.mp3", "01-soutenir-la-rdr.mp3", "02-ecouter.mp3", "03-conclusion.mp3"]
    chapters = sorted(ID3(folder / "lettre-complete.mp3").getall("CHAP"), key=lambda c: c.start_time)
    position = 0
    for name, chapter in zip(sections, chapters, strict=True):
        data = (folder / name).read_bytes()
        frames = data[audio_start(data):]
        at = body.index(frames, position)  # every section's frames, unchanged, in order
        assert at >= position
        position = at + len(frames)
        # chapters from frame counts: 576 samples per MPEG-2 Layer III frame at 22.05 kHz
        assert chapter.end_time - chapter.start_time == pytest.approx(count_mp3_frames(frames) * 576 / 22.05, abs=1)
    assert position == len(body)
    total = count_mp3_frames(body) * 576 / RATE
    assert MP3(folder / "lettre-complete.mp3").info.length == pytest.approx(total, abs=0.02)
    assert chapters[-1].end_time / 1000 == pytest.approx(total, abs=0.001)
    samples = decode_mp3_samples(full, RATE)
    assert samples.size / RATE == pytest.approx(total, abs=0.01)
    assert abs(loudness(samples, RATE) - (-19.0)) <= 1.0
    assert true_peak_db(samples) <= -1.0
    # the pause between sections, measured on the decoded whole letter: 0.6-1.0 s of silence
    timings = {f["file"]: f for f in json.loads((folder / "timings.json").read_text())["files"]}
    full_cues = timings["lettre-complete.mp3"]["cues"]
    delay = ENCODER_DELAY / RATE
    for chapter in chapters[1:]:
        start = chapter.start_time / 1000
        before = max(c["end"] for c in full_cues if c["end"] <= start) + delay
        after = min(c["start"] for c in full_cues if c["start"] >= start) + delay
        quiet = np.abs(samples[int(before * RATE) + 50 : int(after * RATE) - 50]) < 10 ** (-45 / 20)
        assert quiet.all() and 0.6 <= after - before <= 1.0


def test_encoder_delay_is_what_lame_adds() -> None:
    from a11y_pub.mp3 import ENCODER_DELAY
    from a11y_pub.render.audio.encoding import encode_mp3, to_int16

    impulse = np.zeros(RATE, dtype=np.float32)
    impulse[5000] = 0.5
    decoded = decode_mp3_samples(encode_mp3(to_int16(impulse), RATE, 64), RATE)
    assert int(np.argmax(np.abs(decoded))) - 5000 == ENCODER_DELAY


def test_long_letter_is_written_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import a11y_pub.render.audio.renderer as audio_module

    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: ToneEngine())
    monkeypatch.setattr(audio_module, "MAX_FILE_SECONDS", 4.0)  # a cheap "two-hour" letter
    out = tmp_path / "l"
    out.mkdir()
    artifacts = render_audio(small_letter(), out, options(tmp_path))
    folder = out / "audio"
    parts = sorted(p.name for p in folder.glob("lettre-complete*.mp3"))
    assert len(parts) >= 2 and parts[0] == "lettre-complete-1.mp3" and "lettre-complete.mp3" not in parts
    timings = json.loads((folder / "timings.json").read_text(encoding="utf-8"))["files"]
    listed = [f["file"] for f in timings if f["section_id"] == "letter"]
    assert listed == [f"lettre-complete-{n}.mp3" for n in range(1, len(parts) + 1)]
    sections = [f for f in timings if f["section_id"] != "letter"]
    all_chapters = []
    for number, name in enumerate(listed, start=1):
        tags = ID3(folder / name)
        chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
        assert chapters and chapters[0].start_time == 0
        assert str(tags["TRCK"]) == f"{len(sections) + number}/{len(sections) + len(parts)}"
        length = MP3(folder / name).info.length
        assert abs(chapters[-1].end_time / 1000 - length) < 0.02
        assert length <= 4.0 or len(chapters) == 1  # a section longer than the limit stands alone
        all_chapters += [str(c.sub_frames["TIT2"]) for c in chapters]
        assert (folder / name.replace(".mp3", ".vtt")).is_file()
    assert all_chapters == [f["title"] for f in sections]  # every section once, in order
    assert {a.path for a in artifacts if a.kind == "audio"} >= {f"audio/{p}" for p in parts}


def test_track_cache_redoes_only_the_edited_track(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import a11y_pub.render.audio.mastering as audio_module

    counting = CountingEngine(ToneEngine())
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: counting)
    passes: list[int] = []
    real = audio_module._mastering_pass
    monkeypatch.setattr(audio_module, "_mastering_pass", lambda *a, **k: passes.append(1) or real(*a, **k))
    out = tmp_path / "l"
    out.mkdir()
    render_audio(small_letter(), out, options(tmp_path))
    before = {p.name: p.read_bytes() for p in (out / "audio").glob("*.mp3")}
    counting.calls, passes[:] = 0, []
    edited = small_letter(body2=("Nous réunirons le CLSM deux fois par an.",))
    artifacts = render_audio(edited, out, options(tmp_path))
    assert counting.calls == 1  # the one new sentence
    assert 1 <= len(passes) <= 2  # only the edited track is mastered
    after = {p.name: p.read_bytes() for p in (out / "audio").glob("*.mp3")}
    changed = sorted(n for n in after if after[n] != before[n])
    assert changed == ["02-ecouter.mp3", "lettre-complete.mp3"]
    cached = {a.path: a.info["cached"] for a in artifacts if a.kind == "audio"}
    assert cached["audio/01-soutenir-la-rdr.mp3"] == 3

    # a summary appears: track numbers change, the cached audio does not
    counting.calls = 0
    summary = {"schema": "a11y-pub/summary@1", "language": "fr", "source": "draft", "title": "En bref",
               "blocks": [{"section_id": "commitment-1", "heading": "", "sentences": ["La ville aide."]}],
               "sentences": [{"text": "La ville aide.", "section_id": "commitment-1"}], "glossary": []}
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    render_audio(edited, out, options(tmp_path))
    assert counting.calls == 3  # the summary track only: announcement, title, sentence
    assert str(ID3(out / "audio" / "01-soutenir-la-rdr.mp3")["TRCK"]) == "2/6"
    assert str(ID3(out / "audio" / "resume-facile.mp3")["TRCK"]) == "5/6"
    assert str(ID3(out / "audio" / "lettre-complete.mp3")["TRCK"]) == "6/6"
    from a11y_pub.mp3 import audio_start

    old, new = after["01-soutenir-la-rdr.mp3"], (out / "audio" / "01-soutenir-la-rdr.mp3").read_bytes()
    assert new[audio_start(new):] == old[audio_start(old):]  # same frames, new tags

    counting.calls, passes[:] = 0, []
    render_audio(edited, out, BuildOptions(output=tmp_path, force=True, audio=options(tmp_path).audio))
    assert counting.calls > 10 and len(passes) >= 5  # --force: everything again


def _summary(*blocks: tuple[str, list[str]]) -> dict[str, Any]:
    return {"schema": "a11y-pub/summary@1", "language": "fr", "source": "draft", "title": "En bref",
            "blocks": [{"section_id": sid, "heading": f"Partie {i}", "sentences": sentences}
                       for i, (sid, sentences) in enumerate(blocks, start=1)],
            "sentences": [], "glossary": []}


def test_summary_track_is_rendered_by_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingEngine(ToneEngine())
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: counting)
    out = tmp_path / "l"
    out.mkdir()
    blocks = [("introduction", ["La ville écrit à EKKO.", "Elle a deux idées."]),
              ("commitment-1", ["La ville aide.", "Elle paie."]),
              ("commitment-2", ["La ville écoute."])]
    (out / "summary.json").write_text(json.dumps(_summary(*blocks)), encoding="utf-8")
    render_audio(small_letter(), out, options(tmp_path))
    timings = json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))
    entry = next(f for f in timings["files"] if f["file"] == "resume-facile.mp3")
    texts = [c["text"] for c in entry["cues"]]
    assert texts == ["Résumé facile à lire.", "En bref", "Partie 1.", "La ville écrit à EKKO.", "Elle a deux idées.",
                     "Partie 2.", "La ville aide.", "Elle paie.", "Partie 3.", "La ville écoute."]
    starts = [c["start"] for c in entry["cues"]]
    assert starts == sorted(starts) and all(c["end"] > c["start"] for c in entry["cues"])
    assert entry["cues"][-1]["end"] <= entry["duration"]
    mp3 = out / "audio" / "resume-facile.mp3"
    assert abs(MP3(mp3).info.length - entry["duration"]) < 0.1
    samples = decode_mp3_samples(mp3.read_bytes(), 22050)
    assert abs(loudness(samples, 22050) + 19.0) < 0.6 and true_peak_db(samples) <= -1.0

    # one block edited: its part alone is spoken again; the other parts come from the cache
    counting.calls = 0
    blocks[1] = ("commitment-1", ["La ville aide beaucoup.", "Elle paie."])
    (out / "summary.json").write_text(json.dumps(_summary(*blocks)), encoding="utf-8")
    render_audio(small_letter(), out, options(tmp_path))
    assert counting.calls == 1


def test_summary_is_read_after_the_section_tracks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import a11y_pub.render.audio.renderer as audio_module

    events: list[str] = []

    class Recording(ToneEngine):
        def synthesize(self, text: str, voice: Voice) -> Pcm:
            events.append("speak")
            return super().synthesize(text, voice)

    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: Recording())
    monkeypatch.setattr(audio_module, "_load_summary", lambda out_dir, *_: events.append("summary") or None)
    out = tmp_path / "l"
    out.mkdir()
    render_audio(small_letter(), out, options(tmp_path, use_cache=False))
    assert events.count("summary") == 1 and events[-1] == "summary" and events.count("speak") > 5


def test_threads_do_not_change_the_audio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: ToneEngine())
    results = []
    for threads in (1, 2):
        out = tmp_path / f"t{threads}"
        out.mkdir()
        render_audio(small_letter(), out, options(tmp_path / f"c{threads}", threads=threads))
        results.append({p.name: p.read_bytes() for p in sorted((out / "audio").iterdir())})
    assert results[0] == results[1]


def test_track_cache_writes_are_complete_and_allowance_is_cached(rendered: tuple[Path, list[Any], Letter]) -> None:
    out, _, _ = rendered
    cache = out.parent / "cache"
    streams = sorted((cache / "tracks").rglob("*.mp3"))
    assert len(streams) == 4
    for stream in streams:
        meta = json.loads(stream.with_suffix(".json").read_text(encoding="utf-8"))
        assert stream.stat().st_size == meta["bytes"] and count_mp3_frames(stream.read_bytes()) == meta["frames"]
    [allowance] = list((cache / "allowance").glob("*.json"))
    assert 0.0 <= json.loads(allowance.read_text(encoding="utf-8"))["allowance"] <= 1.5
    assert not list(cache.rglob(".a11y-tmp-*")) and not list(out.rglob(".a11y-tmp-*"))


def test_streaming_meter_matches_pyloudnorm() -> None:
    import pyloudnorm

    from a11y_pub.render.audio.metering import LoudnessMeter

    rng = np.random.default_rng(1)
    t = np.arange(7 * RATE) / RATE
    signal = (0.2 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 0.7 * t)) + 0.02 * rng.standard_normal(t.size))
    signal[2 * RATE : 3 * RATE] = 0.0  # a silent second, gated out
    expected = pyloudnorm.Meter(RATE).integrated_loudness(signal)
    assert loudness(signal.astype(np.float32), RATE) == pytest.approx(expected, abs=0.01)
    meter = LoudnessMeter(RATE)
    for start in range(0, signal.size, 12345):  # blocks that do not line up with the 100 ms steps
        meter.add(signal[start : start + 12345])
    assert meter.lufs() == pytest.approx(expected, abs=0.01)


def test_peak_envelope_oversamples_only_near_the_ceiling() -> None:
    from a11y_pub.render.audio.mastering import limit
    from a11y_pub.render.audio.metering import peak_envelope, true_peak_envelope

    t = np.arange(RATE) / RATE
    quiet = (0.05 * np.sin(2 * np.pi * 5000 * t)).astype(np.float32)
    loud = quiet * 18
    signal = np.concatenate([quiet, loud])
    envelope = peak_envelope(signal, 0.5)
    assert np.array_equal(envelope[: RATE - 2048], np.abs(quiet[: RATE - 2048]))  # far under: not oversampled
    np.testing.assert_allclose(envelope[RATE + 2048 :], true_peak_envelope(signal)[RATE + 2048 :], rtol=1e-5)
    limited = limit(signal, RATE, -1.0)
    assert true_peak_db(limited) <= -1.0 + 0.1
    assert np.array_equal(limited[: RATE // 2], signal[: RATE // 2])


def test_summary_blocks_streamed_ahead_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks announced while the summary is being made are rendered then; the final
    summary reuses them, and the files are those of a build that waited."""
    from a11y_pub.render import Board, Inputs
    from a11y_pub.render.summary import Summary, SummaryBlock

    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: ToneEngine())
    blocks = [("introduction", ["La ville écrit à EKKO."]), ("commitment-1", ["La ville aide.", "Elle paie."]),
              ("commitment-2", ["La ville écoute."])]
    summary = _summary(*blocks)
    waited, streamed = tmp_path / "waited", tmp_path / "streamed"
    for out in (waited, streamed):
        out.mkdir()
        (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    render_audio(small_letter(), waited, options(tmp_path, use_cache=False))


    order: list[str] = []

    class Recording(Board):
        def stream(self, name: str):  # body blocks as the helper sends them, and one it will not keep
            for block in super().stream(name):
                order.append("block")
                yield block

        def get(self, name: str):
            order.append("load")
            return super().get(name)

    board = Recording(["summary", "timings"], {})
    for block in [*summary["blocks"][1:], {"section_id": "x", "heading": "", "sentences": ["Jamais dit."]}]:
        board.put("summary", SummaryBlock.from_dict(block))
    board.provide("summary", Summary.from_dict(summary))
    inputs = Inputs(board, ("summary",), ("timings",))
    render_audio(small_letter(), streamed, options(tmp_path, use_cache=False), inputs=inputs)
    assert order == ["block", "block", "block", "load"]
    for name in ("resume-facile.mp3", "timings.json", "resume-facile.vtt"):
        assert (streamed / "audio" / name).read_bytes() == (waited / "audio" / name).read_bytes(), name


class CreditedEngine(ToneEngine):
    """A stand-in whose voice's licence asks for credit (as Kokoro's SIWIS voice does)."""

    def credit(self, voice: Voice) -> str:
        return "Voice: Test-82M (Apache-2.0), voice data CC BY 4.0"


@pytest.mark.parametrize(("language", "comment"), [("fr", "Synthèse vocale : tone, voix fr"),
                                                   ("en", "Synthetic speech: tone, voice en")])
def test_tags_credit_the_voice_in_the_letter_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, comment: str
) -> None:
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: CreditedEngine())
    out = tmp_path / "l"
    out.mkdir()
    artifacts = render_audio(small_letter(language), out, options(tmp_path))
    credit = "Voice: Test-82M (Apache-2.0), voice data CC BY 4.0"
    for name in ("00-introduction.mp3", "lettre-complete.mp3" if language == "fr" else "full-letter.mp3"):
        tags = ID3(out / "audio" / name)
        assert str(tags["TXXX:a11y-pub credit"]) == credit
        assert tags.getall("COMM")[0].text == [f"{comment}. {credit}"]
    assert all(a.info["credit"] == credit for a in artifacts if a.kind == "audio")


def test_the_timings_handed_on_are_those_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the build's inputs, the audio hands the later renderers exactly what timings.json says."""
    from a11y_pub.render import Board, Inputs
    from a11y_pub.timings import Timings

    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: ToneEngine())
    board = Board(["summary", "timings"], {})
    board.provide("summary", None)  # built without a summary
    out = tmp_path / "l"
    out.mkdir()
    render_audio(small_letter(), out, options(tmp_path, use_cache=False), inputs=Inputs(board, ("summary",), ("timings",)))
    handed = board.get("timings")
    assert handed == json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))
    assert [f.file for f in Timings.from_dict(handed).files] == ["00-introduction.mp3", "01-soutenir-la-rdr.mp3",
                                                                   "02-ecouter.mp3", "03-conclusion.mp3",
                                                                   "lettre-complete.mp3"]


class ScriptEngine(ToneEngine):
    """Records the text it is given; reads lexicon phonemes as ``phoneme_alphabet`` says."""

    def __init__(self, alphabet: str | None) -> None:
        self.phoneme_alphabet = alphabet
        self.texts: list[str] = []

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        self.texts.append(text)
        return super().synthesize(text, voice)


@pytest.mark.parametrize(
    "alphabet,said",
    [("x-espeak", "[[bl'anav]]"), (None, "Blanave")],
)
def test_lexicon_phonemes_reach_an_engine_that_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alphabet: str | None, said: str
) -> None:
    """An entry with espeak-ng phonemes is written as espeak-ng's markup for an engine that
    reads it, and said by its respelling to the others."""
    lexicon = tmp_path / "lex.toml"
    lexicon.write_text(
        '[[lexeme]]\ngrapheme = "Blannaves"\nalias = "Blanave"\nphoneme = { x-espeak = "bl\'anav" }\n', encoding="utf-8"
    )
    engine = ScriptEngine(alphabet)
    monkeypatch.setattr(engines, "create_engine", lambda opts, language, **_: engine)
    out = tmp_path / "letter"
    out.mkdir()
    letter = small_letter(body2=("Nous réunirons le conseil de Blannaves chaque année.",))
    render_audio(letter, out, options(tmp_path, lexicon=lexicon, use_cache=False))
    spoken = [t for t in engine.texts if "conseil" in t]
    assert spoken and all(said in t for t in spoken), spoken
    assert "Blannaves" in (out / "audio" / "lettre-complete.vtt").read_text(encoding="utf-8")  # captions say what is written
