"""Large-print Word file read back with python-docx: styles, sizes, lists, tables, links, notes, language."""

from __future__ import annotations

import dataclasses
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from book_checks import rich_letter
from docx.oxml.ns import qn
from docx.shared import Pt
from web_fakes import write_fake_summary

from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions, PdfOptions
from a11y_pub.render.docx import render_docx
from a11y_pub.render.docx_styles import FONT, obfuscate_font

FONTS = Path(__file__).resolve().parents[2] / "a11y_pub" / "data" / "fonts"


def make_docx(out_dir: Path, letter: Letter, opts: BuildOptions | None = None, summary: bool = True) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    if summary:
        write_fake_summary(out_dir, letter)
    artifacts = render_docx(letter, out_dir, opts or BuildOptions())
    return out_dir / artifacts[0].path


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    return docx.Document(str(make_docx(tmp_path_factory.mktemp("docx"), rich_letter("fr"))))


def test_outline_uses_real_heading_styles(document: docx.document.Document) -> None:
    outline = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Title", "Heading 1", "Heading 2")]
    assert outline == [
        ("Title", "Lettre de Marie Durand à Paul Martin"),
        ("Heading 1", "Introduction"),
        ("Heading 1", "1. Des moyens"),
        ("Heading 1", "2. La prévention"),
        ("Heading 1", "Conclusion"),
        ("Heading 1", "Résumé facile à lire"),
        ("Heading 2", "Des moyens"),
        ("Heading 2", "La prévention"),
        ("Heading 2", "Mots difficiles"),
    ]


def test_large_print_sizes_spacing_alignment_and_font(document: docx.document.Document) -> None:
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(18)
    assert normal.paragraph_format.line_spacing == 1.5
    assert normal.paragraph_format.alignment == 0  # left
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == FONT and fonts.get(qn("w:asciiTheme")) is None
    for name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        assert style.font.bold and not style.font.italic
        assert style.font.size >= Pt(22)
        assert style.element.rPr.find(qn("w:rFonts")).get(qn("w:asciiTheme")) is None


def test_language_on_styles_and_core_properties(document: docx.document.Document) -> None:
    langs = document.styles.element.findall(f".//{qn('w:lang')}")
    assert {lang.get(qn("w:val")) for lang in langs[:2]} == {"fr-FR"}
    core = document.core_properties
    expected = ("fr-FR", "Lettre de Marie Durand à Paul Martin", "Marie Durand", "Nos engagements")
    assert (core.language, core.title, core.author, core.subject) == expected


def test_lists_are_word_lists_and_numbered_ones_restart(document: docx.document.Document) -> None:
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in numbered] == ["Premier point.", "Deuxième point."]
    assert [p.text for p in bullets] == ["Les écoles", "Les clubs"]
    num_id = numbered[0]._p.pPr.numPr.numId.val
    assert numbered[1]._p.pPr.numPr.numId.val == num_id
    numbering = document.part.numbering_part.element
    start = numbering.num_having_numId(num_id).find(qn("w:lvlOverride")).find(qn("w:startOverride"))
    assert start.get(qn("w:val")) == "3"


def test_table_with_repeated_bold_header_row(document: docx.document.Document) -> None:
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Année", "Montant"], ["2026", "10 000 €"], ["2027", "12 000 €"]]
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_bold_links_language_and_notes_are_kept(document: docx.document.Document) -> None:
    paragraphs = {p.text: p for p in document.paragraphs}
    first = paragraphs["Nous financerons trois postes. Voir le site."]
    assert [r.text for r in first.runs if r.bold] == ["Nous financerons trois postes."]
    (link,) = first._p.findall(qn("w:hyperlink"))
    assert document.part.rels[link.get(qn("r:id"))].target_ref == "https://example.org/"
    assert "".join(t.text for t in link.iter(qn("w:t"))) == "le site"
    other = paragraphs["Nous parlons aussi de l’open data ici."]  # French apostrophe
    (marked,) = [r for r in other.runs if r._r.rPr is not None and r._r.rPr.find(qn("w:lang")) is not None]
    assert marked.text == "open data" and marked._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en"
    texts = [p.text for p in document.paragraphs]
    noted = texts.index("Le budget est voté¹ en mars.")
    assert texts[noted + 1] == "Note ¹\u00a0: Vote du conseil municipal."  # French no-break space before the colon
    called = texts.index("Voici nos chiffres[2].")  # notes are numbered through the document
    assert texts[called + 1] == "Note [2]\u00a0: Source\u00a0: budget 2026."


def test_summary_follows_the_letter_with_its_glossary(document: docx.document.Document) -> None:
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Résumé facile à lire")
    assert "Engagement 1." in texts[start:]
    assert "Mots difficiles" in texts[start:]
    assert "CSAPA\u00a0: Un centre de soins pour les addictions." in texts[start:]


def test_font_is_embedded_with_arial_as_fallback(tmp_path: Path) -> None:
    path = make_docx(tmp_path, rich_letter("en"), summary=False)
    assert path.name == "large-print.docx"
    archive = zipfile.ZipFile(path)
    table = archive.read("word/fontTable.xml").decode()
    assert f'w:name="{FONT}"' in table and 'w:altName w:val="Arial"' in table
    assert "w:embedTrueTypeFonts" in archive.read("word/settings.xml").decode()
    document = docx.Document(str(path))
    font_part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    for rel in font_part.rels.values():
        key = table.split(f'r:id="{rel.rId}" w:fontKey="{{', 1)[1].split("}", 1)[0]
        original = obfuscate_font(rel.target_part.blob, uuid.UUID(key))
        assert original in {(FONTS / n).read_bytes() for n in ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")}


@pytest.mark.parametrize(
    ("digits", "head"),
    [
        # ECMA-376 Part 1, 17.8.1: key bytes are the GUID's hex pairs from last to first.
        ("00112233-4455-6677-8899-aabbccddeeff", bytes.fromhex("ffeeddccbbaa99887766554433221100") * 2),
        ("00000000-0000-0000-0000-000000000001", bytes.fromhex("01" + "00" * 15) * 2),
    ],
)
def test_font_obfuscation_key(digits: str, head: bytes) -> None:
    zeros = bytes(40)
    assert obfuscate_font(zeros, uuid.UUID(digits)) == head + bytes(8)


def test_options_change_size_and_paper(tmp_path: Path) -> None:
    opts = BuildOptions(pdf=PdfOptions(font_size=24, line_spacing=2.0, paper="letter", margin_mm=30))
    document = docx.Document(str(make_docx(tmp_path, rich_letter("fr"), opts)))
    assert document.styles["Normal"].font.size == Pt(24)
    assert document.styles["Normal"].paragraph_format.line_spacing == 2.0
    section = document.sections[0]
    assert round(section.page_width.mm, 1) == 215.9 and round(section.left_margin.mm) == 30


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    letter = rich_letter("fr")
    first = make_docx(tmp_path / "a", letter).read_bytes()
    assert first == make_docx(tmp_path / "b", letter).read_bytes()
    other = make_docx(tmp_path / "c", dataclasses.replace(letter, subject="Autre objet")).read_bytes()
    assert other != first


@pytest.mark.slow
@pytest.mark.parametrize(("language", "lead"), [("fr", "Lire et écouter cette lettre sur internet\u00a0:"),
                                                 ("en", "Read and listen to this letter online:")])
def test_base_url_prints_the_web_page_as_a_link_after_the_header(tmp_path: Path, language: str, lead: str) -> None:
    """Through the pipeline with ``--base-url``: a live link to the letter's page after the header lines."""
    from a11y_pub.pipeline import build

    source = tmp_path / "courrier.json"
    source.write_text(rich_letter(language).to_json(), encoding="utf-8")
    opts = BuildOptions(output=tmp_path / "out", only=("summary", "docx"), base_url="https://www.example.org/lettres")
    (result,) = build([source], opts)
    assert result.ok, result.error
    document = docx.Document(str(next(result.out_dir.glob("*.docx"))))
    texts = [p.text for p in document.paragraphs]
    line = f"{lead} example.org/lettres/courrier"
    assert line in texts
    assert texts.index(line) < texts.index(next(t for t in texts if t.startswith(("Introduction", "1."))))
    paragraph = document.paragraphs[texts.index(line)]
    (link,) = paragraph._p.findall(qn("w:hyperlink"))
    assert document.part.rels[link.get(qn("r:id"))].target_ref == "https://www.example.org/lettres/courrier/"
    assert "".join(t.text for t in link.iter(qn("w:t"))) == "example.org/lettres/courrier"
    without = build([source], dataclasses.replace(opts, output=tmp_path / "plain", base_url=None))[0]
    assert not any(lead in p.text for p in docx.Document(str(next(without.out_dir.glob("*.docx")))).paragraphs)
