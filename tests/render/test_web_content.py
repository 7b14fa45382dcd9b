"""Web page: the letter@2 content (tables, links, bold, languages, footnotes), controls, settings, downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.model import Span
from a11y_pub.render.web.marks import marked_html
from tests.render.test_pdf_content import rich_letter
from tests.render.test_web import build, full_inputs, parse, sample_letter, text_of
from tests.render.web_fakes import write_fake_audio, write_fake_summary


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory):
    return build(tmp_path_factory.mktemp("rich") / "lettre", rich_letter())


def test_tables_have_header_cells_with_scope(rich) -> None:
    _, root = rich
    (table,) = list(root.iter("table"))
    assert text_of(table.find("caption")) == "Budget prévu"
    headers = list(table.iter("th"))
    assert [text_of(th) for th in headers] == ["Poste", "Montant"]
    assert all(th.get("scope") == "col" for th in headers)
    rows = [[text_of(td) for td in tr.iter("td")] for tr in table.find("tbody").iter("tr")]
    assert rows == [["Fonctionnement", "12 000 euros"], ["Prévention", "8 500 euros"]]


def test_links_strong_and_languages(rich) -> None:
    _, root = rich
    links = {a.get("href"): text_of(a) for a in root.find(".//main").iter("a")}
    assert links["https://ales-liste.fr"] == "notre site"
    assert links["mailto:contact@ales-liste.fr"] == "contact@ales-liste.fr"
    assert links["https://www.ales-liste.fr/programme"] == "www.ales-liste.fr/programme"
    assert [text_of(s) for s in root.iter("strong")] == ["tenons à ce projet"]
    langs = [(el.get("lang"), text_of(el)) for el in root.find(".//main").iter() if el.get("lang")]
    assert langs == [("en-GB", "Health in all policies")]


def test_footnote_follows_its_paragraph_and_quotes_are_blockquotes(rich) -> None:
    _, root = rich
    body = text_of(root.find(".//main"))
    assert body.index("en mars.[1]") < body.index("[1] Délibération du conseil municipal") < body.index("Budget prévu")
    (note,) = [p for p in root.iter("p") if p.get("class") == "footnote"]
    assert note.get("id") == "note-1"
    (quote,) = list(root.iter("blockquote"))
    assert "La santé est un droit." in text_of(quote) and "Charte d’Ottawa" in text_of(quote)
    (ordered,) = list(root.find(".//main").iter("ol"))
    assert [text_of(li) for li in ordered.iter("li")] == ["Réunir les acteurs", "Voter le budget"]


def test_header_has_title_line_contacts_and_elided_phrases(rich) -> None:
    _, root = rich
    header = text_of(root.find(".//header"))
    assert "Lettre ouverte aux associations" in header
    assert "Lettre d’Élise Martin" in header  # elided, title case
    assert "adressée à l’Association Ekko" in header
    assert "elise.martin@example.org" in header


@pytest.mark.parametrize(
    ("text", "spans", "start", "end", "expected"),
    [
        ("abc", (), 0, 3, "abc"),
        ("a <b>", (), 0, 5, "a &lt;b&gt;"),
        ("voir ici et là", (Span(5, 8, "link", "https://x.fr"),), 0, 14, 'voir <a href="https://x.fr">ici</a> et là'),
        ("tout est bon", (Span(0, 12, "strong"),), 5, 8, "<strong>est</strong>"),
        ("un deux", (Span(0, 7, "link", "https://x.fr"), Span(3, 7, "strong")), 0, 7, '<a href="https://x.fr">un <strong>deux</strong></a>'),
        ("fin", (Span(3, 3, "note", "Note."),), 0, 3, "fin[1]"),
        ("mot¹ suite", (Span(3, 4, "note", "Note."),), 0, 10, "mot[1] suite"),
        ("écrire à a@b.fr.", (), 0, 16, 'écrire à <a href="mailto:a@b.fr">a@b.fr</a>.'),
    ],
)
def test_marked_html(text: str, spans: tuple, start: int, end: int, expected: str) -> None:
    assert marked_html(text, spans, start, end) == expected


def test_one_control_group_per_part_and_sentences_are_not_buttons(tmp_path: Path) -> None:
    letter = sample_letter()
    full_inputs(tmp_path / "lettre", letter)
    web, root = build(tmp_path / "lettre", letter)
    page = (web / "index.html").read_text(encoding="utf-8")
    players = list(root.iter("audio"))
    groups = [d for d in root.iter("div") if d.get("class") == "controls"]
    assert len(groups) == len(players) >= 7
    for group in groups:
        assert group.get("role") == "group" and group.get("aria-labelledby")
        assert [b.get("data-action") for b in group.iter("button")] == ["previous", "play", "next"]
        assert [b.get("aria-keyshortcuts") for b in group.iter("button")] == ["J", "K", "L"]
    sentences = [s for s in root.iter("span") if s.get("class") == "s"]
    assert sentences and not any(s.get("tabindex") or s.get("role") for s in sentences)
    assert 'role="button"' not in page and "tabindex=\"0\"" not in page
    live = root.find(".//*[@id='annonce']")
    assert live is not None and live.get("aria-live") == "polite"
    shortcuts = text_of(root.find(".//*[@id='reglages']"))
    assert "K : lire ou mettre en pause" in shortcuts and "J : phrase précédente" in shortcuts


def test_reader_settings_and_downloads_with_their_purpose(tmp_path: Path) -> None:
    letter = sample_letter()
    out = tmp_path / "lettre"
    full_inputs(out, letter)
    (out / "resume-facile.pdf").write_bytes(b"%PDF-1.7\n% stand-in\n")
    (out / "livre-audio.epub").write_bytes(b"PK stand-in")
    _, root = build(out, letter)
    selects = {s.get("id"): [o.get("value") for o in s.iter("option")] for s in root.iter("select")}
    assert selects["interligne"] == ["1.6", "2", "2.5"]
    assert selects["couleurs"] == ["auto", "light", "dark", "contrast"]
    boxes = {i.get("id") for i in root.iter("input")}
    assert {"surligner", "suivre", "annoncer"} <= boxes
    items = list(root.find(".//nav").iter("li"))
    hrefs = [li.find("a").get("href") for li in items]
    assert hrefs[:3] == ["gros-caracteres.pdf", "resume-facile.pdf", "livre-audio.epub"]
    for li in items:
        purpose = li.find("span")
        # each says what it is for: in its own line, or (the books') in the link's words
        said = text_of(purpose) if purpose is not None else text_of(li.find("a")).split("(")[1]
        assert len(said) > 20, text_of(li)


def test_english_page_uses_english_words_everywhere(tmp_path: Path) -> None:
    letter = rich_letter("en")
    web, root = build(tmp_path / "en", letter)
    assert root.get("lang") == "en"
    assert "Letter from Élise Martin" in text_of(root.find(".//header"))
    buttons = {text_of(b) for b in root.iter("button")}
    assert not buttons  # no audio, no controls
    assert "Keyboard shortcuts" in text_of(root.find(".//*[@id='reglages']"))



@st.composite
def _marked(draw: st.DrawFn) -> tuple[str, tuple[Span, ...]]:
    text = draw(st.text(alphabet="ab <&>é'\" x.@", min_size=1, max_size=30))
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        kind = draw(st.sampled_from(["strong", "link", "lang"]))
        value = {"strong": "", "link": "https://x.fr", "lang": "en"}[kind]
        if start < end:
            spans.append(Span(start, end, kind, value))
    return text, tuple(spans)


@settings(max_examples=40, deadline=None)
@given(_marked(), st.data())
def test_marked_html_is_well_formed_and_keeps_the_text(marked: tuple[str, tuple[Span, ...]], data: st.DataObject) -> None:
    text, spans = marked
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    fragment = marked_html(text, spans, start, end)
    root = parse(f"<!DOCTYPE html><html lang=fr><head><title>t</title></head><body><p>{fragment}</p></body></html>")
    assert "".join(root.find("body/p").itertext()) == text[start:end]


def test_table_rows_read_aloud_are_highlighted_rows_not_extra_paragraphs(tmp_path: Path) -> None:
    letter = rich_letter()
    out = tmp_path / "lettre"
    out.mkdir()
    write_fake_audio(out, letter, summary=write_fake_summary(out, letter))
    _, root = build(out, letter)
    (table,) = list(root.iter("table"))
    timed = [tr for tr in table.iter("tr") if tr.get("class") == "s"]
    assert len(timed) == 3 and all(float(tr.get("data-end")) > float(tr.get("data-start")) for tr in timed)
    spoken = [text_of(p) for p in root.iter("p") if p.get("class") == "spoken"]
    assert not any("12 000 euros" in text for text in spoken)


def test_names_in_capitals_are_title_cased_and_still_follow_the_voice(tmp_path: Path) -> None:
    from dataclasses import replace

    from a11y_pub.model import Inline, Paragraph, Section

    base = rich_letter()
    intro = Section("introduction", "introduction", blocks=(Paragraph(Inline("Je suis Marc INFANTES, candidat à Alès.")),))
    letter = replace(base, author="Marc INFANTES", signature="Marc INFANTES", sections=(intro, *base.sections[1:]))
    out = tmp_path / "lettre"
    out.mkdir()
    write_fake_audio(out, letter)
    web, root = build(out, letter)
    page = (web / "index.html").read_text(encoding="utf-8")
    assert "INFANTES" not in page
    sentences = [text_of(s) for s in root.iter("span") if s.get("class") == "s"]
    assert "Je suis Marc Infantes, candidat à Alès." in sentences
