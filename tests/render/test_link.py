"""The letter's web address for print: page address, short link, alternate text, QR code."""

from __future__ import annotations

import pytest

from a11y_pub.errors import ConfigError
from a11y_pub.render.link import link_alt_text, page_url, qr_png, short_link


@pytest.mark.parametrize(
    "base,name,expected",
    [
        ("https://example.org/lettres", "lettre-a", "https://example.org/lettres/lettre-a/"),
        ("https://example.org/lettres/", "lettre-a", "https://example.org/lettres/lettre-a/"),
        ("http://asso.fr", "x", "http://asso.fr/x/"),
    ],
)
def test_page_url(base: str, name: str, expected: str) -> None:
    assert page_url(base, name) == expected


@pytest.mark.parametrize("base", ["example.org", "ftp://example.org", "https://", "https://a.org/?q=1", "https://a.org/#x"])
def test_page_url_refuses_what_is_not_a_web_address(base: str) -> None:
    with pytest.raises(ConfigError, match="is not a web address"):
        page_url(base, "x")


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.example.org/lettres/a/", "example.org/lettres/a"),
        ("http://asso.fr/x/", "asso.fr/x"),
    ],
)
def test_short_link(url: str, expected: str) -> None:
    assert short_link(url) == expected


@pytest.mark.parametrize(
    "language,expected",
    [
        ("fr", "QR code menant à la version web de cette lettre : asso.fr/x"),
        ("en", "QR code leading to the web version of this letter: asso.fr/x"),
    ],
)
def test_alt_text_in_the_letters_language(language: str, expected: str) -> None:
    assert link_alt_text("https://asso.fr/x/", language) == expected


def test_qr_png_is_a_deterministic_black_and_white_png() -> None:
    first = qr_png("https://example.org/lettres/lettre-a/")
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert qr_png("https://example.org/lettres/lettre-a/") == first
    assert qr_png("https://example.org/lettres/lettre-b/") != first
