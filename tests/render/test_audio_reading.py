"""How blocks are read aloud: tables row by row, quotations announced, footnotes after their paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a11y_pub.model import Inline, Letter, ListBlock, Paragraph, Quotation, Section, Span, Table
from a11y_pub.options import AudioOptions, BuildOptions
from a11y_pub.render.audio import render_audio
from a11y_pub.render.audio.reading import block_sentences
from a11y_pub.render.audio.script import audio_strings


def cells(*rows: tuple[str, ...]) -> tuple[tuple[Inline, ...], ...]:
    return tuple(tuple(Inline(c) for c in row) for row in rows)


def noted(text: str, marker: str, note: str) -> Inline:
    at = text.index(marker)
    return Inline(text, (Span(at, at + len(marker), "note", note),))


BUDGET_FR = Table(cells(("Poste", "Montant"), ("Prévention", "8 000 euros"), ("Fonctionnement", "12 000 euros")))
BUDGET_EN = Table(cells(("Item", "Amount"), ("Prevention", "£8,000"), ("Running costs", "£12,000")))
LONG_HEADER = Table(cells(("Ce que la ville finance chaque année", "Montant prévu au budget primitif"),
                          ("Prévention", "8 000 euros"), ("Fonctionnement", "12 000 euros")))
CORNER = Table(cells(("", "2025", "2026"), ("Fonctionnement", "12 000 euros", "13 000 euros")), caption="Budget.")
NO_HEADER = Table(cells(("Prévention", "8 000 euros"), ("Fonctionnement", "12 000 euros")), header_rows=0)
TWO_HEADERS = Table(cells(("Budget de la ville", ""), ("Poste", "Montant"), ("Prévention", "8 000 euros")), header_rows=2)


@pytest.mark.parametrize(
    ("lang", "block", "expected"),
    [
        ("fr", BUDGET_FR, ["Tableau.", "Ligne 1 : Poste : Prévention ; Montant : 8 000 euros.",
                           "Ligne 2 : Poste : Fonctionnement ; Montant : 12 000 euros."]),
        ("en", BUDGET_EN, ["Table.", "Row 1: Item: Prevention; Amount: £8,000.",
                           "Row 2: Item: Running costs; Amount: £12,000."]),
        ("fr", LONG_HEADER, ["Tableau.", "Colonnes : Ce que la ville finance chaque année, Montant prévu au budget primitif.",
                             "Ligne 1 : Prévention, 8 000 euros.", "Ligne 2 : Fonctionnement, 12 000 euros."]),
        ("fr", CORNER, ["Tableau : Budget.", "Fonctionnement : 2025 : 12 000 euros ; 2026 : 13 000 euros."]),
        ("fr", NO_HEADER, ["Tableau.", "Ligne 1 : Prévention, 8 000 euros.", "Ligne 2 : Fonctionnement, 12 000 euros."]),
        ("fr", TWO_HEADERS, ["Tableau.", "Colonnes : Budget de la ville.",
                             "Ligne 1 : Poste : Prévention ; Montant : 8 000 euros."]),
        ("fr", Quotation((Paragraph(Inline("La prévention est un droit. Elle commence tôt.")),)),
         ["Citation :", "La prévention est un droit.", "Elle commence tôt.", "Fin de la citation."]),
        ("en", Quotation((Paragraph(Inline("Prevention is a right.")),), attribution="the association's letter"),
         ["Quote from the association's letter:", "Prevention is a right.", "End of quote."]),
        ("fr", Paragraph(noted("Nous financerons le CSAPA¹. Il ouvrira en mai.", "¹", "Centre de soins.")),
         ["Nous financerons le CSAPA.", "Il ouvrira en mai.", "Note : Centre de soins."]),
        ("en", Paragraph(noted("We will fund it [1] next year.", "[1]", "From the town budget.")),
         ["We will fund it next year.", "Note: From the town budget."]),
        ("fr", Paragraph(Inline("Article 3 du règlement.", (Span(8, 9, "note", "Voir le texte."),))),
         ["Article 3 du règlement.", "Note : Voir le texte."]),  # a plain digit stays: it may be a word
        ("fr", ListBlock((noted("Des ateliers*", "*", "Dans les écoles."), Inline("Un accueil."))),
         ["Des ateliers", "Note : Dans les écoles.", "Un accueil."]),
    ],
    ids=["table-fr", "table-en", "long-header", "corner", "no-header", "two-headers", "quote-fr", "quote-en",
         "footnote-fr", "footnote-en", "digit-call-kept", "note-in-list"],
)
def test_block_is_read_as(lang: str, block: object, expected: list[str]) -> None:
    assert block_sentences(block, lang, audio_strings(lang)["blocks"]) == expected  # type: ignore[arg-type]


words = st.text(alphabet=st.characters(whitelist_categories=("L", "Nd")), min_size=1, max_size=8)
cell_text = st.lists(words, min_size=0, max_size=3).map(" ".join)


@given(st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(cell_text, min_size=width, max_size=width),
                                                       min_size=1, max_size=4)),
       st.integers(0, 1), st.sampled_from(["fr", "en"]))
def test_every_cell_of_a_table_is_read(rows: list[list[str]], header_rows: int, lang: str) -> None:
    if not any(c for row in rows for c in row):
        return  # a table needs a cell
    table = Table(tuple(tuple(Inline(c) for c in row) for row in rows), header_rows=min(header_rows, len(rows)))
    said = " ".join(block_sentences(table, lang, audio_strings(lang)["blocks"]))
    for row in rows:
        for cell in row:
            assert " ".join(cell.split()) in said


def test_a_letter_with_a_table_a_quotation_and_a_note_is_heard_in_order(tmp_path: Path) -> None:
    letter = Letter(language="fr", sections=(
        Section("introduction", "introduction", blocks=(
            Paragraph(noted("Voici notre budget¹.", "¹", "Voté en mars.")),)),
        Section("commitment-1", "commitment", slug="budget", number=1, title="Budget", blocks=(
            BUDGET_FR, Quotation((Paragraph(Inline("La prévention est un droit.")),)))),
    ))
    out = tmp_path / "l"
    out.mkdir()
    render_audio(letter, out, BuildOptions(output=tmp_path, audio=AudioOptions(engine="espeak", use_cache=False)))
    files = {f["file"]: f for f in json.loads((out / "audio" / "timings.json").read_text(encoding="utf-8"))["files"]}
    assert [c["text"] for c in files["00-introduction.mp3"]["cues"]] == ["Voici notre budget.", "Note : Voté en mars."]
    said = [c["text"] for c in files["01-budget.mp3"]["cues"]]
    assert said == ["Engagement 1 sur 1 : Budget.", "Tableau.",
                    "Ligne 1 : Poste : Prévention ; Montant : 8 000 euros.",
                    "Ligne 2 : Poste : Fonctionnement ; Montant : 12 000 euros.",
                    "Citation :", "La prévention est un droit.", "Fin de la citation."]
    starts = [c["start"] for c in files["01-budget.mp3"]["cues"]]
    assert starts == sorted(starts)
