"""Summary renderer: golden files for the sample letter, the summary.json contract, load_summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.errors import RenderError
from a11y_pub.model import Letter
from a11y_pub.options import BuildOptions, SummaryOptions
from a11y_pub.render.summary import load_summary, render_summary
from tests.golden import assert_matches_golden

GOLDEN = Path(__file__).resolve().parent / "golden"
LETTERS = Path(__file__).resolve().parent.parent / "letters"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:  # type: ignore[type-arg]
    letter = Letter.from_json(
        (LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text(encoding="utf-8")
    )
    out = tmp_path_factory.mktemp("summary")
    return out, render_summary(letter, out, BuildOptions())


def test_files_and_artifacts(rendered) -> None:  # type: ignore[no-untyped-def]
    out, artifacts = rendered
    assert [a.path for a in artifacts] == [
        "resume-facile.md", "resume-facile.txt", "summary.json", "summary-check.json",
    ]
    info = artifacts[0].info
    check = json.loads((out / "summary-check.json").read_text(encoding="utf-8"))
    # The sample's introduction keeps long sentences the checker reports (see test_summarize):
    # the artifact says so, and the check file agrees with it.
    assert info["source"] == "draft" and info["passed"] is check["passed"] is False
    assert {f["rule"] for f in check["findings"]} <= {"too-long", "rare-word", "average"}
    assert check["faithfulness"]["errors"] == 0


def test_golden_sample_summary(rendered) -> None:  # type: ignore[no-untyped-def]
    out, _ = rendered
    stem = "lettre-infantes-ekko-2026-02-23"
    assert_matches_golden((out / "resume-facile.md").read_text(encoding="utf-8"), GOLDEN / f"{stem}.resume-facile.md")
    assert_matches_golden(json.loads((out / "summary.json").read_text(encoding="utf-8")), GOLDEN / f"{stem}.summary.json")


def test_summary_json_contract(rendered) -> None:  # type: ignore[no-untyped-def]
    out, _ = rendered
    data = load_summary(out)
    assert data is not None
    assert data["schema"] == "a11y-pub/summary@1" and data["language"] == "fr"
    assert data["source"] == "draft"
    flat = [{"text": s, "section_id": b["section_id"]} for b in data["blocks"] for s in b["sentences"]]
    assert data["sentences"] == flat
    assert all(set(g) == {"term", "definition"} for g in data["glossary"])


def test_staff_source_in_manifest_info(tmp_path: Path) -> None:
    letter = Letter.from_json(
        (LETTERS / "lettre-infantes-ekko-2026-02-23.expected.json").read_text(encoding="utf-8")
    )
    staff = tmp_path / "x.resume.md"
    staff.write_text("# Résumé\n\n## 1. Partenariat\n\nLa mairie aide EKKO.\n", encoding="utf-8")
    opts = BuildOptions(summary=SummaryOptions(summary_file=staff))
    artifacts = render_summary(letter, tmp_path, opts)
    assert artifacts[0].info["source"] == "staff:x.resume.md"
    assert load_summary(tmp_path)["blocks"][0]["section_id"] == "commitment-1"


def test_load_summary_absent_and_broken(tmp_path: Path) -> None:
    assert load_summary(tmp_path) is None
    (tmp_path / "summary.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RenderError):
        load_summary(tmp_path)
    (tmp_path / "summary.json").write_text('{"schema": "other"}', encoding="utf-8")
    with pytest.raises(RenderError):
        load_summary(tmp_path)
