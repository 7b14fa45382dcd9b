"""espeak-ng, called in-process through ctypes (the ``espeakng-loader`` wheel).

The wheel ships ``libespeak-ng`` and its voice data; no system binary, no
subprocess. The library is initialised once per process in synchronous mode
(``AUDIO_OUTPUT_SYNCHRONOUS``): ``espeak_Synth`` returns when the text has
been spoken, after calling our synth callback with blocks of 16-bit mono
PCM. espeak-ng keeps global state (current voice, parameters, callback), so
every call runs under one process-wide lock: the engine is safe to share
between threads, and calls are serialised.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import EngineUnavailable, SynthesisError
from .base import Engine, Pcm, Voice

log = logging.getLogger(__name__)

# espeak_AUDIO_OUTPUT
_AUDIO_OUTPUT_SYNCHRONOUS = 2
# espeak_PARAMETER
_RATE = 1
_VOLUME = 2
_PUNCTUATION = 5
# espeak_POSITION_TYPE
_POS_CHARACTER = 1
# synth flags
_CHARS_UTF8 = 1
_PHONEMES = 0x100  # espeakPHONEMES: text in [[...]] is phoneme mnemonics (the lexicon's x-espeak entries)
_ENDPAUSE = 0x1000
# espeak_ERROR
_EE_OK = 0

MIN_RATE = 80  # words per minute, espeak-ng's floor
MAX_RATE = 450

# Voice names for the languages letters are written in.
DEFAULT_VOICES: dict[str, str] = {"fr": "fr", "en": "en"}

_LOCK = threading.RLock()  # espeak-ng's state is global to the process
# id(library) -> (library, sample rate): the library is kept, so its id is never reused by another object
_INITIALISED: dict[int, tuple[Any, int]] = {}

@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Defer Ctrl-C while espeak-ng runs (main thread); it takes effect when the call returns.

    A KeyboardInterrupt raised inside the synth callback is swallowed by ctypes
    ("Exception ignored on calling ctypes callback function"): the block of
    audio is lost, the sentence goes to the cache with a gap, and the build
    goes on as if Ctrl-C had not been pressed. While espeak-ng runs, SIGINT
    only sets a flag; the previous handler runs as soon as the call returns
    (one call lasts well under a second, so Ctrl-C still stops a build at once).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    except ValueError:  # not the main interpreter
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous != signal.SIG_IGN:
                signal.raise_signal(signal.SIGINT)


_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _EspeakVoiceStruct(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),  # (priority byte, name, NUL)*, NUL
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


@dataclass(frozen=True, slots=True)
class EspeakVoice:
    """One voice listed by espeak-ng: its identifier and its languages."""

    name: str
    identifier: str
    languages: tuple[str, ...]


@functools.cache
def load_library() -> tuple[Any, str]:
    """Load ``libespeak-ng`` and locate its data folder from the wheel (once per process:
    espeak-ng's state is global, so every engine shares one handle, initialised once).

    Returns:
        ``(library handle, data path)``.

    Raises:
        EngineUnavailable: the wheel is not installed or the library does not load.
    """
    try:
        import espeakng_loader
    except ImportError as exc:
        raise EngineUnavailable(
            "espeak-ng is not installed", cause="pip install espeakng-loader"
        ) from exc
    try:
        library = ctypes.CDLL(espeakng_loader.get_library_path())
        data_path = espeakng_loader.get_data_path()
    except (OSError, RuntimeError) as exc:
        raise EngineUnavailable("espeak-ng library cannot be loaded", cause=str(exc)) from exc
    return library, data_path


def _declare(library: Any) -> None:
    """Set argument and result types of the functions we call."""
    library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    library.espeak_Initialize.restype = ctypes.c_int
    library.espeak_SetSynthCallback.argtypes = [_SynthCallback]
    library.espeak_SetSynthCallback.restype = None
    library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    library.espeak_SetVoiceByName.restype = ctypes.c_int
    library.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    library.espeak_SetParameter.restype = ctypes.c_int
    library.espeak_Synth.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_uint,
        ctypes.c_void_p,
        ctypes.c_void_p,
    ]
    library.espeak_Synth.restype = ctypes.c_int
    library.espeak_Synchronize.argtypes = []
    library.espeak_Synchronize.restype = ctypes.c_int
    library.espeak_ListVoices.argtypes = [ctypes.c_void_p]
    library.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_EspeakVoiceStruct))


class EspeakEngine(Engine):
    """The espeak-ng engine: text in, 16-bit mono PCM out.

    Args:
        library: a loaded ``libespeak-ng`` handle (``ctypes.CDLL``) or a stand-in
            with the same functions; ``None`` loads the one from the wheel.
        data_path: espeak-ng's data folder; ``None`` uses the wheel's.

    Raises:
        EngineUnavailable: the library cannot be loaded or initialised.
    """

    name = "espeak"
    phoneme_alphabet = "x-espeak"  # lexicon phonemes reach espeak-ng as [[...]] (espeakPHONEMES)

    def __init__(self, library: Any = None, data_path: str | None = None) -> None:
        if library is None:
            library, wheel_data = load_library()
            data_path = data_path or wheel_data
        self._library = library
        self._data_path = data_path
        self._chunks: list[bytes] = []
        # Kept on the instance: ctypes callbacks must outlive every call into C.
        self._callback = _SynthCallback(self._collect)
        with _LOCK:
            if id(library) not in _INITIALISED:
                _declare(library)
                path = data_path.encode("utf-8") if data_path else None
                rate = library.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, path, 0)
                if rate <= 0:
                    raise EngineUnavailable(
                        "espeak-ng failed to initialise", cause=f"data path {data_path}"
                    )
                _INITIALISED[id(library)] = (library, rate)
        self.sample_rate: int = _INITIALISED[id(library)][1]

    # -- callback ----------------------------------------------------------

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0 = go on

    # -- API ---------------------------------------------------------------

    def voice_name(self, voice: Voice) -> str:
        """The espeak-ng voice used for ``voice`` (its name, else the language default)."""
        return voice.name or DEFAULT_VOICES.get(voice.language, voice.language)

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        """Speak ``text`` with ``voice``; empty text gives empty PCM.

        Raises:
            SynthesisError: unknown voice, or espeak-ng reports an error.
        """
        rate = min(MAX_RATE, max(MIN_RATE, int(voice.rate)))
        name = self.voice_name(voice)
        if not text.strip():
            return Pcm(self.sample_rate, 2, 1, b"")
        payload = text.encode("utf-8") + b"\0"
        buffer = ctypes.create_string_buffer(payload, len(payload))
        with _LOCK, _interrupts_held():
            lib = self._library
            if not self._select_voice(name):
                raise SynthesisError(
                    f"espeak-ng has no voice '{name}'", cause="see 'a11y-pub voices'"
                )
            lib.espeak_SetParameter(_RATE, rate, 0)
            lib.espeak_SetParameter(_VOLUME, 100, 0)
            lib.espeak_SetParameter(_PUNCTUATION, 0, 0)  # never read punctuation aloud
            lib.espeak_SetSynthCallback(self._callback)
            self._chunks = []
            try:
                status = lib.espeak_Synth(
                    buffer, len(payload), 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _PHONEMES, None, None
                )
                lib.espeak_Synchronize()
                data = b"".join(self._chunks)
            finally:
                self._chunks = []
        if status != _EE_OK:
            raise SynthesisError("espeak-ng failed to synthesise", cause=f"error {status}")
        return Pcm(self.sample_rate, 2, 1, data)

    def _select_voice(self, name: str) -> bool:
        """Select ``name`` (file name, language tag or display name); lock held."""
        lib = self._library
        if lib.espeak_SetVoiceByName(name.encode("utf-8")) == _EE_OK:
            return True
        wanted = name.casefold()
        for known in self.list_voices():
            tags = {tag.casefold() for tag in known.languages}
            if wanted in tags or wanted in (known.name.casefold(), known.identifier.casefold()):
                candidate = known.identifier.rsplit("/", 1)[-1]
                if lib.espeak_SetVoiceByName(candidate.encode("utf-8")) == _EE_OK:
                    return True
                if lib.espeak_SetVoiceByName(known.name.encode("utf-8")) == _EE_OK:
                    return True
        return False

    def list_voices(self) -> tuple[EspeakVoice, ...]:
        """Every voice espeak-ng knows, sorted by identifier."""
        voices: list[EspeakVoice] = []
        with _LOCK:
            table = self._library.espeak_ListVoices(None)
            index = 0
            while table and table[index]:
                item = table[index].contents
                voices.append(
                    EspeakVoice(
                        name=(item.name or b"").decode("utf-8", "replace"),
                        identifier=(item.identifier or b"").decode("utf-8", "replace"),
                        languages=_languages(item.languages),
                    )
                )
                index += 1
        return tuple(sorted(voices, key=lambda v: v.identifier))


def _languages(address: int | None) -> tuple[str, ...]:
    """Decode espeak-ng's language list: (priority byte, name, NUL)*, then NUL."""
    names: list[str] = []
    while address:
        priority = ctypes.string_at(address, 1)
        if priority == b"\0":
            break
        name = ctypes.string_at(address + 1)
        names.append(name.decode("utf-8", "replace"))
        address += 2 + len(name)
    return tuple(names)
