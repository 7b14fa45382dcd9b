"""Compile spaCy's French ``TOKEN_MATCH`` in milliseconds instead of seconds.

spaCy's French tokenizer keeps hyphenated and elided words whole with one
regular expression: 266 alternatives ``^prefix[-–…][big letter class]+$``,
each repeating Unicode letter classes of one to three thousand characters,
1.45 MB in all. Python's ``re`` compiles every copy of those classes under
IGNORECASE, which takes 2.3 s and 60 MB at each start (``import spacy.lang.fr``),
longer than the rest of the summary.

``factor_alternation`` rewrites such a pattern into one that accepts exactly
the same strings: alternatives that differ in a single small piece between
the same big classes are merged (``^a-X+$|^b-X+$`` -> ``^(?:a|b)-X+$``), so
each big class is compiled a few dozen times instead of 800. This is
concatenation distributing over alternation, exact for anchored alternatives
used as a yes/no test, which is all spaCy asks of ``token_match``.
``factored_token_patterns()`` applies it, for the length of a ``with`` block,
to patterns that size compiled by ``re.compile`` (spaCy's import of
``spacy.lang.fr`` and its tokenizer loaded from the model); every other call
goes to ``re.compile`` unchanged.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator

BIG_PATTERN = 100_000  # characters: only patterns this long are rewritten
BIG_CLASS = 200  # characters: a bracket expression this long is a "big class"

_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*,?\d*\})\??")
_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_lock = threading.RLock()


# One lexical item of a pattern: an escape, a bracket expression, a parenthesis or bar, or a run of other characters.
_LEXEME = re.compile(r"\\.|\[\^?\]?[^\]\\]*(?:\\.[^\]\\]*)*\]|[()|]|[^\\\[()|]+", re.DOTALL)


def _lexemes(pattern: str) -> list[str]:
    """``pattern`` cut into lexemes; ValueError when it cannot be (an unterminated class)."""
    items, position = [], 0
    while position < len(pattern):
        found = _LEXEME.match(pattern, position)
        if found is None:
            raise ValueError(f"cannot read the pattern at {position}")
        items.append(found.group(0))
        position = found.end()
    return items


def _top_level_split(pattern: str) -> list[str]:
    """Split ``pattern`` on its top-level ``|`` (outside groups and classes)."""
    parts, current, depth = [], [], 0
    for item in _lexemes(pattern):
        if item == "(":
            depth += 1
        elif item == ")":
            depth -= 1
        elif item == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(item)
    parts.append("".join(current))
    return parts


def _tokens(alternative: str) -> tuple[str, ...] | None:
    """``small, big, small, big, ..., small``: big classes (with their quantifier)
    and the pieces between them; None when a piece is not a regex of its own."""
    items = _lexemes(alternative)
    pieces: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not (item.startswith("[") and len(item) >= BIG_CLASS):
            current.append(item)
            continue
        big = item
        if index < len(items):  # a quantifier right after the class belongs to it
            quantifier = _QUANTIFIER.match(items[index])
            if quantifier:
                big += quantifier.group(0)
                rest = items[index][quantifier.end() :]
                if rest:
                    items[index] = rest
                else:
                    index += 1
        pieces += ["".join(current), big]
        current = []
    pieces.append("".join(current))
    for small in pieces[::2]:
        try:
            re.compile(small)
        except re.error:
            return None
        if len(_top_level_split(small)) > 1:
            return None
    return tuple(pieces)


def _merge_once(alternatives: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Merge alternatives equal everywhere but in one small piece, for the first slot that merges any."""
    longest = max(len(a) for a in alternatives)
    for slot in range(0, longest, 2):
        groups: dict[tuple[object, ...], list[str]] = {}
        for tokens in alternatives:
            if slot < len(tokens):
                key = (len(tokens), tokens[:slot], tokens[slot + 1 :])
                groups.setdefault(key, []).append(tokens[slot])
            else:
                groups.setdefault((tokens,), [])
        if all(len(values) <= 1 for values in groups.values()):
            continue
        merged: list[tuple[str, ...]] = []
        for key, values in groups.items():
            if len(key) == 1:
                merged.append(key[0])  # type: ignore[arg-type]
                continue
            _, head, tail = key
            unique = list(dict.fromkeys(values))
            piece = unique[0] if len(unique) == 1 else "(?:" + "|".join(unique) + ")"
            merged.append((*head, piece, *tail))  # type: ignore[misc]
        return merged
    return alternatives


def factor_alternation(pattern: str) -> str | None:
    """An equivalent, much cheaper pattern for an alternation of anchored
    alternatives; None when ``pattern`` is not of that shape.

    ``pattern`` must be leading inline flags then ``(?:^...$)|(?:^...$)|...``
    (how spaCy builds ``TOKEN_MATCH``). The result accepts exactly the same
    strings; as every alternative spans the whole string, ``match`` finds the
    same span when it finds one.
    """
    flags = _FLAGS.match(pattern)
    prefix = flags.group(0) if flags else ""
    body = pattern[len(prefix) :]
    alternatives: list[tuple[str, ...]] = []
    try:
        for part in _top_level_split(body):
            if not (part.startswith("(?:") and part.endswith(")")):
                return None
            inner = part[3:-1]
            if not (inner.startswith("^") and inner.endswith("$") and not inner.endswith("\\$")):
                return None
            if len(_top_level_split(inner)) > 1:
                return None
            tokens = _tokens(inner)
            if tokens is None:
                return None
            alternatives.append(tokens)
    except ValueError:
        return None
    while True:
        merged = _merge_once(alternatives)
        if len(merged) == len(alternatives):
            break
        alternatives = merged
    return prefix + "|".join("(?:" + "".join(tokens) + ")" for tokens in alternatives)


@contextlib.contextmanager
def factored_token_patterns() -> Iterator[None]:
    """Within the block, ``re.compile`` compiles very long patterns in factored form.

    Thread-safe: other threads' calls pass through unchanged, and the
    original function is restored on exit even when blocks nest.
    """
    with _lock:
        original = re.compile

        def compile_factored(pattern: object, flags: int = 0) -> re.Pattern:  # type: ignore[type-arg]
            if isinstance(pattern, str) and len(pattern) > BIG_PATTERN:
                factored = _factored(pattern)
                if factored is not None:
                    return original(factored, flags)
            return original(pattern, flags)  # type: ignore[arg-type]

        re.compile = compile_factored  # type: ignore[assignment]
        try:
            yield
        finally:
            re.compile = original  # type: ignore[assignment]


_FACTORED: dict[str, str | None] = {}


def _factored(pattern: str) -> str | None:
    """``factor_alternation(pattern)``, remembered in this process and in the user cache
    folder (a file named after the pattern's digest; unusable files are ignored)."""
    if pattern in _FACTORED:
        return _FACTORED[pattern]
    import hashlib

    from .lemmas import cache_dir

    digest = hashlib.sha256(pattern.encode("utf-8")).hexdigest()[:24]
    saved = cache_dir() / f"token-match-v1-{digest}.txt"
    factored: str | None = None
    with contextlib.suppress(OSError, UnicodeDecodeError):
        factored = saved.read_text(encoding="utf-8") or None
    if factored is None:
        factored = factor_alternation(pattern)
        if factored is not None:
            with contextlib.suppress(OSError):
                saved.parent.mkdir(parents=True, exist_ok=True)
                temporary = saved.with_name(f".{saved.name}.{os.getpid()}.tmp")
                temporary.write_text(factored, encoding="utf-8")
                os.replace(temporary, saved)
    _FACTORED[pattern] = factored
    return factored
