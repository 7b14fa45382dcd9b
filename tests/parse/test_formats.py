"""Letters as staff receive them, made in the tests: Markdown, e-mail (.eml), ODT.

Each source is written to a temporary folder under a fixed name, parsed,
compared with its golden model in ``tests/letters/made/`` and checked for
content accounting.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11y_pub.model import ListBlock, Table
from a11y_pub.parse import read_raw, structure
from a11y_pub.parse.accounting import account

from ..golden import assert_matches_golden

MADE = Path(__file__).resolve().parent.parent / "letters" / "made"

MARKDOWN = """---
title: Nos réponses au questionnaire
date: 12 mars 2026
---

**From:** Camille Roy, tête de liste « Rennes Solidaire »
**To:** Collectif Logement Rennes

Madame, Monsieur,

Voici nos engagements, chiffrés[^1] et publiés sur [notre site](https://rennes-solidaire.example.fr).

1. **Construire 300 logements sociaux** par an, dont un tiers de grands logements.
2. **Encadrer les loyers** dès 2027.

| Poste | Montant |
|---|---|
| Fonctionnement | 12 000 € |
| Investissement | 40 000 € |

Bien à vous,

Camille Roy

[^1]: Chiffrage établi avec le cabinet Ville Ouverte.
"""


def _parse(path: Path):  # type: ignore[no-untyped-def]
    raw = read_raw(path)
    letter = structure(raw)
    result = account(raw.source_text, letter)
    assert result.missing == () and result.extra == ()
    return letter


def test_markdown_tables_footnotes_links_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "md-tableau-notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    letter = _parse(path)
    assert letter.title == "Nos réponses au questionnaire"
    assert letter.date == "2026-03-12"
    assert letter.author == "Camille Roy"
    assert letter.recipient.organisation == "Collectif Logement Rennes"
    intro = letter.sections[0]
    [note] = [s for i in intro.inlines for s in i.spans if s.kind == "note"]
    assert note.value == "Chiffrage établi avec le cabinet Ville Ouverte."
    [link] = [s for i in intro.inlines for s in i.spans if s.kind == "link"]
    assert link.value == "https://rennes-solidaire.example.fr"
    tables = [b for s in letter.sections for b in s.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].header_rows == 1
    assert [c.text for c in tables[0].rows[1]] == ["Fonctionnement", "12 000 €"]
    assert [s.title for s in letter.commitments] == ["Construire 300 logements sociaux", "Encadrer les loyers"]
    assert_matches_golden(letter.to_dict(), MADE / "md-tableau-notes.expected.json")


def _eml(tmp_path: Path) -> Path:
    message = EmailMessage()
    message["From"] = "Owen Pryce <owen.pryce@example.org.uk>"
    message["To"] = "Llanfair Vale Forum <info@lvf.example.org>"
    message["Date"] = "Thu, 16 Apr 2026 21:05:00 +0100"
    message["Subject"] = "Re: Access questionnaire"
    body = (
        "Hi Gareth,\n\nHere are my three commitments.\n\n"
        "1. Widen the High Street pavements in 2027\n"
        "2. Start a Shopmobility scheme at the Market Square car park\n"
        "3. Keep a 1.5 m walkway past every café table\n\n"
        "Cheers,\nOwen\n\n-- \nOwen Pryce\n07700 900 884\n\n"
        "On Mon, 13 Apr 2026 at 10:22, Llanfair Vale Forum <info@lvf.example.org> wrote:\n"
        "> Dear candidates,\n> Please reply by Friday.\n"
    )
    message.set_content(body)
    message.add_alternative("<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>", subtype="html")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="manifesto.pdf")
    path = tmp_path / "eml-owen.eml"
    path.write_bytes(bytes(message))
    return path


def test_eml_headers_body_signature_and_quoted_history(tmp_path: Path) -> None:
    letter = _parse(_eml(tmp_path))
    assert (letter.author, letter.date, letter.subject) == ("Owen Pryce", "2026-04-16", "Re: Access questionnaire")
    assert letter.recipient.organisation == "Llanfair Vale Forum"
    assert (letter.salutation, letter.closing, letter.signature) == ("Hi Gareth,", "Cheers,", "Owen")
    reasons = sorted(x.reason for x in letter.left_out)
    assert reasons == ["duplicate", "email-header", "email-signature", "other", "quoted-history"]
    assert all("Please reply" not in s.text for s in letter.sections)
    assert len(letter.commitments) == 3
    assert_matches_golden(letter.to_dict(), MADE / "eml-owen.expected.json")


def _odt(tmp_path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    add = document.text.addElement
    for text in ("Julie Vasseur", "Tête de liste « Lyon Demain »", "Lyon, le 4 mars 2026"):
        add(P(text=text))
    add(P(text="Madame la Présidente,"))
    add(P(text="Voici nos engagements pour les aînés."))
    add(H(outlinelevel=2, text="Rompre l'isolement"))
    add(P(text="Une visite à domicile chaque semaine pour les personnes seules."))
    add(H(outlinelevel=2, text="Se déplacer"))
    listing = List()
    for text in ("Une navette gratuite vers le marché.", "Des bancs tous les 200 mètres."):
        item = ListItem()
        item.addElement(P(text=text))
        listing.addElement(item)
    add(listing)
    table = OdfTable()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in (("Mesure", "Coût"), ("Navette", "30 000 €")):
        row = TableRow()
        for cell_text in cells:
            cell = TableCell()
            cell.addElement(P(text=cell_text))
            row.addElement(cell)
        table.addElement(row)
    add(table)
    add(P(text="Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées."))
    add(P(text="Julie Vasseur"))
    path = tmp_path / "odt-aines.odt"
    document.save(str(path))
    return path


def test_odt_headings_lists_and_tables(tmp_path: Path) -> None:
    letter = _parse(_odt(tmp_path))
    assert letter.date == "2026-03-04" and letter.author == "Julie Vasseur"
    assert [s.title for s in letter.commitments] == ["Rompre l'isolement", "Se déplacer"]
    last = letter.commitments[-1]
    assert any(isinstance(b, ListBlock) and len(b.items) == 2 for b in last.blocks)
    assert_matches_golden(letter.to_dict(), MADE / "odt-aines.expected.json")


@pytest.mark.parametrize("name", ["md-tableau-notes.expected.json", "eml-owen.expected.json", "odt-aines.expected.json"])
def test_golden_models_exist(name: str) -> None:
    assert (MADE / name).is_file()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WNS = f'xmlns:w="{_W}"'
_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_WNS}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Source : budget primitif 2026.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _docx(tmp_path: Path) -> Path:
    import zipfile

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Liste « Brest Ensemble » – Anne Kerjean, tête de liste"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_paragraph("Brest, le 6 mars 2026")
    document.add_paragraph("Madame la Présidente,")
    intro = document.add_paragraph("Voici nos engagements chiffrés")
    intro._p.append(parse_xml(f'<w:r {_WNS}><w:footnoteReference w:id="1"/></w:r>'))
    intro._p.append(parse_xml(f'<w:ins {_WNS} w:id="7" w:author="AK"><w:r><w:t xml:space="preserve"> pour la culture.</w:t></w:r></w:ins>'))
    intro._p.append(parse_xml(f'<w:del {_WNS} w:id="8" w:author="AK"><w:r><w:delText> et pour le port</w:delText></w:r></w:del>'))
    document.styles.element.find(f".//{{{_W}}}rPrDefault/{{{_W}}}rPr/{{{_W}}}lang").set(f"{{{_W}}}val", "fr-FR")
    first = document.add_paragraph()
    first.add_run("Une saison gratuite").bold = True
    first.add_run(" : six spectacles par an dans les quartiers, dont un ")
    english = first.add_run("Shakespeare in the park")
    english._r.get_or_add_rPr().append(parse_xml(f'<w:lang {_WNS} w:val="en-GB"/>'))
    first.add_run(".")
    second = document.add_paragraph()
    second.add_run("Des ateliers d'écriture").bold = True
    second.add_run(" : dans chaque médiathèque, le samedi.")
    box = document.add_paragraph("Le budget est détaillé ci-dessous.")
    box._p.append(parse_xml(
        f'<w:r {_WNS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Encadré : la culture pour tous les âges.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    ))
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Poste", "Montant"), ("Spectacles", "90 000 €")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].add_run(text).bold = cells[0] == "Poste"
    document.add_paragraph("Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées.")
    document.add_paragraph("Anne Kerjean")
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    path = tmp_path / "docx-culture.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", _FOOTNOTES)
    return path


def test_docx_header_table_footnote_tracked_changes_text_box(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    letter = _parse(_docx(tmp_path))
    assert "unaccepted tracked changes" in caplog.text and "docx-culture.docx" in caplog.text
    assert letter.author == "Anne Kerjean" and letter.date == "2026-03-06"
    assert letter.sender_contact == ("Liste « Brest Ensemble » – Anne Kerjean, tête de liste",)  # the page header
    assert letter.recipient.organisation == ""
    text = "\n".join(s.text for s in letter.sections)
    assert "pour la culture." in text and "pour le port" not in text
    assert "Encadré : la culture pour tous les âges." in text
    assert [(x.reason, x.text) for x in letter.left_out] == [
        ("page-furniture", "Page 1"),
        ("tracked-deletion", "et pour le port"),
    ]
    notes = [s.value for s in letter.sections[0].inlines[0].spans if s.kind == "note"]
    assert notes == ["Source : budget primitif 2026."]
    [table] = [b for s in letter.sections for b in s.blocks if isinstance(b, Table)]
    assert table.header_rows == 1 and [c.text for c in table.rows[1]] == ["Spectacles", "90 000 €"]
    assert [s.title for s in letter.commitments] == ["Une saison gratuite", "Des ateliers d'écriture"]
    body = letter.commitments[0].inlines[0]
    [lang] = [sp for sp in body.spans if sp.kind == "lang"]
    assert (body.text[lang.start : lang.end], lang.value) == ("Shakespeare in the park", "en-GB")
    assert_matches_golden(letter.to_dict(), MADE / "docx-culture.expected.json")


def _pdf(tmp_path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    left = ["Paul Lemaire", "Candidat, liste Lille Verte", "3 rue Nationale", "59000 Lille"]
    right = ["Madame Rose Delattre", "Présidente, Lille à Vélo", "8 place Rihour", "59800 Lille"]
    for top, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.set_xy(20, 20 + top * 6)
        pdf.cell(70, 6, a)
        pdf.set_xy(120, 20 + top * 6)
        pdf.cell(70, 6, b)
    pdf.set_xy(120, 52)
    pdf.cell(70, 6, "Lille, le 2 mars 2026")
    body = [
        "Madame la Présidente,",
        "Voici nos deux engagements pour le vélo.",
        "1. Une piste sur chaque grand boulevard",
        "Les travaux seront achevés avant la fin du mandat.",
        "2. Des arceaux devant chaque école",
        "Le budget prévu figure dans le tableau suivant.",
    ]
    y = 66.0
    for line in body:
        pdf.set_xy(20, y)
        pdf.cell(170, 6, line)
        y += 12  # one-line blocks: every gap is a paragraph gap
    pdf.set_xy(20, y)
    with pdf.table(width=120, col_widths=(80, 40), align="LEFT") as table:
        for cells in (("Poste", "Montant"), ("Pistes", "2 000 000 euros"), ("Arceaux", "150 000 euros")):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    y = pdf.get_y() + 10
    for line in ("Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées.", "Paul Lemaire"):
        pdf.set_xy(20, y)
        pdf.cell(170, 6, line)
        y += 12
    path = tmp_path / "pdf-colonnes.pdf"
    pdf.output(str(path))
    return path


def test_pdf_side_by_side_blocks_one_line_paragraphs_and_table(tmp_path: Path) -> None:
    letter = _parse(_pdf(tmp_path))
    assert letter.author == "Paul Lemaire"
    assert letter.sender_contact[-2:] == ("3 rue Nationale", "59000 Lille")
    assert (letter.recipient.civility, letter.recipient.name) == ("Madame", "Rose Delattre")
    assert letter.recipient.address == ("8 place Rihour", "59800 Lille")
    assert letter.date == "2026-03-02"
    assert [s.title for s in letter.commitments] == ["Une piste sur chaque grand boulevard", "Des arceaux devant chaque école"]
    [table] = [b for s in letter.sections for b in s.blocks if isinstance(b, Table)]
    assert [[c.text for c in row] for row in table.rows] == [["Poste", "Montant"], ["Pistes", "2 000 000 euros"], ["Arceaux", "150 000 euros"]]
    assert_matches_golden(letter.to_dict(), MADE / "pdf-colonnes.expected.json")


def _eml_with_languages(tmp_path: Path, *, with_text_part: bool) -> Path:
    paragraphs = [
        "Madame la Présidente,",
        "Voici nos engagements pour la culture.",
        "1. Une saison gratuite : six spectacles par an dans les quartiers.",
        "2. Un festival d'été : chaque juillet, un <span lang=\"en-GB\">open-air theatre</span> au parc.",
        "3. Des lectures : les auteurs liront « <i lang=\"es\">Cien años de soledad</i> » en version originale.",
        "Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées.",
        "Léa Morel",
    ]
    message = EmailMessage()
    message["From"] = "Léa Morel <lea.morel@example.fr>"
    message["To"] = "Culture pour tous <contact@culture.example.org>"
    message["Date"] = "Mon, 9 Mar 2026 18:00:00 +0100"
    message["Subject"] = "Nos engagements pour la culture"
    if with_text_part:
        message.set_content("\n\n".join(re.sub(r"<[^>]+>", "", p) for p in paragraphs) + "\n")
        message.add_alternative('<html lang="fr"><body>' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>", subtype="html")
    else:
        message.set_content('<html lang="fr-FR"><body>' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>", subtype="html")
    path = tmp_path / "courriel-langues.eml"
    path.write_bytes(bytes(message))
    return path


@pytest.mark.parametrize("with_text_part", [True, False], ids=["text-and-html", "html-only"])
def test_eml_html_lang_attributes_become_lang_spans(tmp_path: Path, with_text_part: bool) -> None:
    letter = _parse(_eml_with_languages(tmp_path, with_text_part=with_text_part))
    found = [
        (inline.text[span.start : span.end], span.value)
        for section in letter.sections
        for inline in section.inlines
        for span in inline.spans
        if span.kind == "lang"
    ]
    assert found == [("open-air theatre", "en-GB"), ("Cien años de soledad", "es")]
    assert letter.language == "fr" and len(letter.commitments) == 3


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p lang="fr">Bonjour <span lang="en">my friends</span>.</p>', [("my friends", "en")]),
        ('<html lang="en"><p>Hello <b lang="fr">mes <i>chers</i> amis</b> and all.</p></html>', [("mes chers amis", "fr")]),
        ("<p>No language at all.</p>", []),
        ('<p lang="de">Alles auf Deutsch, <span lang="de-AT">auch das</span>.</p>', []),
        ('<p lang="fr">Un <span lang="en">one</span> et <span lang="en">two</span>.</p>', [("one", "en"), ("two", "en")]),
    ],
)
def test_html_languages(html: str, expected: list[tuple[str, str]]) -> None:
    from a11y_pub.parse.eml import html_languages

    assert html_languages(html) == expected


def test_eml_bold_titles_of_the_html_part_title_the_items_of_the_text_part(tmp_path: Path) -> None:
    items = [
        ("Rouvrir la piscine", "avant l'été 2027, avec des horaires pour les écoles."),
        ("Créer une navette", "deux fois par semaine vers le marché, pour les hameaux."),
    ]
    message = EmailMessage()
    message["From"] = "Paul Ribeiro <paul@example.fr>"
    message["To"] = "Club des nageurs <club@example.org>"
    message["Date"] = "Tue, 3 Mar 2026 09:00:00 +0100"
    message["Subject"] = "Nos engagements"
    text = "Madame la Présidente,\n\nVoici nos engagements.\n\n" + "".join(
        f"{n}. {title} {body}\n" for n, (title, body) in enumerate(items, 1)
    ) + "\nBien à vous,\nPaul Ribeiro\n"
    html = (
        "<p>Madame la Présidente,</p><p>Voici nos engagements.</p><ol>"
        + "".join(f"<li><b>{title}</b> {body}</li>" for title, body in items)
        + "</ol><p>Bien à vous,<br>Paul Ribeiro</p>"
    )
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    path = tmp_path / "courriel-gras.eml"
    path.write_bytes(bytes(message))
    letter = _parse(path)
    assert [s.title for s in letter.commitments] == ["Rouvrir la piscine", "Créer une navette"]
    assert letter.commitments[0].text.startswith("avant l'été 2027")  # the body as written


_WORD = st.text(alphabet="abcdéèxyzABC'’-", min_size=1, max_size=8).filter(lambda w: w.strip("'’-"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(_WORD, min_size=1, max_size=4), st.sampled_from(["", "en", "en-GB", "es"])), min_size=1, max_size=8))
def test_html_languages_finds_every_passage_in_another_language(chunks: list[tuple[list[str], str]]) -> None:
    """Spans in another language than the page's (French) come back in order, neighbours of one language joined."""
    import html as markup

    from a11y_pub.parse.eml import html_languages

    body = "".join(
        f'<span lang="{lang}">{markup.escape(" ".join(words))} </span>' if lang else f"{markup.escape(' '.join(words))} "
        for words, lang in chunks
    )
    expected: list[tuple[str, str]] = []
    previous = ""
    for words, lang in chunks:
        if lang and lang == previous:
            expected[-1] = (f"{expected[-1][0]} {' '.join(words)}", lang)
        elif lang:
            expected.append((" ".join(words), lang))
        previous = lang
    assert html_languages(f'<html lang="fr"><body><p>{body}</p></body></html>') == expected
