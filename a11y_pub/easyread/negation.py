"""Double negatives and negated negative words (« pas impossible », « pas contre »,
"not unlikely", "not without"): found for the checker, and said positively by the
simplifier where the meaning is exactly the same (the ``positive_rewrites`` table of
``[verify]`` in ``a11y_pub/data/easyread/<lang>.toml``).

Readers with intellectual disabilities often misread two negations as one
(STANDARDS.md, "Faithfulness" and FALC: no stacked negations), so the checker flags
every case; only the listed exact equivalences are rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .facts import tokens
from .lexicon import LanguageData

_REACH = 3  # words after a negation where a negative word counts as negated
_BOUNDARY = frozenset(",;:.!?()")


def double_negatives(text: str, data: LanguageData) -> list[str]:
    """The double negatives of ``text``, each as "negation … word" (empty when none).

    A negation (« ne », « n' », « pas », « sans », « non »; "not", "never", "no",
    "without") followed within three words, in the same clause, by a negative word
    (« impossible », « contre », « sans »; "unlikely", "without", "against"). A
    negation's own partner (« ne … pas », « ne … jamais ») is not a second one.
    """
    toks = tokens(text, data.language)
    leads = set(data.cues("negation"))
    partners = set(data.cues("negation_partners"))
    objects = set(data.cues("negation_objects"))
    negative = set(data.cues("negative_words"))
    phrases = {p for p in data.words("negation_partners") if " " in p}  # « non plus »
    found: list[str] = []
    hit: set[int] = set()  # each negative word reported once, with the first negation before it
    owned: set[int] = set()  # partners of a « ne » before them: the same negation
    for i, tok in enumerate(toks):
        if i in owned or (tok.low not in leads and tok.low not in partners):
            continue
        reach, j = 0, i + 1
        while j < len(toks) and reach < _REACH and toks[j].text not in _BOUNDARY:
            other = toks[j]
            if tok.low in ("ne", "n'") and other.low in partners:
                owned.add(j)
                j += 1
                if other.low in objects:
                    break  # « ne … rien contre vous »: the negation is its object, not « contre »
                continue
            if j + 1 < len(toks) and f"{other.low} {toks[j + 1].low}" in phrases:
                owned.update((j, j + 1))  # « ne … pas non plus »: one negation, « non » is not negated
                j += 2
                continue
            if other.low in negative and j not in hit:
                found.append(f"{tok.text} … {other.text}")
                hit.add(j)
                break
            reach += 1
            j += 1
    return found


def _rewrites(data: LanguageData) -> list[tuple[re.Pattern[str], str]]:
    table = data.verify.get("positive_rewrites", {})
    out: list[tuple[re.Pattern[str], str]] = []
    for phrase in sorted(table, key=lambda p: (-len(p), p)):
        words = [re.escape(w) for w in phrase.replace("’", "'").split()]
        body = r"\s+".join(words).replace("'", "['’]\\s*")
        out.append((re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE), str(table[phrase])))
    return out


def say_positively(text: str, data: LanguageData) -> str:
    """``text`` with the listed negated negative words said positively
    (« Il n'est pas impossible que… » -> « Il est possible que… »); the rest unchanged."""
    for pattern, value in _rewrites(data):
        text = pattern.sub(value, text)
    return text


_PARTNER_REACH = 6  # words after « ne » where its partner (« pas », « plus », « rien ») may stand
_LEAD_REACH = 12  # words after a leading « aucun », « personne », « ni » where its « ne » may stand
_CLAUSE_END = frozenset(".;:!?()")


def _ahead(words: Sequence[str], start: int, reach: int, stops: frozenset[str]) -> range:
    """Indices from ``start`` on, at most ``reach`` of them, up to a word in ``stops``."""
    end = start
    while end < len(words) and end - start < reach and words[end] not in stops:
        end += 1
    return range(start, end)


def _same_word_before(words: Sequence[str], i: int, unit_of: dict[int, int]) -> int | None:
    """The unit of the same word earlier in the clause (« ni … ni »), or None."""
    for k in range(i - 1, -1, -1):
        if words[k] in _CLAUSE_END:
            return None
        if words[k] == words[i] and k in unit_of:
            return unit_of[k]
    return None


def negation_units(words: Sequence[str], data: LanguageData) -> list[tuple[str, ...]]:
    """The negations of one sentence, each as the words that make it (in order of first word).

    ``words``: the sentence's tokens, lower-cased. One negation is one unit of meaning,
    however many words it takes (Riegel et al., *Grammaire méthodique du français*, on
    negation: « ne » and its second element make one negation): « ne … pas », « ne … plus
    aucun », « ne … pas non plus », « aucune n'est », « personne, ni … ni …, n'avait »,
    "neither … nor" are one each. « ne … que »
    is a restriction ("only"), not a negation, and counts for nothing. A word of the
    ``[checker] negations`` list with no « ne » to join (« sans », « non », « pas
    encore ») is a negation of its own; a partner that is not a negation alone
    (« plus », « personne ») counts only with its « ne ».
    Word lists: ``[checker]`` ``negations``, ``negation_clitics``, ``negation_partners``,
    ``negation_leads``, ``negation_restrictive``, ``negation_noun_after`` of the language data.
    """
    words = [w.replace("’", "'") for w in words]
    markers = {w.replace("’", "'") for w in data.words("negations")}
    clitics = {w.replace("’", "'") for w in data.words("negation_clitics")}
    partners = data.words("negation_partners")
    leads = data.words("negation_leads")
    restrictive = {w.replace("’", "'") for w in data.words("negation_restrictive")}
    nouns = data.words("negation_noun_after")  # « un pas », « deux pas »: a word, not a negation
    unit_of: dict[int, int] = {}  # word index -> unit number
    units = 0
    for i, word in enumerate(words):
        unit = unit_of.get(i)
        if word in clitics:
            window = _ahead(words, i + 1, _PARTNER_REACH, _CLAUSE_END | frozenset(",") | clitics)
            tied = [j for j in window if words[j] in partners or " ".join(words[j : j + 2]) in partners]
            if unit is None and not tied and any(words[j] in restrictive for j in window):
                continue  # « il n'en existe que trois »: a restriction
            unit = units if unit is None else unit
            for j in tied:
                unit_of.setdefault(j, unit)
                if " ".join(words[j : j + 2]) in partners:
                    unit_of.setdefault(j + 1, unit)
        elif unit is not None:
            continue
        elif word in leads:
            ne = next((j for j in _ahead(words, i + 1, _LEAD_REACH, _CLAUSE_END) if words[j] in clitics), None)
            unit = _same_word_before(words, i, unit_of)
            if unit is None and ne is not None:
                unit = unit_of.get(ne)
            if unit is None and ne is None and word not in markers:
                continue
            unit = units if unit is None else unit
            if ne is not None:
                unit_of.setdefault(ne, unit)
        elif word in markers and not (i and words[i - 1] in nouns) and words[i + 1 : i + 3] != ["à", word]:
            unit = units
        else:
            continue  # « à deux pas de l'école », « pas à pas »: the noun « pas »
        unit_of[i] = unit
        units = max(units, unit + 1)
    grouped: dict[int, list[str]] = {}
    for index in sorted(unit_of):
        grouped.setdefault(unit_of[index], []).append(words[index])
    return [tuple(grouped[u]) for u in sorted(grouped, key=lambda u: min(i for i, v in unit_of.items() if v == u))]


def negated(clause: str, data: LanguageData) -> bool:
    """Whether ``clause`` holds a negation (« ne … pas », « sans », "not", "never"), read with
    the verifier's negation cues: a clause after it may fall under its scope."""
    from .facts import read_facts

    return read_facts(clause, data).negations > 0
