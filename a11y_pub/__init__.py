"""a11y_pub: turn a letter into accessible audio, large print and easy-read versions.

Public API: ``Letter``, ``parse_letter``, ``build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .model import Letter
    from .parse import parse_letter
    from .pipeline import build

__all__ = ["Letter", "__version__", "build", "parse_letter"]


def __getattr__(name: str) -> Any:
    # Imported on first use so that `a11y-pub --help` starts fast.
    if name == "Letter":
        from .model import Letter

        return Letter
    if name == "parse_letter":
        from .parse import parse_letter

        return parse_letter
    if name == "build":
        from .pipeline import build

        return build
    raise AttributeError(name)
