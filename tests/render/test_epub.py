"""EPUB 3 talking book: package, text, media overlays, metadata, reproducibility, validators."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from book_checks import CHROMIUM, XHTML, ace_command, ace_violations, java, rich_letter, run_ace, run_epubcheck
from web_fakes import write_fake_audio, write_fake_summary

from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions
from a11y_pub.render.epub import CONFORMS_TO, render_epub

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"


def make_book(out_dir: Path, letter: Letter, *, audio: bool = True, summary: bool = True) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = write_fake_summary(out_dir, letter) if summary else None
    if audio:
        write_fake_audio(out_dir, letter, summary=written)
    artifacts = render_epub(letter, out_dir, BuildOptions())
    assert [a.path for a in artifacts] == [("livre-audio.epub" if letter.language == "fr" else "talking-book.epub")]
    return out_dir / artifacts[0].path


def clock(value: str) -> float:
    if value.endswith("s"):
        return float(value[:-1])
    parts = [float(p) for p in value.split(":")]
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_book(tmp_path_factory.mktemp("epub"), rich_letter("fr"))


def package(epub: Path) -> tuple[zipfile.ZipFile, ElementTree.Element]:
    archive = zipfile.ZipFile(epub)
    return archive, ElementTree.fromstring(archive.read("EPUB/package.opf"))


def test_ocf_container_mimetype_first_and_stored(book: Path) -> None:
    archive = zipfile.ZipFile(book)
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/epub+zip"
    assert book.read_bytes()[30:38] == b"mimetype"  # no extra field before the name (OCF 4.2)
    container = ElementTree.fromstring(archive.read("META-INF/container.xml"))
    assert container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path") == "EPUB/package.opf"


def test_package_metadata_language_and_accessibility(book: Path) -> None:
    _, opf = package(book)
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    metadata = opf.find(f"{OPF}metadata")
    assert metadata.find(f"{DC}language").text == "fr"
    assert metadata.find(f"{DC}title").text == "Lettre de Marie Durand à Paul Martin"
    assert metadata.find(f"{DC}creator").text == "Marie Durand"
    props: dict[str, list[str]] = {}
    for meta in metadata.findall(f"{OPF}meta"):
        key = meta.get("property") + (f"@{meta.get('refines')}" if meta.get("refines") else "")
        props.setdefault(key, []).append(meta.text)
    assert props["dcterms:modified"] == ["2026-02-23T00:00:00Z"]  # SOURCE_DATE_EPOCH (tests/conftest.py)
    assert sorted(props["schema:accessMode"]) == ["auditory", "textual"]
    assert props["schema:accessModeSufficient"] == ["textual"]
    assert {"synchronizedAudioText", "tableOfContents", "readingOrder"} <= set(props["schema:accessibilityFeature"])
    assert props["schema:accessibilityHazard"] == ["none"]
    assert props["schema:accessibilitySummary"][0].strip()
    assert props["dcterms:conformsTo"] == [CONFORMS_TO]
    assert props["media:active-class"] == ["-epub-media-overlay-active"]
    overlays = {k.split("@#")[1]: clock(v[0]) for k, v in props.items() if k.startswith("media:duration@")}
    assert overlays and abs(clock(props["media:duration"][0]) - sum(overlays.values())) < 0.002


def test_every_section_and_the_summary_is_a_chapter_with_its_overlay(book: Path) -> None:
    archive, opf = package(book)
    items = {i.get("id"): i for i in opf.find(f"{OPF}manifest")}
    spine = [ref.get("idref") for ref in opf.find(f"{OPF}spine")]
    assert len(spine) == 5  # four sections, then the easy-read summary
    for idref in spine:
        item = items[idref]
        overlay = items[item.get("media-overlay")]
        assert overlay.get("media-type") == "application/smil+xml"
        assert archive.read("EPUB/" + item.get("href"))
    last = ElementTree.fromstring(archive.read("EPUB/" + items[spine[-1]].get("href")))
    assert "Résumé facile à lire" in "".join(last.find(f"{XHTML}body").itertext())


def test_overlay_pars_point_at_existing_text_with_clips_in_order_within_the_file(book: Path) -> None:
    archive, opf = package(book)
    items = {i.get("id"): i for i in opf.find(f"{OPF}manifest")}
    heard = 0
    for item in items.values():
        if item.get("media-type") != "application/smil+xml":
            continue
        smil = ElementTree.fromstring(archive.read("EPUB/" + item.get("href")))
        previous = 0.0
        for par in smil.iter(f"{SMIL}par"):
            document, _, fragment = par.find(f"{SMIL}text").get("src").partition("#")
            content = ElementTree.fromstring(archive.read("EPUB/" + document.removeprefix("../")))
            assert any(e.get("id") == fragment for e in content.iter()), fragment
            audio = par.find(f"{SMIL}audio")
            begin, end = clock(audio.get("clipBegin")), clock(audio.get("clipEnd"))
            assert previous - 1e-6 <= begin < end
            previous = end
            assert ("EPUB/" + audio.get("src").removeprefix("../")) in archive.namelist()
            heard += 1
    assert heard > 10


def test_content_keeps_table_lists_links_bold_language_and_notes(book: Path) -> None:
    archive = zipfile.ZipFile(book)
    first = ElementTree.fromstring(archive.read("EPUB/text/c01.xhtml"))
    second = ElementTree.fromstring(archive.read("EPUB/text/c02.xhtml"))
    third = ElementTree.fromstring(archive.read("EPUB/text/c03.xhtml"))
    assert first.find(f".//{XHTML}strong").text == "Nous financerons trois postes."
    link = next(a for a in first.iter(f"{XHTML}a") if a.get("href", "").startswith("http"))
    assert link.get("href") == "https://example.org/" and "".join(link.itertext()) == "le site"
    lang = next(s for s in first.iter(f"{XHTML}span") if s.get("lang"))
    assert lang.get("lang") == "en" and "".join(lang.itertext()) == "open data"
    refs = [a for a in first.iter(f"{XHTML}a") if a.get(f"{EPUB_NS}type") == "noteref"]
    notes = [a for a in first.iter(f"{XHTML}aside") if a.get(f"{EPUB_NS}type") == "footnote"]
    assert len(refs) == len(notes) == 1 and "".join(refs[0].itertext()) == "¹"
    assert "Vote du conseil municipal." in "".join(notes[0].itertext())
    assert refs[0].get("href") == "#" + notes[0].get("id")
    table = second.find(f".//{XHTML}table")
    assert [th.text for th in table.iter(f"{XHTML}th")] == ["Année", "Montant"]
    assert all(th.get("scope") == "col" for th in table.iter(f"{XHTML}th"))
    assert "".join(table.find(f"{XHTML}caption").itertext()) == "Budget prévu"
    assert len(table.findall(f"{XHTML}tbody/{XHTML}tr")) == 2
    numbered = second.find(f".//{XHTML}ol")
    assert numbered.get("start") == "3" and len(numbered) == 2
    assert "[1]" in "".join(second.itertext())  # a note call with no printed marker gets its number
    quote = third.find(f".//{XHTML}blockquote")
    assert "La santé est un droit." in "".join(quote.itertext()) and "Constitution de l’OMS" in "".join(quote.itertext())  # French apostrophe
    assert len(third.find(f".//{XHTML}ul")) == 2


def test_nav_lists_every_chapter_heading(book: Path) -> None:
    archive = zipfile.ZipFile(book)
    nav = ElementTree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "toc")
    labels = ["".join(a.itertext()) for a in toc.iter(f"{XHTML}a")]
    assert labels == ["Introduction", "1. Des moyens", "2. La prévention", "Conclusion", "Résumé facile à lire"]
    for a in toc.iter(f"{XHTML}a"):
        document, _, fragment = a.get("href").partition("#")
        content = ElementTree.fromstring(archive.read("EPUB/" + document))
        assert any(e.get("id") == fragment and e.tag == f"{XHTML}h1" for e in content.iter())


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = make_book(tmp_path / "a", rich_letter("en"))
    second = make_book(tmp_path / "b", rich_letter("en"))
    assert first.name == "talking-book.epub"
    assert first.read_bytes() == second.read_bytes()


def test_without_audio_the_book_is_text_only(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    epub = make_book(tmp_path, rich_letter("fr"), audio=False, summary=False)
    archive, opf = package(epub)
    assert not [n for n in archive.namelist() if n.endswith((".smil", ".mp3"))]
    assert [m.text for m in opf.iter(f"{OPF}meta") if m.get("property") == "schema:accessMode"] == ["textual"]
    assert "text only" in caplog.text


@pytest.mark.slow
@pytest.mark.skipif(java() is None, reason="EPUBCheck needs a Java runtime (Debian default-jre-headless)")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_epubcheck_reports_nothing(tmp_path: Path, language: str) -> None:
    epub = make_book(tmp_path / "book", rich_letter(language))
    messages = run_epubcheck(epub, tmp_path / "epubcheck.json")
    assert [f"{m['severity']} {m['ID']}: {m['message']}" for m in messages] == []


@pytest.mark.slow
@pytest.mark.skipif(ace_command() is None or CHROMIUM is None, reason="Ace by DAISY (tests/render/get_ace.sh) and chromium are needed")
def test_ace_reports_no_violation(tmp_path: Path) -> None:
    epub = make_book(tmp_path / "book", rich_letter("fr"))
    report = run_ace(epub, tmp_path / "ace")
    assert ace_violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_sentence_ids_are_unique_per_document(book: Path) -> None:
    archive = zipfile.ZipFile(book)
    for name in archive.namelist():
        if name.endswith(".xhtml"):
            ids = re.findall(r'\sid="([^"]+)"', archive.read(name).decode())
            assert len(ids) == len(set(ids)), name


def test_large_print_font_travels_with_the_book(book: Path) -> None:
    archive, opf = package(book)
    fonts = [i.get("href") for i in opf.find(f"{OPF}manifest") if i.get("media-type") == "font/ttf"]
    assert sorted(fonts) == ["fonts/AtkinsonHyperlegible-Bold.ttf", "fonts/AtkinsonHyperlegible-Regular.ttf"]
    css = archive.read("EPUB/style.css").decode()
    assert all(f'url("{href}")' in css for href in fonts)
    shipped = Path(__file__).resolve().parents[2] / "a11y_pub" / "data" / "fonts" / "AtkinsonHyperlegible-Regular.ttf"
    assert archive.read("EPUB/fonts/AtkinsonHyperlegible-Regular.ttf") == shipped.read_bytes()


def test_values_from_the_pipeline_give_the_same_book_as_the_files(tmp_path: Path) -> None:
    import json

    from a11y_pub.render.inputs import Board, Inputs
    from a11y_pub.render.summary import Summary

    letter = rich_letter("fr")
    from_files = make_book(tmp_path, letter).read_bytes()
    board = Board(["summary", "timings"], {})
    board.provide("summary", Summary.from_dict(json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))))
    board.provide("timings", json.loads((tmp_path / "audio" / "timings.json").read_text(encoding="utf-8")))
    (tmp_path / "summary.json").unlink()  # the values alone must be enough
    (tmp_path / "audio" / "timings.json").unlink()
    render_epub(letter, tmp_path, BuildOptions(), inputs=Inputs(board, needs=("summary", "timings", "audio")))
    assert (tmp_path / "livre-audio.epub").read_bytes() == from_files
