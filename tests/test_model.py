"""The letter model: blocks and inline marks, the @1 → @2 conversion, checks at construction."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from a11y_pub.errors import ParseError
from a11y_pub.model import (
    SCHEMA,
    Inline,
    LeftOut,
    Letter,
    ListBlock,
    Paragraph,
    Quotation,
    Section,
    Span,
    Table,
)

from .conftest import LETTERS


def _letter(*blocks, **fields) -> Letter:
    return Letter(language="fr", sections=(Section("introduction", "introduction", blocks=tuple(blocks)),), **fields)


def test_every_block_kind_round_trips_through_json() -> None:
    letter = _letter(
        Paragraph(Inline("Voir www.ekko.fr ou écrire¹.", (Span(5, 16, "link", "https://www.ekko.fr"), Span(27, 28, "note", "Avant mars.")))),
        ListBlock((Inline("un"), Inline("deux", (Span(0, 4, "strong"),))), ordered=True, start=3),
        Table(((Inline("Poste"), Inline("Montant")), (Inline("Fonctionnement"), Inline("12 000 €"))), caption="Budget"),
        Quotation((Paragraph(Inline("Votre question.")), ListBlock((Inline("a"),))), attribution="EKKO"),
        title="Réponse au questionnaire",
        sender_contact=("1 rue de la Paix, 30100 Alès", "contact@example.fr"),
        source="lettre-ekko",
        left_out=(LeftOut("Page 1 / 2", "page-furniture"), LeftOut("> Bonjour", "quoted-history", note="réponse citée")),
        doubts=("no recipient found",),
    )
    text = letter.to_json()
    assert json.loads(text)["schema"] == SCHEMA
    assert Letter.from_json(text) == letter
    assert Letter.from_json(text).to_json() == text


def test_views_follow_the_blocks_in_reading_order() -> None:
    section = Section(
        "commitment-1",
        "commitment",
        blocks=(
            Paragraph(Inline("Avant la liste.")),
            ListBlock((Inline("un"), Inline("deux"))),
            Paragraph(Inline("Après la liste.")),
            Table(((Inline("Poste"), Inline("Montant")), (Inline("Loyer"), Inline("300 €")))),
        ),
    )
    assert section.text == "Avant la liste.\nun\ndeux\nAprès la liste.\nPoste, Montant\nLoyer, 300 €"
    assert section.paragraphs == ("Avant la liste.", "Après la liste.", "Poste, Montant", "Loyer, 300 €")
    assert section.items == ("un", "deux")


def test_paragraphs_and_items_build_the_v1_blocks() -> None:
    section = Section("introduction", "introduction", paragraphs=("Un.", "Deux."), items=("a", "b"))
    assert section.blocks == (Paragraph(Inline("Un.")), Paragraph(Inline("Deux.")), ListBlock((Inline("a"), Inline("b"))))
    with pytest.raises(ParseError, match="not both"):
        Section("introduction", "introduction", blocks=section.blocks, paragraphs=("Un.",))
    with pytest.raises(ParseError, match="not both"):
        replace(section, paragraphs=("Autre.",))


def test_v1_files_still_load() -> None:
    v1 = {
        "schema": "a11y-pub/letter@1",
        "language": "en",
        "sections": [{"id": "commitment-1", "kind": "commitment", "number": 1, "title": "Parks", "paragraphs": ["We will."], "items": ["a"]}],
    }
    letter = Letter.from_dict(v1)
    assert letter.sections[0].paragraphs == ("We will.",) and letter.sections[0].items == ("a",)
    with pytest.raises(ParseError, match="unknown field"):
        Letter.from_dict({**v1, "title": "x"})  # a @2 field in a @1 file


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda: Span(3, 2, "strong"), "ends before"),
        (lambda: Span(0, 1, "italic"), "not one of"),
        (lambda: Span(0, 1, "link"), "needs a value"),
        (lambda: Span(0, 1, "lang", "not a tag!"), "BCP 47"),
        (lambda: Inline("abc", (Span(0, 4, "strong"),)), "past the end"),
        (lambda: ListBlock(()), "at least one item"),
        (lambda: Table(((),)), "at least one cell"),
        (lambda: Table(((Inline("a"),),), header_rows=2), "header row"),
        (lambda: Quotation((Table(((Inline("a"),),)),)), "paragraphs or lists"),
        (lambda: LeftOut("x", "boring"), "left-out reason"),
        (lambda: Section("introduction", "introduction", blocks=("text",)), "must be Paragraph"),
        (lambda: Section("q-1", "interview"), "kind 'interview'"),
    ],
)
def test_bad_values_are_refused_at_construction(make, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        make()


@pytest.mark.parametrize(
    "block,message",
    [
        ({"type": "figure"}, "block type 'figure'"),
        ({"type": "paragraph", "text": "x", "style": "bold"}, "unknown field"),
        ({"type": "quotation", "blocks": [{"type": "table", "rows": [["a"]]}]}, "block type 'table'"),
        ({"type": "list", "items": "a, b"}, "must be a list"),
        ({"type": "paragraph", "text": {"text": "ab", "spans": [{"start": 0, "end": 5, "kind": "strong"}]}}, "past the end"),
    ],
)
def test_bad_json_blocks_name_the_problem(block: dict, message: str) -> None:
    data = json.loads(_letter(Paragraph(Inline("x"))).to_json())
    data["sections"][0]["blocks"] = [block]
    with pytest.raises(ParseError, match=message):
        Letter.from_dict(data)


def test_every_fixture_model_round_trips() -> None:
    for path in sorted(LETTERS.glob("*.expected.json")):
        text = path.read_text(encoding="utf-8")
        assert Letter.from_json(text).to_json() == text, path.name


_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.tuples(_texts, st.booleans()), min_size=1, max_size=5))
def test_inline_spans_round_trip_whatever_the_text(parts: list[tuple[str, bool]]) -> None:
    text, spans, at = "", [], 0
    for piece, bold in parts:
        if bold:
            spans.append(Span(at, at + len(piece), "strong"))
        text += piece
        at += len(piece)
    inline = Inline(text, tuple(reversed(spans)))
    assert Inline.from_value(json.loads(json.dumps(inline.to_value()))) == inline
