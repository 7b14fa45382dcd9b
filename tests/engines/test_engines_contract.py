"""One contract for every engine, plus the gTTS HTTP boundary and espeak specifics.

Every engine runs through the same contract (``ENGINES``: one entry per
engine). espeak-ng runs for real (in-process, offline); Piper runs a
stand-in voice model built in the test. gTTS runs against a fake
requests-like session whose answers reproduce Google's: a real MP3 payload
(made here with lameenc), 429, 500, timeouts, a dead network, a truncated MP3.
"""

from __future__ import annotations

import base64
import json
import math
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lameenc
import pytest
import requests

from a11y_pub.engines import create_engine
from a11y_pub.engines.base import Engine, Pcm, Voice
from a11y_pub.engines.espeak import EspeakEngine
from a11y_pub.engines.gtts import GttsEngine
from a11y_pub.engines.kokoro import KokoroEngine
from a11y_pub.errors import ConfigError, EngineUnavailable, SynthesisError
from a11y_pub.mp3 import count_mp3_frames
from a11y_pub.options import AudioOptions


def make_mp3(seconds: float = 0.6, rate: int = 24000) -> bytes:
    """A real MP3 (mono, 32 kbit/s, like Google's) of a 220 Hz tone."""
    samples = [
        int(8000 * math.sin(2 * math.pi * 220 * i / rate)) for i in range(int(seconds * rate))
    ]
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    pcm = struct.pack(f"<{len(samples)}h", *samples)
    return bytes(encoder.encode(pcm) + encoder.flush())


def google_body(mp3: bytes) -> bytes:
    """An answer shaped like the batchexecute endpoint's."""
    b64 = base64.b64encode(mp3).decode("ascii")
    return (
        ")]}'\n\n"
        f'[["wrb.fr","jQ1olc","[\\"{b64}\\"]",null,null,null,"generic"]]\n'
    ).encode("ascii")


class FakeResponse:
    def __init__(self, status: int, content: bytes = b"", headers: dict[str, str] | None = None):
        self.status_code = status
        self.content = content
        self.headers = headers or {}


class FakeSession:
    """Answers each ``send`` with the next scripted item (response or exception)."""

    def __init__(self, script: list[Any] | Callable[[], Any]):
        self.script = script
        self.calls: list[dict[str, Any]] = []

    def send(self, request: Any, **kwargs: Any) -> FakeResponse:
        self.calls.append({"request": request, **kwargs})
        item = self.script() if callable(self.script) else self.script.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item


MP3 = make_mp3()


def ok_session() -> FakeSession:
    return FakeSession(lambda: FakeResponse(200, google_body(MP3)))


def gtts_engine(session: FakeSession, sleeps: list[float] | None = None) -> GttsEngine:
    record = sleeps if sleeps is not None else []
    return GttsEngine(session, sleep=record.append, retries=3, backoff=0.5, max_backoff=4.0)


def piper_standin(workdir: Path) -> Engine:
    """Piper running a stand-in voice made here: a tiny ONNX graph with Piper's inputs and output.

    Piper (``piper/voice.py``) feeds ``input`` (phoneme ids, int64 [1, n]),
    ``input_lengths`` (int64 [1]) and ``scales`` (float32 [3]) and reads one
    float32 output [1, 1, samples]. The graph turns each phoneme id into 256
    samples of a tone whose level follows the id: speech-shaped enough for
    the contract (longer text, longer audio), and made in milliseconds.
    """
    pytest.importorskip("piper", reason="piper-tts is not installed (test extra)")
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

    from a11y_pub.engines.piper import PiperEngine

    tone = np.sin(2 * np.pi * np.arange(256) / 256 * 8).astype(np.float32)
    graph = helper.make_graph(
        [
            helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),
            helper.make_node("Mul", ["ids", "level"], ["scaled"]),
            helper.make_node("Unsqueeze", ["scaled", "axis"], ["column"]),
            helper.make_node("Mul", ["column", "tone"], ["frames"]),
            helper.make_node("Reshape", ["frames", "shape"], ["output"]),
        ],
        "standin",
        [
            helper.make_tensor_value_info("input", TensorProto.INT64, [1, "n"]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "samples"])],
        [
            numpy_helper.from_array(np.array(0.004, dtype=np.float32), "level"),
            numpy_helper.from_array(np.array([2], dtype=np.int64), "axis"),
            numpy_helper.from_array(tone, "tone"),
            numpy_helper.from_array(np.array([1, 1, -1], dtype=np.int64), "shape"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8  # read by every onnxruntime piper-tts supports
    onnx.checker.check_model(model)
    path = workdir / "fr_FR-standin-low.onnx"
    onnx.save(model, path)
    config = {
        "audio": {"sample_rate": 22050, "quality": "low"},
        "espeak": {"voice": "fr"},
        "language": {"code": "fr_FR", "family": "fr", "region": "FR"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "num_symbols": 256,
        "num_speakers": 1,
    }
    Path(f"{path}.json").write_text(json.dumps(config), encoding="utf-8")
    return PiperEngine.from_model(path)


# Every engine the project ships, made from a scratch folder: one entry per engine.
ENGINES: dict[str, Callable[[Path], Engine]] = {
    "espeak": lambda workdir: EspeakEngine(),
    "gtts": lambda workdir: gtts_engine(ok_session()),
    "piper": piper_standin,
    "kokoro": lambda workdir: KokoroEngine(),
}
SLOW = {"kokoro"}  # real neural synthesis: with the slow tests
SHORT = {"fr": "Bonjour, voici nos engagements.", "en": "Hello, here are our commitments."}
LONG = {
    "fr": "Nous soutiendrons les actions de prévention dans les écoles, avec les familles et les associations "
          "de la ville, chaque année du mandat.",
    "en": "We will support prevention work in schools, with the families and the associations of the town, "
          "every year of our term of office.",
}


@pytest.fixture(
    scope="module", params=[pytest.param(name, marks=[pytest.mark.slow] if name in SLOW else []) for name in ENGINES]
)
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return ENGINES[request.param](tmp_path_factory.mktemp(request.param))


# -- contract -------------------------------------------------------------


def test_engine_contract_names_its_abilities(engine: Engine) -> None:
    assert isinstance(engine, Engine)
    assert isinstance(engine.name, str) and engine.name
    assert isinstance(engine.sample_rate, int) and engine.sample_rate > 0
    for language in ("fr", "en"):
        voice = Voice(language)
        assert isinstance(engine.voice_name(voice), str) and engine.voice_name(voice)
        assert isinstance(engine.credit(voice), str)
    json.dumps(dict(engine.identity), sort_keys=True)  # part of cache keys: plain JSON values


@pytest.mark.parametrize("language", ["fr", "en"])
def test_engine_contract_speaks_text(engine: Engine, language: str) -> None:
    pcm = engine.synthesize(SHORT[language], Voice(language))
    assert isinstance(pcm, Pcm)
    assert (pcm.width, pcm.channels) == (2, 1)
    assert pcm.rate == engine.sample_rate
    assert len(pcm.data) % 2 == 0
    assert 0.3 < pcm.duration < 10


@pytest.mark.parametrize("text", ["", "   \n "])
def test_engine_contract_empty_text_is_silence(engine: Engine, text: str) -> None:
    pcm = engine.synthesize(text, Voice("fr"))
    assert pcm.data == b"" and pcm.rate > 0


@pytest.mark.parametrize("language", ["fr", "en"])
def test_engine_contract_sentences_are_spoken_one_by_one_in_order(engine: Engine, language: str) -> None:
    texts = [SHORT[language], LONG[language], SHORT[language]]
    pcms = list(engine.synthesize_sentences(texts, Voice(language)))
    assert len(pcms) == 3 and all(p.rate == engine.sample_rate and (p.width, p.channels) == (2, 1) for p in pcms)
    # each Pcm is its own text's: the long sentence is the longest, the short ones frame it
    assert max(pcms[0].duration, pcms[2].duration) < pcms[1].duration


# -- espeak ---------------------------------------------------------------


def test_espeak_rate_changes_duration() -> None:
    engine = EspeakEngine()
    text = "La prévention des addictions commence dès le plus jeune âge."
    slow = engine.synthesize(text, Voice("fr", rate=120)).duration
    fast = engine.synthesize(text, Voice("fr", rate=240)).duration
    assert fast < slow * 0.7


def test_espeak_is_safe_from_threads() -> None:
    engine = EspeakEngine()
    texts = {
        "fr": "Nous soutiendrons les interventions d'EKKO dans les établissements scolaires.",
        "en": "We will support the work.",
    }
    alone = {lang: engine.synthesize(text, Voice(lang)).data for lang, text in texts.items()}
    results: list[tuple[str, bytes]] = []

    def work(lang: str) -> None:
        for _ in range(3):
            results.append((lang, engine.synthesize(texts[lang], Voice(lang)).data))

    threads = [threading.Thread(target=work, args=(lang,)) for lang in ("fr", "en", "fr", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 12
    # espeak-ng carries a little synthesis state (pitch flutter phase) from call
    # to call, so the same text's length varies with what was spoken before it.
    # What matters is that no call got mixed up with another thread's: such a
    # call would gain or lose at least the other text's speech, so every result
    # must be far nearer its own text's length than the two texts are to each other.
    apart = abs(len(alone["fr"]) - len(alone["en"]))
    for lang, data in results:
        assert abs(len(data) - len(alone[lang])) < apart / 4, lang


def test_espeak_unknown_voice() -> None:
    with pytest.raises(SynthesisError, match="no voice 'no-such-voice'"):
        EspeakEngine().synthesize("Bonjour", Voice("fr", name="no-such-voice"))


def test_espeak_voice_by_language_tag() -> None:
    assert EspeakEngine().synthesize("Hello", Voice("en", name="en-us")).duration > 0.2


def test_espeak_library_handle_is_injectable() -> None:
    class BrokenLibrary:
        def __getattr__(self, name: str) -> Any:
            return self

        argtypes: list[Any] = []
        restype: Any = None

        def __call__(self, *args: Any) -> int:
            return -1  # espeak_Initialize fails

    with pytest.raises(EngineUnavailable, match="failed to initialise"):
        EspeakEngine(BrokenLibrary(), data_path="/nowhere")


# -- gTTS boundary ---------------------------------------------------------


def test_gtts_success_passes_a_timeout_and_decodes() -> None:
    session = ok_session()
    pcm = gtts_engine(session).synthesize("Bonjour Monsieur le Président.", Voice("fr"))
    assert abs(pcm.duration - 0.6) < 0.15
    assert session.calls and all(call["timeout"] == 10.0 for call in session.calls)
    assert b"fr" in session.calls[0]["request"].body.encode() if isinstance(
        session.calls[0]["request"].body, str
    ) else b"fr" in session.calls[0]["request"].body


def test_gtts_long_text_is_split_by_gtts() -> None:
    session = ok_session()
    text = " ".join(["Nous soutiendrons les dispositifs d'accueil."] * 6)
    gtts_engine(session).synthesize(text, Voice("fr"))
    assert len(session.calls) >= 3


@pytest.mark.parametrize(
    "failure",
    [
        FakeResponse(429, headers={"Retry-After": "2"}),
        FakeResponse(500),
        FakeResponse(503),
        requests.exceptions.ReadTimeout("slow"),
        requests.exceptions.ConnectTimeout("slow"),
    ],
    ids=["429", "500", "503", "read-timeout", "connect-timeout"],
)
def test_gtts_retries_then_succeeds(failure: Any) -> None:
    session = FakeSession([failure, failure, FakeResponse(200, google_body(MP3))])
    sleeps: list[float] = []
    pcm = gtts_engine(session, sleeps).synthesize("Bonjour.", Voice("fr"))
    assert pcm.duration > 0.4
    assert len(session.calls) == 3
    assert len(sleeps) == 2 and sleeps[1] >= sleeps[0]
    assert all(0 < s <= 4.0 for s in sleeps)


@pytest.mark.parametrize(
    "failure, message",
    [
        (FakeResponse(429), r"gTTS failed after 4 attempt\(s\) \(HTTP 429 \(rate limited\)\)"),
        (FakeResponse(500), r"gTTS failed after 4 attempt\(s\) \(HTTP 500\)"),
        (requests.exceptions.ReadTimeout("slow"), r"no answer within 10 s"),
    ],
    ids=["429", "500", "timeout"],
)
def test_gtts_gives_up_after_bounded_backoff(failure: Any, message: str) -> None:
    session = FakeSession(lambda: failure)
    sleeps: list[float] = []
    with pytest.raises(EngineUnavailable, match=message) as info:
        gtts_engine(session, sleeps).synthesize("Bonjour.", Voice("fr"))
    assert len(session.calls) == 4
    assert sleeps == [0.5, 1.0, 2.0]
    assert "\n" not in str(info.value)


def test_gtts_backoff_is_capped() -> None:
    session = FakeSession(lambda: FakeResponse(429, headers={"Retry-After": "3600"}))
    sleeps: list[float] = []
    with pytest.raises(EngineUnavailable):
        gtts_engine(session, sleeps).synthesize("Bonjour.", Voice("fr"))
    assert sleeps == [4.0, 4.0, 4.0]


def test_gtts_dead_network_is_one_clear_line() -> None:
    dead = requests.exceptions.ConnectionError("Failed to resolve 'translate.google.com'")
    session = FakeSession(lambda: dead)
    with pytest.raises(EngineUnavailable) as info:
        gtts_engine(session).synthesize("Bonjour.", Voice("fr"))
    assert str(info.value) == "gTTS cannot reach Google (network unreachable) (ConnectionError)"
    assert len(session.calls) == 1  # no point retrying a dead network


@pytest.mark.parametrize(
    "content",
    [
        google_body(MP3[: len(MP3) - 37]),
        google_body(b"<html>not audio</html>"),
        google_body(b""),
        b")]}'\n\n[[\"wrb.fr\",\"jQ1olc\",null]]",
        b"<html>captcha</html>",
    ],
    ids=["truncated-mp3", "not-mp3", "empty-audio", "no-audio", "html"],
)
def test_gtts_bad_payload_is_synthesis_error(content: bytes) -> None:
    session = FakeSession(lambda: FakeResponse(200, content))
    with pytest.raises(SynthesisError):
        gtts_engine(session).synthesize("Bonjour.", Voice("fr"))


def test_gtts_probe() -> None:
    assert gtts_engine(ok_session()).probe(0.5)
    dead = FakeSession(lambda: requests.exceptions.ConnectionError("down"))
    assert not gtts_engine(dead).probe(0.5)
    assert dead.calls[0]["timeout"] == 0.5


# -- MP3 frame check ----------------------------------------------------


def test_mp3_frames_counted_and_truncation_found() -> None:
    assert count_mp3_frames(MP3) > 10
    assert count_mp3_frames(MP3 + MP3) == 2 * count_mp3_frames(MP3)
    with pytest.raises(ValueError, match="cut off"):
        count_mp3_frames(MP3[:-10])
    with pytest.raises(ValueError, match="no MPEG"):
        count_mp3_frames(b"\x00" * 100)


# -- choosing an engine ---------------------------------------------------


def test_create_engine_by_name() -> None:
    assert create_engine(AudioOptions(engine="espeak"), "fr").name == "espeak"
    assert create_engine(AudioOptions(engine="gtts"), "fr").name == "gtts"
    with pytest.raises(ConfigError, match="unknown engine 'say'"):
        create_engine(AudioOptions(engine="say"), "fr")


def test_auto_uses_gtts_when_probe_answers() -> None:
    engine = create_engine(AudioOptions(), "fr", probe=lambda: True)
    assert engine.name == "gtts"


def test_auto_falls_back_to_espeak_with_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING"):
        engine = create_engine(AudioOptions(), "fr", probe=lambda: False)
    assert engine.name == "espeak"
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "\n" not in warnings[0].getMessage()
