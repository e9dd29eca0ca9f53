"""Formatters: pure functions from file reports to the text written on standard output, picked by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import importlib
from collections.abc import Iterator, Mapping

from ..report import FileReport
from .summary import OutputOptions, Summary, summarize

Formatter = Callable[[Sequence[FileReport], OutputOptions], str]


class _Formatters(Mapping[str, Formatter]):
    """Each output format's ``format_reports``, by name; a formatter's module is imported when it is
    first asked for (a check imports only the one it prints with)."""

    MODULES = {"text": "text_format", "json": "json_format", "sarif": "sarif_format", "github": "github_format",
               "html": "html_format"}

    def __getitem__(self, name: str) -> Formatter:
        return importlib.import_module(f".{self.MODULES[name]}", __name__).format_reports

    def __iter__(self) -> Iterator[str]:
        return iter(self.MODULES)

    def __len__(self) -> int:
        return len(self.MODULES)


FORMATTERS: Mapping[str, Formatter] = _Formatters()

__all__ = ["FORMATTERS", "Formatter", "OutputOptions", "Summary", "summarize"]
