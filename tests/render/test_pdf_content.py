"""Large print: the letter@2 content (tables, links, bold, languages, footnotes), read back from the file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from pdfua import validate

from a11y_pub.model import Inline, Letter, ListBlock, Paragraph, Quotation, Recipient, Section, Span, Table
from a11y_pub.options import BuildOptions, PdfOptions
from a11y_pub.render.pdf import render_pdf
from a11y_pub.render.pdf.fonts import STAND_INS, Coverage, fix_subset_tags, subset_tag
from tests.render.pdf_readback import squash

LETTERS = Path(__file__).resolve().parent.parent / "letters"

RARE = "Jean\u2011Luc dit \u00ab\u00a0l\u02bcaccord\u00a0\u00bb \u2192 oui ; \u0394\u03b7\u03bc\u03ae\u03c4\u03c1\u03b7\u03c2 ; \u2605"


def _inline(text: str, *marks: tuple[str, str, str]) -> Inline:
    """``marks``: (substring, kind, value) -> a span over the first occurrence."""
    spans = []
    for piece, kind, value in marks:
        start = text.index(piece)
        spans.append(Span(start, start + len(piece), kind, value))
    return Inline(text, tuple(spans))


def rich_letter(language: str = "fr") -> Letter:
    intro = Paragraph(
        _inline(
            "Nous tenons à ce projet, comme le dit le slogan Health in all policies, depuis 2019.",
            ("tenons à ce projet", "strong", ""),
            ("Health in all policies", "lang", "en-GB"),
        )
    )
    noted = Paragraph(
        Inline(
            "Le budget est voté chaque année en mars.",
            (Span(40, 40, "note", "Délibération du conseil municipal du 3 mars 2025."),),
        )
    )
    linked = Paragraph(
        _inline(
            "Tout est sur notre site et vous pouvez écrire à contact@ales-liste.fr ou lire www.ales-liste.fr/programme.",
            ("notre site", "link", "https://ales-liste.fr"),
        )
    )
    table = Table(
        rows=(
            (Inline("Poste"), Inline("Montant")),
            (Inline("Fonctionnement"), Inline("12 000 euros")),
            (Inline("Prévention"), Inline("8 500 euros")),
        ),
        header_rows=1,
        caption="Budget prévu",
    )
    steps = ListBlock(items=(Inline("Réunir les acteurs"), Inline("Voter le budget")), ordered=True)
    quote = Quotation(blocks=(Paragraph(Inline("La santé est un droit.")),), attribution="Charte d’Ottawa")
    sections = (
        Section("introduction", "introduction", blocks=(intro, noted)),
        Section("commitment-1", "commitment", number=1, title="Un budget clair", blocks=(table, steps, linked)),
        Section("conclusion", "conclusion", blocks=(quote, Paragraph(Inline(RARE)))),
    )
    return Letter(
        language=language,
        sections=sections,
        author="Élise MARTIN",
        recipient=Recipient(name="", organisation="Association Ekko"),
        subject="Vos questions",
        date="2026-02-23",
        place="Alès",
        title="Lettre ouverte aux associations",
        sender_contact=("12 rue Haute, 30100 Alès", "elise.martin@example.org"),
        signature="Élise MARTIN",
    )


def _build(letter: Letter, folder: Path, **pdf: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (artifact,) = render_pdf(letter, folder, BuildOptions(pdf=PdfOptions(**pdf)))
    return folder / artifact.path


@pytest.fixture(scope="module")
def rich_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(rich_letter(), tmp_path_factory.mktemp("rich"))


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out: list[pikepdf.Dictionary] = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in reversed(items):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") in (None, pikepdf.Name.StructElem) and "/S" in kid:
                out.append(kid)
                stack.append(kid)
    # stack order gives reverse document order per level: sort by discovery is enough for counting
    return out


def _role(elem: pikepdf.Dictionary) -> str:
    return str(elem.S)[1:]


def _kids(elem: pikepdf.Dictionary) -> list[Any]:
    kids = elem.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def test_title_block_prints_the_title_line_and_contact_lines_with_elided_phrases(rich_pdf: Path) -> None:
    with pdfplumber.open(rich_pdf) as pdf:
        first = pdf.pages[0].extract_text()
    assert "Lettre d’Élise Martin" in first  # elided, the name in title case
    assert "Lettre ouverte aux associations" in first
    assert "12 rue Haute, 30100 Alès" in first and "elise.martin@example.org" in first


def test_tables_are_tagged_table_tr_th_td_with_column_scope(rich_pdf: Path) -> None:
    with pikepdf.open(rich_pdf) as pdf:
        tables = [e for e in _elements(pdf) if _role(e) == "Table"]
        assert len(tables) == 1
        rows = [k for k in _kids(tables[0]) if isinstance(k, pikepdf.Dictionary)]
        assert [_role(r) for r in rows] == ["TR", "TR", "TR"]
        header = [_role(c) for c in _kids(rows[0])]
        assert header == ["TH", "TH"]
        for cell in _kids(rows[0]):
            assert cell.A.O == pikepdf.Name.Table and cell.A.Scope == pikepdf.Name.Column
        assert [_role(c) for c in _kids(rows[1])] == ["TD", "TD"]
    with pdfplumber.open(rich_pdf) as pdf:
        text = squash("".join(page.extract_text() for page in pdf.pages))
    for cell in ("Poste", "Montant", "Fonctionnement", "12 000 euros", "Prévention", "8 500 euros", "Budget prévu"):
        assert squash(cell) in text


def test_links_are_annotations_tagged_link_with_contents_and_struct_parent(rich_pdf: Path) -> None:
    with pikepdf.open(rich_pdf) as pdf:
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_of = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        links = [e for e in _elements(pdf) if _role(e) == "Link"]
        uris: set[str] = set()
        internal = 0
        for link in links:
            refs = [k for k in _kids(link) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR]
            assert refs, "a Link element holds its annotation's object reference"
            marked = [k for k in _kids(link) if not (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR)]
            assert marked, "and the link's text"
            for ref in refs:
                annot = ref.Obj
                assert annot.Subtype == pikepdf.Name.Link
                assert str(annot.Contents).strip()
                assert parent_of[int(annot.StructParent)].objgen == link.objgen
                if "/A" in annot:
                    uris.add(str(annot.A.URI))
                else:
                    internal += 1
        for page in pdf.pages:
            if "/Annots" in page.obj:
                assert page.obj.Tabs == pikepdf.Name.S
    assert {"https://ales-liste.fr", "mailto:contact@ales-liste.fr", "https://www.ales-liste.fr/programme",
            "mailto:elise.martin@example.org"} <= uris
    assert internal == 3  # the contents: introduction, commitment, conclusion


def test_bold_is_strong_and_languages_are_spans_with_lang(rich_pdf: Path) -> None:
    with pikepdf.open(rich_pdf) as pdf:
        elements = _elements(pdf)
        assert any(_role(e) == "Strong" for e in elements)
        langs = [str(e.Lang) for e in elements if _role(e) == "Span" and "/Lang" in e]
        assert langs == ["en-GB"]
        notes = [e for e in elements if _role(e) == "Note"]
        assert len(notes) == 1 and str(notes[0].ID) == "note-1"
        actual = sorted(str(e.ActualText) for e in elements if "/ActualText" in e)
    assert actual == ["\u2192", "\u2605"]
    with pdfplumber.open(rich_pdf) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"]) + pdf.pages[1].extract_words(extra_attrs=["fontname"])
    bold = {w["text"] for w in words if "Bold" in w["fontname"]}
    assert {"tenons", "projet,"} & bold


def test_footnote_follows_its_paragraph(rich_pdf: Path) -> None:
    with pdfplumber.open(rich_pdf) as pdf:
        flat = squash("".join(page.extract_text() for page in pdf.pages))
    call = flat.index(squash("en mars.[1]"))
    note = flat.index(squash("[1] Délibération du conseil municipal"))
    assert call < note < flat.index(squash("Budget prévu"))


def test_rare_characters_are_drawn_from_the_fallback_or_stood_in(rich_pdf: Path) -> None:
    with pdfplumber.open(rich_pdf) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    for char in RARE:
        if char.isspace() or char in STAND_INS:
            continue
        assert char in text, f"{char!r} (U+{ord(char):04X}) is missing"
    assert any("NotoSans" in f for f in fonts)
    assert "->" in text  # the arrow's stand-in (its /ActualText is checked above)


def test_pdf_17_header_and_one_tag_per_font_subset(rich_pdf: Path) -> None:
    data = rich_pdf.read_bytes()
    assert data.startswith(b"%PDF-1.7\n")
    with pikepdf.open(rich_pdf) as pdf:
        names = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}
    tags = {name[1:7] for name in names}
    assert len(names) >= 3 and len(tags) == len(names)
    assert all(re.fullmatch(r"/[A-Z]{6}\+\S+", name) for name in names)


def test_subset_tags_are_rewritten_in_place() -> None:
    data = b"<< /BaseFont /MPDFAA+Alpha >> << /FontName /MPDFAA+Beta >> /MPDFAA+Alpha"
    fixed = fix_subset_tags(data)
    assert len(fixed) == len(data)
    assert fixed.count(subset_tag(b"Alpha") + b"+Alpha") == 2 and subset_tag(b"Beta") + b"+Beta" in fixed


@pytest.mark.slow
def test_rich_letter_passes_the_checker_and_builds_byte_identically(rich_pdf: Path, tmp_path: Path) -> None:
    assert validate(str(rich_pdf)).findings == ()
    assert _build(rich_letter(), tmp_path).read_bytes() == rich_pdf.read_bytes()


@pytest.mark.parametrize(
    ("char", "font", "printed"),
    [
        ("a", "main", "a"),
        ("é", "main", "é"),
        ("\u2011", "fallback", "\u2011"),
        ("\u02bc", "fallback", "\u02bc"),
        ("\u0416", "fallback", "\u0416"),
        ("\u2192", "main", "->"),
        ("\u2605", "main", "*"),
        ("\U0001f600", "main", "[U+1F600]"),
    ],
)
def test_each_character_has_a_place(char: str, font: str, printed: str) -> None:
    assert Coverage.from_fonts().place(char) == (font, printed)


def _fixture_letters() -> list[Path]:
    return sorted(LETTERS.glob("*.expected.json"))


@pytest.mark.slow
@pytest.mark.parametrize("path", _fixture_letters(), ids=lambda p: p.name.split(".")[0])
def test_every_character_of_every_fixture_is_printed(path: Path, tmp_path: Path) -> None:
    letter = Letter.from_json(path.read_text(encoding="utf-8"))
    pdf_path = _build(letter, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        printed = set("".join(page.extract_text() for page in pdf.pages))
    source = path.with_name(path.name.replace(".expected.json", ".txt"))
    if not source.exists():
        source = path.with_name(path.name.replace(".expected.json", ".md"))
    texts = [t for s in letter.sections for t in s.text.splitlines()]
    texts += [letter.author, letter.subject, letter.salutation, letter.closing, letter.signature, letter.title]
    coverage = Coverage.from_fonts()
    wanted = {c for t in texts for c in t if not c.isspace()}
    # typography: straight quotes become « » / ’ in French; both forms count as printed
    equivalents = {"'": "’", '"': "«»“”"}
    for char in sorted(wanted):
        if coverage.place(char)[1] != char:
            continue  # stood in, with /ActualText (checked on the rich letter)
        # names in capitals are printed in title case: a letter may change case
        forms = {char, char.lower(), char.upper()} if char.isalpha() else {char}
        assert forms & printed or any(e in printed for e in equivalents.get(char, "")), (
            f"{path.name}: {char!r} (U+{ord(char):04X}) is not in the PDF's text"
        )


def test_a_long_table_repeats_its_header_on_each_page_but_tags_it_once(tmp_path: Path) -> None:
    rows = ((Inline("Poste"), Inline("Montant")),) + tuple((Inline(f"Ligne {n}"), Inline(f"{n} 000 euros")) for n in range(1, 40))
    letter = Letter(
        language="fr",
        sections=(Section("introduction", "introduction", blocks=(Table(rows=rows, header_rows=1),)),),
        author="Élise Martin",
    )
    path = _build(letter, tmp_path)
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    with_table = [text for text in pages if "euros" in text]
    assert len(with_table) >= 2
    assert all(text.count("Poste Montant") == 1 for text in with_table)
    with pikepdf.open(path) as pdf:
        elements = _elements(pdf)
        assert sum(1 for e in elements if _role(e) == "TH") == 2
        assert sum(1 for e in elements if _role(e) == "TR") == 40
    assert validate(str(path)).findings == ()
