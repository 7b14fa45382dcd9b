"""Phrases built from the letter's names, the same in every output.

Two jobs, shared by the PDF, the web page, the audio announcements and the
easy-read text, so that a name is written the same way everywhere:

- ``of_name`` / ``to_name``: French « de » and « à » before a name, with
  elision and the article an organisation's name takes (« Lettre d'Élise
  Martin », « Lettre de l'Association Ekko », « Lettre du Collectif … »,
  « à la Mairie de … », « au Comité … »). English needs neither: the phrase
  is returned as ``from``/``to`` would read, unchanged.
- ``capital_names`` / ``fix_capitals``: names printed in capitals
  (``Marc INFANTES``) are written in title case (``Marc Infantes``);
  acronyms (``CSAPA``, ``EKKO``) stay. A word in capitals is a name when it
  is part of a person's name in the letter's metadata (``author``,
  ``recipient.name``, ``signature``), or when it follows a civility title
  (``M.``, ``Mme``, ``Monsieur``, ``Madame``, ``Mr``, ``Mrs``, ``Ms``,
  ``Dr``), optionally after a first name. Word length cannot decide:
  ``CAARUD`` (an acronym) is as long as ``MANGIN`` (a name).

French rules (Grevisse, *Le Bon Usage*, §§ 44-45 elision, 580 contracted
articles): « de » becomes « d' » before a vowel or a mute h; « de le » is
« du », « à le » is « au », « de les » « des », « à les » « aux »; « le »/« la »
become « l' » before a vowel or a mute h. A name takes an article when its
first word is a common noun naming an organisation (``ORGANISATION_NOUNS``,
with its gender); a person's name never does.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ORGANISATION_NOUNS",
    "capital_names",
    "fix_capitals",
    "of_name",
    "starts_with_vowel_sound",
    "title_case",
    "to_name",
]

# First words of organisation names that take an article in French, with
# their gender (m, f) or plural (p). Compared without accents, lower case.
ORGANISATION_NOUNS: dict[str, str] = {
    "agence": "f", "amicale": "f", "assemblee": "f", "association": "f", "cabinet": "m",
    "caisse": "f", "centre": "m", "chambre": "f", "club": "m", "collectif": "m",
    "college": "m", "comite": "m", "commission": "f", "commune": "f", "communaute": "f",
    "confederation": "f", "conseil": "m", "coordination": "f", "departement": "m",
    "direction": "f", "ecole": "f", "entreprise": "f", "equipe": "f", "etablissement": "m",
    "federation": "f", "fondation": "f", "groupe": "m", "hopital": "m", "institut": "m",
    "ligue": "f", "liste": "f", "lycee": "m", "maison": "f", "mairie": "f",
    "metropole": "f", "ministere": "m", "mouvement": "m", "mutuelle": "f", "observatoire": "m",
    "office": "m", "parti": "m", "prefecture": "f", "region": "f", "reseau": "m",
    "secours": "m", "service": "m", "societe": "f", "syndicat": "m", "union": "f",
    "universite": "f", "ville": "f", "amis": "p", "associations": "p", "parents": "p",
}

# Words starting with an aspirated h: no elision (« de Hollande » is a name
# with no article; « la Halle », « le Hameau »).
_ASPIRATED_H = frozenset({"halle", "hameau", "handicap", "haut", "haute", "hollande", "hongrie", "hugo"})

_LETTER = r"[^\W\d_]"
_WORD_RE = re.compile(rf"{_LETTER}+(?:[-'’]{_LETTER}+)*")
_CIVILITY_RE = re.compile(
    r"(?<![^\W\d_])(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+"
)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def starts_with_vowel_sound(word: str) -> bool:
    """Whether French elides before ``word``: a vowel (with or without accent) or a mute h.

    ``Élise`` -> True, ``Hélène`` -> True, ``Hollande`` -> False, ``Marc`` -> False.
    """
    plain = _plain(word.lstrip("«\u00a0 \"'"))
    if not plain:
        return False
    if plain[0] in "aeiouy":
        return not plain.startswith(("you", "yo", "ya", "ye"))  # « de Yannick », « de Yolande »
    if plain[0] == "h":
        first = _WORD_RE.match(plain)
        return first is not None and first.group(0) not in _ASPIRATED_H
    return False


def _article(name: str) -> str:
    """The article an organisation's name takes ('' for a person's name)."""
    first = _WORD_RE.match(name.strip())
    if first is None:
        return ""
    gender = ORGANISATION_NOUNS.get(_plain(first.group(0)))
    if gender is None:
        return ""
    if gender == "p":
        return "les "
    return _singular(gender, first.group(0))


def _singular(gender: str, word: str) -> str:
    if starts_with_vowel_sound(word):
        return "l’"
    return "le " if gender == "m" else "la "


_OWN_ARTICLE_RE = re.compile(r"^(?:(le|la|les)\s+|(l)['’]\s*)(?=\w)", re.IGNORECASE)


def _with(preposition: str, name: str, language: str) -> str:
    name = name.strip()
    if language != "fr" or not name:
        return f"{preposition} {name}".strip()
    own = _OWN_ARTICLE_RE.match(name)
    if own:  # the name carries its article: « La Ligue … », « L'Union … »
        name = name[own.end() :]
        word = (own.group(1) or own.group(2)).lower()
        article = "l’" if word == "l" else f"{word} "
    else:
        article = _article(name)
    if article:
        contracted = {
            ("de", "le "): "du ", ("de", "les "): "des ", ("à", "le "): "au ", ("à", "les "): "aux ",
        }.get((preposition, article))
        if contracted:
            return contracted + name
        return f"{preposition} {article}{name}"
    if preposition == "de" and starts_with_vowel_sound(name):
        return f"d’{name}"
    return f"{preposition} {name}"


def of_name(name: str, language: str) -> str:
    """« de » + ``name`` in French, elided and with its article; ``name`` itself in English.

    ``of_name("Élise Martin", "fr")`` -> ``"d’Élise Martin"``;
    ``of_name("Association Ekko", "fr")`` -> ``"de l’Association Ekko"``;
    ``of_name("Collectif Santé", "fr")`` -> ``"du Collectif Santé"``;
    ``of_name("Marc Infantes", "fr")`` -> ``"de Marc Infantes"``.
    English: ``of_name("Priya Shah", "en")`` -> ``"Priya Shah"`` (the caller writes "from").
    """
    if language != "fr":
        return name.strip()
    return _with("de", name, language)


def to_name(name: str, language: str) -> str:
    """« à » + ``name`` in French, with its article (« à l’Association », « au Comité »); ``name`` in English."""
    if language != "fr":
        return name.strip()
    return _with("à", name, language)


# -- names in capitals ---------------------------------------------------------


def _is_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def title_case(word: str) -> str:
    """``MANGIN`` -> ``Mangin``, ``JEAN-PIERRE`` -> ``Jean-Pierre``, ``D'ALEMBERT`` -> ``D'Alembert``."""
    return re.sub(_LETTER + "+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)


def capital_names(author: str, recipient_name: str, signature: str) -> frozenset[str]:
    """Words in capitals that are part of a person's name in the letter's metadata."""
    names: set[str] = set()
    for source in (author, recipient_name, signature):
        names.update(w for w in _WORD_RE.findall(source) if _is_caps(w))
    return frozenset(names)


def fix_capitals(text: str, names: frozenset[str]) -> str:
    """Print names in capitals in title case; leave acronyms as written.

    A word in capitals is changed when it is in ``names`` or directly
    follows a civility title (with or without a first name between). The
    result has the same length as ``text`` (offsets of marks stay valid).
    """
    after_civility: set[int] = set()
    for civility in _CIVILITY_RE.finditer(text):
        after_civility.add(civility.end())
        first = _WORD_RE.match(text, civility.end())
        if first and not _is_caps(first.group(0)):
            gap = re.match(r"\s+", text[first.end() :])
            if gap:
                after_civility.add(first.end() + gap.end())

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        if _is_caps(word) and (word in names or match.start() in after_civility):
            return title_case(word)
        return word

    return _WORD_RE.sub(replace, text)
