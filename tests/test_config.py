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


_SAMPLE_VALUES = {
    "output": '"publication"', "only": '"pdf,audio"', "jobs": "2", "force": "true", "engine": '"espeak"',
    "voice": '"fr"', "voices-dir": '"voices"', "rate": "140", "lexicon": '"lex.toml"', "bitrate": "96",
    "no-cache": "true", "length-scale": "1.2", "sentence-silence": "0.2", "strict": "true", "font-size": "20",
    "theme": '"high-contrast"', "paper": '"letter"', "line-spacing": "2", "margin": "30", "summary": '"moi.resume.md"',
    "rare-zipf": "3.0", "max-size": "8", "zip": "true",
    "base-url": '"https://example.org/lettres"', "intro-audio": '"bonjour.m4a"', "outro-audio": '"merci.m4a"',
    "pdf-include-summary": "true",
}


def _build_option_names() -> list[str]:
    from a11y_pub.cli import build

    skipped = {"watch", "config", "debug", "verbose", "quiet", "help"}
    names = [max(p.opts, key=len).lstrip("-") for p in build.params if p.param_type_name == "option"]
    return [n for n in names if n not in skipped]


def test_every_build_option_has_a_sample_value() -> None:
    assert sorted(_build_option_names()) == sorted(_SAMPLE_VALUES)


@pytest.mark.parametrize("name", sorted(_SAMPLE_VALUES))
def test_every_option_name_works_in_the_settings_file(tmp_path: Path, name: str) -> None:
    """Keys are the option names as written on the command line."""
    from a11y_pub.cli import _settings

    config = tmp_path / "a11y-pub.toml"
    config.write_text(f"{name} = {_SAMPLE_VALUES[name]}\n", encoding="utf-8")
    assert _settings(config, {}) != BuildOptions()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("margin = 30", lambda o: o.pdf.margin_mm == 30.0),
        ("margin-mm = 30", lambda o: o.pdf.margin_mm == 30.0),
        ("[pdf]\nmargin = 30", lambda o: o.pdf.margin_mm == 30.0),
        ('summary = "s.md"', lambda o: o.summary.summary_file is not None and o.summary.summary_file.name == "s.md"),
        ('summary-file = "s.md"', lambda o: o.summary.summary_file is not None and o.summary.summary_file.name == "s.md"),
        ("no-cache = true", lambda o: o.audio.use_cache is False),
        ("no-cache = false", lambda o: o.audio.use_cache is True),
        ("use-cache = false", lambda o: o.audio.use_cache is False),
        ("max-size = 8", lambda o: o.max_input_bytes == 8 * 1024 * 1024),
        ("rare-zipf = 2.5", lambda o: o.summary.rare_zipf == 2.5),
    ],
)
def test_option_names_and_field_names_are_aliases(tmp_path: Path, text: str, expected: object) -> None:
    config = tmp_path / "a11y-pub.toml"
    config.write_text(text + "\n", encoding="utf-8")
    assert expected(make_options(load_config(config)))  # type: ignore[operator]


def test_a_wrong_type_under_an_option_name_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "a11y-pub.toml"
    config.write_text('no-cache = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="expected true or false"):
        make_options(load_config(config))
