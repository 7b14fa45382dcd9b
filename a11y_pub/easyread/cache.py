"""Summary blocks of earlier builds, on disk."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SectionCache:
    """Summary blocks already made, on disk, keyed by everything a block depends on:
    ``salt`` (code, language data, options), the section, the letter's language and
    salutation, and the acronyms defined by the sections before it.

    A block is a pure function of that key, so a rebuild after one section was
    edited re-simplifies that section alone. Unreadable entries are ignored;
    entries that cannot be written are skipped.
    """

    folder: Path
    salt: str
    read: bool = True

    def _path(self, payload: dict[str, Any]) -> Path:
        from ..files import sha256_bytes

        key = sha256_bytes(json.dumps({"salt": self.salt, **payload}, sort_keys=True, ensure_ascii=False).encode())
        return self.folder / key[:2] / f"{key}.json"

    def get(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        if not self.read:
            return None
        try:
            found = json.loads(self._path(payload).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def put(self, payload: dict[str, Any], value: dict[str, Any]) -> None:
        from ..errors import A11yPubError
        from ..files import atomic_write

        try:
            atomic_write(self._path(payload), json.dumps(value, ensure_ascii=False, sort_keys=True))
        except (A11yPubError, OSError) as exc:
            log.debug("summary cache not written: %s", exc)
