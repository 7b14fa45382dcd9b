"""Easy-to-read (FALC-inspired) summary and the checker that measures it.

Public API: ``summarize(letter, opts) -> Summary``, ``check_text(text,
language, opts) -> Report``, ``format_report(report, fmt)``.
"""

from __future__ import annotations

from .checker import CheckOptions, Finding, Report, check_text, format_report

__all__ = ["CheckOptions", "Finding", "Report", "check_text", "format_report", "summarize"]


def summarize(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Build the easy-read summary of a letter (see ``summarize.summarize``)."""
    from .summarize import summarize as _summarize

    return _summarize(*args, **kwargs)
