"""The letter's web address for print: a short link and a QR code.

With ``build --base-url URL``, each letter's web page is published at
``URL/<letter-name>/``; the pipeline hands that address to the renderers
that declare ``needs=("page-url",)`` (None without ``--base-url``). The
large-print and easy-read PDFs print it as text and as a QR code
(``qr_png``), which the PDF tags as a Figure with ``link_alt_text`` as its
alternate text (PDF/UA-1 7.3: every figure has alternate text).
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

from ..errors import ConfigError

WEB_VERSION = {  # the line that introduces the short link, in the letter's language
    "fr": "Lire et écouter cette lettre sur internet\u00a0:",
    "en": "Read and listen to this letter online:",
}

ALT_TEXT = {
    "fr": "QR code menant à la version web de cette lettre : {link}",
    "en": "QR code leading to the web version of this letter: {link}",
}


def page_url(base_url: str, letter_name: str) -> str:
    """The address of a letter's web page: ``base_url`` + ``/<letter-name>/``.

    Raises:
        ConfigError: ``base_url`` is not an absolute http(s) address.
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"--base-url '{base_url}' is not a web address", cause="write it like https://example.org/lettres")
    return f"{base_url.strip().rstrip('/')}/{letter_name}/"


def short_link(url: str) -> str:
    """``url`` as printed for readers: without ``https://`` and ``www.``, nor the last ``/``."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def link_alt_text(url: str, language: str) -> str:
    """The alternate text of the QR code figure, in the letter's language."""
    return ALT_TEXT.get(language, ALT_TEXT["en"]).format(link=short_link(url))


def web_version_line(url: str, language: str) -> tuple[str, int, int]:
    """The printed line that gives the letter's web page, for documents without the QR code.

    Returns:
        ``(text, start, end)``: the line (``WEB_VERSION`` then the short link)
        and the character offsets of the short link in it, to be made a link
        to ``url``.
    """
    lead = WEB_VERSION.get(language, WEB_VERSION["en"])
    link = short_link(url)
    return f"{lead} {link}", len(lead) + 1, len(lead) + 1 + len(link)


def qr_png(url: str, module_px: int = 10) -> bytes:
    """A QR code of ``url`` as a black-on-white PNG (error correction M, 4-module quiet zone).

    ``module_px``: pixels per module. The same URL gives the same bytes.
    """
    import segno

    buffer = io.BytesIO()
    segno.make_qr(url, error="m", boost_error=False).save(buffer, kind="png", scale=module_px, border=4,
                                                           dark="#000000", light="#ffffff")
    return buffer.getvalue()
