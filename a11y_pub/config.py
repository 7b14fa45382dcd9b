"""Settings staff set once: ``a11y-pub.toml`` -> ``BuildOptions``.

Keys are the command-line option names, flat (``engine = "espeak"``,
``font-size = 20``, ``margin = 30``, ``summary = "resume.md"``,
``no-cache = true``, ``max-size = 8``) or grouped in tables (``[audio]``,
``[pdf]``, ``[summary]``); the option fields' own names (``margin-mm``,
``summary-file``, ``use-cache``, ``max-input-bytes``) are accepted too.
Dashes and underscores are the same. Relative paths are relative to the
config file. Command-line options override the file; unknown keys are an error.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .options import CHOICES, GROUPS, RANGES, AudioOptions, BuildOptions, PdfOptions, SummaryOptions

CONFIG_NAME = "a11y-pub.toml"

_GROUPS = GROUPS
_TOP_LEVEL = ("output", "only", "jobs", "force", "max_input_bytes", "zip", "base_url")
_CHOICES = CHOICES
_RANGES = RANGES


def _field_map() -> dict[str, tuple[str | None, dataclasses.Field]]:
    table: dict[str, tuple[str | None, dataclasses.Field]] = {}
    for f in dataclasses.fields(BuildOptions):
        if f.name in _TOP_LEVEL:
            table[f.name] = (None, f)
    for group, cls in _GROUPS.items():
        for f in dataclasses.fields(cls):
            table.setdefault(f.name, (group, f))
    return table


def _key(name: str) -> str:
    return name.strip().replace("-", "_")


def _negated(value: Any) -> Any:
    return (not value) if isinstance(value, bool) else value


def _megabytes(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value * 1024 * 1024)
    return value


# Command-line option name -> (option field, conversion of the value).
_CLI_NAMES: dict[str, tuple[str, Any]] = {
    "margin": ("margin_mm", None),
    "summary": ("summary_file", None),
    "no_cache": ("use_cache", _negated),
    "max_size": ("max_input_bytes", _megabytes),
    "pdf_include_summary": ("include_summary", None),
}


def _field_name(key: str, value: Any) -> tuple[str, Any]:
    """The option field a settings key names, and the value converted for it."""
    name = _key(key)
    if name in _CLI_NAMES:
        name, convert = _CLI_NAMES[name]
        if convert is not None:
            value = convert(value)
    return name, value


def load_config(path: Path) -> dict[str, Any]:
    """Read a config file into a flat ``{field: value}`` mapping.

    Raises:
        ConfigError: missing file, TOML syntax error (with its line) or unknown keys.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("config file not found", path=path) from exc
    except OSError as exc:
        raise ConfigError("cannot read config file", path=path, cause=exc.strerror) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
        raise ConfigError("invalid TOML", path=path, line=line, cause=str(exc).split(" (at")[0]) from exc
    flat: dict[str, Any] = {}
    fields = _field_map()
    for key, value in data.items():
        if isinstance(value, Mapping) and _key(key) in _GROUPS:
            for inner, inner_value in value.items():
                name, inner_value = _field_name(inner, inner_value)
                if name not in fields or fields[name][0] != _key(key):
                    raise ConfigError(f"unknown setting '{key}.{inner}'", path=path)
                flat[name] = _resolve_path(inner_value, fields[name][1], path)
            continue
        name, value = _field_name(key, value)
        if name not in fields:
            known = sorted({k.replace("_", "-") for k in (*fields, *_CLI_NAMES)})
            raise ConfigError(f"unknown setting '{key}' (known: {', '.join(known)})", path=path)
        flat[name] = _resolve_path(value, fields[name][1], path)
    return flat


def _resolve_path(value: Any, f: dataclasses.Field, config_path: Path) -> Any:
    is_model_file = f.name == "voice" and isinstance(value, str) and value.endswith(".onnx")
    if ("Path" in str(f.type) or is_model_file) and isinstance(value, str):
        candidate = Path(value).expanduser()
        resolved = candidate if candidate.is_absolute() else (config_path.parent / candidate)
        return str(resolved) if is_model_file else resolved
    return value


def find_config(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """The config file to use: ``--config`` if given, else ``a11y-pub.toml`` in the working folder."""
    if explicit is not None:
        return explicit
    candidate = (cwd or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def make_options(settings: Mapping[str, Any], source: str = "option") -> BuildOptions:
    """Build ``BuildOptions`` from a flat mapping of field names to values.

    Values are converted to the field's type and checked against the
    allowed choices and ranges.

    Raises:
        ConfigError: unknown name, wrong type, value out of range.
    """
    fields = _field_map()
    top: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {name: {} for name in _GROUPS}
    for raw_name, value in settings.items():
        name = _key(raw_name)
        if name not in fields:
            raise ConfigError(f"unknown setting '{raw_name}'")
        group, f = fields[name]
        converted = _convert(name, value, f, source)
        (top if group is None else groups[group])[name] = converted
    return BuildOptions(
        **top,
        audio=AudioOptions(**groups["audio"]),
        pdf=PdfOptions(**groups["pdf"]),
        summary=SummaryOptions(**groups["summary"]),
    )


def _convert(name: str, value: Any, f: dataclasses.Field, source: str) -> Any:
    kind = str(f.type)
    label = name.replace("_", "-")
    try:
        if value is None:
            if "None" in kind:
                return None
            raise ValueError("a value is required")
        if "Path" in kind:
            converted: Any = Path(value)
        elif kind.startswith("tuple"):
            items = value.split(",") if isinstance(value, str) else list(value)
            converted = tuple(str(item).strip() for item in items if str(item).strip())
        elif kind.startswith("bool"):
            if not isinstance(value, bool):
                raise ValueError("expected true or false")
            converted = value
        elif kind.startswith("int"):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError("expected a whole number")
            converted = int(value)
        elif kind.startswith("float"):
            if isinstance(value, bool):
                raise ValueError("expected a number")
            converted = float(value)
        else:
            converted = str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{source} '{label}': {exc}") from exc
    if name in _CHOICES and converted not in _CHOICES[name]:
        raise ConfigError(f"{source} '{label}': '{converted}' is not one of {', '.join(_CHOICES[name])}")
    if name in _RANGES:
        low, high = _RANGES[name]
        if not low <= converted <= high:
            raise ConfigError(f"{source} '{label}': {converted} is outside {low}–{high}")
    return converted
