"""Web renderer: page structure, escaping, links, captions (no browser here).

Inputs from the other renderers are faked by ``web_fakes`` (silent MP3s,
``timings.json``, VTTs, ``summary.json``) following the shared contracts; a
last test goes through the real audio renderer when it is available.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import html5lib
import pytest
import webvtt
from mutagen.mp3 import MP3
from web_fakes import LEAD, PAUSE, write_fake_audio, write_fake_summary

from a11y_pub.errors import EngineError, RenderError
from a11y_pub.model import Letter, Section
from a11y_pub.options import AudioOptions, BuildOptions
from a11y_pub.render.web import render_web
from a11y_pub.timings import Cue, format_vtt_time
from a11y_pub.timings import to_webvtt as cues_to_vtt

LETTERS = Path(__file__).resolve().parents[1] / "letters"
SAMPLE = LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json"
CSS = Path(__file__).resolve().parents[2] / "a11y_pub" / "data" / "web" / "page.css"

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\' \u202eRTL\u202c 🗳️ </p><b>bold'


# -- helpers --------------------------------------------------------------------


def sample_letter() -> Letter:
    return Letter.from_json(SAMPLE.read_text(encoding="utf-8"))


def parse(page: str) -> ElementTree.Element:
    """Parse strictly (raises on any HTML5 parse error) into an ElementTree."""
    parser = html5lib.HTMLParser(
        strict=True, tree=html5lib.treebuilders.getTreeBuilder("etree"), namespaceHTMLElements=False
    )
    return parser.parse(page)


def text_of(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def build(out_dir: Path, letter: Letter, **fake: Any) -> tuple[Path, ElementTree.Element]:
    out_dir.mkdir(parents=True, exist_ok=True)
    render_web(letter, out_dir, BuildOptions())
    web = out_dir / "web"
    return web, parse((web / "index.html").read_text(encoding="utf-8"))


def full_inputs(out_dir: Path, letter: Letter, **fake: Any) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = write_fake_summary(out_dir, letter)
    write_fake_audio(out_dir, letter, summary=summary, **fake)
    (out_dir / "gros-caracteres.pdf").write_bytes(b"%PDF-1.7\n% stand-in\n")
    (out_dir / "resume-facile.txt").write_text("Résumé.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ElementTree.Element]:
    out_dir = tmp_path_factory.mktemp("web") / "lettre"
    letter = sample_letter()
    full_inputs(out_dir, letter)
    return build(out_dir, letter)


def transcripts(root: ElementTree.Element) -> dict[str, list[str]]:
    """Player id -> sentence texts of its transcript, in document order."""
    found: dict[str, list[str]] = {}
    for div in root.iter("div"):
        if "transcript" in div.get("class", "").split() and div.get("data-audio"):
            found[div.get("data-audio")] = [
                text_of(span) for span in div.iter("span") if span.get("class") == "s"
            ]
    return found


# -- structure ------------------------------------------------------------------------


def test_page_parses_strictly_with_language_and_title(built: tuple[Path, Any]) -> None:
    _, root = built
    assert root.get("lang") == "fr"
    title = text_of(root.find("head/title"))
    assert title.startswith("Réponses à votre interpellation")
    assert "lettre de Marc Infantes" in title  # names in capitals in title case, as in the PDF
    skip = root.find("body/a")
    assert skip is not None and skip.get("href") == "#contenu"
    assert root.find(".//main[@id='contenu']") is not None


def test_headings_follow_the_letter_then_the_easy_read_version(built: tuple[Path, Any]) -> None:
    _, root = built
    headings = [
        (int(el.tag[1]), text_of(el))
        for el in root.iter()
        if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)
    ]
    assert [level for level, _ in headings].count(1) == 1 and headings[0][0] == 1
    for (before, _), (after, _) in itertools.pairwise(headings):
        assert after <= before + 1, headings
    h2 = [text for level, text in headings if level == 2]
    assert h2 == [
        "Introduction",
        "Engagement 1 : Renforcer le partenariat Ville-Association",
        "Engagement 2 : Agir sur la prévention précoce et le milieu scolaire",
        "Engagement 3 : Soutien à la réduction des risques (RdR) et à l'inclusion",
        "Engagement 4 : Une approche globale de la vulnérabilité",
        "Engagement 5 : Sécurité et Santé : une vision équilibrée",
        "Conclusion",
        "Engagements associatifs",
        "Résumé facile à lire",
    ]


def test_every_player_is_labelled_and_followed_by_its_transcript(built: tuple[Path, Any]) -> None:
    web, root = built
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    players = list(root.iter("audio"))
    assert len(players) == 9  # summary + 8 sections; the whole letter is a download
    texts = transcripts(root)
    for figure in root.iter("figure"):
        audio = figure.find("audio")
        assert audio is not None
        assert audio.get("controls") is not None and audio.get("preload") == "none"
        label = ids[audio.get("aria-labelledby")]
        assert label.tag == "figcaption" and text_of(label).startswith("Écouter : ")
        track = audio.find("track")
        assert track.get("kind") == "captions" and track.get("srclang") == "fr"
        assert (web / track.get("src")).is_file()
        section = next(s for s in root.iter("section") if figure in list(s))
        children = list(section)
        following = children[children.index(figure) + 1]
        assert following.tag == "div" and following.get("data-audio") == audio.get("id")
        assert texts[audio.get("id")], "transcript has no timed sentence"


def test_links_and_sources_resolve_inside_web(built: tuple[Path, Any]) -> None:
    web, root = built
    refs = [
        el.get(attr)
        for el in root.iter()
        for attr in ("href", "src")
        if isinstance(el.tag, str) and el.get(attr)
    ]
    assert refs
    for ref in refs:
        assert not re.match(r"^[a-z]+:", ref), f"external or absolute reference {ref}"
        if ref.startswith("#"):
            assert root.find(f".//*[@id='{ref[1:]}']") is not None
            continue
        target = (web / ref).resolve()
        assert target.is_file() and web.resolve() in target.parents, ref
    hrefs = {el.get("href") for el in root.iter("a")}
    assert {"gros-caracteres.pdf", "audio/00-lettre-complete.mp3", "audio/playlist.m3u8"} <= hrefs
    assert "url(http" not in CSS.read_text() and "@import" not in CSS.read_text()


def test_playlist_entries_exist_in_web(built: tuple[Path, Any]) -> None:
    web, _ = built
    lines = (web / "audio" / "playlist.m3u8").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]
    assert entries and all((web / "audio" / entry).is_file() for entry in entries)


# -- captions and read-along timings ------------------------------------------------------


def test_transcript_sentences_equal_the_cues_in_order(built: tuple[Path, Any]) -> None:
    web, root = built
    for figure in root.iter("figure"):
        audio = figure.find("audio")
        track = web / audio.find("track").get("src")
        cues = [" ".join(c.text.split()) for c in webvtt.read(str(track))]
        spans = transcripts(root)[audio.get("id")]
        assert len(cues) == len(spans), audio.get("id")
        for cue, span in zip(cues, spans, strict=False):
            # a spoken heading keeps its full stop in the captions, not on the page
            assert span in (cue, cue.rstrip(".")), (cue, span)


def test_spoken_headings_and_announcements_stay_in_the_transcript(built: tuple[Path, Any]) -> None:
    _, root = built
    summary = next(s for s in root.iter("section") if s.get("id") == "resume")
    headings = [h for h in summary.iter("h3") if h.get("id") != "glossaire"]
    assert "Renforcer le partenariat Ville-Association" in [text_of(h) for h in headings]
    assert all(h.find("span") is not None for h in headings), "spoken headings are not timed"
    commitment = next(s for s in root.iter("section") if s.get("id") == "commitment-2")
    spoken = [p for p in commitment.iter("p") if p.get("class") == "spoken"]
    assert [text_of(p) for p in spoken] == [
        "Engagement 2 sur 5 : Agir sur la prévention précoce et le milieu scolaire."
    ]


def seconds(timestamp: str) -> float:
    """``HH:MM:SS.mmm`` (webvtt-py's ``*_in_seconds`` drop the milliseconds)."""
    hours, minutes, secs = timestamp.split(":")
    return round(int(hours) * 3600 + int(minutes) * 60 + float(secs), 3)


def texts_equal(left: list[str], right: list[str]) -> bool:
    return [" ".join(t.split()) for t in left] == [" ".join(t.split()) for t in right]


def test_vtt_cues_are_monotonic_and_cover_the_audio(built: tuple[Path, Any]) -> None:
    web, _ = built
    timings = json.loads((web.parent / "audio" / "timings.json").read_text(encoding="utf-8"))
    for entry in timings["files"]:
        vtt = web / "audio" / (Path(entry["file"]).stem + ".vtt")
        cues = list(webvtt.read(str(vtt)))
        duration = MP3(web / "audio" / entry["file"]).info.length
        assert abs(duration - entry["duration"]) < 0.2, entry["file"]
        starts = [seconds(c.start) for c in cues]
        ends = [seconds(c.end) for c in cues]
        assert all(s < e for s, e in zip(starts, ends, strict=False))
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False)), "cues overlap or go back"
        assert starts[0] <= LEAD + 0.05
        assert ends[-1] >= duration - LEAD - 0.2
        gaps = [s - e for e, s in zip(ends, starts[1:], strict=False)]
        assert max(gaps, default=0) <= PAUSE + 0.01


def test_missing_vtt_is_written_from_timings(tmp_path: Path) -> None:
    letter = sample_letter()
    out_dir = tmp_path / "lettre"
    full_inputs(out_dir, letter, with_vtt=False)
    web, _ = build(out_dir, letter)
    timings = json.loads((out_dir / "audio" / "timings.json").read_text(encoding="utf-8"))
    for entry in timings["files"]:
        vtt = web / "audio" / (Path(entry["file"]).stem + ".vtt")
        cues = webvtt.read(str(vtt))
        assert texts_equal([c.text for c in cues], [c["text"] for c in entry["cues"]])
        assert [seconds(c.start) for c in cues] == [c["start"] for c in entry["cues"]]
    assert not list((out_dir / "audio").glob("*.vtt")), "the audio folder is not ours to write"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "00:00:00.000"), (1.2345, "00:00:01.234"), (61.5, "00:01:01.500"), (3723.004, "01:02:03.004")],
)
def test_vtt_timestamps(seconds: float, expected: str) -> None:
    assert format_vtt_time(seconds) == expected


def test_vtt_cue_text_cannot_break_the_file(tmp_path: Path) -> None:
    cues = [Cue(0.0, 1.0, "a --> b\n\nc <b>&"), Cue(1.0, 2.0, "deux")]
    path = tmp_path / "x.vtt"
    path.write_text(cues_to_vtt(cues), encoding="utf-8")
    parsed = webvtt.read(str(path))
    assert len(parsed) == 2
    assert parsed[0].raw_text == "a --&gt; b c &lt;b&gt;&amp;"
    assert parsed[1].text == "deux"


# -- escaping ------------------------------------------------------------------------------


def hostile_letter() -> Letter:
    return Letter(
        language="fr",
        author=HOSTILE,
        subject=f"Objet {HOSTILE}",
        salutation=f"Bonjour {HOSTILE}.",
        sections=(
            Section(id="introduction", kind="introduction", paragraphs=(f"Intro {HOSTILE}.",)),
            Section(
                id="commitment-1",
                kind="commitment",
                number=1,
                title=f"Titre {HOSTILE}",
                paragraphs=(f"Phrase une {HOSTILE}. Phrase deux.",),
                items=(f"Point {HOSTILE}",),
            ),
        ),
    )


def test_every_letter_text_is_escaped(tmp_path: Path) -> None:
    letter = hostile_letter()
    out_dir = tmp_path / "hostile"
    full_inputs(out_dir, letter)
    web, root = build(out_dir, letter)
    page = (web / "index.html").read_text(encoding="utf-8")
    scripts = list(root.iter("script"))
    assert [s.get("src") for s in scripts] == ["read-along.js"]
    assert not list(root.iter("b")), "letter markup became elements"
    assert "<script>alert" not in page
    body_text = "".join(root.find("body").itertext())
    assert body_text.count('<script>alert("x")</script>') >= 6
    assert "\u202eRTL\u202c" in body_text and "🗳️" in body_text
    assert '<script>alert("x")</script>' in text_of(root.find("head/title"))
    for el in root.iter():
        for name, value in el.attrib.items():
            assert "alert" not in value, f"letter text leaked into attribute {name}"
    for vtt in (web / "audio").glob("*.vtt"):
        assert "<script>" not in vtt.read_text(encoding="utf-8")
    assert any("Phrase deux." in t for ts in transcripts(root).values() for t in ts)


# -- missing inputs, languages, determinism --------------------------------------------------


def test_page_without_other_renderers(tmp_path: Path) -> None:
    letter = sample_letter()
    web, root = build(tmp_path / "only-web", letter)
    assert not list(root.iter("audio")) and not list(root.iter("nav"))
    h2 = [text_of(h) for h in root.iter("h2")]
    assert h2[0] == "Introduction" and h2[1].startswith("Engagement 1") and len(h2) == 8
    assert "Nous considérons que le travail accompli par EKKO" in text_of(root.find("body"))
    names = sorted(p.relative_to(web).as_posix() for p in web.rglob("*") if p.is_file())
    assert names == [
        "fonts/AtkinsonHyperlegible-Bold.ttf",
        "fonts/AtkinsonHyperlegible-Regular.ttf",
        "fonts/OFL.txt",
        "index.html",
        "read-along.js",
    ]


def test_english_letter_uses_english_strings(tmp_path: Path) -> None:
    letter = Letter(
        language="en",
        author="Ann Smith",
        date="2026-02-23",
        place="Leeds",
        sections=(Section(id="commitment-1", kind="commitment", number=1, title="Parks"),),
    )
    _, root = build(tmp_path / "en", letter)
    assert root.get("lang") == "en"
    assert text_of(root.find("head/title")) == "Letter from Ann Smith"
    assert [text_of(h) for h in root.iter("h2")] == ["Commitment 1: Parks"]
    assert "Leeds, 23 February 2026" in text_of(root.find("body"))
    assert text_of(root.find("body/a")) == "Skip to content"


def test_two_builds_are_identical_and_stale_files_go(tmp_path: Path) -> None:
    letter = sample_letter()
    out_dir = tmp_path / "lettre"
    full_inputs(out_dir, letter)
    render_web(letter, out_dir, BuildOptions())
    first = {p: p.read_bytes() for p in (out_dir / "web").rglob("*") if p.is_file()}
    stale = out_dir / "web" / "audio" / "99-old.mp3"
    stale.write_bytes(b"old")
    artifacts = render_web(letter, out_dir, BuildOptions())
    second = {p: p.read_bytes() for p in (out_dir / "web").rglob("*") if p.is_file()}
    assert first == second and not stale.exists()
    assert sorted(out_dir / a.path for a in artifacts) == sorted(second)
    assert all(a.renderer == "web" and not a.path.startswith("/") for a in artifacts)


def test_malformed_timings_is_a_render_error(tmp_path: Path) -> None:
    out_dir = tmp_path / "bad"
    (out_dir / "audio").mkdir(parents=True)
    (out_dir / "audio" / "timings.json").write_text('{"schema": "other"}', encoding="utf-8")
    with pytest.raises(RenderError, match="unsupported audio timings"):
        render_web(sample_letter(), out_dir, BuildOptions())
    (out_dir / "audio" / "timings.json").write_text(
        '{"schema": "a11y-pub/timings@1", "files": [{"file": "../x.mp3"}]}', encoding="utf-8"
    )
    with pytest.raises(RenderError, match="malformed"):
        render_web(sample_letter(), out_dir, BuildOptions())


def test_timings_entry_without_mp3_is_skipped(tmp_path: Path) -> None:
    letter = sample_letter()
    out_dir = tmp_path / "lettre"
    full_inputs(out_dir, letter)
    (out_dir / "audio" / "03-commitment-1.mp3").unlink()
    web, root = build(out_dir, letter)
    assert "lecteur-commitment-1" not in {a.get("id") for a in root.iter("audio")}
    assert not (web / "audio" / "03-commitment-1.mp3").exists()


# -- styles -------------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def themes() -> list[dict[str, str]]:
    css = CSS.read_text(encoding="utf-8")
    blocks = re.findall(r":root(?:\[data-theme=\"[a-z]+\"\]|:not\(\[data-theme\]\))?\s*\{([^}]*)\}", css)
    return [dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block)) for block in blocks]


def test_colours_meet_aaa_contrast_in_every_theme() -> None:
    found = themes()
    assert len(found) == 5  # device light, device dark, and the reader's light, dark and high contrast
    for theme in found:
        assert contrast(theme["fg"], theme["bg"]) >= 7
        assert contrast(theme["link"], theme["bg"]) >= 7
        assert contrast(theme["link"], theme["panel"]) >= 7
        assert contrast(theme["fg"], theme["panel"]) >= 7
        assert contrast(theme["current-fg"], theme["current-bg"]) >= 7
        assert contrast(theme["focus"], theme["bg"]) >= 3
        assert contrast(theme["line"], theme["bg"]) >= 3


def test_body_text_is_large_and_motion_is_optional() -> None:
    css = CSS.read_text(encoding="utf-8")
    body = re.search(r"\nbody\s*\{([^}]*)\}", css).group(1)
    size = float(re.search(r"font-size:\s*([0-9.]+)rem", body).group(1))
    assert size >= 1.25
    assert "prefers-reduced-motion: reduce" in css
    assert "prefers-color-scheme: dark" in css
    assert re.search(r"scroll-behavior:\s*smooth", css.split("prefers-reduced-motion: no-preference")[1])


# -- through the real audio renderer ------------------------------------------------------------


def test_page_from_the_real_audio_renderer(tmp_path: Path) -> None:
    audio = pytest.importorskip("a11y_pub.render.audio", reason="audio renderer not merged yet")
    letter = Letter(
        language="fr",
        author="Marie Test",
        subject="Essai",
        sections=(
            Section(
                id="commitment-1",
                kind="commitment",
                number=1,
                title="Des bancs",
                paragraphs=("Nous installerons des bancs. Ils seront à l'ombre.",),
            ),
        ),
    )
    out_dir = tmp_path / "essai"
    out_dir.mkdir()
    opts = BuildOptions(output=tmp_path, audio=AudioOptions(engine="espeak"))
    try:
        audio.render_audio(letter, out_dir, opts)
    except EngineError as exc:  # an engine missing here is not this test's subject
        pytest.skip(f"audio renderer could not run here: {exc}")
    web, root = build(out_dir, letter)
    texts = transcripts(root)
    assert texts["lecteur-commitment-1"][-2:] == [
        "Nous installerons des bancs.",
        "Ils seront à l'ombre.",
    ]
    # the audio's own introduction (who writes, about what) has no letter section: shown anyway
    assert "lecteur-introduction" in texts
    assert any("Marie Test" in sentence for sentence in texts["lecteur-introduction"])
    timings = json.loads((out_dir / "audio" / "timings.json").read_text(encoding="utf-8"))
    lead = opts.audio.lead_silence
    longest_pause = max(getattr(audio, "ANNOUNCEMENT_PAUSE", 0.7), opts.audio.section_pause)
    for entry in timings["files"]:
        vtt = web / "audio" / (Path(entry["file"]).stem + ".vtt")
        cues = list(webvtt.read(str(vtt)))
        assert [" ".join(c.text.split()) for c in cues] == [c["text"] for c in entry["cues"]]
        starts = [seconds(c.start) for c in cues]
        ends = [seconds(c.end) for c in cues]
        duration = MP3(web / "audio" / entry["file"]).info.length
        assert all(s < e for s, e in zip(starts, ends, strict=False))
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
        assert starts[0] <= lead + 0.01
        assert duration - ends[-1] <= lead + 0.15  # MP3 encoder padding
        assert max(s - e for e, s in zip(ends, starts[1:], strict=False)) <= longest_pause + 0.01
    for player_id, sentences in texts.items():
        entry = next(f for f in timings["files"] if player_id.endswith(f["section_id"]))
        assert sentences == [c["text"] for c in entry["cues"]]
