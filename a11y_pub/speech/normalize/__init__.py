"""Speech text: what the voice should say for a piece of written text.

``to_speech(text, lang, lexicon)`` runs ``DEFAULT_STEPS`` in order. Each step
is a small pure function ``step(text, rules) -> str``, named for its job;
``rules`` holds the language's tables (``data/speech/<lang>.toml``: the
tables are data, the modules here are logic) and the pronunciation lexicon.
``steps_for(lang, lexicon)`` binds them into plain ``str -> str`` functions
(in the spirit of gTTS's pre-processors).

Modules, one family of steps each: ``typography`` (broken lines, bullets,
apostrophes and quotes, noise, spaces), ``addresses`` (e-mail and web
addresses, telephone numbers, postal codes), ``dates`` (dates and clock
times), ``abbreviations`` (abbreviations, lexicon, acronyms), ``amounts``
(money, units, symbols, ratios), ``numbers`` (ranges, signs, ordinals, Roman numerals,
codes, decades, numbers),
``words`` (numbers in words through num2words), ``sentences``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, reduce

from ..lexicon import Lexicon
from .abbreviations import apply_lexicon, expand_abbreviations, read_acronyms, say_acronym, write_phonemes
from .addresses import read_phone_numbers, read_postal_codes, read_web_addresses, say_address, say_phone_number
from .amounts import read_money, read_ratios, read_symbols, read_units, say_money
from .dates import read_dates, read_day_ranges, read_times, say_date
from .numbers import (
    read_codes,
    read_decades,
    read_numbers,
    read_ordinals,
    read_ranges,
    read_roman_numerals,
    read_signed_numbers,
    roman_value,
    unify_decimal_marks,
)
from .rules import SpeechRules, rules_for, speech_tables
from .sentences import MAX_SENTENCE_CHARS, split_sentences
from .typography import (
    drop_bullets,
    drop_typographic_noise,
    drop_unspeakable,
    elide,
    escape_phoneme_markup,
    tidy_spaces,
    undo_line_hyphens,
    unify_quotes,
)

Step = Callable[[str, SpeechRules], str]

DEFAULT_STEPS: tuple[Step, ...] = (
    escape_phoneme_markup,
    undo_line_hyphens,
    drop_bullets,
    unify_quotes,
    apply_lexicon,
    read_web_addresses,
    read_phone_numbers,
    read_postal_codes,
    read_dates,
    read_day_ranges,
    read_times,
    read_decades,
    expand_abbreviations,
    unify_decimal_marks,
    read_ranges,
    read_signed_numbers,
    read_money,
    read_ratios,
    read_units,
    read_ordinals,
    read_roman_numerals,
    read_codes,
    read_numbers,
    read_symbols,
    elide,
    read_acronyms,
    drop_typographic_noise,
    drop_unspeakable,
    tidy_spaces,
    write_phonemes,
)


def steps_for(
    language: str, lexicon: Lexicon | None = None, steps: tuple[Step, ...] = DEFAULT_STEPS, phonemes: str | None = None
) -> tuple[Callable[[str], str], ...]:
    """``steps`` bound to ``language``'s tables: plain ``str -> str`` functions, in order."""
    rules = rules_for(language, lexicon, phonemes)
    return tuple(partial(step, rules=rules) for step in steps)


def to_speech(
    text: str,
    lang: str,
    lexicon: Lexicon | None = None,
    steps: tuple[Step, ...] = DEFAULT_STEPS,
    phonemes: str | None = None,
) -> str:
    """What the voice should say for ``text`` in language ``lang``.

    Args:
        text: written text (a sentence, a paragraph or a section).
        lang: ``fr`` or ``en`` (other languages get the language-free steps).
        lexicon: pronunciation lexicon; None uses the shipped one.
        steps: the pipeline, ``DEFAULT_STEPS`` unless a caller needs another.
        phonemes: the phoneme alphabet of an engine that takes phonemes
            (``"x-espeak"``: lexicon entries with espeak phonemes are written
            ``[[...]]``); None (the default) says every entry by its respelling.

    Returns:
        The speech text, on one line; empty when nothing is left to say.
    """
    rules = rules_for(lang, lexicon, phonemes)
    return reduce(lambda acc, step: step(acc, rules), steps, text)


__all__ = [
    "DEFAULT_STEPS",
    "MAX_SENTENCE_CHARS",
    "SpeechRules",
    "Step",
    "apply_lexicon",
    "drop_bullets",
    "drop_typographic_noise",
    "drop_unspeakable",
    "elide",
    "escape_phoneme_markup",
    "expand_abbreviations",
    "read_acronyms",
    "read_codes",
    "read_dates",
    "read_day_ranges",
    "read_decades",
    "read_money",
    "read_numbers",
    "read_ordinals",
    "read_phone_numbers",
    "read_postal_codes",
    "read_ranges",
    "read_ratios",
    "read_roman_numerals",
    "read_signed_numbers",
    "read_symbols",
    "read_times",
    "read_units",
    "read_web_addresses",
    "roman_value",
    "rules_for",
    "say_acronym",
    "say_address",
    "say_date",
    "say_money",
    "say_phone_number",
    "speech_tables",
    "split_sentences",
    "steps_for",
    "tidy_spaces",
    "to_speech",
    "undo_line_hyphens",
    "unify_decimal_marks",
    "unify_quotes",
    "write_phonemes",
]
