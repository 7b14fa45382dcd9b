"""One helper for golden files: compare, or rewrite with ``pytest --update-golden``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

UPDATE = {"enabled": False}  # set by conftest from --update-golden


def _serialise(actual: Any) -> str:
    if isinstance(actual, str):
        return actual
    return json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def assert_matches_golden(actual: Any, path: Path) -> None:
    """Assert ``actual`` (text, or JSON-able data) equals the golden file at ``path``.

    With ``pytest --update-golden`` the file is (re)written instead, for review in git.
    """
    text = _serialise(actual)
    path = Path(path)
    if UPDATE["enabled"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"golden file {path} is missing: run pytest --update-golden and review it"
    expected = path.read_text(encoding="utf-8")
    if isinstance(actual, str):
        assert text == expected
    else:
        assert json.loads(text) == json.loads(expected)
