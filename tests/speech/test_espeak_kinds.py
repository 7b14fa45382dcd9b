"""Every kind of the speech table through the real espeak-ng engine."""

from __future__ import annotations

from collections import defaultdict

import pytest

from a11y_pub.engines.base import Voice
from a11y_pub.engines.espeak import EspeakEngine
from a11y_pub.speech.lexicon import parse_lexicon
from a11y_pub.speech.normalize import to_speech

from .test_kinds_table import ENGLISH, FRENCH

# espeak-ng at 165 words per minute says a word in about 0.36 s; spelled letters and
# short words are quicker, long number words slower. A kind whose audio falls outside
# these bounds was skipped, cut or read as something else (a symbol, letters by letters).
# The rate is fixed here (not the build's default) because the bounds were measured at it.
RATE = 165
SECONDS_PER_WORD = (0.15, 0.75)


def _by_kind(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    kinds: dict[str, list[str]] = defaultdict(list)
    for kind, written, _ in rows:
        kinds[kind].append(written.rstrip(".") + ".")
    return {kind: " ".join(texts) for kind, texts in kinds.items()}


@pytest.mark.slow
def test_each_kind_is_spoken_by_espeak() -> None:
    engine = EspeakEngine()
    checked = []
    for lang, rows in (("fr", FRENCH), ("en", ENGLISH)):
        for kind, written in _by_kind(rows).items():
            speech = to_speech(written, lang)
            words = len(speech.split())
            pcm = engine.synthesize(speech, Voice(lang, None, RATE))
            low, high = SECONDS_PER_WORD[0] * words, SECONDS_PER_WORD[1] * words
            assert pcm.data, f"{lang} {kind}: no audio"
            assert low <= pcm.duration <= high, f"{lang} {kind}: {pcm.duration:.1f} s for {words} words"
            checked.append((lang, kind))
    assert len(checked) >= 30


@pytest.mark.slow
def test_espeak_takes_the_lexicon_phonemes() -> None:
    """An x-espeak entry reaches espeak-ng as phoneme input: "[[...]]" is said as the word, not
    read out letter by letter (which takes about three times as long)."""
    engine = EspeakEngine()
    lexicon = parse_lexicon('[[lexeme]]\ngrapheme = "Hallo"\nalias = "hello"\nphoneme = { x-espeak = "h@l\'oU" }\n')
    with_phonemes = to_speech("Hallo", "en", lexicon, phonemes="x-espeak")
    assert with_phonemes == "[[h@l'oU]]"
    said = engine.synthesize(with_phonemes, Voice("en")).duration
    respelled = engine.synthesize(to_speech("Hallo", "en", lexicon), Voice("en")).duration
    assert abs(said - respelled) < 0.2
