"""The faithfulness verifier on a table of made-up sentence pairs, French and English.

Each row: language, the letter's sentence, a summary sentence, and the kinds of
mismatch the verifier must report (empty: the pair is faithful). Every unfaithful
row must be caught with the right kind; no faithful row may be flagged.
"""

from __future__ import annotations

import pytest

from a11y_pub.easyread.verify import KINDS, verify_pair

PAIRS: list[tuple[str, str, str, set[str]]] = [
    # -- French, faithful --------------------------------------------------------
    ("fr", "Nous ouvrirons 3 centres d'accueil à Alès.", "Nous ouvrirons 3 centres d'accueil à Alès.", set()),
    ("fr", "Nous financerons neuf logements sociaux.", "Nous financerons 9 logements sociaux.", set()),
    ("fr", "Nous construirons des logements neufs.", "Nous construirons des logements neufs.", set()),
    ("fr", "Nous consacrerons 5 % du budget aux trottoirs.", "Nous consacrerons 5 pour cent du budget aux trottoirs.", set()),
    ("fr", "Le budget sera de 620 000 € sur trois ans.", "Le budget sera de 620 000 € sur 3 ans.", set()),
    ("fr", "Si nous sommes élus, nous financerons le centre.", "Nous financerons le centre.", set()),
    ("fr", "Si nous sommes élus, nous financerons le centre.", "C'est à une condition : si nous sommes élus.", set()),
    ("fr", "Nous ne fermerons pas la piscine et nous ouvrirons un centre.", "Nous ouvrirons un centre.", set()),
    ("fr", "Nous ne fermerons pas la piscine et nous ouvrirons un centre.", "Nous ne fermerons pas la piscine.", set()),
    ("fr", "Je pourrais soutenir le festival si les finances le permettent.",
     "Je pourrais soutenir le festival si les finances le permettent.", set()),
    ("fr", "Le vote aura lieu le 15 mars 2026.", "Le vote aura lieu le 15 mars.", set()),
    ("fr", "Je porterai cette demande au conseil de la communauté de communes.", "Je porterai cette demande au conseil.", set()),
    ("fr", "Nous réunirons la commission au moins 3 fois par an.", "Nous réunirons la commission au moins trois fois par an.", set()),
    ("fr", "Hélène Marchetti rencontrera l'association Handi'Cap Vallée.", "Hélène Marchetti rencontrera l'association Handi'Cap Vallée.", set()),
    ("fr", "Nous voulons créer un comité vélo.", "Nous voulons créer un comité vélo.", set()),
    ("fr", "La commune n'a pas les 3,5 millions d'euros nécessaires.", "La commune n'a pas les 3,5 millions d'euros.", set()),
    # -- French, unfaithful ------------------------------------------------------
    ("fr", "Nous construirons des logements neufs.", "Nous construirons des logements 9.", {"number"}),
    ("fr", "Nous ouvrirons 3 centres d'accueil.", "Nous ouvrirons 4 centres d'accueil.", {"number"}),
    ("fr", "Le budget sera de 620 000 € sur trois ans.", "Le budget sera de 62 000 € sur 3 ans.", {"number"}),
    ("fr", "Nous consacrerons 5 % du budget aux trottoirs.", "Nous consacrerons 5 € du budget aux trottoirs.", {"number"}),
    ("fr", "Nous consacrerons 5 % du budget aux trottoirs.", "Nous consacrerons 15 % du budget aux trottoirs.", {"number"}),
    ("fr", "La commune n'a pas les 3,5 millions d'euros nécessaires.", "La commune n'a pas les 3,5 euros nécessaires.", {"number"}),
    ("fr", "Le vote aura lieu le 15 mars 2026.", "Le vote aura lieu le 16 mars 2026.", {"date"}),
    ("fr", "Le vote aura lieu le 15 mars 2026.", "Le vote aura lieu le 15 avril 2026.", {"date"}),
    ("fr", "Nous ouvrirons un centre à Alès.", "Nous ouvrirons un centre à Nîmes.", {"name"}),
    ("fr", "Jeanne Dupont présidera la commission.", "Marie Dupont présidera la commission.", {"name"}),
    ("fr", "Nous travaillerons avec la CAF.", "Nous travaillerons avec la MSA.", {"name"}),
    ("fr", "Nous ne fermerons pas la piscine.", "Nous fermerons la piscine.", {"negation"}),
    ("fr", "Nous fermerons la piscine.", "Nous ne fermerons pas la piscine.", {"negation"}),
    ("fr", "Il n'est pas impossible que la mairie aide le projet.", "La mairie aide le projet.", {"modality"}),
    ("fr", "Nous ne sommes pas contre la fermeture du quai.", "Nous sommes contre la fermeture du quai.", {"negation"}),
    ("fr", "Je ne le ferai pas sans une concertation.", "Je le ferai sans une concertation.", {"negation"}),
    ("fr", "Nous pourrions soutenir le festival.", "Nous soutiendrons le festival.", {"modality"}),
    ("fr", "Nous soutiendrons le festival.", "Nous pourrions soutenir le festival.", {"modality"}),
    ("fr", "Nous souhaitons rénover la salle.", "Nous rénoverons la salle.", {"modality"}),
    ("fr", "Nous devrons fermer la salle.", "Nous fermerons la salle.", {"modality"}),
    ("fr", "Nous financerons le centre si nous sommes élus.", "Nous financerons le centre et nous sommes élus.", {"condition"}),
    ("fr", "Nous financerons le centre.", "Nous financerons le centre si l'État aide.", {"condition", "name"}),
    ("fr", "Je défendrai une hausse des crédits.", "Nous défendrons une hausse des crédits.", {"speaker"}),
    ("fr", "Nous défendrons une hausse des crédits.", "Je défendrai une hausse des crédits.", {"speaker"}),
    ("fr", "Je défendrai une hausse des crédits.", "La mairie défendra une hausse des crédits.", {"speaker"}),
    # -- English, faithful ---------------------------------------------------------
    ("en", "I will propose a 20mph limit on residential streets.", "I will propose a 20mph limit on residential streets.", set()),
    ("en", "We will spend at least £350,000 a year on dropped kerbs.", "We will spend at least £350,000 a year on dropped kerbs.", set()),
    ("en", "The county ran twenty-two youth clubs in 2015.", "The county ran 22 youth clubs in 2015.", set()),
    ("en", "If I am elected on 7 May, I will push for a £250k fund.", "I will push for a £250k fund.", set()),
    ("en", "If I am elected on 7 May, I will push for a £250k fund.", "This is on one condition: if I am elected on 7 May.", set()),
    ("en", "I won't close the Hub.", "I will not close the Hub.", set()),
    ("en", "I may not be able to win that vote on my own.", "I may not be able to win that vote on my own.", set()),
    ("en", "Kestwick has had 61 serious injuries since 2021.", "Kestwick has had 61 serious injuries since 2021.", set()),
    ("en", "At least half of the fund will go to small organisations.", "At least half of the fund will go to small organisations.", set()),
    ("en", "I will not close the Hub, and I will open a youth club.", "I will open a youth club.", set()),
    ("en", "The budget rises by 15 per cent.", "The budget rises by 15%.", set()),
    ("en", "I would like to raise that to £10.", "I would like to raise that to £10.", set()),
    # -- English, unfaithful -------------------------------------------------------
    ("en", "I will propose a 20mph limit on residential streets.", "I will propose a 30mph limit on residential streets.", {"number"}),
    ("en", "We will spend at least £350,000 a year on dropped kerbs.", "We will spend at least £35,000 a year on dropped kerbs.", {"number"}),
    ("en", "The budget rises by 15 per cent.", "The budget rises by 15.", {"number"}),
    ("en", "The budget rises by 15 per cent.", "The budget rises by £15.", {"number"}),
    ("en", "The vote is on 7 May 2026.", "The vote is on 8 May 2026.", {"date"}),
    ("en", "The vote is on 7 May 2026.", "The vote is on 7 June 2026.", {"date"}),
    ("en", "I will fund a cycle lane on Harbour Road.", "I will fund a cycle lane on Castle Hill.", {"name"}),
    ("en", "Priya Shah will chair the forum.", "Owen Shah will chair the forum.", {"name"}),
    ("en", "I will not close the Hub.", "I will close the Hub.", {"negation"}),
    ("en", "It is not unlikely that the government will pay.", "The government will pay.", {"negation", "modality"}),
    ("en", "I am not against more car parking.", "I am against more car parking.", {"negation"}),
    ("en", "I will not do it without a consultation.", "I will do it without a consultation.", {"negation"}),
    ("en", "I may support the scheme.", "I will support the scheme.", {"modality"}),
    ("en", "I will support the scheme.", "I may support the scheme.", {"modality"}),
    ("en", "I would like to raise that to £10.", "I will raise that to £10.", {"modality"}),
    ("en", "We should review the plan.", "We will review the plan.", {"modality"}),
    ("en", "I will fund the lane if the council agrees.", "I will fund the lane and the council agrees.", {"condition"}),
    ("en", "I will fund the lane.", "I will fund the lane if the council agrees.", {"condition"}),
    ("en", "I will fund the lane unless the council objects.", "I will fund the lane.", {"condition"}),
    ("en", "I will sign your petition.", "We will sign your petition.", {"speaker"}),
    ("en", "We will sign your petition.", "I will sign your petition.", {"speaker"}),
    ("en", "I will sign your petition.", "The party will sign your petition.", {"speaker"}),
]


@pytest.mark.parametrize(("language", "source", "summary", "expected"), PAIRS)
def test_verifier_reports_exactly_the_unfaithful_kinds(language: str, source: str, summary: str, expected: set[str]) -> None:
    found = {m.kind for m in verify_pair(summary, source, language)}
    assert found == expected


def test_the_table_is_large_and_covers_every_kind() -> None:
    assert len(PAIRS) >= 60
    for language in ("fr", "en"):
        rows = [p for p in PAIRS if p[0] == language]
        assert sum(1 for p in rows if p[3]) >= 15 and sum(1 for p in rows if not p[3]) >= 10
        kinds = set().union(*(p[3] for p in rows))
        assert kinds >= set(KINDS) - {"untraced", "dropped"}


def test_mismatch_messages_name_the_values() -> None:
    (found,) = verify_pair("Nous ouvrirons 4 centres.", "Nous ouvrirons 3 centres.", "fr")
    assert found.message == "a number, amount or percentage differs from the letter: 4"


DOUBLE_NEGATIVES: list[tuple[str, str, list[str]]] = [
    ("fr", "Il n'est pas impossible que la mairie aide le projet.", ["n' … impossible"]),
    ("fr", "La mairie n'est pas contre ce projet.", ["n' … contre"]),
    ("fr", "Nous ne le ferons pas sans une concertation.", ["ne … sans"]),
    ("fr", "Le coût n'est pas sans poser problème.", ["n' … sans"]),
    ("fr", "Il ne nous paraît pas déraisonnable d'attendre.", ["ne … déraisonnable"]),
    ("fr", "Ce soutien est non négligeable.", ["non … négligeable"]),
    ("fr", "Nous ne fermerons pas la piscine.", []),
    ("fr", "Nous ne ferons jamais rien contre vous.", []),
    ("fr", "Nous sommes contre la fermeture.", []),
    ("en", "It is not unlikely that the government will pay.", ["not … unlikely"]),
    ("en", "It is not impossible that we win.", ["not … impossible"]),
    ("en", "I will not do it without a consultation.", ["not … without"]),
    ("en", "I'm not against more car parking.", ["not … against"]),
    ("en", "I'm not unwilling to put money into it.", ["not … unwilling"]),
    ("en", "I will not close the Hub.", []),
    ("en", "I am against the closure.", []),
]


@pytest.mark.parametrize(("language", "text", "expected"), DOUBLE_NEGATIVES)
def test_double_negatives_are_found(language: str, text: str, expected: list[str]) -> None:
    from a11y_pub.easyread.lexicon import load_language_data
    from a11y_pub.easyread.negation import double_negatives

    assert double_negatives(text, load_language_data(language)) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Il n'est pas impossible que la mairie aide le projet.", "Il est possible que la mairie aide le projet."),
        ("fr", "La mairie n’est pas impossible à joindre.", "La mairie est possible à joindre."),
        ("fr", "La mairie n'est pas contre ce projet.", "La mairie n'est pas contre ce projet."),
        ("en", "It is not impossible that we win.", "It is possible that we win."),
        ("en", "It isn't impossible that we win.", "It is possible that we win."),
        ("en", "It is not unlikely that we win.", "It is not unlikely that we win."),
    ],
)
def test_only_exact_equivalences_are_said_positively(language: str, text: str, expected: str) -> None:
    from a11y_pub.easyread.lexicon import load_language_data
    from a11y_pub.easyread.negation import say_positively

    rewritten = say_positively(text, load_language_data(language))
    assert rewritten == expected
    assert {m.kind for m in verify_pair(rewritten, text, language)} == set()
