"""What speech engines and voices this machine has, for ``a11y-pub voices``.

Nothing here synthesises or loads a model: Kokoro voices are the ones shipped
in ``a11y_pub/data/voices`` (with their model wheels), espeak-ng voices are read from
the voice files inside the ``espeakng-loader`` wheel, Piper voices from the
voices folder and installed voice packages (``.onnx`` + ``.onnx.json``),
and gTTS is probed only when asked (one short request, injectable).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .kokoro import kokoro_rows
from .piper import INSTALL_HINT, list_piper_voices, piper_installed

LANGUAGES = ("fr", "en")  # languages the project speaks
COLUMNS = ("engine", "voice", "language", "status", "detail")


def _espeak_data_path() -> Path | None:
    """The espeak-ng data folder shipped in ``espeakng-loader``; None when not installed."""
    if importlib.util.find_spec("espeakng_loader") is None:
        return None
    import espeakng_loader  # noqa: PLC0415 - small, but only needed here

    try:
        return Path(espeakng_loader.get_data_path())
    except RuntimeError:
        return None


def _espeak_voice_name(path: Path) -> str:
    """The ``name`` line of an espeak-ng language file ("French (France)"), or ""."""
    try:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.strip().partition(" ")
            if key == "name":
                return value.strip()
    except OSError:
        return ""
    return ""


def espeak_rows(
    data_path: Path | None, languages: Sequence[str] = LANGUAGES
) -> list[dict[str, Any]]:
    """One row per espeak-ng voice of ``languages`` in ``data_path`` (``fr``, ``fr-BE``, ``en-US``...).

    A language whose dictionary (``<lang>_dict``) is missing is reported as
    such; no data folder gives one "not installed" row.
    """
    if data_path is None or not (data_path / "lang").is_dir():
        return [
            _row("espeak", "-", ",".join(languages), "not installed", "pip install espeakng-loader")
        ]
    rows: list[dict[str, Any]] = []
    files = sorted(
        (p for p in (data_path / "lang").rglob("*") if p.is_file()), key=lambda p: p.name.lower()
    )
    for language in languages:
        has_dict = (data_path / f"{language}_dict").is_file()
        for path in files:
            if path.name.lower() == language or path.name.lower().startswith(f"{language}-"):
                status = "available" if has_dict else f"no {language}_dict"
                rows.append(_row("espeak", path.name, language, status, _espeak_voice_name(path)))
    return rows


def piper_rows(voices_dir: Path | None) -> list[dict[str, Any]]:
    """One row per Piper voice in ``voices_dir`` and installed voice packages.

    Raises:
        ConfigError: ``voices_dir`` does not exist.
    """
    installed = piper_installed()
    rows = []
    for voice in list_piper_voices(voices_dir):
        status = (
            voice["status"]
            if voice["status"] != "ok"
            else ("available" if installed else "piper-tts not installed")
        )
        rows.append(_row("piper", voice["voice"], voice["language"], status, voice["path"]))
    if not rows:
        detail = (
            "no voice: give --voices-dir DIR or --voice FILE.onnx" if installed else INSTALL_HINT
        )
        rows.append(_row("piper", "-", "", "no voices" if installed else "not installed", detail))
    elif not installed:
        rows.append(_row("piper", "-", "", "not installed", INSTALL_HINT))
    return rows


def gtts_rows(
    probe: Callable[[], bool] | None, languages: Sequence[str] = LANGUAGES
) -> list[dict[str, Any]]:
    """gTTS rows: "reachable"/"unreachable" after calling ``probe``, "not checked" when it is None."""
    if importlib.util.find_spec("gtts") is None:
        return [_row("gtts", "-", ",".join(languages), "not installed", "pip install gTTS")]
    if probe is None:
        status, detail = "not checked", "online voice: reachability not probed"
    else:
        reachable = probe()
        status = "reachable" if reachable else "unreachable"
        detail = (
            "online: sends the text to Google" if reachable else "no answer from Google (offline?)"
        )
    return [_row("gtts", language, language, status, detail) for language in languages]


def _default_probe() -> bool:
    """The factory's gTTS probe (short timeout, no retries)."""
    from . import probe_gtts  # noqa: PLC0415 - engines/__init__ owns the probe

    return bool(probe_gtts())


def describe_voices(
    voices_dir: Path | None,
    probe_gtts: bool,
    *,
    probe: Callable[[], bool] | None = None,
    espeak_data: Path | None = None,
) -> list[dict[str, Any]]:
    """List the engines and voices available on this machine.

    Args:
        voices_dir: Piper voices folder (``--voices-dir``), or None.
        probe_gtts: whether to ask Google if gTTS answers (network, short timeout).
        probe: the gTTS probe to use (no argument, returns reachability);
            default is ``a11y_pub.engines.probe_gtts``. Tests pass a stub.
        espeak_data: espeak-ng data folder; default is the one in ``espeakng-loader``.

    Returns:
        Rows ``{"engine", "voice", "language", "status", "detail"}``: the
        shipped Kokoro voices first (the natural voice, with their credits),
        then espeak (fr then en, by voice file name), then Piper (voices folder,
        then voice packages, each by voice id), then gTTS: stable output.

    Raises:
        ConfigError: ``voices_dir`` does not exist.
    """
    data = espeak_data if espeak_data is not None else _espeak_data_path()
    rows = kokoro_rows()
    rows += espeak_rows(data)
    rows += piper_rows(voices_dir)
    rows += gtts_rows((probe or _default_probe) if probe_gtts else None)
    return rows


def _row(engine: str, voice: str, language: str, status: str, detail: str) -> dict[str, Any]:
    """One table row with the columns of ``COLUMNS``."""
    return {
        "engine": engine,
        "voice": voice,
        "language": language,
        "status": status,
        "detail": detail,
    }


def format_voices_table(rows: Sequence[dict[str, Any]]) -> str:
    """Format ``describe_voices`` rows as a plain-text table (header, rule, one line per row).

    Columns are left-aligned and padded to their widest cell; the last column
    is not padded, so lines carry no trailing spaces.
    """
    cells = [[str(row.get(column, "") or "") for column in COLUMNS] for row in rows]
    header = [column.upper() for column in COLUMNS]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(COLUMNS))]

    def line(values: Sequence[str]) -> str:
        padded = [value.ljust(widths[i]) for i, value in enumerate(values[:-1])] + [values[-1]]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(values) for values in cells)]) + "\n"
