"""Easy-to-read (FALC-inspired) summary and the checker that measures it.

Public API: ``summarize(letter, opts) -> Summary``, ``check_text(text,
language, opts) -> Report``, ``format_report(report, fmt)``.
"""

from __future__ import annotations

from .checker import CheckOptions, Finding, Report, check_text, format_report

# Imported here, not wrapped: a wrapper named like the ``summarize`` submodule is replaced by
# the module as soon as anything imports ``a11y_pub.easyread.summarize``.
from .summarize import summarize  # noqa: E402

__all__ = ["CheckOptions", "Finding", "Report", "check_text", "format_report", "summarize"]
