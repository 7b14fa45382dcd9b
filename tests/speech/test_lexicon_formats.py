"""The pronunciation lexicon: phonemes beside respellings, W3C PLS files, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.errors import LexiconError
from a11y_pub.speech.lexicon import Phoneme, Pronunciation, load_lexicon, parse_lexicon, parse_pls, read_lexicon
from a11y_pub.speech.normalize import to_speech

PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="fr">
  <lexeme>
    <grapheme>Blannaves</grapheme>
    <phoneme>blanav</phoneme>
    <phoneme alphabet="x-espeak">bl'anav</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>CCAS</grapheme>
    <grapheme>C.C.A.S.</grapheme>
    <alias>centre communal</alias>
  </lexeme>
</lexicon>
"""

TOML_WITH_PHONEMES = """
[[lexeme]]
grapheme = "Blannaves"
alias = "Blanave"
phoneme = { ipa = "blanav", x-espeak = "bl'anav" }

[[lexeme]]
grapheme = "Nîmes"
phoneme = "nim"
"""


def test_pls_lexemes_are_read() -> None:
    lexicon = parse_pls(PLS, "mine.pls")
    table = lexicon.table
    assert table["Blannaves"].phonemes == (Phoneme("ipa", "blanav"), Phoneme("x-espeak", "bl'anav"))
    assert table["Blannaves"].alias == ""
    assert table["C.C.A.S."].alias == "centre communal"
    assert lexicon.sources == ("mine.pls",)


def test_pls_file_layers_over_the_shipped_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "prononciation.pls"
    path.write_text(PLS, encoding="utf-8")
    lexicon = load_lexicon("fr", path)
    assert to_speech("le CCAS de Blannaves et le CSAPA", "fr", lexicon) == "le centre communal de Blannaves et le cé-sapa"
    assert to_speech("à Blannaves", "fr", lexicon, phonemes="x-espeak") == "à [[bl'anav]]"


def test_phonemes_go_to_the_engine_that_takes_them() -> None:
    lexicon = parse_lexicon(TOML_WITH_PHONEMES, "mine.toml")
    # no phoneme input: the respelling, and the written form where there is none
    assert to_speech("De Blannaves à Nîmes.", "fr", lexicon) == "De Blanave à Nîmes."
    # espeak-ng: its own mnemonics in [[...]]; IPA-only entries keep the written form
    assert to_speech("De Blannaves à Nîmes.", "fr", lexicon, phonemes="x-espeak") == "De [[bl'anav]] à Nîmes."
    # the neural voice: typed values in IPA
    assert lexicon.pronunciations("ipa") == (Pronunciation("Blannaves", "blanav", "ipa"), Pronunciation("Nîmes", "nim", "ipa"))
    assert lexicon.pronunciations("x-espeak") == (Pronunciation("Blannaves", "bl'anav", "x-espeak"),)


def test_double_brackets_in_the_letter_are_not_phonemes() -> None:
    lexicon = parse_lexicon(TOML_WITH_PHONEMES)
    assert to_speech("voir [[note]] à Blannaves", "fr", lexicon, phonemes="x-espeak") == "voir note à [[bl'anav]]"


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ"])
def test_graphemes_match_whatever_the_apostrophe(apostrophe: str) -> None:
    lexicon = parse_lexicon('[[lexeme]]\ngrapheme = "CVN\'Actions"\nalias = "cé vé aine actions"\n')
    assert to_speech(f"avec CVN{apostrophe}Actions", "fr", lexicon) == "avec cé vé aine actions"


@pytest.mark.parametrize(
    "content, line, problem",
    [
        ('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">\n<lexeme>\n<grapheme>A</grapheme>\n</lexicon>\n', 4,
         "lexicon is not well-formed XML"),
        ('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">\n\n<lexeme>\n<alias>a</alias>\n</lexeme>\n</lexicon>\n', 3,
         "lexeme 1 needs a <grapheme>"),
        ('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">\n<lexeme>\n<grapheme>A</grapheme>\n</lexeme>\n</lexicon>\n', 2,
         "lexeme 'A' needs an <alias> or a <phoneme>"),
        ('<?xml version="1.0"?>\n<lexique/>\n', 2, "not a PLS lexicon"),
    ],
)
def test_bad_pls_is_one_line_naming_file_and_line(tmp_path: Path, content: str, line: int, problem: str) -> None:
    path = tmp_path / "bad.pls"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_lexicon(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: {problem}"), message
    assert "\n" not in message and info.value.exit_code == 2


def test_pls_with_entities_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lexicon [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"><lexeme><grapheme>x</grapheme>'
        "<alias>&b;</alias></lexeme></lexicon>\n"
    )
    path = tmp_path / "bomb.pls"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bomb\.pls: lexicon uses forbidden XML"):
        read_lexicon(path)
