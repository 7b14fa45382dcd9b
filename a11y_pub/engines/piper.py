"""Piper neural voices: natural offline speech from an ONNX voice model.

Finding a voice and reading its config is ``piper_voices``; this module loads
the model and speaks with it.

``piper-tts`` (and its ``onnxruntime``) is an optional extra. It is imported
only when a voice is loaded, so the CLI starts fast and the rest of the
package works without it; a missing install is an ``EngineUnavailable``
naming the extra to install.

Two choices differ from Piper's own defaults, on purpose:

- ``normalize_audio`` is off: Piper would scale each sentence to full range,
  so sentences synthesised one by one would come out at uneven levels. The
  audio renderer normalises loudness once, for the whole file.
- The generator's random noise is off (``noise_scale`` and ``noise_w_scale``
  0 instead of the voice's 0.667 and 0.8): onnxruntime draws that noise from
  an unseeded generator, so with it every synthesis differs (durations by a
  few milliseconds, samples entirely), and so would ``timings.json`` and the
  MP3s of two clean builds. Without it the same text gives byte-identical
  PCM, across runs, processes and threads. Measured on en_US-joe-medium, the
  spectrogram of a noiseless synthesis correlates with a default one as
  closely as two default syntheses correlate with each other (0.96), and
  durations follow the duration predictor without random jitter. ``from_model(..., noise_scale=None,
  noise_w_scale=None)`` restores the voice's own values.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EngineUnavailable, SynthesisError
from ..files import sha256
from .base import Engine, Pcm, Voice
from .piper_voices import (
    config_path_of,
    find_piper_voice,
    list_piper_voices,
    primary_language,
    read_voice_config,
    voice_id_of,
    voice_locale,
)

# Voice discovery lives in piper_voices; its public names stay importable from here.
__all__ = [
    "INSTALL_HINT",
    "MAX_PIECE_CHARS",
    "PiperEngine",
    "find_piper_voice",
    "list_piper_voices",
    "load_piper_engine",
    "piper_installed",
    "read_voice_config",
    "split_long_text",
    "voice_locale",
]

log = logging.getLogger(__name__)

INSTALL_HINT = "install with: pip install 'a11y-pub[piper]'"


# Piper speaks one ONNX inference per sentence and its cost grows faster than the
# sentence's length (2,500 characters without a full stop: 7x slower per second of
# audio than short sentences). Longer runs are cut at a clause or word boundary.
MAX_PIECE_CHARS = 500
_CLAUSE_ENDS = (". ", "! ", "? ", "; ", ": ", ", ", " - ")


def piper_installed() -> bool:
    """True when ``piper-tts`` and ``onnxruntime`` are importable (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in ("piper", "onnxruntime"))


def _import_piper() -> Any:
    """Import the ``piper`` package.

    Raises:
        EngineUnavailable: piper-tts or onnxruntime is not installed (or broken),
            or the ``piper`` module found is something else.
    """
    try:
        import piper  # noqa: PLC0415 - optional extra, imported only when a voice is used
    except (ImportError, OSError) as exc:
        raise EngineUnavailable(
            f"the piper engine needs piper-tts and onnxruntime: {INSTALL_HINT}", cause=str(exc)
        ) from exc
    if not hasattr(piper, "PiperVoice") or not hasattr(piper, "SynthesisConfig"):
        # Another distribution (PyPI "piper" is an unrelated toolkit) or a local
        # piper.py shadows piper-tts.
        raise EngineUnavailable(
            f"the 'piper' module found is not piper-tts 1.3 or later: {INSTALL_HINT}",
            cause=f"found {getattr(piper, '__file__', None) or 'a namespace package'}",
        )
    return piper


def split_long_text(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters, for Piper.

    Cuts after the last sentence or clause end (``. ! ? ; : , -``) in the
    window when there is one in its last two thirds, else at the last space,
    else (one huge word) at ``limit``. Joining the pieces gives ``text`` back.
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind(end) + len(end) - 1 for end in _CLAUSE_ENDS)
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit - 1
        pieces.append(rest[: cut + 1])
        rest = rest[cut + 1 :]
    pieces.append(rest)
    return pieces


class PiperEngine(Engine):
    """A loaded Piper voice, behind the ``Engine`` protocol.

    Build with ``PiperEngine.from_model(path)``; the constructor takes an
    already loaded voice (piper's ``PiperVoice`` or a stand-in with the same
    ``synthesize(text, syn_config)`` and ``config.sample_rate``) so tests can
    swap it. Thread-safe: onnxruntime sessions may run concurrently.

    Attributes:
        name: ``"piper"``.
        voice_id: model file stem, e.g. ``en_US-joe-medium``.
        language: primary language of the voice (``en``), from its config.
        locale: the voice's locale (``en_US``).
        model_path: the ``.onnx`` file.
        sample_rate: rate of the PCM returned (the voice's, e.g. 22050).
    """

    name = "piper"

    def __init__(
        self,
        piper_voice: Any,
        *,
        model_path: Path,
        config: Mapping[str, Any],
        length_scale: float = 1.0,
        sentence_silence: float = 0.0,
        noise_scale: float | None = 0.0,
        noise_w_scale: float | None = 0.0,
    ) -> None:
        """Wrap a loaded voice; see ``from_model`` for the arguments.

        Raises:
            ConfigError: ``length_scale`` is not positive or ``sentence_silence`` is negative.
        """
        if not length_scale > 0:
            raise ConfigError(f"length_scale must be greater than 0, not {length_scale}")
        if not sentence_silence >= 0:
            raise ConfigError(f"sentence_silence must be 0 or more seconds, not {sentence_silence}")
        self._voice = piper_voice
        self.model_path = model_path
        self.voice_id = voice_id_of(model_path)
        self.locale = voice_locale(config, model_path)
        self.language = primary_language(self.locale) if self.locale else ""
        self.sample_rate: int = int(config["audio"]["sample_rate"])
        self.length_scale = float(length_scale)
        self.sentence_silence = float(sentence_silence)
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale
        self._warned: set[str] = set()
        self._model_sha256: str | None = None

    @classmethod
    def from_model(
        cls,
        model_path: Path,
        *,
        length_scale: float = 1.0,
        sentence_silence: float = 0.0,
        noise_scale: float | None = 0.0,
        noise_w_scale: float | None = 0.0,
    ) -> PiperEngine:
        """Load a Piper voice from its ``.onnx`` file (config read from ``<model>.json``).

        Args:
            model_path: the ``.onnx`` model.
            length_scale: phoneme length; above 1 speaks slower, below 1 faster.
            sentence_silence: seconds of silence between the sentences Piper
                splits one text into.
            noise_scale: waveform noise; 0 (default) makes the output
                repeatable, None keeps the voice's own value.
            noise_w_scale: phoneme-duration noise; 0 (default) makes durations
                repeatable, None keeps the voice's own value.

        Returns:
            The engine, ready to synthesise.

        Raises:
            ConfigError: model or config missing, config invalid, model file
                not a valid ONNX model, or bad option values.
            EngineUnavailable: piper-tts or onnxruntime is not installed.
        """
        model_path = Path(model_path)
        config = read_voice_config(model_path)
        piper = _import_piper()
        try:
            voice = piper.PiperVoice.load(model_path, config_path=config_path_of(model_path))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                "Piper voice config is incomplete",
                path=config_path_of(model_path),
                cause=f"{type(exc).__name__}: {exc}",
            ) from exc
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidProtobuf types
            raise ConfigError(
                "not a valid Piper voice model",
                path=model_path,
                cause=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            ) from exc
        return cls(
            voice,
            model_path=model_path,
            config=config,
            length_scale=length_scale,
            sentence_silence=sentence_silence,
            noise_scale=noise_scale,
            noise_w_scale=noise_w_scale,
        )

    @property
    def model_sha256(self) -> str:
        """SHA-256 of the model file (computed once, about 0.1 s for a medium voice)."""
        if self._model_sha256 is None:
            self._model_sha256 = sha256(self.model_path)
        return self._model_sha256

    @property
    def identity(self) -> dict[str, Any]:
        """What determines this engine's output, for cache keys, the manifest and MP3 tags.

        Includes the model's checksum, so replacing a voice file under the
        same name invalidates cached audio.
        """
        return {
            "engine": self.name,
            "voice": self.voice_id,
            "model_sha256": self.model_sha256,
            "locale": self.locale,
            "length_scale": self.length_scale,
            "sentence_silence": self.sentence_silence,
            "noise_scale": self.noise_scale,
            "noise_w_scale": self.noise_w_scale,
        }

    def voice_name(self, voice: Voice) -> str:
        """The voice that speaks, for the manifest and MP3 tags: the model's id, whatever ``voice``."""
        return self.voice_id

    def check_language(self, language: str, *, strict: bool = False) -> None:
        """Check the voice speaks the letter's ``language``; warn once, or refuse when ``strict``.

        Raises:
            ConfigError: ``strict`` and the languages differ.
        """
        wanted = primary_language(language)
        if not self.language or wanted == self.language:
            return
        problem = (
            f"Piper voice {self.voice_id} speaks '{self.language}' but the letter is in '{wanted}'"
        )
        if strict:
            raise ConfigError(
                problem, path=self.model_path, cause=f"use a '{wanted}' voice or drop --strict"
            )
        if wanted not in self._warned:
            self._warned.add(wanted)
            log.warning("%s", problem)

    def _syn_config(self) -> Any:
        """Piper's ``SynthesisConfig`` for this engine's options."""
        piper = _import_piper()
        return piper.SynthesisConfig(
            length_scale=self.length_scale,
            noise_scale=self.noise_scale,
            noise_w_scale=self.noise_w_scale,
            normalize_audio=False,
        )

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        """Speak ``text`` (several sentences allowed) with this model.

        Args:
            text: speech text; empty or unspeakable text gives empty PCM.
            voice: ``language`` is checked against the model's (warning once).
                ``rate`` and ``name`` are ignored: the model is the voice, and
                speed is ``length_scale``, fixed when the engine is built (the
                factory maps words per minute to it).

        Returns:
            Mono 16-bit PCM at the voice's sample rate, with
            ``sentence_silence`` seconds between Piper's sentences (and
            between the pieces of a sentence longer than ``MAX_PIECE_CHARS``,
            cut at a clause or word boundary).

        Raises:
            SynthesisError: Piper failed on this text.
        """
        self.check_language(voice.language)
        syn_config = self._syn_config()
        gap = b"\0\0" * round(self.sentence_silence * self.sample_rate)
        try:
            chunks = [
                chunk.audio_int16_array.astype("<i2").tobytes()
                for piece in split_long_text(text)
                for chunk in self._voice.synthesize(piece, syn_config)
            ]
        except Exception as exc:  # phonemizer and onnxruntime errors have no common base
            raise SynthesisError(
                f"Piper voice {self.voice_id} failed to synthesise {len(text)} characters",
                cause=f"{type(exc).__name__}: {exc}",
            ) from exc
        return Pcm(rate=self.sample_rate, width=2, channels=1, data=gap.join(chunks))

    def synthesize_sentences(self, texts: Sequence[str] | Iterable[str], voice: Voice) -> list[Pcm]:
        """Speak each text separately: one ``Pcm`` per item, in order (for sentence timings).

        Piper synthesises sentence by sentence anyway, so this costs the same
        as one call on the joined text. Raises as ``synthesize``.
        """
        return [self.synthesize(text, voice) for text in texts]


def load_piper_engine(
    language: str,
    *,
    voice: str | None,
    voices_dir: Path | None,
    strict: bool = False,
    length_scale: float = 1.0,
    sentence_silence: float = 0.0,
) -> PiperEngine:
    """Find, load and check the Piper voice for a letter in ``language`` (for ``--engine piper``).

    Raises:
        ConfigError: no voice found (with what to pass), voice files missing or
            invalid, or (``strict``) a voice of another language.
        EngineUnavailable: piper-tts is not installed.
    """
    model = find_piper_voice(language, voice, voices_dir)
    if model is None:
        where = (
            f"no Piper voice named '{voice}'"
            if voice
            else f"no Piper voice for '{primary_language(language)}'"
        )
        searched = f" in {voices_dir}" if voices_dir else ""
        raise ConfigError(f"{where}{searched}", cause="give --voice FILE.onnx or --voices-dir DIR")
    engine = PiperEngine.from_model(
        model, length_scale=length_scale, sentence_silence=sentence_silence
    )
    engine.check_language(language, strict=strict)
    return engine
