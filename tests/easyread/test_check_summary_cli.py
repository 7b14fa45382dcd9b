"""`a11y-pub check-summary SUMMARY --letter LETTER`: a staff summary checked against its letter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.cli import main

LETTERS = Path(__file__).resolve().parent.parent / "letters"
SAMPLE = LETTERS / "lettre-infantes-ekko-2026-02-23.txt"

pytestmark = pytest.mark.slow  # each parses the letter and loads the French model


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


def _staff(tmp_path: Path, sentence: str) -> Path:
    path = tmp_path / "resume.md"
    path.write_text(
        "# Résumé\n\n## 2. Agir tôt à l'école\n\n" + sentence + "\n\n"
        "## Mots difficiles\n\n- **EKKO** : Une association d'Alès.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_a_faithful_staff_summary_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = _staff(tmp_path, "Nous soutiendrons les interventions d'EKKO dans les écoles.")
    code, out, _err = run(["check-summary", str(summary), "--letter", str(SAMPLE), "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 0, out
    assert report["faithfulness"]["passed"] is True
    pair = report["faithfulness"]["pairs"][0]
    assert pair["section_id"] == "commitment-2" and "interventions d'EKKO" in pair["sources"][0]


def test_a_negation_added_by_staff_fails_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = _staff(tmp_path, "Nous ne soutiendrons pas les interventions d'EKKO dans les écoles.")
    code, out, err = run(["check-summary", str(summary), "--letter", str(SAMPLE)], capsys)
    assert code == 1
    assert "unfaithful-negation: a negation was added or lost: 0 in the letter, 1 in the summary" in out
    assert out.rstrip().endswith("FAIL: 1 problem(s)")
    assert "lettre-infantes-ekko-2026-02-23: UNFAITHFUL easy-read summary" in err
    assert "« Nous ne soutiendrons pas les interventions d'EKKO dans les écoles. »" in err


def test_a_missing_letter_is_a_one_line_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = _staff(tmp_path, "Nous soutiendrons EKKO.")
    code, _out, err = run(["check-summary", str(summary), "--letter", str(tmp_path / "absent.txt")], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "absent.txt" in err
