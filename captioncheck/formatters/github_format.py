"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff."""

from __future__ import annotations

from collections.abc import Sequence

from ..checker import FileReport
from .summary import OutputOptions


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_reports(reports: Sequence[FileReport], options: OutputOptions | None = None) -> str:
    lines = []
    for report in reports:
        if report.error is not None:
            lines.append(f"::error file={_property(report.path)},title=captioncheck::{_data(report.error)}")
        for f in report.findings:
            lines.append(
                f"::{f.severity.value} file={_property(report.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_property(f'{f.rule} [{f.code}]')}"
                f"::{_data(f.message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
