"""Formatters: pure functions from file reports to the text written on standard output, picked by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..report import FileReport
from . import github_format, html_format, json_format, sarif_format, text_format
from .summary import OutputOptions, Summary, summarize

Formatter = Callable[[Sequence[FileReport], OutputOptions], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text_format.format_reports,
    "json": json_format.format_reports,
    "sarif": sarif_format.format_reports,
    "github": github_format.format_reports,
    "html": html_format.format_reports,
}

__all__ = ["FORMATTERS", "Formatter", "OutputOptions", "Summary", "summarize"]
