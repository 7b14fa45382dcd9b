"""spaCy's French lemma tables read on demand from SQLite, not loaded whole.

``fr_core_news_sm`` lemmatises by rule with four lookup tables (lemma_index,
lemma_exc, lemma_rules, lemma_lookup: about 400,000 entries). spaCy loads
them into Python dictionaries at every start: 0.7 s and 150 MB, for a letter
that uses a thousand distinct words. Here the tables are converted once per
machine and model version into a read-only SQLite file in the user cache
folder (``platformdirs``; ``A11Y_PUB_CACHE_DIR`` overrides it), and the
pipeline's lemmatizer is spaCy's own ``FrenchLemmatizer`` reading that file
through the small table interface it uses (``get_table``, ``get``, ``in``).
Same code, same data: the same lemmas, which the tests check against the
stock pipeline.

The file is named after a digest of the model's ``lookups.bin``, written to a
temporary file and renamed, so concurrent first runs and model upgrades are
safe. When it cannot be written (read-only home), the stock lemmatizer is
used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STORE_VERSION = 2  # bump when the file layout changes
TABLES = ("lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index")
_PER_POS = {"lemma_index": "index", "lemma_exc": "exc"}  # tables holding one sub-table per part of speech
_SIGNED = 1 << 63


def _signed(key: int) -> int:
    """spaCy's unsigned 64-bit string hashes as SQLite's signed integers."""
    return key - (1 << 64) if key >= _SIGNED else key


def cache_dir() -> Path:
    """Where derived data lives: ``$A11Y_PUB_CACHE_DIR`` or the user cache folder."""
    override = os.environ.get("A11Y_PUB_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("a11y-pub", appauthor=False))


def lookups_file(model_name: str) -> Path | None:
    """The installed model's ``lemmatizer/lookups/lookups.bin``, or None."""
    from spacy import util

    try:
        package = Path(util.get_package_path(model_name))
    except (ImportError, OSError):
        return None
    found = sorted(package.glob("*/lemmatizer/lookups/lookups.bin"))
    return found[0] if found else None


def store_for(lookups: Path) -> Path:
    """The SQLite store for ``lookups``, converted on first use.

    Raises:
        OSError, sqlite3.Error: the store cannot be written or read.
    """
    digest = hashlib.sha256(lookups.read_bytes()).hexdigest()[:20]
    path = cache_dir() / f"lemmas-v{STORE_VERSION}-{digest}.sqlite"
    if not path.exists():
        _convert(lookups, path)
    return path


def _convert(lookups: Path, path: Path) -> None:
    import srsly

    data = srsly.msgpack_loads(lookups.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as db:
            db.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                "CREATE TABLE entry (tbl TEXT, pos INTEGER, key TEXT, value TEXT,"
                " PRIMARY KEY (tbl, pos, key)) WITHOUT ROWID;"
                "CREATE TABLE whole (tbl TEXT PRIMARY KEY, value TEXT);"
            )
            rows: Iterator[tuple[str, int, str, str]]
            for name, table in data.items():
                if name == "lemma_lookup":
                    rows = (("lookup", 0, str(k), _dumps(v)) for k, v in table.items())
                elif name in _PER_POS:
                    kind = _PER_POS[name]
                    rows = (
                        (kind, _signed(int(pos)), form, "" if kind == "index" else _dumps(value))
                        for pos, sub in table.items()
                        for form, value in (((f, None) for f in sub) if kind == "index" else sub.items())
                    )
                else:
                    db.execute("INSERT INTO whole VALUES (?, ?)", (name, _dumps(table)))
                    continue
                db.executemany("INSERT OR IGNORE INTO entry VALUES (?, ?, ?, ?)", rows)
            db.execute(
                "INSERT INTO whole VALUES ('parts', ?)",
                (_dumps({k: [int(p) for p in data.get(n, {})] for n, k in _PER_POS.items()}),),
            )
            db.commit()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Store:
    """Read-only queries on the store, one connection per process and thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._pid = -1
        self._unpack = json.loads
        self.parts = {k: set(v) for k, v in self._unpack(self._whole("parts")).items()}

    def _db(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # a forked process opens its own connections
            self._local = threading.local()
            self._pid = os.getpid()
        db = getattr(self._local, "db", None)
        if db is None:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"  # as_uri escapes ?, # and % in the path
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def _whole(self, name: str) -> str:
        row = self._db().execute("SELECT value FROM whole WHERE tbl = ?", (name,)).fetchone()
        if row is None:
            raise sqlite3.DatabaseError(f"lemma store {self.path} has no '{name}'")
        return row[0]

    def whole(self, name: str) -> Any:
        return self._unpack(self._whole(name))

    def value(self, table: str, pos: int, key: str) -> str | None:
        row = self._db().execute(
            "SELECT value FROM entry WHERE tbl = ? AND pos = ? AND key = ?", (table, _signed(pos), key)
        ).fetchone()
        return None if row is None else row[0]


class _PartView:
    """One part of speech's index (a set of lemmas) or exceptions (form -> lemmas)."""

    def __init__(self, store: _Store, kind: str, pos: int) -> None:
        self._store, self._kind, self._pos = store, kind, pos

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and self._store.value(self._kind, self._pos, form) is not None

    def get(self, form: str, default: Any = None) -> Any:
        found = self._store.value(self._kind, self._pos, form)
        return default if found is None else self._store._unpack(found)

    def __bool__(self) -> bool:
        return True


class _PerPosTable:
    """lemma_index / lemma_exc: ``get(pos)`` gives that part of speech's view."""

    def __init__(self, store: _Store, kind: str) -> None:
        self._store, self._kind = store, kind

    def get(self, pos: str | int, default: Any = None) -> Any:
        from spacy.strings import get_string_id

        key = get_string_id(pos)
        if key not in self._store.parts.get(self._kind, ()):
            return default
        return _PartView(self._store, self._kind, key)


class _LookupTable:
    """lemma_lookup: form -> lemmas, keyed by spaCy's string hash."""

    def __init__(self, store: _Store) -> None:
        self._store = store

    def get(self, form: str | int, default: Any = None) -> Any:
        from spacy.strings import get_string_id

        found = self._store.value("lookup", 0, str(get_string_id(form)))
        return default if found is None else self._store._unpack(found)

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str | int) and self.get(form) is not None


class StoreLookups:
    """What ``Lemmatizer`` asks of ``spacy.lookups.Lookups``, answered from the store."""

    def __init__(self, path: Path) -> None:
        from spacy.lookups import Table

        store = _Store(path)
        self._tables: dict[str, Any] = {
            "lemma_lookup": _LookupTable(store),
            "lemma_index": _PerPosTable(store, "index"),
            "lemma_exc": _PerPosTable(store, "exc"),
            # JSON keys are strings: back to spaCy's integer hashes (a string key would be hashed again)
            "lemma_rules": Table.from_dict({int(k): v for k, v in store.whole("lemma_rules").items()}, name="lemma_rules"),
        }

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def __contains__(self, name: object) -> bool:
        return name in self._tables

    def get_table(self, name: str, default: Any = None) -> Any:
        return self._tables.get(name, default)


def load_pipeline(model_name: str) -> Any:
    """``spacy.load(model_name)`` with its rule lemmatizer reading the store.

    Falls back to the stock pipeline when the model has no lookup tables or
    the store cannot be made (logged at debug level).

    Raises:
        OSError: the model is not installed (as ``spacy.load``).
    """
    import spacy

    lookups = lookups_file(model_name)
    if lookups is not None:
        try:
            settings = _lemmatizer_settings(lookups.parents[2] / "config.cfg")
            if settings is not None:
                store = store_for(lookups)
                config, before = settings
                nlp = spacy.load(model_name, exclude=["lemmatizer"])
                present = [name for name in before if name in nlp.pipe_names]
                place = {"after": present[-1]} if present else {"first": True}
                lemmatizer = nlp.add_pipe("lemmatizer", config=config, **place)
                lemmatizer.lookups = StoreLookups(store)
                return nlp
        except (OSError, sqlite3.Error, ValueError) as exc:
            log.debug("lemma store unavailable (%s): loading the stock lemmatizer", exc)
    return spacy.load(model_name)


def _lemmatizer_settings(config_file: Path) -> tuple[dict[str, Any], list[str]] | None:
    """The model's rule lemmatizer settings and the components before it; None if it has none."""
    from spacy import util

    config = util.load_config(config_file, interpolate=False)
    settings = config.get("components", {}).get("lemmatizer")
    order = list(config.get("nlp", {}).get("pipeline", []))
    if not settings or settings.get("factory") != "lemmatizer" or settings.get("mode") != "rule":
        return None
    if "lemmatizer" not in order:
        return None
    return {"mode": "rule", "overwrite": bool(settings.get("overwrite", False))}, order[: order.index("lemmatizer")]
