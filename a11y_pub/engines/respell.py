"""Respellings that make espeak-ng's phonemes say what a French reader says.

Two kinds, French only (``respell_for_espeak``):

- ``th`` is said [t] in French (théâtre, méthode, authentique, rythme), but
  espeak-ng's French rules hand some words with ``th`` to its English rules
  (« authentique » [ɔːθəntiːk], « enthousiasme », « rythme » [ɹɪθm]): every
  ``th`` is respelled ``t``, which its French rules read [t] in every word
  (« autentique » [otɑ̃tik]).
- final ``-ès`` of names, below.

The Kokoro engine takes its phonemes from espeak-ng, whose French rules
drop a final ``s`` after ``è`` (right for the common words « après »,
« progrès ») and know only some proper names that keep it (Agnès, Inès).
A proper name ending in ``-ès`` is said with its ``s`` (Alès [alɛs], Uzès,
Cortès, Ramsès, Vallès: the usual French reading of names, e.g. the
Larousse and the Trésor de la langue française's notes on final
consonants), so a capitalised word in ``-ès`` that is not one of the common
words below is respelled ``-èss``, which espeak-ng reads [ɛs]. Lower-case
words are never touched.
"""

from __future__ import annotations

import re

# Part of the Kokoro engine's identity: bump it when this module or the phonemes' clean-up
# changes what the model is given (2: language-switch flags removed; 3: th), so the cache re-synthesises.
RESPELLING_VERSION = 3

# Common French words in -ès (silent s) that may start a sentence or a title with a capital.
FRENCH_COMMON_ES: frozenset[str] = frozenset({
    "abcès", "accès", "agrès", "après", "auprès", "congrès", "cyprès", "décès", "dès", "excès", "exprès",
    "grès", "lès", "procès", "profès", "progrès", "près", "succès", "très",
})

_FRENCH_ES_NAME = re.compile(r"(?<!\w)([A-ZÀ-Ý]\w*?[èÈ])([sS])\b")


_TH = re.compile(r"([tT])[hH]")


def respell_for_espeak(text: str, language: str) -> str:
    """``text`` as the Kokoro engine hands it to espeak-ng: French ``th`` written ``t`` and
    names in ``-ès`` written ``-èss`` (``respell_names``); other languages unchanged.

    Args:
        text: speech text of one sentence.
        language: the letter's language (BCP 47 primary tag).
    """
    if language != "fr":
        return text
    return respell_names(_TH.sub(r"\1", text), language)


def respell_names(text: str, language: str) -> str:
    """``text`` with French proper names in ``-ès`` respelled ``-èss`` (other languages unchanged).

    Args:
        text: speech text of one sentence.
        language: the letter's language (BCP 47 primary tag).

    Returns:
        The text espeak-ng is asked to phonemise.
    """
    if language != "fr":
        return text

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word.lower() in FRENCH_COMMON_ES else match.group(1) + match.group(2) * 2

    return _FRENCH_ES_NAME.sub(name, text)
