"""`a11y-pub speech`: the text each engine receives, section by section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from a11y_pub.cli import main

FRENCH = """Alès, le 23/02/2026

M. Dupont,

Nous vous écrivons au sujet du CCAS.

1. Les horaires
La permanence ouvre de 8h à 11h au 12 av. Foch, 30100 Alès.

2. Le budget
Nous prévoyons 2,5 M€ et −4,5 % de frais, soit 12 000 € par an.

3. Nous contacter
Appelez le 06 12 34 56 78 ou écrivez à contact@ville-ales.fr.

Veuillez agréer, Monsieur, nos salutations distinguées.

Marie Roux
"""

ENGLISH = """Dear Mr Smith,

I am writing about the NHS walk-in centre.

1. Opening hours
The centre opens at 3.30pm on 23 February 2026, at 12 Station Rd.

2. Money
We will spend £2.5m, i.e. £40 per person, in the 21st century.

3. Contact
Call 0161 496 0123 or email info@council.gov.uk.

Yours sincerely,

Ann Lee
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


@pytest.fixture
def letters(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for lang, text in (("fr", FRENCH), ("en", ENGLISH)):
        paths[lang] = tmp_path / f"lettre-{lang}.txt"
        paths[lang].write_text(text, encoding="utf-8")
    return paths


def test_french_sections_as_the_voice_says_them(letters: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["speech", str(letters["fr"])], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "# 00-introduction (introduction): Introduction",
        "Lettre de Marie Roux.",
        "Écrite à Alès, le vingt-trois février deux mille vingt-six.",
        "Monsieur Dupont,",
        "Nous vous écrivons au sujet du C C A S.",
        "",
        "# 01-les-horaires (commitment-1): Engagement 1 : Les horaires",
        "Engagement un sur trois : Les horaires.",
        "La permanence ouvre de huit heures à onze heures au douze avenue Foch, trente mille cent Alès.",
        "",
        "# 02-le-budget (commitment-2): Engagement 2 : Le budget",
        "Engagement deux sur trois : Le budget.",
        "Nous prévoyons deux virgule cinq millions d'euros et moins quatre virgule cinq pour cent de frais, soit douze mille euros par an.",
        "",
        "# 03-nous-contacter (commitment-3): Engagement 3 : Nous contacter",
        "Engagement trois sur trois : Nous contacter.",
        "Appelez le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit ou écrivez à "
        "contact arobase ville tiret ales point f r.",
    ]


def test_one_english_section_as_json(letters: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["speech", str(letters["en"]), "--section", "commitment-2", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out) == {
        "language": "en",
        "tracks": [
            {
                "file": "02-money",
                "section": "commitment-2",
                "title": "Commitment 2: Money",
                "sentences": [
                    {"written": "Commitment 2 of 3: Money.", "speech": "Commitment two of three: Money."},
                    {
                        "written": "We will spend £2.5m, i.e. £40 per person, in the 21st century.",
                        "speech": "We will spend two point five million pounds, that is forty pounds per person, in the twenty-first century.",
                    },
                ],
            }
        ],
    }


def test_the_speech_is_what_the_audio_plan_holds(letters: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints the audio renderer's own plan: the two cannot drift apart."""
    from a11y_pub.parse import parse_letter
    from a11y_pub.render.audio.script import plan_section_tracks
    from a11y_pub.speech.lexicon import load_lexicon

    letter = parse_letter(letters["en"])
    planned = [u.speech for t in plan_section_tracks(letter, load_lexicon("en")) for u in t.utterances]
    code, out, _ = run(["speech", str(letters["en"]), "--format", "json"], capsys)
    printed = [s["speech"] for t in json.loads(out)["tracks"] for s in t["sentences"]]
    assert code == 0 and printed == planned


def test_a_staff_lexicon_changes_the_speech(letters: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lexicon = tmp_path / "prononciation.pls"
    lexicon.write_text(
        '<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="fr">'
        "<lexeme><grapheme>Foch</grapheme><alias>Foche</alias></lexeme></lexicon>",
        encoding="utf-8",
    )
    code, out, _ = run(["speech", str(letters["fr"]), "--section", "commitment-1", "--lexicon", str(lexicon)], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "La permanence ouvre de huit heures à onze heures au douze avenue Foche, trente mille cent Alès."


def test_unknown_section_is_one_line_exit_2(letters: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["speech", str(letters["en"]), "--section", "nope"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"a11y-pub: error: Invalid value for '--section': {letters['en']} has no section 'nope' "
        "(sections: introduction, commitment-1, commitment-2, commitment-3) (see 'a11y-pub --help')\n"
    )


def test_a_bad_lexicon_is_one_line_naming_file_and_line(letters: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lexicon = tmp_path / "prononciation.pls"
    lexicon.write_text('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">\n<lexeme>\n</lexicon>\n', encoding="utf-8")
    code, out, err = run(["speech", str(letters["fr"]), "--lexicon", str(lexicon)], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"a11y-pub: error: {lexicon}:3: lexicon is not well-formed XML") and err.count("\n") == 1
