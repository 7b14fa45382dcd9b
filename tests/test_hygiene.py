"""The package's size and coupling targets, checked on its source with `ast`.

Targets (from the contributor rules, STYLE.md "one job per module"):

- a module of `a11y_pub/` has at most `MAX_MODULE_LINES` lines (physical
  lines of the file);
- a function or method has at most `MAX_FUNCTION_LINES` lines, counted from
  its `def` line to the last line of its body, decorators excluded (a nested
  function counts inside its parent and on its own);
- no `global` statement;
- no module imports another module's `_private` name, neither as
  `from a11y_pub.x import _y` (absolute or relative) nor as an attribute
  `x._y` of a module imported from the package. Dunder names (`__version__`)
  are public.

Each failure lists every offender with its size, largest first.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "a11y_pub"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


@dataclass(frozen=True, slots=True)
class Offence:
    """One breach: where (`path` or `path:function`), what, and the size found."""

    where: str
    what: str
    size: int

    def __str__(self) -> str:
        return f"{self.where}: {self.what} ({self.size})"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method in `tree` with its dotted name (Class.method, outer.inner)."""
    found = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{node.name}"
            found.append((name, node))
            found.extend(_functions(node, f"{name}."))
        elif isinstance(node, ast.ClassDef):
            found.extend(_functions(node, f"{prefix}{node.name}."))
        else:
            found.extend(_functions(node, prefix))
    return found


def _absolute_from(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module named by `from ... import`, resolving relative levels."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private_imports(path: Path, tree: ast.AST) -> list[Offence]:
    """`from a11y_pub.x import _y` and `x._y` on a package module `x` imported here."""
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    offences = []
    package_aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute_from(module, is_package, node)
            if not source.startswith("a11y_pub") or source == module:
                continue
            for alias in node.names:
                if _is_private(alias.name):
                    offences.append(Offence(f"{_relative(path)}:{node.lineno}", f"imports {source}.{alias.name}", 1))
                elif f"{source}.{alias.name}" != module:
                    package_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("a11y_pub") and alias.asname:
                    package_aliases.add(alias.asname)
    # Names bound by `from a11y_pub... import name` may be modules or values; an
    # attribute `_x` on any of them reaches into another module's privates.
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr) and isinstance(node.value, ast.Name) and node.value.id in package_aliases:
            offences.append(Offence(f"{_relative(path)}:{node.lineno}", f"uses {node.value.id}.{node.attr}", 1))
    return offences


@functools.cache
def _offences() -> dict[str, list[Offence]]:
    found: dict[str, list[Offence]] = {"modules": [], "functions": [], "globals": [], "private imports": []}
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
        rel = _relative(path)
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found["modules"].append(Offence(rel, "module lines", lines))
        for name, node in _functions(tree):
            size = node.end_lineno - node.lineno + 1
            if size > MAX_FUNCTION_LINES:
                found["functions"].append(Offence(f"{rel}:{name}", "function lines", size))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found["globals"].append(Offence(f"{rel}:{node.lineno}", "global " + ", ".join(node.names), 1))
        found["private imports"].extend(_private_imports(path, tree))
    return found


def _report(offences: list[Offence], limit: int | None) -> str:
    head = f"over {limit} lines" if limit else "found"
    ordered = sorted(offences, key=lambda o: (-o.size, o.where))
    return f"{len(ordered)} {head}:\n" + "\n".join(f"  {o}" for o in ordered)


@pytest.mark.parametrize(
    ("kind", "limit"),
    [("modules", MAX_MODULE_LINES), ("functions", MAX_FUNCTION_LINES), ("globals", None), ("private imports", None)],
)
def test_size_and_coupling_targets(kind: str, limit: int | None) -> None:
    offences = _offences()[kind]
    assert not offences, f"{kind} {_report(offences, limit)}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    return 1\n", []),
        ("def f():\n" + "    x = 1\n" * 60, ["f"]),
        ("@decorator\n" * 5 + "def f():\n" + "    x = 1\n" * 59, []),
        ("class C:\n    def m(self):\n" + "        x = 1\n" * 61, ["C.m"]),
        ("def f():\n    def g():\n" + "        x = 1\n" * 60, ["f", "f.g"]),
    ],
)
def test_function_lines_counted_from_def_to_end_of_body(source: str, expected: list[str]) -> None:
    tree = ast.parse(source)
    over = [name for name, node in _functions(tree) if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert over == expected


@pytest.mark.parametrize(
    ("rel", "source", "expected"),
    [
        ("render/x.py", "from a11y_pub.model import _tuple\n", ["imports a11y_pub.model._tuple"]),
        ("render/x.py", "from ..model import _tuple\n", ["imports a11y_pub.model._tuple"]),
        ("render/pdf/x.py", "from . import _shared\n", ["imports a11y_pub.render.pdf._shared"]),
        ("render/x.py", "from .. import model\nmodel._tuple(1)\n", ["uses model._tuple"]),
        ("render/x.py", "from ..model import Letter, __all__\n", []),
        ("render/x.py", "import json\njson._default_encoder\n", []),
        ("render/x.py", "def f(self):\n    return self._cache\n", []),
    ],
)
def test_private_imports_found(rel: str, source: str, expected: list[str]) -> None:
    offences = _private_imports(PACKAGE / rel, ast.parse(source))
    assert [o.what for o in offences] == expected
