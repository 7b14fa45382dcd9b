"""The PDF tagging layer over fpdf2 internals: pinned versions, nested tree, MCIDs, artifacts."""

from __future__ import annotations

import re
from pathlib import Path

import fpdf
import pikepdf
import pytest
from fpdf import FPDF
from pdfua import validate
from PIL import Image

from a11y_pub.errors import RenderError
from a11y_pub.render.pdf import tags as pdf_tags
from a11y_pub.render.pdf.tags import SUPPORTED_FPDF, Tagger, add_bookmark, check_fpdf_version, xmp_metadata
from tests.render.pdf_readback import has_poppler, poppler_struct_text, struct_tree

FONT = Path(pdf_tags.__file__).resolve().parent.parent.parent / "data" / "fonts" / "AtkinsonHyperlegible-Regular.ttf"


def test_installed_fpdf2_is_a_supported_version() -> None:
    low, high = SUPPORTED_FPDF
    assert low <= pdf_tags.fpdf_version() < high, (
        f"fpdf2 {fpdf.__version__} is outside the range the tagging layer was tested with "
        f"({low} to {high}, exclusive): re-read fpdf/structure_tree.py, fpdf/fpdf.py "
        "(_marked_sequence, _add_marked_content) and fpdf/output.py (_add_structure_tree, "
        "struct_elem.pg), rerun these tests, then widen SUPPORTED_FPDF and pyproject's pin"
    )
    check_fpdf_version()


@pytest.mark.parametrize("version", ["2.8.3", "2.9.0", "3.0.0"])
def test_unsupported_fpdf2_versions_are_refused(version: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fpdf, "__version__", version)
    with pytest.raises(RenderError, match=f"fpdf2 {re.escape(version)} is not supported"):
        check_fpdf_version()
    with pytest.raises(RenderError):
        Tagger(FPDF())


def test_pyproject_pin_matches_the_supported_range() -> None:
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    low, high = SUPPORTED_FPDF
    pin = re.search(r'"fpdf2>=([\d.]+),<([\d.]+)"', text)
    assert pin is not None
    assert tuple(int(p) for p in pin.group(1).split(".")) == low
    assert tuple(int(p) for p in pin.group(2).split(".")) == high[: len(pin.group(2).split("."))]


def _document(tmp_path: Path, *, image: bool = False) -> Path:
    """H1, a paragraph over two pages, a two-item list, page-number artifacts, optional figure."""
    pdf = FPDF()
    pdf.set_lang("fr-FR")
    pdf.set_title("Essai")
    tags = Tagger(pdf)
    pdf.add_font("AH", "", str(FONT))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("AH", size=18)
    heading = tags.element("H1")
    with tags.marked(heading):
        pdf.text(20, 30, "Titre")
    add_bookmark(pdf, "Titre", 0, pdf.page, 20, heading)
    items = tags.element("L")
    for n, text in enumerate(("premier point", "second point")):
        item = tags.element("LI", items)
        label = tags.element("Lbl", item)
        body = tags.element("LBody", item)
        with tags.marked(label):
            pdf.text(20, 50 + 10 * n, "•")
        with tags.marked(body):
            pdf.text(30, 50 + 10 * n, text)
    if image:
        picture = tmp_path / "dot.png"
        Image.new("RGB", (4, 4), "black").save(picture)
        pdf.image(str(picture), x=20, y=80, w=10, alt_text="Un carré noir")
    paragraph = tags.element("P")
    with tags.marked(paragraph):
        pdf.text(20, 270, "début du paragraphe ")
    with tags.artifact("Footer"):
        pdf.text(20, 285, "Page 1 sur 2")
    pdf.add_page()
    with tags.marked(paragraph):
        pdf.text(20, 30, "fin du paragraphe")
    with tags.artifact("Footer"):
        pdf.text(20, 285, "Page 2 sur 2")
    pdf.set_xmp_metadata(
        xmp_metadata(
            title="Essai", author="A", subject="S", language="fr-FR",
            producer="p", creator="c", date_iso="2026-02-23T00:00:00+00:00",
        )
    )
    pdf.viewer_preferences = fpdf.prefs.ViewerPreferences(display_doc_title=True)
    tags.close_check()
    path = tmp_path / "tags.pdf"
    pdf.output(str(path))
    return path


def test_tree_is_nested_document_h1_l_li_lbl_lbody_p(tmp_path: Path) -> None:
    path = _document(tmp_path)
    assert struct_tree(path) == [
        (0, "Document"),
        (1, "H1"),
        (1, "L"),
        (2, "LI"), (3, "Lbl"), (3, "LBody"),
        (2, "LI"), (3, "Lbl"), (3, "LBody"),
        (1, "P"),
    ]


def test_mcids_and_parent_tree_agree_on_every_page(tmp_path: Path) -> None:
    path = _document(tmp_path, image=True)
    with pikepdf.open(path) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            content = page.Contents.read_bytes().decode("latin-1")
            mcids = [int(m) for m in re.findall(r"<</MCID (\d+)>> BDC", content)]
            assert mcids == list(range(len(mcids))), "MCIDs must count 0, 1, 2... on each page"
            owners = parent_tree[int(page.StructParents)]
            assert len(owners) == len(mcids)
            for mcid, owner in enumerate(owners):
                kids = owner.K
                kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
                refs = [
                    (int(k), owner.Pg.objgen) if not isinstance(k, pikepdf.Dictionary) else (int(k.MCID), k.Pg.objgen)
                    for k in kids
                ]
                assert (mcid, page.objgen) in refs
    roles = [role for _, role in struct_tree(path)]
    assert "Figure" in roles  # fpdf2's own image tagging still works beside the layer


@pytest.mark.skipif(not has_poppler(), reason="poppler-utils (pdfinfo) not installed")
def test_poppler_reads_text_under_the_tags_and_skips_artifacts(tmp_path: Path) -> None:
    leaves = poppler_struct_text(_document(tmp_path))
    assert leaves == [
        ("H1", "Titre"),
        ("Lbl", "•"),
        ("LBody", "premier point"),
        ("Lbl", "•"),
        ("LBody", "second point"),
        ("P", "début du paragraphe fin du paragraphe"),
    ]


def test_pdfua_check_is_clean(tmp_path: Path) -> None:
    report = validate(str(_document(tmp_path)))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert report.skipped == ()


def test_single_kid_is_written_bare_and_split_kids_as_mcr(tmp_path: Path) -> None:
    with pikepdf.open(_document(tmp_path)) as pdf:
        document = pdf.Root.StructTreeRoot.K
        document = document[0] if isinstance(document, pikepdf.Array) else document
        heading, _, paragraph = list(document.K)
        assert int(heading.K) == 0  # bare integer, not [0]
        first, second = list(paragraph.K)
        assert paragraph.Pg.objgen == pdf.pages[0].objgen and int(first) >= 0
        assert second.Type == "/MCR" and second.Pg.objgen == pdf.pages[1].objgen
        assert bool(pdf.Root.MarkInfo.Marked)


def test_page_break_inside_a_marked_sequence_raises(tmp_path: Path) -> None:
    pdf = FPDF()
    tags = Tagger(pdf)
    pdf.add_page()
    with pytest.raises(RenderError, match="page break happened inside a marked /P"):
        with tags.marked(tags.element("P")):
            pdf.add_page()
    tags.close_check()  # the failed sequence does not stay open


def test_sequences_cannot_nest_and_roles_are_checked() -> None:
    pdf = FPDF()
    tags = Tagger(pdf)
    pdf.add_page()
    with pytest.raises(RenderError, match="cannot nest"):
        with tags.marked(tags.element("P")):
            with tags.marked(tags.element("P")):
                pass
    with pytest.raises(RenderError, match="cannot start inside"):
        with tags.marked(tags.element("P")):
            with tags.artifact():
                pass
    with pytest.raises(RenderError, match="not supported"):
        tags.element("Formula")


def test_tagger_must_come_before_the_first_page() -> None:
    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(RenderError, match="before the first page"):
        Tagger(pdf)


def test_xmp_declares_pdfua_and_escapes_text() -> None:
    xmp = xmp_metadata(
        title="A & B <C>", author="Ann", subject="S", language="fr-FR",
        producer="p", creator="c", date_iso="2026-02-23T00:00:00+00:00",
    )
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert 'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' in xmp
    assert "A &amp; B &lt;C&gt;</rdf:li>" in xmp
    assert "<xmp:ModifyDate>2026-02-23T00:00:00+00:00</xmp:ModifyDate>" in xmp
