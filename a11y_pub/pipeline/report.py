"""``report.md``: what staff read to approve a letter for publication, in one page.

Written with every build beside the manifest, in the letter's language: a
pointer to ``review.md`` (the reading of the letter), the easy-read checker's verdict, the faithfulness verifier's verdict (both from
``summary-check.json`` when the summary was made), the engine and voice of
the audio, and every file with its size. Made from the manifest and the
checker's report only: the renderers' files are not read for anything else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPORT_FILE = "report.md"

_STRINGS = {
    "fr": {
        "title": "Rapport de fabrication\u202f: {name}",
        "checker": "Résumé facile à lire",
        "checker_ok": "respecte les règles vérifiées",
        "checker_bad": "{n} règle(s) non respectée(s) : {counts}",
        "verifier": "Fidélité du résumé à la lettre",
        "verifier_ok": "aucune différence trouvée ({n} phrases comparées)",
        "verifier_bad": "{n} différence(s) à relire dans summary-check.json",
        "none": "pas fait dans cette fabrication",
        "voice": "Voix",
        "files": "Fichiers ({n})",
        "review": "Lecture de la lettre (ce qui a été trouvé, laissé de côté, douteux)",
    },
    "en": {
        "title": "Build report: {name}",
        "checker": "Easy-read summary",
        "checker_ok": "meets the rules checked",
        "checker_bad": "{n} rule(s) broken: {counts}",
        "verifier": "Summary faithful to the letter",
        "verifier_ok": "no difference found ({n} sentences compared)",
        "verifier_bad": "{n} difference(s) to review in summary-check.json",
        "none": "not made in this build",
        "voice": "Voice",
        "files": "Files ({n})",
        "review": "Reading of the letter (what was found, left out, doubtful)",
    },
}


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"


def _verdicts(check: dict[str, Any] | None, text: dict[str, str], colon: str) -> list[str]:
    if not check:
        return [f"- {text['checker']}{colon} {text['none']}", f"- {text['verifier']}{colon} {text['none']}"]
    counts = check.get("counts") or {}
    checker = text["checker_ok"] if check.get("passed") else text["checker_bad"].format(
        n=sum(counts.values()), counts=", ".join(f"{k} {v}" for k, v in counts.items()))
    lines = [f"- {text['checker']}{colon} {checker}"]
    faithful = check.get("faithfulness")
    if isinstance(faithful, dict):
        errors = int(faithful.get("errors") or 0)
        verdict = text["verifier_bad"].format(n=errors) if errors or not faithful.get("passed", True) else \
            text["verifier_ok"].format(n=len(faithful.get("pairs") or ()))
        lines.append(f"- {text['verifier']}{colon} {verdict}")
    else:
        lines.append(f"- {text['verifier']}{colon} {text['none']}")
    return lines


def letter_report(manifest: dict[str, Any], check: dict[str, Any] | None, name: str) -> str:
    """The report of one build as Markdown (ends with a newline).

    Args:
        manifest: the build's manifest (``manifest.json`` form).
        check: the checker's report (``summary-check.json`` form), or None.
        name: the letter's folder name.
    """
    language = manifest.get("letter", {}).get("language", "en")
    text = _STRINGS.get(language, _STRINGS["en"])
    separator = "\u202f:" if language == "fr" else ":"  # French: a narrow no-break space before the colon
    lines = [f"# {text['title'].format(name=name)}", ""]
    lines += _verdicts(check, text, separator)
    audio = manifest.get("renderers", {}).get("audio", {})
    if audio.get("engine"):
        voices = ", ".join(audio.get("voice", []))
        lines.append(f"- {text['voice']}{separator} {', '.join(audio['engine'])}" + (f" ({voices})" if voices else ""))
    files = manifest.get("files", [])
    if any(e.get("path") == "review.md" for e in files):
        lines.append(f"- {text['review']}{separator} `review.md`")
    lines += ["", f"## {text['files'].format(n=len(files))}", ""]
    lines += [f"- `{e['path']}` ({_size(int(e.get('size', 0)))})" for e in files]
    return "\n".join(lines) + "\n"


def write_report(stage: Path, manifest: dict[str, Any], name: str) -> str:
    """Write ``report.md`` into the staged build; return its text."""
    from ..files import atomic_write

    try:
        check = json.loads((stage / "summary-check.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        check = None
    if not any(e.get("path") == "summary-check.json" for e in manifest.get("files", [])):
        check = None
    report = letter_report(manifest, check if isinstance(check, dict) else None, name)
    atomic_write(stage / REPORT_FILE, report)
    return report
