"""The per-letter report staff read to approve a letter: verdicts, voice, files."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.pipeline.report import letter_report

from .faults.conftest import SHORT, run_cli

NNBSP = "\u202f"


def _manifest(language: str, audio: dict[str, list[str]] | None = None) -> dict[str, object]:
    return {
        "letter": {"language": language},
        "renderers": {"audio": audio} if audio else {},
        "files": [{"path": "resume-facile.md", "size": 5071}, {"path": "audio/lettre-complete.mp3", "size": 2_400_000}],
    }


PASSED = {"passed": True, "counts": {}, "faithfulness": {"passed": True, "errors": 0, "pairs": [{}, {}, {}]}}
FAILED = {"passed": False, "counts": {"rare-word": 3, "passive": 1}, "faithfulness": {"passed": False, "errors": 2, "pairs": [{}]}}


@pytest.mark.parametrize(
    "language,check,audio,expected",
    [
        ("fr", PASSED, {"engine": ["espeak"], "voice": ["fr"]}, [
            f"# Rapport de fabrication{NNBSP}: lettre-a",
            f"- Résumé facile à lire{NNBSP}: respecte les règles vérifiées",
            f"- Fidélité du résumé à la lettre{NNBSP}: aucune différence trouvée (3 phrases comparées)",
            f"- Voix{NNBSP}: espeak (fr)",
            "## Fichiers (2)",
            "- `resume-facile.md` (5 kB)",
            "- `audio/lettre-complete.mp3` (2.4 MB)",
        ]),
        ("en", FAILED, None, [
            "# Build report: lettre-a",
            "- Easy-read summary: 4 rule(s) broken: rare-word 3, passive 1",
            "- Summary faithful to the letter: 2 difference(s) to review in summary-check.json",
            "## Files (2)",
        ]),
        ("en", None, None, [
            "- Easy-read summary: not made in this build",
            "- Summary faithful to the letter: not made in this build",
        ]),
    ],
)
def test_report_lines(language: str, check: dict[str, object] | None, audio: dict[str, list[str]] | None,
                      expected: list[str]) -> None:
    lines = letter_report(_manifest(language, audio), check, "lettre-a").splitlines()
    assert all(line in lines for line in expected), lines
    assert ("Voix" in "\n".join(lines) or "Voice" in "\n".join(lines)) == bool(audio)


def test_the_report_points_to_the_review_of_the_reading() -> None:
    manifest = _manifest("fr")
    manifest["files"] = [{"path": "review.md", "size": 900}]  # type: ignore[index]
    assert f"- Lecture de la lettre (ce qui a été trouvé, laissé de côté, douteux){NNBSP}: `review.md`" in letter_report(
        manifest, None, "x").splitlines()


def test_every_build_writes_its_report_beside_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run_cli(["build", SHORT, "-o", out, "--only", "pdf"], capsys)
    assert code == 0
    report = (out / SHORT.stem / "report.md").read_text(encoding="utf-8")
    assert report.startswith(f"# Rapport de fabrication{NNBSP}: {SHORT.stem}\n")
    assert "- `gros-caracteres.pdf` (" in report and "pas fait dans cette fabrication" in report
