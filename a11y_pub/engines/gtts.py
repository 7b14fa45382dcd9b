"""Google's voice through gTTS (needs the internet).

gTTS splits the text into pieces of at most 100 characters and packages one
HTTP request per piece; this engine lets gTTS do that, then sends the
prepared requests itself through an injected requests-like session, so that
every request has a timeout, timeouts/429/5xx are retried with bounded
exponential back-off, and tests can fake the HTTP boundary. The MP3 that
comes back is checked frame by frame and decoded to PCM in-process.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from ..errors import EngineUnavailable, SynthesisError
from ..mp3 import decode_mp3
from .base import Engine, Pcm, Voice

log = logging.getLogger(__name__)

_AUDIO_RE = re.compile(rb'jQ1olc","\[\\"(.*?)\\"]')
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
LANGUAGES = ("fr", "en")


def _requests() -> Any:
    import requests

    return requests


class GttsEngine(Engine):
    """gTTS engine: text in, 16-bit mono PCM out.

    Args:
        session: a requests-like object with ``send(prepared, timeout=...)``
            returning a response with ``status_code``, ``content`` and
            ``headers``; ``None`` opens a ``requests.Session``.
        sample_rate: rate of the PCM returned (gTTS sends 24 kHz MP3).
        timeout: seconds allowed for each HTTP request (always passed).
        retries: how many times a timeout, 429 or 5xx is retried.
        backoff: first back-off delay in seconds, doubled at each retry.
        max_backoff: longest single delay (also caps ``Retry-After``).
        sleep: the delay function (tests pass a no-op).
        tld: Google host top-level domain.
    """

    name = "gtts"

    def __init__(
        self,
        session: Any = None,
        *,
        sample_rate: int = 22050,
        timeout: float = 10.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_backoff: float = 16.0,
        sleep: Callable[[float], None] = time.sleep,
        tld: str = "com",
    ) -> None:
        self._session = session if session is not None else _requests().Session()
        self.sample_rate = sample_rate
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self.tld = tld

    def voice_name(self, voice: Voice) -> str:
        """gTTS has one voice per language (and host): name it after both."""
        return f"{voice.language}-{self.tld}"

    def synthesize(self, text: str, voice: Voice) -> Pcm:
        """Speak ``text`` in ``voice.language`` (the rate cannot be changed).

        Raises:
            EngineUnavailable: the network is down, or the service still
                times out / refuses (429, 5xx) after the retries.
            SynthesisError: the language is not supported, or the answer holds
                no audio or a damaged MP3.
        """
        if not text.strip():
            return Pcm(self.sample_rate, 2, 1, b"")
        mp3 = b"".join(self._fetch(piece) for piece in self._prepare(text, voice))
        return Pcm(self.sample_rate, 2, 1, decode_mp3(mp3, self.sample_rate, source="gTTS"))

    def probe(self, timeout: float = 2.0) -> bool:
        """True when the service answers a one-word request within ``timeout`` seconds."""
        saved = (self.timeout, self.retries)
        self.timeout, self.retries = timeout, 0
        try:
            self.synthesize("ok", Voice("en"))
        except (EngineUnavailable, SynthesisError) as exc:
            log.debug("gTTS probe failed: %s", exc)
            return False
        finally:
            self.timeout, self.retries = saved
        return True

    # -- internals ---------------------------------------------------------

    def _prepare(self, text: str, voice: Voice) -> list[Any]:
        from gtts import gTTS

        if voice.language not in LANGUAGES:
            raise SynthesisError(f"gTTS engine does not speak '{voice.language}'")
        try:
            tts = gTTS(text, tld=self.tld, lang=voice.language, lang_check=False, timeout=self.timeout)
            return list(tts._prepare_requests())
        except AssertionError:
            return []  # nothing left to say after gTTS's own cleaning (punctuation only)

    def _fetch(self, request: Any) -> bytes:
        requests = _requests()
        attempt = 0
        while True:
            problem: str
            try:
                response = self._session.send(request, timeout=self.timeout)
            except requests.exceptions.Timeout:
                problem = f"no answer within {self.timeout:g} s"
                response = None
            except requests.exceptions.RequestException as exc:
                raise EngineUnavailable(
                    "gTTS cannot reach Google (network unreachable)",
                    cause=type(exc).__name__,
                ) from exc
            if response is not None:
                status = int(response.status_code)
                if status == 200:
                    return self._audio(response)
                if status not in _RETRY_STATUSES:
                    raise SynthesisError(f"gTTS request refused (HTTP {status})")
                problem = f"HTTP {status}" + (" (rate limited)" if status == 429 else "")
            if attempt >= self.retries:
                raise EngineUnavailable(
                    f"gTTS failed after {attempt + 1} attempt(s)", cause=problem
                )
            delay = self._delay(attempt, response)
            log.info("gTTS: %s, retrying in %.1f s", problem, delay)
            self._sleep(delay)
            attempt += 1

    def _delay(self, attempt: int, response: Any) -> float:
        delay = self.backoff * (2**attempt)
        headers = getattr(response, "headers", None) or {}
        retry_after = headers.get("Retry-After") if hasattr(headers, "get") else None
        if retry_after is not None:
            try:
                delay = max(delay, float(retry_after))
            except ValueError:
                pass
        return min(delay, self.max_backoff)

    def _audio(self, response: Any) -> bytes:
        content: bytes = response.content or b""
        parts: list[bytes] = []
        for line in content.splitlines():
            if b"jQ1olc" not in line:
                continue
            found = _AUDIO_RE.search(line)
            if not found:
                raise SynthesisError("gTTS answer holds no audio", cause="unsupported language?")
            try:
                parts.append(base64.b64decode(found.group(1), validate=True))
            except (binascii.Error, ValueError) as exc:
                raise SynthesisError("gTTS answer holds damaged audio data") from exc
        if not parts:
            raise SynthesisError("gTTS answer holds no audio", cause="upstream API changed?")
        return b"".join(parts)
