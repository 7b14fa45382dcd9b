"""``--base-url``: both PDFs print the letter's web page as a short link and a QR code.

Built through the real pipeline (``--only pdf,easyread-pdf`` with the golden
summary in the letter's folder), read back with pypdf, pikepdf, pdfplumber and
pdfium; the QR code is decoded from the rendered first page with zxing-cpp.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
import zxingcpp
from fpdf import FPDF
from pdfua import validate
from pypdf import PdfReader

from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions, PdfOptions
from a11y_pub.pipeline import build
from a11y_pub.render.link import link_alt_text, qr_png, short_link
from a11y_pub.render.pdf.blocks import Block, FigureBlock
from a11y_pub.render.pdf.document import build_easy_read_pdf, build_pdf
from a11y_pub.render.pdf.fonts import add_fonts
from a11y_pub.render.pdf.layout import Layout
from a11y_pub.render.pdf.runs import Run

HERE = Path(__file__).resolve().parent
LETTER = HERE.parent / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
SUMMARY = HERE / "golden" / "lettre-infantes-ekko-2026-02-23.summary.json"
BASE = "https://www.example.org/lettres"
URL = f"{BASE}/lettre/"
FILES = ("gros-caracteres.pdf", "resume-facile.pdf")


def _build(folder: Path, base_url: str | None) -> Path:
    """Build the sample's two PDFs through the pipeline; return the letter's folder."""
    source = folder / "lettre.json"
    shutil.copy(LETTER, source)
    letter_dir = folder / "out" / "lettre"
    letter_dir.mkdir(parents=True)
    shutil.copy(SUMMARY, letter_dir / "summary.json")  # the summary a previous build made
    (result,) = build([source], BuildOptions(output=folder / "out", only=("pdf", "easyread-pdf"), base_url=base_url))
    assert result.ok, result.error
    assert result.out_dir == letter_dir
    return letter_dir


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("linked"), BASE)


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("unlinked"), None)


def _uri_links(path: Path) -> list[tuple[int, str, str]]:
    """(page, URI, /Contents) of every web link annotation."""
    found = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/URI"):
                found.append((number, str(action["/URI"]), str(annot.get("/Contents", ""))))
    return found


def _figures(path: Path) -> list[dict[str, object]]:
    """Every Figure element of the structure tree: its /Alt, /BBox and first page."""
    out: list[dict[str, object]] = []
    with pikepdf.open(path) as pdf:
        pages = [page.objgen for page in pdf.pages]

        def walk(node: object) -> None:
            if not isinstance(node, pikepdf.Dictionary):
                return
            if node.get("/S") == "/Figure":
                attributes = node.get("/A")
                box = [float(v) for v in attributes.BBox] if attributes is not None and "/BBox" in attributes else None
                out.append({"alt": str(node.get("/Alt", "")), "bbox": box, "page": pages.index(node.Pg.objgen) + 1})
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

        walk(pdf.Root.StructTreeRoot)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", FILES)
def test_the_first_page_prints_the_short_link_as_a_live_tagged_link(linked: Path, name: str) -> None:
    path = linked / name
    with pdfplumber.open(path) as pdf:
        first = " ".join(pdf.pages[0].extract_text().split())
    assert "Lire et écouter cette lettre sur internet : example.org/lettres/lettre" in first
    links = _uri_links(path)
    assert links == [(1, URL, f"Lien vers {URL}")]
    with pikepdf.open(path) as pdf:
        (annot,) = [a for a in pdf.pages[0].Annots if "/A" in a and "/URI" in a.A]
        parent = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = {int(parent[i]): parent[i + 1] for i in range(0, len(parent), 2)}
        assert owners[int(annot.StructParent)].S == "/Link"


@pytest.mark.slow
@pytest.mark.parametrize("name", FILES)
def test_the_qr_code_on_the_first_page_decodes_to_the_letters_web_page(linked: Path, name: str) -> None:
    document = pypdfium2.PdfDocument(str(linked / name))
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [URL]


@pytest.mark.slow
@pytest.mark.parametrize("name", FILES)
def test_the_qr_code_is_a_figure_with_alt_text_and_its_box_and_overlaps_no_text(linked: Path, name: str) -> None:
    path = linked / name
    (figure,) = _figures(path)
    assert figure["alt"] == link_alt_text(URL, "fr") == (
        "QR code menant à la version web de cette lettre : example.org/lettres/lettre"
    )
    assert figure["page"] == 1
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        (image,) = page.images
        box = [image["x0"], float(page.height) - image["bottom"], image["x1"], float(page.height) - image["top"]]
        assert figure["bbox"] == pytest.approx(box, abs=0.01)
        assert image["x1"] - image["x0"] >= 20 * 72 / 25.4  # at least 2 cm wide
        for char in page.chars:  # nothing printed over the code or its quiet zone
            assert char["bottom"] <= image["top"] or char["top"] >= image["bottom"], char["text"]
        assert image["bottom"] <= float(page.height) - PdfOptions().margin_mm * 72 / 25.4
    with pikepdf.open(path) as pdf:  # the image is drawn inside the Figure's marked content, not an artifact
        content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    assert re.search(r"/Figure <</MCID \d+>> BDC\s*q\s[^Q]*/I\d+ Do\s*Q\s*EMC", content), "image outside its Figure"


@pytest.mark.slow
@pytest.mark.parametrize("name", FILES)
def test_the_pdfua_checker_finds_nothing_with_the_link_and_figure(linked: Path, name: str) -> None:
    report = validate(str(linked / name))
    assert [(f.rule_id, f.message) for f in report.findings] == []


@pytest.mark.slow
def test_same_options_give_the_same_bytes_and_without_base_url_nothing_is_added(
    linked: Path, unlinked: Path, tmp_path: Path
) -> None:
    again = _build(tmp_path, BASE)
    for name in FILES:
        assert (again / name).read_bytes() == (linked / name).read_bytes(), name
        assert _uri_links(unlinked / name) == []
        assert _figures(unlinked / name) == []
        assert "example.org" not in (unlinked / name).read_bytes().decode("latin-1")
        assert (unlinked / name).read_bytes() != (linked / name).read_bytes()


def _letter() -> Letter:
    return Letter.from_json(LETTER.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_an_english_letter_gets_english_words_and_alt_text() -> None:
    letter = dataclasses.replace(_letter(), language="en")
    url = "https://example.org/letters/letter/"
    summary = json.loads(SUMMARY.read_text(encoding="utf-8"))
    for data in (build_pdf(letter, PdfOptions(), page_url=url), build_easy_read_pdf(letter, PdfOptions(), summary, page_url=url)):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            alts = [str(e.Alt) for e in _walk_figures(pdf.Root.StructTreeRoot)]
        assert alts == ["QR code leading to the web version of this letter: example.org/letters/letter"]
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            first = " ".join(pdf.pages[0].extract_text().split())
        assert f"Read and listen to this letter online: {short_link(url)}" in first


def _walk_figures(node: object) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            found += _walk_figures(kid)
    return found


def _pager(opts: PdfOptions) -> Layout:
    pdf = FPDF(orientation="portrait", unit="mm", format=opts.paper)
    add_fonts(pdf, fallback=False)
    return Layout(pdf, opts)


@pytest.mark.parametrize("filler", range(6, 16))
def test_the_figure_never_splits_and_keeps_its_introducing_line(filler: int) -> None:
    """Whatever fills the page before them, the line and its QR code share a page and
    the code ends above the footer."""
    opts = PdfOptions()
    layout = _pager(opts)
    blocks = [Block("P", (Run(f"Paragraphe {n} assez long pour une ligne."),)) for n in range(filler)]
    intro = Block("P", (Run("Lire et écouter cette lettre sur internet :"), Run(" "), Run("example.org/x", link=URL, link_id=1)))
    figure = FigureBlock(qr_png(URL), "QR", 35.0)
    pages = layout.paginate([*blocks, intro, figure, Block("P", (Run("Suite."),))])
    where = {fragment.block: (number, fragment) for number, page in enumerate(pages) for fragment in page}
    intro_page, _ = where[filler]
    figure_page, placed = where[filler + 1]
    assert intro_page == figure_page
    assert placed.y + figure.size_mm <= layout.bottom + 1e-6


@pytest.mark.slow
def test_on_the_high_contrast_theme_the_code_keeps_its_light_quiet_zone_and_decodes() -> None:
    """The page is black: the code stays dark on light (what readers and phones expect),
    its own white border separating it from the page."""
    data = build_pdf(_letter(), PdfOptions(theme="high-contrast"), page_url=URL)
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [URL]
