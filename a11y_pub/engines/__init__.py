"""Speech engines: choose one for a letter, describe what this machine has.

``create_engine`` turns ``AudioOptions.engine`` into an engine:

- ``espeak``: espeak-ng in-process (offline, always there);
- ``gtts``: Google's voice (needs the internet);
- ``piper``: a local Piper voice model (``engines/piper.py``);
- ``kokoro``: the natural offline voice, Kokoro-82M (``engines/kokoro.py``);
- ``auto``: a configured Piper voice for the language if there is one, else
  Kokoro for French and English, else gTTS when a short probe answers, else
  espeak with a one-line warning.

Engine modules are imported lazily, so a missing optional one only matters
when it is asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..errors import ConfigError, EngineUnavailable
from ..options import AudioOptions
from .base import Engine, Pcm, Voice

__all__ = ["Engine", "Pcm", "Voice", "create_engine", "probe_gtts"]

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 2.0  # seconds: how long "auto" waits for gTTS to answer


def probe_gtts(timeout: float = PROBE_TIMEOUT) -> bool:
    """True when gTTS answers a one-word request within ``timeout`` seconds."""
    try:
        from .gtts import GttsEngine

        return GttsEngine(retries=0).probe(timeout)
    except (ImportError, EngineUnavailable):
        return False


def _espeak() -> Engine:
    from .espeak import EspeakEngine

    return EspeakEngine()


def _gtts(opts: AudioOptions) -> Engine:
    try:
        from .gtts import GttsEngine
    except ImportError as exc:
        raise EngineUnavailable("gTTS is not installed", cause="pip install gTTS") from exc
    return GttsEngine(sample_rate=opts.sample_rate)


def _kokoro(language: str) -> Engine:
    """The Kokoro engine (its model loaded once per process).

    Raises:
        EngineUnavailable: the model is missing or corrupt, or ``language`` has no Kokoro voice.
    """
    from .kokoro import LANGUAGES, KokoroEngine

    if language not in LANGUAGES:
        raise EngineUnavailable(f"Kokoro has no voice for '{language}'", cause=f"it speaks {', '.join(LANGUAGES)}")
    return KokoroEngine()


def natural_voice(language: str) -> tuple[Engine | None, str | None]:
    """What ``auto`` gets from Kokoro for ``language``: ``(engine, None)`` or ``(None, why not)``.

    The reason is None when Kokoro has no voice for the language (nothing to
    warn about), else the one-line error that stopped the model loading.
    """
    from .kokoro import LANGUAGES

    if language not in LANGUAGES:
        return None, None
    try:
        return _kokoro(language), None
    except EngineUnavailable as exc:
        return None, str(exc)


def _length_scale(opts: AudioOptions) -> float:
    """Piper speaks about 165 words per minute at length scale 1.0: map ``rate`` onto it."""
    return round(opts.length_scale * 165.0 / max(60, opts.rate), 3)


def _piper(opts: AudioOptions, language: str, *, required: bool) -> Engine | None:
    """The Piper engine for ``language``, or None when there is none (``required`` False).

    Raises:
        EngineUnavailable, ConfigError: ``required`` and no usable voice.
    """
    try:
        from .piper import PiperEngine, find_piper_voice
    except ImportError as exc:
        if required:
            raise EngineUnavailable("the Piper engine is not available", cause=str(exc)) from exc
        return None
    model = find_piper_voice(language, opts.voice, opts.voices_dir)
    if model is None:
        if required:
            raise EngineUnavailable(
                f"no Piper voice for '{language}'", cause="use --voice MODEL or --voices-dir DIR"
            )
        return None
    try:
        engine = PiperEngine.from_model(
            model, length_scale=_length_scale(opts), sentence_silence=opts.sentence_silence
        )
        check = getattr(engine, "check_language", None)
        if check is not None:
            check(language, strict=opts.strict)
    except (EngineUnavailable, ConfigError) as exc:
        if required:
            raise
        log.warning("Piper voice %s cannot be used: %s", model.name, exc)
        return None
    return engine


def create_engine(
    opts: AudioOptions,
    language: str,
    *,
    probe: Callable[[], bool] = probe_gtts,
) -> Engine:
    """Return the engine ``opts.engine`` names for a letter in ``language``.

    Args:
        opts: audio options (``engine``, ``voice``, ``voices_dir``, ``rate``...).
        language: the letter's language (``fr``, ``en``).
        probe: called by ``auto`` to learn whether gTTS answers (no argument,
            returns a bool); tests pass a stub.

    Raises:
        ConfigError: unknown engine name.
        EngineUnavailable: the engine asked for cannot run here.
    """
    name = opts.engine
    if name == "espeak":
        return _espeak()
    if name == "gtts":
        return _gtts(opts)
    if name == "kokoro":
        return _kokoro(language)
    if name == "piper":
        engine = _piper(opts, language, required=True)
        if engine is None:  # required=True raises first; kept for the type checker
            raise EngineUnavailable(f"no Piper voice for '{language}'")
        return engine
    if name != "auto":
        raise ConfigError(f"unknown engine '{name}'", cause="use auto, kokoro, espeak, gtts or piper")
    try:
        engine = _piper(opts, language, required=False)
    except EngineUnavailable as exc:
        log.debug("auto: Piper unavailable: %s", exc)
        engine = None
    if engine is not None:
        return engine
    engine, problem = natural_voice(language)
    if engine is not None:
        return engine
    if probe():
        try:
            if problem:
                log.warning("the natural voice cannot be used (%s): speaking with gTTS (online)", problem)
            return _gtts(opts)
        except EngineUnavailable as exc:
            log.debug("auto: gTTS unavailable: %s", exc)
    if problem:
        log.warning("the natural voice cannot be used (%s): speaking with espeak-ng (draft voice)", problem)
    else:
        log.warning("gTTS is not reachable: speaking with espeak-ng (offline voice)")
    return _espeak()
