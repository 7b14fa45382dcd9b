"""Readers: every format and encoding gives the same letter; bad files give one clear ParseError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.errors import ParseError
from a11y_pub.parse import parse_letter

LETTERS = Path(__file__).resolve().parent.parent / "letters"
SAMPLE = LETTERS / "lettre-infantes-ekko-2026-02-23.txt"
EXPECTED = json.loads((LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_unicode_encodings_give_the_same_letter(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    target = tmp_path / "letter.txt"
    target.write_bytes(prefix + SAMPLE.read_text(encoding="utf-8").encode(encoding))
    assert {**parse_letter(target).to_dict(), "source": EXPECTED["source"]} == EXPECTED  # same letter, another file name


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = (LETTERS / "fr-numerotee-parentheses.txt").read_text(encoding="utf-8")
    target = tmp_path / "letter.txt"
    target.write_bytes(text.encode(encoding))
    letter = parse_letter(target)
    assert letter.recipient.organisation == "Association Vivre Ensemble"
    assert letter.commitments[1].title == "Des transports enfin praticables"
    assert "Tête de liste" in letter.author_role


def test_windows_line_endings_and_form_feeds(tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    target.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("\n\n\n\n3. ", "\f3. ").replace("\n", "\r\n").encode())
    assert {**parse_letter(target).to_dict(), "source": EXPECTED["source"]} == EXPECTED  # same letter, another file name


def _write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Claire Dubois, tête de liste")
    document.add_paragraph("Rennes, le 3 mars 2026")
    document.add_paragraph("Objet : Nos engagements pour l'accessibilité")
    document.add_paragraph("Madame la Présidente,")
    document.add_paragraph("Voici nos trois engagements.")
    for title, body in [
        ("Des trottoirs dégagés", "Nous retirerons les obstacles des trottoirs."),
        ("Des bus accessibles", "Tous les bus auront une rampe en 2027."),
        ("Une mairie qui écoute", "Une commission se réunira deux fois par an."),
    ]:
        paragraph = document.add_paragraph()
        paragraph.add_run(title).bold = True
        paragraph.add_run(" " + body)
    document.add_paragraph("Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées.")
    document.add_paragraph("Claire Dubois")
    document.save(str(path))


def test_docx_bold_leads_become_titles(tmp_path: Path) -> None:
    target = tmp_path / "lettre.docx"
    _write_docx(target)
    letter = parse_letter(target)
    assert [c.title for c in letter.commitments] == ["Des trottoirs dégagés", "Des bus accessibles", "Une mairie qui écoute"]
    assert letter.commitments[1].paragraphs == ("Tous les bus auront une rampe en 2027.",)
    assert letter.date == "2026-03-03" and letter.subject == "Nos engagements pour l'accessibilité"
    assert letter.signature == "Claire Dubois"


def _write_pdf(path: Path, bold_titles: bool = True) -> None:
    from fpdf import FPDF

    from a11y_pub.render.pdf import FONT_DIR  # the bundled Unicode font

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Atk", "", str(FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"))
    pdf.add_font("Atk", "B", str(FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"))
    pdf.set_font("Atk", size=11)

    def para(text: str, style: str = "") -> None:
        pdf.set_font("Atk", style, 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)

    para("Grenoble, le 10 février 2026")
    para("Monsieur le Président,")
    para("Voici nos engagements pour le sport adapté, après votre courrier du mois dernier.")
    for number, (title, body) in enumerate(
        [("Des gymnases rénovés", "Tous les gymnases accueilleront les fauteuils roulants."),
         ("Un soutien aux clubs", "Les clubs handisport recevront une subvention doublée.")], 1
    ):
        pdf.set_font("Atk", "B" if bold_titles else "", 11)
        pdf.write(6, f"{number}. {title} ")
        pdf.set_font("Atk", "", 11)
        pdf.write(6, body)
        pdf.ln(11)
    para("Je vous prie d'agréer, Monsieur le Président, mes salutations sportives.")
    para("Lucie Fabre")
    pdf.output(str(path))


def test_pdf_text_layer_and_bold_titles(tmp_path: Path) -> None:
    target = tmp_path / "lettre.pdf"
    _write_pdf(target)
    letter = parse_letter(target)
    assert [c.title for c in letter.commitments] == ["Des gymnases rénovés", "Un soutien aux clubs"]
    assert letter.commitments[0].paragraphs == ("Tous les gymnases accueilleront les fauteuils roulants.",)
    assert letter.salutation == "Monsieur le Président,"
    assert letter.date == "2026-02-10"


def _scanned_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    pdf.output(str(path))


BAD_FILES = [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n \t \n", "file contains no text (only whitespace)"),
    ("binary.txt", bytes(range(256)) * 8, "not a text file (binary content)"),
    ("corrupt.pdf", b"%PDF-1.7\n garbage \x00\x01 not really a pdf", "not a readable PDF file (corrupt)"),
    ("fake.pdf", b"hello, I am not a PDF", "not a readable PDF file (no PDF header)"),
    ("corrupt.docx", b"PK\x03\x04 this zip is broken", "not a readable DOCX file"),
    ("letter.rtf", b"{\\rtf1 hello}", "unsupported file type '.rtf'"),
    ("model.json", b"{not json", "invalid JSON"),
    ("model2.json", b'{"schema": "a11y-pub/letter@9", "sections": []}', "unsupported letter schema 'a11y-pub/letter@9'"),
    ("greeting.txt", b"Madame,\n\nCordialement,\n\nPaul", "no letter body found"),
]


@pytest.mark.parametrize("name,data,message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_raise_one_line_parse_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    target = tmp_path / name
    target.write_bytes(data)
    with pytest.raises(ParseError) as info:
        parse_letter(target)
    text = str(info.value)
    assert text.startswith(str(target)), text
    assert message in text
    assert "\n" not in text


def test_scanned_pdf_says_to_run_ocr(tmp_path: Path) -> None:
    target = tmp_path / "scan.pdf"
    _scanned_pdf(target)
    with pytest.raises(ParseError, match="no text layer"):
        parse_letter(target)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="file not found"):
        parse_letter(tmp_path / "nope.txt")


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    target.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ParseError, match=r"file is too large \(3\.7 KB; the limit is 1\.0 KB\)"):
        parse_letter(target, max_bytes=1000)
    assert parse_letter(target, max_bytes=10_000).language == "fr"


def test_multipage_pdf_drops_page_furniture_and_joins_split_paragraphs(tmp_path: Path) -> None:
    from fpdf import FPDF

    from a11y_pub.render.pdf import FONT_DIR

    class Letterhead(FPDF):
        def header(self) -> None:
            self.set_font("Atk", "", 9)
            self.cell(0, 5, "Liste « Nîmes Demain » - programme 2026", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Atk", "", 9)
            self.cell(0, 5, f"Page {self.page_no()} sur {{nb}}", align="C")

    pdf = Letterhead()
    pdf.add_font("Atk", "", str(FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("Atk", size=12)
    long_body = " ".join(["Nous construirons des logements adaptés dans chaque quartier de la ville."] * 90)

    def para(text: str) -> None:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)

    para("Madame la Présidente,")
    para("Voici nos engagements.")
    para("1. Le logement " + long_body)
    para("2. La mobilité Nous rendrons toutes les lignes de bus accessibles.")
    para("Je vous prie d'agréer, Madame la Présidente, mes salutations distinguées.")
    para("Anne Roux")
    target = tmp_path / "long.pdf"
    pdf.output(str(target))
    assert pdf.pages_count >= 2
    letter = parse_letter(target)
    text = "\n".join(s.text for s in letter.sections)
    assert "Page 1 sur" not in text and "Nîmes Demain" not in text
    furniture = {x.text for x in letter.left_out if x.reason == "page-furniture"}
    assert "Page 1 sur 2" in furniture and any("Nîmes Demain" in t for t in furniture)  # listed, not lost
    first, second = letter.commitments
    assert first.title == "Le logement" and len(first.paragraphs) == 1
    assert first.paragraphs[0] == long_body
    assert second.title == "La mobilité"
    assert letter.signature == "Anne Roux"


@pytest.mark.parametrize("line", ["Page 2 sur 5", "page 3", "2/5", "- 4 -", "Page 2 of 3"])
def test_page_marks_in_text_are_dropped(tmp_path: Path, line: str) -> None:
    target = tmp_path / "l.txt"
    target.write_text(f"Madame,\n\nNous ferons ceci pour la ville.\n\n{line}\n\nCordialement,\n\nPaul\n", encoding="utf-8")
    letter = parse_letter(target)
    assert line not in "\n".join(s.text for s in letter.sections)
    assert [(x.text, x.reason) for x in letter.left_out] == [(line, "page-furniture")]


def test_docx_word_numbered_list_and_heading_after_it(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Jean Martin", style="Title")
    document.add_paragraph("Marseille, le 5 février 2026")
    document.add_paragraph("Madame la Directrice,")
    document.add_paragraph("Voici mes engagements pour les personnes âgées.")
    for title, body in [("Maintien à domicile", "Nous doublerons les heures d'aide à domicile."),
                        ("Lutte contre l'isolement", "Chaque quartier aura un café des aînés.")]:
        paragraph = document.add_paragraph(style="List Number")  # Word numbers it: no "1." in the text
        paragraph.add_run(title + " : ").bold = True
        paragraph.add_run(body)
    document.add_heading("Un mot sur le financement", level=2)
    document.add_paragraph("Ces mesures seront financées par le budget municipal.")
    document.add_paragraph("Veuillez agréer, Madame la Directrice, mes salutations distinguées.")
    document.add_paragraph("Jean Martin")
    target = tmp_path / "lettre.docx"
    document.save(str(target))
    letter = parse_letter(target)
    assert [(c.number, c.title, c.paragraphs) for c in letter.commitments] == [
        (1, "Maintien à domicile", ("Nous doublerons les heures d'aide à domicile.",)),
        (2, "Lutte contre l'isolement", ("Chaque quartier aura un café des aînés.",)),
    ]
    conclusion = letter.sections[-1]
    assert (conclusion.kind, conclusion.title) == ("conclusion", "Un mot sur le financement")
    assert conclusion.paragraphs == ("Ces mesures seront financées par le budget municipal.",)
