"""French verb forms for the active voice: the 3rd person of the simple tenses.

Only what ``active.py`` needs: present, imperfect, future and conditional of a verb in
the 3rd person singular or plural, and the masculine singular of a past participle.

- 1st group (« voter »): by rule, except the verbs whose stem changes (« lever »,
  « céder », « appeler », « payer ») and « aller »;
- 2nd group (« agrandir »: « agrandit », « agrandissent »): the verbs listed in the
  data's ``[summary] second_group_verbs``;
- any other verb: its forms in ``[summary] verb_forms`` (3rd person singular present,
  plural present, singular imperfect, singular future).

No French conjugation library could be a dependency here: verbecc 2.0.3 pins numpy,
scipy and scikit-learn to exact versions older than the project's, and mlconjug3 4.0.1
wants numpy < 2. A verb this module cannot conjugate gives None, and the sentence stays
as the letter wrote it.
"""

from __future__ import annotations

import re

from .lexicon import LanguageData
from .nlp import zipf

TENSES = ("present", "imperfect", "future", "conditional")
# Stems that change (« lève », « cède », « appelle », « célèbre », « paie »); « accepte » does not.
_STEM_CHANGE_RE = re.compile(r"(?:e[^aeiouyéèêëâîôûh]|e[bcdfgptv][rl]|é[^aeiouyéèêëâîôûh]{1,2})er$|yer$")
_MIN_ZIPF = 1.0  # a made form that wordfreq does not know is no French word: give up


def _first_group(lemma: str) -> tuple[str, str, str, str] | None:
    """(present sg, present pl, imperfect sg, future sg) of a regular -er verb, or None."""
    if not lemma.endswith("er") or lemma == "aller" or _STEM_CHANGE_RE.search(lemma):
        return None
    stem = lemma[:-2]
    before_a = stem + "e" if stem.endswith("g") else (stem[:-1] + "ç" if stem.endswith("c") else stem)
    return stem + "e", stem + "ent", before_a + "ait", lemma + "a"


def _forms(lemma: str, data: LanguageData) -> tuple[str, ...] | None:
    table = data.summary.get("verb_forms", {})
    if lemma in table:
        forms = tuple(str(table[lemma]).split())
        return forms if len(forms) == 4 else None
    if lemma in data.words("second_group_verbs"):
        stem = lemma[:-2]
        return stem + "it", stem + "issent", stem + "issait", lemma + "a"
    return _first_group(lemma)


def conjugate(lemma: str, tense: str, plural: bool, data: LanguageData) -> str | None:
    """The 3rd person of ``lemma`` (an infinitive) in ``tense`` (one of ``TENSES``).

    Returns None when the verb is not covered or the made form is not a known word.
    """
    forms = _forms(lemma.lower(), data)
    if forms is None or tense not in TENSES:
        return None
    present_sg, present_pl, imperfect, future = forms
    if tense == "present":
        form = present_pl if plural else present_sg
    elif tense == "imperfect":
        form = imperfect[:-1] + "ent" if plural else imperfect  # -ait -> -aient
    elif tense == "future":
        form = future[:-1] + "ont" if plural else future  # -a -> -ont
    else:
        form = future[:-1] + ("aient" if plural else "ait")  # future stem + -ait / -aient
    return form if zipf(form, "fr") >= _MIN_ZIPF else None


def masculine_singular(participle: str, lemma: str, feminine: bool, plural: bool) -> str:
    """« soutenues » -> « soutenu », « prises » -> « pris » (the participle's agreement removed)."""
    word = participle
    if feminine and plural and word.endswith("es"):
        word = word[:-2]
    elif feminine and word.endswith("e"):
        word = word[:-1]
    elif plural and word.endswith("s") and not (word.endswith("is") and lemma.endswith(("ettre", "endre", "érir", "seoir"))):
        word = word[:-1]
    return word


def agree(participle: str, feminine: bool, plural: bool) -> str:
    """A masculine singular participle agreed in gender and number (« voté » -> « votées »)."""
    word = participle + ("e" if feminine else "")
    if plural and not word.endswith("s"):
        word += "s"
    return word
