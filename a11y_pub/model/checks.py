"""Checks of field values at construction, shared by the model's classes.

Each function takes a value read from code or JSON and the field's name (for
the message), and returns the value in its model form (tuples for lists).

Raises:
    ParseError: the value has the wrong type or range; the message names the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from ..errors import ParseError


def as_text(value: Any, name: str) -> str:
    """A text field: the string, or "" for None."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ParseError(f"field '{name}' must be text, not {type(value).__name__}")
    return value


def as_texts(value: Any, name: str) -> tuple[str, ...]:
    """A list of texts as a tuple, () for None (a lone string is refused)."""
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ParseError(f"field '{name}' must be a list of texts")
    return tuple(as_text(item, name) for item in value)


def as_tuple(value: Any, name: str) -> tuple[Any, ...]:
    """A list of anything as a tuple, () for None (strings, bytes and mappings are refused)."""
    if value is None:
        return ()
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise ParseError(f"field '{name}' must be a list")
    return tuple(value)


def as_whole(value: Any, name: str, minimum: int = 0) -> int:
    """A whole number (not a bool) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParseError(f"field '{name}' must be a whole number of at least {minimum}")
    return value


def check_keys(data: Mapping[str, Any], known: set[str] | type, where: str) -> None:
    """Refuse keys of ``data`` outside ``known`` (names, or a dataclass's fields plus "schema")."""
    names = {f.name for f in fields(known)} | {"schema"} if isinstance(known, type) else known
    unknown = sorted(set(data) - names)
    if unknown:
        raise ParseError(f"unknown field(s) in {where}: {', '.join(unknown)}")


def as_mapping(data: Any, where: str) -> Mapping[str, Any]:
    """A JSON object; ``where`` names it in the message."""
    if not isinstance(data, Mapping):
        raise ParseError(f"{where} must be an object")
    return data
