"""Score the parser against hand-written expectations of held-out letters.

Each letter ``NAME.<ext>`` sits beside ``NAME.expected.json`` holding the
fields a reader checks: ``language``, ``author``, ``recipient`` (one line:
civility, name, role, organisation), ``date`` (ISO), ``subject``,
``salutation``, ``closing``, ``signature`` (lines), ``sections`` (kind and
title of each) and ``left_out`` (descriptions of what is left out; only
whether there is something is scored).

Loose where writers of expectations differ and the letter does not: the
recipient's words are compared without civilities and connectors (« de l' »,
"of the"); titles without an ordinal lead (« Première proposition : »,
"Firstly,"), a leading number or trailing punctuation; the signature is the
block's first line, or the block's lines joined when the model keeps the
other lines as the author's role and contact lines.

Run: ``python -m tests.parse.scoring DIR`` prints one line per letter and
the share of letters fully right and of fields right.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from a11y_pub.errors import ParseError
from a11y_pub.model import Letter
from a11y_pub.parse import parse_letter

FIELDS = (
    "language",
    "author",
    "recipient",
    "date",
    "subject",
    "salutation",
    "closing",
    "signature",
    "sections",
    "left_out",
)
_CIVILITIES = {"m", "mme", "mr", "mrs", "ms", "miss", "dr", "madame", "monsieur", "mlle", "mademoiselle"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'")
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text))


def _recipient_right(letter: Letter, expected: str) -> bool:
    r = letter.recipient
    skip = _CIVILITIES | _CONNECTORS
    got = [w for w in _words(" ".join((r.civility, r.name, r.role, r.organisation))) if w not in skip]
    want = [w for w in _words(expected) if w not in skip]
    return bool(want) and sorted(got) == sorted(want) or (not want and not got)


# Glue an expectation writer adds when joining the recipient's lines into one ("Président de l'association X").
_CONNECTORS = {"de", "du", "des", "d", "l", "la", "le", "of", "the", "a", "attention", "c", "o"}  # and labels: « à l'attention de », c/o
# An ordinal lead a title may keep or drop ("Firstly, we will…", « PREMIÈRE PROPOSITION : … »): compared without it.
_ORDINAL_LEAD = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly|"
    r"premi(?:er|ere)(?:ment)?|deuxieme(?:ment)?|second(?:e|ement)?|troisieme(?:ment)?|quatrieme(?:ment)?|"
    r"cinquieme(?:ment)?|enfin)\b(?:\s+(?:proposition|engagement|priorite|pledge|proposal|priority|point))?\s*[,:.–-]\s*"
)


def _title(text: str) -> str:
    """A title compared loosely: folded, without an ordinal lead, a leading number or trailing punctuation."""
    folded = re.sub(r"^\d{1,3}\s*[.)]\s*", "", _fold(text))
    return _ORDINAL_LEAD.sub("", folded).rstrip(" .:;,!").strip()


def _signature_right(letter: Letter, expected: str) -> bool:
    """The model's signature is the block's first line; an expectation may join the block's lines into one.

    Right when the expectation's first line is the signature, or when it starts with the signature's
    words and its other words are the block's other lines, which the model keeps as the author's role
    and contact lines.
    """
    first = expected.split("\n")[0]
    if _fold(letter.signature) == _fold(first):
        return True
    got, want = _words(letter.signature), _words(expected)
    rest = set(_words(" ".join((letter.author_role, *letter.sender_contact))))
    return bool(got) and want[: len(got)] == got and set(want[len(got) :]) <= rest


def field_results(letter: Letter, expected: dict) -> dict[str, bool]:
    """Which of ``FIELDS`` the parsed ``letter`` has right, by ``expected``."""
    got_sections = [(s.kind, _title(s.title)) for s in letter.sections]
    want_sections = [(s["kind"], _title(s.get("title", ""))) for s in expected.get("sections", [])]
    return {
        "language": letter.language == expected.get("language"),
        "author": _fold(letter.author) == _fold(expected.get("author", "")),
        "recipient": _recipient_right(letter, expected.get("recipient", "")),
        "date": (letter.date or "") == (expected.get("date") or ""),
        "subject": _fold(letter.subject) == _fold(expected.get("subject", "")),
        "salutation": _fold(letter.salutation) == _fold(expected.get("salutation", "")),
        "closing": _fold(letter.closing) == _fold(expected.get("closing", "")),
        "signature": _signature_right(letter, expected.get("signature", "")),
        "sections": got_sections == want_sections,
        # a repeated header line is not text taken away from the reader (its words are in the model)
        "left_out": any(x.reason != "duplicate" for x in letter.left_out) == bool(expected.get("left_out")),
    }


def score(folder: Path) -> tuple[dict[str, dict[str, bool]], dict[str, str]]:
    """Per letter, the field results; and per letter that failed to parse, the error."""
    results: dict[str, dict[str, bool]] = {}
    errors: dict[str, str] = {}
    for expected_path in sorted(folder.glob("*.expected.json")):
        name = expected_path.name[: -len(".expected.json")]
        sources = [p for p in folder.glob(f"{name}.*") if not p.name.endswith(".expected.json")]
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            letter = parse_letter(sources[0])
        except (ParseError, IndexError) as exc:
            errors[name] = str(exc)
            results[name] = dict.fromkeys(FIELDS, False)
            continue
        results[name] = field_results(letter, expected)
    return results, errors


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    results, errors = score(folder)
    for name, fields in results.items():
        wrong = [f for f, ok in fields.items() if not ok]
        print(f"{name:10} {'OK' if not wrong else 'wrong: ' + ', '.join(wrong)}{'  (' + errors[name] + ')' if name in errors else ''}")
    total = len(results)
    full = sum(all(f.values()) for f in results.values())
    print(f"letters fully right: {full}/{total} ({100 * full / max(total, 1):.0f} %)")
    right = sum(sum(f.values()) for f in results.values())
    print(f"fields right: {right}/{total * len(FIELDS)} ({100 * right / max(total * len(FIELDS), 1):.0f} %)")
    for field in FIELDS:
        ok = sum(f[field] for f in results.values())
        print(f"  {field:11} {ok}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
