"""The rare-word rule: a word in its sentence is rare or not, judged by its form and its
lemma; numbers, amounts, times, ordinals and codes are not words; names stay out."""

from __future__ import annotations

import pytest

from a11y_pub.easyread import check_text
from a11y_pub.easyread.rarity import is_number_like, lemmas, word_zipf

# (language, sentence, word as the checker reports it, rare?)
IN_CONTEXT = [
    # French: a conjugated or inflected form of a common lemma is not rare
    ("fr", "Mettrez-vous en place un permis de louer ?", "Mettrez", False),
    ("fr", "Je défendrai ce projet devant le conseil.", "défendrai", False),
    ("fr", "Il faut que la liste obtienne la majorité.", "obtienne", False),
    ("fr", "Nous travaillerons avec les écoles.", "travaillerons", False),
    ("fr", "Les familles reçoivent une aide de la ville.", "reçoivent", False),
    ("fr", "Les élues veulent aider les associations.", "élues", False),
    ("fr", "La ville compte beaucoup de logements sociaux.", "sociaux", False),
    # French: numbers, ordinals and times are numbers, not words
    ("fr", "Troisièmement, la mairie ouvre une école.", "Troisièmement", False),
    ("fr", "Premièrement, nous ouvrirons la piscine.", "Premièrement", False),
    ("fr", "La 3e réunion a lieu le 12 mars.", "3e", False),
    ("fr", "Le bus part à 18h30 de la gare.", "18h30", False),
    ("fr", "Le 1er adjoint ouvre la séance.", "1er", False),
    # French: names stay out of the rule
    ("fr", "La lettre de Mme Dupont arrive à la mairie.", "Dupont", False),
    ("fr", "Le club de Saint-Jory ouvre le samedi.", "Saint-Jory", False),
    # French: rare by form and by lemma
    ("fr", "Les logements vacants seront rénovés.", "vacants", True),
    ("fr", "Les pistes cyclables vont jusqu'à la gare.", "cyclables", True),
    ("fr", "La commune agrandit la médiathèque.", "médiathèque", True),
    ("fr", "Le loyer reste plafonné pendant 9 ans.", "plafonné", True),
    ("fr", "Des locataires siégeraient à la commission.", "siégeraient", True),
    ("fr", "Nous généraliserons la zone 30 en ville.", "généraliserons", True),
    ("fr", "Nous installerons des arceaux devant les écoles.", "arceaux", True),
    ("fr", "La naloxone peut sauver une vie.", "naloxone", True),
    ("fr", "Le vélobus part de la place chaque matin.", "vélobus", True),
    ("fr", "Cette carte est utilisable partout en ville.", "utilisable", True),
    # French: a word cut at a hyphen is judged whole
    ("fr", "Le bureau de poste est de plain-pied.", "plain-pied", True),
    ("fr", "La salle reste ouverte le week-end.", "week-end", False),
    # English: an inflected form of a common lemma is not rare
    ("en", "The bays will move to Chapel Lane.", "bays", False),
    ("en", "The council costed the plan last year.", "costed", False),
    ("en", "The crossings near the school are busy.", "crossings", False),
    ("en", "The academies share one budget.", "academies", False),
    ("en", "The flats stand in terraced streets.", "terraced", False),
    ("en", "The council runs sheltered housing.", "sheltered", False),
    ("en", "Our members walked to the park.", "walked", False),
    # English: numbers, amounts, times, ordinals and codes
    ("en", "The buses stop at 6.15pm every day.", "6.15pm", False),
    ("en", "We will see you on the 23rd.", "23rd", False),
    ("en", "I will push for a £250k fund.", "250k", False),
    ("en", "A unit should cost at least 65p.", "65p", False),
    ("en", "Thirdly, we will fix the roads.", "Thirdly", False),
    ("en", "Firstly, we will listen to you.", "Firstly", False),
    ("en", "The office is at 22 Quay Street, Kestwick KW2 5LN.", "5LN", False),
    # English: names stay out of the rule
    ("en", "We wrote to Priya Shah last week.", "Shah", False),
    ("en", "We met at the Corn Exchange on Tuesday.", "Exchange", False),
    # English: rare by form and by lemma
    ("en", "We will add dropped kerbs in every street.", "kerbs", True),
    ("en", "We will lay tactile paving at crossings.", "tactile", True),
    ("en", "The hustings take place on Tuesday.", "hustings", True),
    ("en", "Every school should have a counsellor.", "counsellor", True),
    ("en", "The street is being pedestrianised.", "pedestrianised", True),
    ("en", "Residents found mould in their homes.", "mould", True),
    ("en", "The charity runs 2 hostels in town.", "hostels", True),
    ("en", "He will renegotiate the contract.", "renegotiate", True),
    # English: a word cut at a hyphen is judged whole (wordfreq rates a compound by its
    # rarest part: "ring-fence" as "fence")
    ("en", "The money is ring-fenced for rehab.", "ring-fenced", False),
    ("en", "The money is ring-fenced for rehab.", "fenced", False),
    ("en", "She is the co-ordinator of the network.", "co-ordinator", False),
    ("en", "Many people work part-time in the town.", "part-time", False),
]


def _rare_words(sentence: str, language: str) -> set[str]:
    report = check_text(sentence, language)
    return {w for f in report.findings if f.rule == "rare-word" for w in f.words}


@pytest.mark.parametrize(("language", "sentence", "word", "rare"), IN_CONTEXT,
                         ids=[f"{r[0]}-{r[2]}" for r in IN_CONTEXT])
def test_word_in_context_is_rare_or_not(language: str, sentence: str, word: str, rare: bool) -> None:
    assert word in sentence
    assert (word in _rare_words(sentence, language)) is rare


def test_each_language_has_at_least_25_rows() -> None:
    for language in ("fr", "en"):
        assert sum(1 for row in IN_CONTEXT if row[0] == language) >= 25


@pytest.mark.parametrize(("token", "expected"), [
    ("250k", True), ("6.15pm", True), ("23rd", True), ("65p", True), ("5LN", True), ("3e", True),
    ("14h30", True), ("£4.2m", True), ("troisièmement", True), ("Deuxièmement", True),
    ("secondly", True), ("lastly", True), ("clairement", False), ("firmly", False),
    ("kerbs", False), ("vacants", False),
])
def test_number_like_tokens(token: str, expected: bool) -> None:
    assert is_number_like(token) is expected


@pytest.mark.parametrize(("word", "language", "lemma"), [
    ("mettrez", "fr", "mettre"), ("siégeraient", "fr", "siéger"), ("vacantes", "fr", "vacant"),
    ("encadrants", "fr", "encadrant"), ("médico-sociales", "fr", "médico-social"),
    ("bays", "en", "bay"), ("relocated", "en", "relocate"), ("off-licences", "en", "off-licence"),
])
def test_lemmas_without_context(word: str, language: str, lemma: str) -> None:
    assert lemma in lemmas(word, language)


def test_a_form_is_never_rarer_than_its_word_alone() -> None:
    """The judged frequency is the higher of form and lemma: never below the form's own."""
    from a11y_pub.easyread.nlp import zipf

    for word, language in (("mettrez", "fr"), ("bays", "en"), ("kerbs", "en"), ("cyclables", "fr")):
        assert word_zipf(word, language) >= zipf(word, language)
