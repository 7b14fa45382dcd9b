"""Large-print PDF: typography, structure, metadata, determinism, read back from the file."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdfua import validate
from pypdf import PdfReader

from a11y_pub.errors import ConfigError
from a11y_pub.model import Letter, Recipient, Section
from a11y_pub.options import BuildOptions, PdfOptions
from a11y_pub.render.pdf import (
    THEME_COLOURS,
    build_pdf,
    capital_names,
    contrast_ratio,
    fix_capitals,
    render_pdf,
    typeset,
)
from tests.golden import assert_matches_golden
from tests.render.pdf_readback import (
    all_chars,
    has_poppler,
    model_texts,
    outline_titles,
    page_lines,
    poppler_struct_text,
    squash,
    struct_tree,
)

GOLDEN = Path(__file__).resolve().parent / "golden" / "lettre-infantes-ekko-2026-02-23.pdf.json"
BODY = 18.0
MM = 72 / 25.4  # points per millimetre
NBSP = "\u00a0"

EXPECTED_HEADINGS = [
    "Lettre de Marc Infantes à Bruno Mangin",
    "Sommaire",
    "Introduction",
    "1. Renforcer le partenariat Ville-Association",
    "2. Agir sur la prévention précoce et le milieu scolaire",
    "3. Soutien à la réduction des risques (RdR) et à l’inclusion",
    "4. Une approche globale de la vulnérabilité",
    f"5. Sécurité et Santé{NBSP}: une vision équilibrée",
    "Conclusion",
    f"Annexe{NBSP}: Engagements associatifs",
]


def _build(letter: Letter, folder: Path, **pdf: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    opts = BuildOptions(pdf=PdfOptions(**pdf))  # type: ignore[arg-type]
    (artifact,) = render_pdf(letter, folder, opts)
    return folder / artifact.path


@pytest.fixture(scope="module")
def letter() -> Letter:
    path = Path(__file__).resolve().parent.parent / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
    return Letter.from_json(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_pdf(letter: Letter, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(letter, tmp_path_factory.mktemp("sample"))


def _long_letter() -> Letter:
    title = ("Une très longue déclaration d’intentions municipales " * 5)[:200].strip()
    words = " ".join(f"mot{n % 97} Alès, engagement{n % 13} santé" for n in range(750))  # 3,000 words
    sections = [Section(id="introduction", kind="introduction", paragraphs=(words,))]
    for n in range(1, 31):
        sections.append(
            Section(
                id=f"commitment-{n}",
                kind="commitment",
                number=n,
                title=f"Engagement numéro {n} : une politique publique de santé ambitieuse",
                paragraphs=(
                    "Nous soutiendrons les associations du territoire. " * (1 + n % 4),
                    "Une adresse trop longue pour une ligne : https://example.org/" + "a" * 90,
                ),
                items=tuple(f"Point {n}.{k} : action concrète et mesurable" for k in range(1, 3)),
            )
        )
    sections.append(Section(id="conclusion", kind="conclusion", paragraphs=("Merci.",)))
    return Letter(
        language="fr",
        sections=tuple(sections),
        author="Jeanne DUPONT-MARTIN",
        recipient=Recipient(name="Paul DURAND", organisation="CCAS"),
        subject=title,
        date="2026-03-01",
        salutation="Madame, Monsieur,",
        closing="Bien à vous.",
        signature="Jeanne Dupont-Martin",
    )


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(_long_letter(), tmp_path_factory.mktemp("long"))


# -- file and artifact -------------------------------------------------------------


def test_render_writes_the_french_file_and_reports_it(letter: Letter, tmp_path: Path) -> None:
    (artifact,) = render_pdf(letter, tmp_path, BuildOptions())
    assert artifact.path == "gros-caracteres.pdf"
    assert artifact.renderer == "pdf"
    assert artifact.info["pages"] == len(PdfReader(tmp_path / artifact.path).pages)
    assert artifact.info["summary"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gros-caracteres.pdf"]


def test_english_letter_gets_english_name_language_and_page_numbers(letter: Letter, tmp_path: Path) -> None:
    english = dataclasses.replace(letter, language="en")
    path = _build(english, tmp_path)
    assert path.name == "large-print.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
    last_lines = [lines[-1]["text"].strip() for lines in page_lines(path)]
    total = len(last_lines)
    assert last_lines == [f"Page {n} of {total}" for n in range(1, total + 1)]


# -- typography ----------------------------------------------------------------------


def test_every_character_is_at_least_body_size_in_the_bundled_font(sample_pdf: Path) -> None:
    chars = all_chars(sample_pdf)
    assert chars
    sizes = {round(c["size"], 2) for _, _, _, c in chars}
    assert min(sizes) >= BODY
    fonts = {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for _, _, _, c in chars}
    assert fonts == {"AtkinsonHyperlegible", "AtkinsonHyperlegibleBold"}  # fpdf2 names: family + style


def test_headings_are_bold_and_at_least_four_points_larger(sample_pdf: Path) -> None:
    with pdfplumber.open(sample_pdf) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
    bold = [c for c in chars if c["fontname"].endswith("Bold")]
    regular = [c for c in chars if not c["fontname"].endswith("Bold")]
    assert min(c["size"] for c in bold) >= BODY + 4
    assert {round(c["size"], 2) for c in regular} == {BODY}
    bold_text = squash("".join(c["text"] for c in bold))
    assert bold_text == squash("".join(EXPECTED_HEADINGS))


@pytest.mark.slow
def test_font_size_option_applies_to_every_character(letter: Letter, tmp_path: Path) -> None:
    path = _build(letter, tmp_path, font_size=24.0, paper="letter")
    chars = all_chars(path)
    assert min(round(c["size"], 2) for _, _, _, c in chars) >= 24.0
    width, height = chars[0][1], chars[0][2]
    assert (round(width), round(height)) == (612, 792)


def test_text_is_left_aligned_on_a_common_margin(sample_pdf: Path) -> None:
    with pdfplumber.open(sample_pdf) as pdf:
        starts = {round(line["x0"], 1) for page in pdf.pages for line in page.extract_text_lines()}
    # Body text, headings and list bullets start at the margin; list text at one indent.
    assert starts == {round(25 * MM, 1), round(25 * MM + 1.5 * BODY, 1)}


def test_french_typography_uses_no_break_spaces(sample_pdf: Path) -> None:
    text = "".join(c["text"] for _, _, _, c in all_chars(sample_pdf))
    assert f"«{NBSP}Alès, Moderne et Authentique{NBSP}»" in text
    assert f"Santé{NBSP}: une vision" in text
    assert "\u202f" not in text
    assert not re.search(r" [:;!?»]", text)
    assert "«\u00a0compétences psychosociales\u00a0»" in text


def test_names_in_capitals_print_in_title_case_and_acronyms_stay(sample_pdf: Path) -> None:
    text = "".join(c["text"] for _, _, _, c in all_chars(sample_pdf))
    assert "INFANTES" not in text and "MANGIN" not in text
    assert "Marc Infantes" in text and "Bruno Mangin" in text
    for acronym in ("EKKO", "CSAPA", "CAARUD", "CCAS", "CLSM", "RdR"):
        assert acronym in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marc INFANTES", "Marc Infantes"),
        ("Association EKKO CSAPA Blannaves", "Association EKKO CSAPA Blannaves"),
        ("Monsieur DURAND et le CCAS", "Monsieur Durand et le CCAS"),
        ("Mme Anne LEROY, CAARUD", "Mme Anne Leroy, CAARUD"),
        ("M. JEAN-PIERRE", "M. Jean-Pierre"),
        ("le CAARUD de MANGIN", "le CAARUD de Mangin"),
    ],
)
def test_fix_capitals(text: str, expected: str, letter: Letter) -> None:
    assert fix_capitals(text, capital_names(letter)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Santé : une vision", f"Santé{NBSP}: une vision"),
        ("pour le mandat:", f"pour le mandat{NBSP}:"),
        ("Vraiment ? Oui !", f"Vraiment{NBSP}? Oui{NBSP}!"),
        ("« Alès »", f"«{NBSP}Alès{NBSP}»"),
        ("«Alès»", f"«{NBSP}Alès{NBSP}»"),
        ('des "compétences" ici', f"des «{NBSP}compétences{NBSP}» ici"),
        ("à 10:30 sur https://x.fr", "à 10:30 sur https://x.fr"),
        ("l'inclusion", "l’inclusion"),
        ("23\u202ffévrier", f"23{NBSP}février"),
        ("deux   espaces\n", "deux espaces"),
    ],
)
def test_typeset_french(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected


def test_typeset_english_keeps_punctuation_spacing() -> None:
    assert typeset("Health: a plan!", "en") == "Health: a plan!"


# -- order, structure, outline ---------------------------------------------------------


def test_text_order_equals_the_model_order(sample_pdf: Path, letter: Letter) -> None:
    pages = page_lines(sample_pdf)
    body = "".join(line["text"] for lines in pages for line in lines[:-1])  # minus page numbers
    flat = squash(body)
    position = 0
    for text in model_texts(letter):
        found = flat.find(squash(fix_capitals(text, capital_names(letter))), position)
        assert found >= position, f"not found in order: {text[:60]!r}"
        position = found + 1
    assert flat.index(squash("Réponses à votre interpellation")) < flat.index(squash("Sommaire"))


def test_every_section_is_in_the_outline(sample_pdf: Path) -> None:
    titles = [title for _, title in outline_titles(sample_pdf)]
    assert titles == EXPECTED_HEADINGS
    depths = [depth for depth, _ in outline_titles(sample_pdf)]
    assert depths == [0] + [1] * (len(EXPECTED_HEADINGS) - 1)


def test_structure_tree_has_headings_paragraphs_and_lists(sample_pdf: Path, letter: Letter) -> None:
    tree = struct_tree(sample_pdf)
    roles = [role for _, role in tree]
    assert tree[0] == (0, "Document")
    assert roles.count("H1") == 1
    assert roles.count("H2") == len(EXPECTED_HEADINGS) - 1
    assert roles.count("L") == 2  # contents and appendix
    items = len(EXPECTED_HEADINGS) - 2 + len(letter.section("appendix").items)
    assert roles.count("LI") == roles.count("Lbl") == roles.count("LBody") == items
    # every contents entry is a link to its heading's page
    assert roles.count("Link") == len(EXPECTED_HEADINGS) - 2
    assert set(roles) == {"Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Link"}


@pytest.mark.skipif(not has_poppler(), reason="poppler-utils (pdfinfo) not installed")
def test_poppler_struct_text_shows_the_full_text_under_the_right_tags(
    sample_pdf: Path, letter: Letter
) -> None:
    leaves = poppler_struct_text(sample_pdf)
    headings = [text.strip() for tag, text in leaves if tag in ("H1", "H2")]
    assert [squash(h) for h in headings] == [squash(h) for h in EXPECTED_HEADINGS]
    paragraphs = [squash(text) for tag, text in leaves if tag == "P"]
    bodies = [squash(text) for tag, text in leaves if tag == "LBody"]
    names = capital_names(letter)
    for section in letter.sections:
        for paragraph in section.paragraphs:
            assert squash(fix_capitals(paragraph, names)) in paragraphs
        for item in section.items:
            assert squash(item) in bodies
    # Reading order of the tree equals the model order.
    joined = "".join(squash(text) for _, text in leaves)
    position = 0
    for text in model_texts(letter):
        found = joined.find(squash(fix_capitals(text, names)), position)
        assert found >= position, text[:60]
        position = found
    # Page numbers are artifacts: not in the structure tree.
    assert not any(text.startswith("Page ") for _, text in leaves)


# -- metadata and accessibility --------------------------------------------------------


def test_metadata(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    meta = reader.metadata
    assert meta.title == "Lettre de Marc Infantes à Bruno Mangin"
    assert meta.author == "Marc Infantes"
    assert meta.subject.startswith("Réponses à votre interpellation")
    assert meta.creator and meta.producer.startswith("fpdf2 ")
    assert meta.creation_date.date().isoformat() == "2026-02-23"
    with pikepdf.open(sample_pdf) as pdf:
        root = pdf.Root
        assert str(root.Lang) == "fr-FR"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.PageMode) == "/UseOutlines"
        xmp = root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert "Lettre de Marc Infantes à Bruno Mangin</rdf:li>" in xmp


def test_fonts_are_embedded_subsets(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        seen = set()
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0]
                assert "/FontFile2" in descendant.FontDescriptor
                assert re.match(r"^/[A-Z]{6}\+AtkinsonHyperlegible", str(font.BaseFont))
                seen.add(str(font.BaseFont)[8:])
    assert seen == {"AtkinsonHyperlegible", "AtkinsonHyperlegibleBold"}


def test_pdfua_check_finds_nothing(sample_pdf: Path) -> None:
    report = validate(str(sample_pdf))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert [(o.rule_id, o.skipped_reason) for o in report.skipped] == []
    assert report.exit_code == 0


def test_pdfua_cli_exits_zero(sample_pdf: Path) -> None:
    result = subprocess.run(
        ["python", "-m", "pdfua", "check", str(sample_pdf)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "errors=0 warnings=0" in result.stdout


def test_page_numbers_on_every_page_at_body_size(sample_pdf: Path) -> None:
    pages = page_lines(sample_pdf)
    assert 4 <= len(pages) <= 10  # sensible for a two-page letter in 18 pt
    for number, lines in enumerate(pages, start=1):
        last = lines[-1]
        assert last["text"].strip() == f"Page {number} sur {len(pages)}"
        assert {round(c["size"], 2) for c in last["chars"]} == {BODY}


@pytest.mark.slow
def test_no_heading_is_stranded_at_a_page_foot(long_pdf: Path, sample_pdf: Path) -> None:
    for path in (sample_pdf, long_pdf):
        for lines in page_lines(path):
            last_content = lines[-2]  # the line above the page number
            assert not any(c["fontname"].endswith("Bold") for c in last_content["chars"]), (
                f"{path.name}: heading at page foot: {last_content['text']!r}"
            )


# -- long letter -------------------------------------------------------------------------


@pytest.mark.slow
def test_long_letter_never_overflows_the_margins(long_pdf: Path) -> None:
    margin = 25 * MM
    chars = all_chars(long_pdf)
    assert len({page for page, *_ in chars}) > 30
    for page, width, height, char in chars:
        assert char["x0"] >= margin - 0.01, (page, char["text"])
        assert char["x1"] <= width - margin + 0.01, (page, char["text"], char["x1"])
        assert char["top"] >= margin - 0.01, (page, char["text"])
        assert char["bottom"] <= height - margin + 0.01, (page, char["text"])


@pytest.mark.slow
def test_long_letter_keeps_every_word_and_passes_the_checker(long_pdf: Path) -> None:
    letter = _long_letter()
    pages = page_lines(long_pdf)
    flat = squash("".join(line["text"] for lines in pages for line in lines[:-1]))
    position = 0
    for text in model_texts(letter):
        found = flat.find(squash(text), position)
        assert found >= position, text[:60]
        position = found
    report = validate(str(long_pdf))
    assert report.findings == () and report.skipped == ()
    titles = [title for _, title in outline_titles(long_pdf)]
    assert len(titles) == 1 + 1 + 1 + 30 + 1  # title, contents, introduction, 30, conclusion


# -- themes --------------------------------------------------------------------------------


def _rgb(value: object) -> tuple[float, ...]:
    """pdfplumber colour (grey number, 1-tuple or RGB tuple) as an RGB 0-1 triple."""
    if isinstance(value, (int, float)):
        return (float(value),) * 3
    values = tuple(float(v) for v in value)  # type: ignore[union-attr]
    return values * 3 if len(values) == 1 else values


def _wcag_contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG 2.x contrast ratio of two sRGB colours given as 0-1 floats (independent of the code)."""

    def lum(rgb: tuple[float, ...]) -> float:
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", sorted(THEME_COLOURS))
def test_every_theme_has_at_least_7_to_1_contrast_in_the_pdf(
    theme: str, letter: Letter, tmp_path: Path
) -> None:
    path = _build(letter, tmp_path, theme=theme)
    colours = THEME_COLOURS[theme]
    for fg in (colours.text, colours.heading):
        assert contrast_ratio(fg, colours.background) >= 7.0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            backgrounds = [_rgb(r["non_stroking_color"]) for r in page.rects if r["fill"]]
            background = backgrounds[0] if backgrounds else (1.0, 1.0, 1.0)
            if theme == "high-contrast":
                assert background == (0, 0, 0)
                assert page.rects[0]["width"] >= page.width - 0.01
            used = {_rgb(c["non_stroking_color"]) for c in page.chars}
            assert used
            for colour in used:
                assert _wcag_contrast(colour, background) >= 7.0, (theme, colour)


def test_contrast_ratio_formula() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 0), (0, 0, 0)) == pytest.approx(19.56, abs=0.01)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


# -- options -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"font_size": 15.9},
        {"font_size": 36.5},
        {"heading_increase": 3.0},
        {"line_spacing": 1.4},
        {"margin_mm": 19.0},
        {"paper": "a3"},
        {"theme": "pink"},
    ],
)
def test_out_of_range_options_are_refused(change: dict[str, object], letter: Letter) -> None:
    with pytest.raises(ConfigError):
        build_pdf(letter, dataclasses.replace(PdfOptions(), **change))  # type: ignore[arg-type]


def test_defaults_are_the_standard() -> None:
    opts = PdfOptions()
    assert (opts.font_size, opts.heading_increase, opts.line_spacing) == (18.0, 4.0, 1.5)
    assert opts.margin_mm >= 20 and opts.paper == "a4" and opts.theme == "default"


# -- summary -------------------------------------------------------------------------------


EASY_SUMMARY = {
        "schema": "a11y-pub/summary@1",
        "language": "fr",
        "source": "draft",
        "title": "Résumé",
        "blocks": [
            {"section_id": "commitment-1", "heading": "La ville aide EKKO", "sentences": ["La mairie aide l’association."]}
        ],
        "sentences": [{"text": "La mairie aide l’association.", "section_id": "commitment-1"}],
        "glossary": [{"term": "CSAPA", "definition": "un centre de soins pour les addictions."}],
    }


def test_the_summary_is_left_out_of_the_large_print_by_default(letter: Letter, tmp_path: Path) -> None:
    (tmp_path / "summary.json").write_text(json.dumps(EASY_SUMMARY), encoding="utf-8")
    path = _build(letter, tmp_path)
    titles = [title for _, title in outline_titles(path)]
    assert titles == EXPECTED_HEADINGS
    flat = squash("".join(line["text"] for lines in page_lines(path) for line in lines[:-1]))
    assert squash("La mairie aide l’association.") not in flat


@pytest.mark.slow
def test_include_summary_prints_it_after_the_letter(letter: Letter, tmp_path: Path) -> None:
    (tmp_path / "summary.json").write_text(json.dumps(EASY_SUMMARY), encoding="utf-8")
    path = _build(letter, tmp_path, include_summary=True)
    titles = [title for _, title in outline_titles(path)]
    assert titles[: len(EXPECTED_HEADINGS)] == EXPECTED_HEADINGS
    assert titles[len(EXPECTED_HEADINGS) :] == ["En bref", "La ville aide EKKO", "Mots expliqués"]
    flat = squash("".join(line["text"] for lines in page_lines(path) for line in lines[:-1]))
    assert flat.index(squash("Par votre courrier")) < flat.index(squash("La mairie aide l’association."))
    assert squash("CSAPA : un centre de soins") in flat
    assert squash("En bref, page") in flat  # in the contents, with its page
    assert validate(str(path)).findings == ()


# -- determinism and golden ------------------------------------------------------------------


def test_two_builds_are_byte_identical(letter: Letter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _build(letter, tmp_path / "a").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # the letter's date wins
    second = _build(letter, tmp_path / "b").read_bytes()
    assert first == second


def test_undated_letter_uses_source_date_epoch(letter: Letter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    undated = dataclasses.replace(letter, date=None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    first = _build(undated, tmp_path / "a")
    assert PdfReader(first).metadata.creation_date.year == 2001
    assert first.read_bytes() == _build(undated, tmp_path / "b").read_bytes()


def test_sample_matches_golden(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    meta = reader.metadata
    with pikepdf.open(sample_pdf) as pdf:
        lang = str(pdf.Root.Lang)
    actual = {
        "metadata": {
            "title": meta.title,
            "author": meta.author,
            "subject": meta.subject,
            "creator": meta.creator,
            "producer": meta.producer.split()[0],
            "creation_date": meta.creation_date.isoformat(),
            "language": lang,
        },
        "outline": [title for _, title in outline_titles(sample_pdf)],
        "pages": [[line["text"] for line in lines] for lines in page_lines(sample_pdf)],
    }
    assert_matches_golden(actual, GOLDEN)


@pytest.mark.skipif(not has_poppler(), reason="poppler-utils (pdftoppm) not installed")
def test_page_one_renders_to_png(sample_pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(sample_pdf), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p-*.png")
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (497, 702)  # A4 at 60 dpi
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
    assert 0.01 < dark / (496 * 702) < 0.2  # text, not a blank or black page


def test_include_summary_is_an_option_of_the_cli_and_the_settings_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from a11y_pub.cli import cli
    from a11y_pub.config import make_options

    assert PdfOptions().include_summary is False
    assert make_options({"include-summary": True}).pdf.include_summary is True
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert "--pdf-include-summary" in result.output
