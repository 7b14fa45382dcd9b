"""Web and e-mail addresses in running text, found so every output can link them.

``find_links(text)`` returns ``(start, end, target)`` for each bare address:
``https://…``/``http://…`` and ``www.…`` (target with ``https://``), and
e-mail addresses (target ``mailto:…``). Trailing punctuation that ends the
sentence is not part of the address (RFC 3986 allows it, but a reader never
means it).
"""

from __future__ import annotations

import re

__all__ = ["find_links", "link_target"]

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]’']")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def link_target(address: str) -> str:
    """The link target of an address as written: ``mailto:`` for e-mail, ``https://`` added to ``www.``."""
    if "@" in address and not address.startswith(("http", "www")):
        return f"mailto:{address}"
    return address if address.startswith("http") else f"https://{address}"


def find_links(text: str, taken: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Bare addresses in ``text`` as ``(start, end, target)``, skipping ranges in ``taken``."""
    taken = list(taken or [])
    found: list[tuple[int, int, str]] = []
    for pattern in (_URL_RE, _EMAIL_RE):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, link_target(match.group(0))))
    return sorted(found)
