"""Formatters: pure functions from file reports to the text written on standard output, picked by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..checker import FileReport
from . import json_format, text_format
from .summary import Summary, summarize

Formatter = Callable[[Sequence[FileReport], bool], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text_format.format_reports,
    "json": json_format.format_reports,
}

__all__ = ["FORMATTERS", "Formatter", "Summary", "summarize"]
