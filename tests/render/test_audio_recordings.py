"""Staff recordings (``--intro-audio``, ``--outro-audio``): real files made here with the
ffmpeg binary of imageio-ffmpeg, through the real audio renderer and the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3

from a11y_pub.cli import main
from a11y_pub.errors import RecordingError
from a11y_pub.model import Letter, Section
from a11y_pub.options import AudioOptions, BuildOptions
from a11y_pub.render.audio import render_audio
from a11y_pub.render.audio.encoding import decode_mp3_samples
from a11y_pub.render.audio.metering import loudness, true_peak_db
from a11y_pub.render.audio.recordings import decode_recording

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg", reason="imageio-ffmpeg is a dependency: pip install -e .")
RATE = 22050
SAMPLE = Path(__file__).resolve().parents[1] / "letters" / "lettre-infantes-ekko-2026-02-23.txt"
# A quiet "phone message": a 2 s warbling tone 35 dB under full scale, stereo at 44.1 kHz,
# so a recording left as it is would be far from the speech's loudness.
SOURCE = "aevalsrc=0.018*sin(2*PI*(220+40*sin(2*PI*3*t))*t)|0.018*sin(2*PI*(220+40*sin(2*PI*3*t))*t):s=44100:d=2"
FORMATS = {"wav": [], "ogg": ["-c:a", "libvorbis"], "m4a": ["-c:a", "aac"], "mp3": ["-c:a", "libmp3lame"]}


def make_recording(folder: Path, extension: str) -> Path:
    """A recording in ``extension``'s format, encoded by ffmpeg."""
    path = folder / f"message.{extension}"
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", SOURCE,
               *FORMATS[extension], str(path)]
    subprocess.run(command, check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("recordings")
    return {extension: make_recording(folder, extension) for extension in FORMATS}


def letter() -> Letter:
    return Letter(
        language="fr",
        author="Marie Durand",
        salutation="Madame,",
        sections=(
            Section("introduction", "introduction", paragraphs=("Voici nos engagements.",)),
            Section("commitment-1", "commitment", slug="ecouter", number=1, title="Écouter",
                    paragraphs=("Nous réunirons le conseil chaque année.",)),
            Section("conclusion", "conclusion", paragraphs=("Je vous propose une rencontre.",)),
            Section("appendix", "appendix", title="Contacts", paragraphs=("Écrivez-nous.",)),
        ),
    )


def build(out: Path, **audio: Path) -> dict[str, dict]:
    out.mkdir(parents=True, exist_ok=True)
    render_audio(letter(), out, BuildOptions(output=out.parent, audio=AudioOptions(
        engine="espeak", cache_dir=out.parent / "cache", **audio)))
    return {f["file"]: f for f in json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))["files"]}


@pytest.mark.parametrize("extension", sorted(FORMATS))
def test_every_format_decodes_to_mono_at_the_output_rate(recordings: dict[str, Path], extension: str) -> None:
    samples = decode_recording(recordings[extension], RATE)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert abs(samples.size / RATE - 2.0) < 0.06  # AAC and MP3 add a little priming
    assert 0.01 < float(np.abs(samples).max()) < 0.03  # the level recorded, not normalised yet


@pytest.fixture(scope="module")
def with_messages(recordings: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("built") / "letter"
    return out, build(out, intro_audio=recordings["m4a"], outro_audio=recordings["ogg"])


def test_messages_open_the_introduction_and_close_the_conclusion(with_messages: tuple[Path, dict]) -> None:
    _, timings = with_messages
    intro, conclusion = timings["00-introduction.mp3"]["cues"], timings["02-conclusion.mp3"]["cues"]
    assert (intro[0]["id"], intro[0]["text"]) == ("intro-recording-s1", "[Message enregistré]")
    assert intro[1]["id"] == "introduction-s1" and intro[1]["start"] - intro[0]["end"] >= 0.6  # a section pause
    assert (conclusion[-1]["id"], conclusion[-1]["text"]) == ("outro-recording-s1", "[Message enregistré de fin]")
    assert [c["id"] for c in timings["03-appendix.mp3"]["cues"]][-1] != "outro-recording-s1"
    whole = [c["id"] for c in timings["lettre-complete.mp3"]["cues"]]
    assert whole[0] == "intro-recording-s1" and whole[-1] == "outro-recording-s1"  # each heard once, at the ends
    assert whole.count("outro-recording-s1") == 1


def test_messages_have_their_own_chapters_in_order(with_messages: tuple[Path, dict]) -> None:
    out, timings = with_messages
    chapters = ID3(out / "audio" / "lettre-complete.mp3").getall("CHAP")  # in file order
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    assert titles == ["Message enregistré", "Introduction", "Engagement 1 : Écouter", "Conclusion",
                      "Annexe : Contacts", "Message enregistré de fin"]
    cues = {c["id"]: c for c in timings["lettre-complete.mp3"]["cues"]}
    assert chapters[0].start_time == 0 and chapters[0].end_time / 1000 >= cues["intro-recording-s1"]["end"]
    assert chapters[-1].start_time / 1000 <= cues["outro-recording-s1"]["start"]
    assert abs(chapters[-1].end_time / 1000 - timings["lettre-complete.mp3"]["duration"]) < 0.002


def test_messages_are_as_loud_as_the_speech_and_under_the_peak_ceiling(with_messages: tuple[Path, dict]) -> None:
    out, timings = with_messages
    samples = decode_mp3_samples((out / "audio" / "00-introduction.mp3").read_bytes(), RATE)
    message, speech = timings["00-introduction.mp3"]["cues"][0], timings["00-introduction.mp3"]["cues"][1:]
    recorded = samples[int(message["start"] * RATE) : int(message["end"] * RATE)]
    spoken = samples[int(speech[0]["start"] * RATE) : int(speech[-1]["end"] * RATE)]
    assert abs(loudness(recorded, RATE) - -19.0) <= 1.0  # AES TD1004 mono speech target, as the speech
    assert abs(loudness(recorded, RATE) - loudness(spoken, RATE)) <= 1.5
    assert true_peak_db(samples) <= -1.0


def test_a_changed_recording_is_heard_in_the_next_build(recordings: dict[str, Path], tmp_path: Path) -> None:
    message = tmp_path / "message.wav"
    message.write_bytes(recordings["wav"].read_bytes())
    first = build(tmp_path / "a", intro_audio=message)["00-introduction.mp3"]["cues"][0]
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    SOURCE.replace("d=2", "d=3"), str(message)], check=True, capture_output=True)
    second = build(tmp_path / "b", intro_audio=message)["00-introduction.mp3"]["cues"][0]  # same cache folder
    assert round(second["end"] - second["start"]) == 3 and round(first["end"] - first["start"]) == 2


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("notes.m4a", b"not audio at all " * 20, "not an audio file ffmpeg can decode ("),
        ("empty.wav", b"", "not an audio file ffmpeg can decode ("),
        ("missing.ogg", None, "recording not found"),
    ],
)
def test_a_bad_recording_is_one_line_naming_it_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | None, problem: str
) -> None:
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    with pytest.raises(RecordingError):
        decode_recording(bad, RATE)
    for option in ("--intro-audio", "--outro-audio"):
        with pytest.raises(SystemExit) as info:
            main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--engine", "espeak", "--only", "audio",
                  option, str(bad)])
        err = capsys.readouterr().err
        assert info.value.code == 2
        assert err.count("\n") == 1 and err.startswith(f"a11y-pub: error: {bad}: {problem}"), err
        assert "Traceback" not in err


def test_a_silent_recording_is_refused(tmp_path: Path) -> None:
    silent = tmp_path / "silence.wav"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "anullsrc=r=16000:cl=mono", "-t", "1", str(silent)], check=True, capture_output=True)
    with pytest.raises(RecordingError, match=f"{silent}: the recording is silent"):
        build(tmp_path / "l", intro_audio=silent)
