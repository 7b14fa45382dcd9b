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


def negated(clause: str, data: LanguageData) -> bool:
    """Whether ``clause`` holds a negation (« ne … pas », « sans », "not", "never"), read with
    the verifier's negation cues: a clause after it may fall under its scope."""
    from .facts import read_facts

    return read_facts(clause, data).negations > 0
