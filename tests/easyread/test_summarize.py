"""The easy-read summary: passes the checker, stays faithful, covers every commitment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from a11y_pub.easyread import summarize
from a11y_pub.easyread.lexicon import load_language_data
from a11y_pub.easyread.nlp import get_nlp
from a11y_pub.model import Letter, Recipient, Section
from a11y_pub.options import SummaryOptions

LETTERS = Path(__file__).resolve().parent.parent / "letters"
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}


def _letter(name: str) -> Letter:
    return Letter.from_json((LETTERS / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample() -> Letter:
    return _letter("lettre-infantes-ekko-2026-02-23")


@pytest.fixture(scope="module")
def sample_summary(sample: Letter):  # type: ignore[no-untyped-def]
    return summarize(sample)


def test_sample_summary_passes_checker(sample_summary) -> None:  # type: ignore[no-untyped-def]
    report = sample_summary.check()
    assert report.passed, report.findings
    assert report.figures["average_words"] <= 12
    assert report.figures["max_words"] <= 15


def test_sample_summary_content(sample: Letter, sample_summary) -> None:  # type: ignore[no-untyped-def]
    text = sample_summary.to_markdown()
    assert "23 février 2026" in text
    assert "s'inspire du FALC" in text
    ids = [b.section_id for b in sample_summary.blocks]
    assert ids == ["introduction", *(c.id for c in sample.commitments), "conclusion"]
    for block, section in zip(sample_summary.blocks[1:6], sample.commitments):
        assert block.heading.startswith(f"{section.number}. ")
        assert 1 <= len(block.sentences) <= 3
    terms = {g.term for g in sample_summary.glossary}
    assert {"CSAPA", "CAARUD", "CLSM", "CLS", "CCAS", "réduction des risques", "compétences psychosociales"} <= terms
    assert "(" not in text.split("## Mots difficiles")[0]


def _content_lemmas(text: str, language: str) -> set[str]:
    nlp = get_nlp(language).pipeline
    return {
        t.lemma_.lower()
        for t in nlp(text)
        if t.pos_ in CONTENT_POS and t.is_alpha and len(t.text) > 2
    }


def test_faithfulness_every_content_lemma_has_a_source(sample: Letter, sample_summary) -> None:  # type: ignore[no-untyped-def]
    data = load_language_data("fr")
    glossary = " ".join(f"{g.term} {g.definition}" for g in sample_summary.glossary)
    lexicon = " ".join(data.replace.values())
    templates = " ".join(
        v if isinstance(v, str) else " ".join(map(str, v)) for v in data.summary.values()
    )
    metadata = " ".join(
        [sample.author, sample.author_role, sample.subject, sample.recipient.name,
         sample.recipient.role, sample.recipient.organisation, "23 février 2026"]
    )
    allowed_anywhere = _content_lemmas(" ".join([glossary, lexicon, templates]), "fr")
    for sentence in sample_summary.sentences:
        section = sample.section(sentence["section_id"])
        source = section.title + "\n" + section.text
        if section.kind == "introduction":
            source += "\n" + metadata
        allowed = _content_lemmas(source, "fr") | allowed_anywhere
        source_words = {w.lower() for w in re.findall(r"\w+", f"{source} {glossary} {lexicon}")}
        nlp = get_nlp("fr").pipeline
        missing = {
            t.lemma_.lower()
            for t in nlp(sentence["text"])
            if t.pos_ in CONTENT_POS and t.is_alpha and len(t.text) > 2
            and t.lemma_.lower() not in allowed and t.text.lower() not in source_words
        }
        assert not missing, (sentence, missing)


def test_numbers_and_dates_exact(sample_summary) -> None:  # type: ignore[no-untyped-def]
    numbers = re.findall(r"\d+", " ".join(s["text"] for s in sample_summary.sentences))
    assert numbers == ["23", "2026"]


def _many_commitments(count: int) -> Letter:
    subjects = ["les écoles", "les routes", "les parcs", "les bus", "la piscine", "le marché",
                "les crèches", "la bibliothèque", "le stade", "les jardins", "la gare", "le musée"]
    sections = [Section(id="introduction", kind="introduction", paragraphs=("Voici nos engagements.",))]
    for number, subject in enumerate(subjects[:count], 1):
        sections.append(
            Section(
                id=f"commitment-{number}",
                kind="commitment",
                number=number,
                title=f"Améliorer {subject}",
                paragraphs=(f"Nous réparerons {subject} de la ville et nous ouvrirons {subject} le dimanche.",),
            )
        )
    sections.append(Section(id="conclusion", kind="conclusion", paragraphs=("Je souhaite vous rencontrer.",)))
    return Letter(language="fr", sections=tuple(sections), author="Anne Martin",
                  recipient=Recipient(name="Paul Durand"), date="2026-03-15")


def test_twelve_commitments_none_dropped() -> None:
    letter = _many_commitments(12)
    summary = summarize(letter)
    blocks = [b for b in summary.blocks if b.section_id.startswith("commitment-")]
    assert [b.section_id for b in blocks] == [f"commitment-{n}" for n in range(1, 13)]
    assert all(b.sentences for b in blocks)
    assert "15 mars 2026" in summary.to_text()
    assert summary.check().passed, summary.check().findings


def test_letter_without_list_uses_paragraph_sections() -> None:
    letter = _letter("fr-sans-liste")
    summary = summarize(letter)
    paragraph_ids = [s.id for s in letter.sections if s.kind == "paragraph"]
    assert [b.section_id for b in summary.blocks if b.role == "section"] == paragraph_ids
    assert all(s["section_id"] in {x.id for x in letter.sections} for s in summary.sentences)


def test_english_letter() -> None:
    letter = _letter("en-questions")
    summary = summarize(letter)
    text = summary.to_markdown()
    assert text.startswith("# Easy-read summary\n")
    assert "## Difficult words" in text or not summary.glossary
    assert len([b for b in summary.blocks if b.role == "commitment"]) == len(letter.commitments)
    report = summary.check()
    assert report.figures["readability"]["name"] == "flesch_reading_ease"
    assert report.figures["max_words"] <= 20


def test_deterministic(sample: Letter, sample_summary) -> None:  # type: ignore[no-untyped-def]
    assert summarize(sample).to_dict() == sample_summary.to_dict()


def test_staff_summary_replaces_draft(tmp_path: Path, sample: Letter) -> None:
    staff = tmp_path / "lettre.resume.md"
    staff.write_text(
        "# Résumé par l'équipe\n\nCe texte s'inspire du FALC.\n\n"
        "## 2. Agir tôt à l'école\n\nLa liste aidera EKKO dans les écoles.\n\n"
        "## La suite, en conclusion\n\n- Marc Infantes veut une rencontre.\n\n"
        "## Mots difficiles\n\n- **EKKO** : Une association d'Alès.\n- **FALC** : Facile à lire et à comprendre.\n",
        encoding="utf-8",
    )
    summary = summarize(sample, SummaryOptions(summary_file=staff))
    data = summary.to_dict()
    assert data["source"] == "staff:lettre.resume.md"
    assert data["title"] == "Résumé par l'équipe"
    assert [b["section_id"] for b in data["blocks"]] == ["commitment-2", "conclusion"]
    assert data["sentences"][1] == {"text": "Marc Infantes veut une rencontre.", "section_id": "conclusion"}
    assert data["glossary"][0] == {"term": "EKKO", "definition": "Une association d'Alès."}
    assert summary.check().passed


def test_lexicon_override_is_applied(tmp_path: Path, sample: Letter) -> None:
    override = tmp_path / "lexique.toml"
    override.write_text('[replace]\n"prévention" = "protection"\n', encoding="utf-8")
    summary = summarize(sample, SummaryOptions(simplification_lexicon=override))
    body = " ".join(s["text"] for s in summary.sentences)
    assert "protection" in body and "prévention" not in body
