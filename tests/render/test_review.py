"""The review: printed by ``parse``, written as ``review.md`` by ``build`` with counts in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from a11y_pub import pipeline
from a11y_pub.options import BuildOptions
from a11y_pub.parse import parse_letter
from a11y_pub.parse.review import review_counts, review_text

LETTERS = Path(__file__).resolve().parent.parent / "letters"


def test_build_writes_review_and_counts_in_manifest(tmp_path: Path) -> None:
    source = tmp_path / "page-marks.txt"
    source.write_text(
        "Paul Roux\n12 rue du Port\n\nMadame,\n\nNous ferons ceci pour la ville.\n\nPage 1 sur 2\n\n"
        "Nous ferons cela aussi.\n\nCordialement,\n\nPaul Roux\n",
        encoding="utf-8",
    )
    [result] = pipeline.build([source], BuildOptions(output=tmp_path / "out", only=("review",)))
    assert result.ok, result.error
    out = tmp_path / "out" / "page-marks"
    review = (out / "review.md").read_text(encoding="utf-8")
    assert "## Left out (1)\n\n- page number or running header/footer (page number): Page 1 sur 2\n" in review
    assert "## Doubts (1)\n\n- no recipient found in the header\n" in review
    assert "  - 12 rue du Port\n" in review
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    [entry] = [e for e in manifest["files"] if e["path"] == "review.md"]
    assert entry["left_out"] == 1 and entry["doubts"] == 1 and entry["left_out_words"] == 4
    assert entry["sections"] == 2


def test_review_lists_every_landmark_and_section() -> None:
    letter = parse_letter(LETTERS / "fr-titres-markdown.md")
    text = review_text(letter)
    for value in (letter.subject, letter.salutation, letter.signature, letter.title, letter.recipient.name):
        assert value and value in text
    assert text.count("\n- commitment") == len(letter.commitments)
    assert review_text(letter) == text  # deterministic


def test_review_counts_match_the_letter() -> None:
    letter = parse_letter(LETTERS / "fr-puces.txt")
    counts = review_counts(letter)
    assert counts["sections"] == len(letter.sections)
    assert counts["commitments"] == len(letter.commitments)
    assert counts["left_out"] == 0 and counts["left_out_words"] == 0
    assert counts["words"] > 50
