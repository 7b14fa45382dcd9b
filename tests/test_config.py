"""Config file and option merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from a11y_pub.config import find_config, load_config, make_options
from a11y_pub.errors import ConfigError
from a11y_pub.options import BuildOptions


def test_defaults_are_the_standards() -> None:
    opts = make_options({})
    assert opts == BuildOptions()
    assert (opts.pdf.font_size, opts.pdf.line_spacing, opts.pdf.heading_increase) == (18.0, 1.5, 4.0)
    assert opts.pdf.margin_mm >= 20
    assert (opts.audio.loudness, opts.audio.true_peak) == (-19.0, -1.0)
    assert 0.6 <= opts.audio.section_pause <= 1.0 and opts.audio.lead_silence <= 0.5
    assert (opts.summary.max_words, opts.summary.target_average) == (15, 12.0)


def test_flat_and_grouped_keys_and_relative_paths(tmp_path: Path) -> None:
    config = tmp_path / "a11y-pub.toml"
    config.write_text('engine = "espeak"\nfont-size = 24\n[pdf]\ntheme = "high-contrast"\n[audio]\nlexicon = "lex.toml"\n')
    opts = make_options(load_config(config))
    assert opts.audio.engine == "espeak" and opts.pdf.font_size == 24.0 and opts.pdf.theme == "high-contrast"
    assert opts.audio.lexicon == tmp_path / "lex.toml"
    assert find_config(None, tmp_path) == config


@pytest.mark.parametrize(
    "settings,message",
    [
        ({"engine": "siri"}, "'siri' is not one of"),
        ({"font_size": 40}, "outside 16.0–36.0"),
        ({"jobs": 1.5}, "expected a whole number"),
        ({"force": "yes"}, "expected true or false"),
        ({"colour": "red"}, "unknown setting 'colour'"),
    ],
)
def test_bad_settings(settings: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_options(settings)


def test_wrong_group_key(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[pdf]\nengine = "espeak"\n')
    with pytest.raises(ConfigError, match="unknown setting 'pdf.engine'"):
        load_config(config)


def test_piper_voice_file_in_config_is_relative_to_the_config(tmp_path: Path) -> None:
    config = tmp_path / "a11y-pub.toml"
    config.write_text('[audio]\nvoice = "voices/fr_FR-x-medium.onnx"\nlength-scale = 1.2\n')
    opts = make_options(load_config(config))
    assert opts.audio.voice == str(tmp_path / "voices" / "fr_FR-x-medium.onnx")
    assert opts.audio.length_scale == 1.2
    named = tmp_path / "b.toml"
    named.write_text('voice = "fr_FR-siwis-medium"\n')
    assert make_options(load_config(named)).audio.voice == "fr_FR-siwis-medium"
