"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

``::error file=F,line=L,endLine=E,col=C,endColumn=X,title=T::MESSAGE``, as GitHub's workflow-command
format says: property values escape ``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and
LF; ``col`` and ``endColumn`` are given only for a finding on one line (the format forbids them on a
span of lines), ``endColumn`` just past the last character.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..report import FileReport
from ..findings import Finding
from .summary import OutputOptions


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    where = f"file={_property(path)},line={finding.line},endLine={finding.end_line}"
    if finding.line == finding.end_line:
        where += f",col={finding.column},endColumn={finding.end_column + 1}"
    title = _property(f"{finding.rule} [{finding.code}]")
    return f"::{finding.severity.value} {where},title={title}::{_data(finding.message)}"


def format_reports(reports: Sequence[FileReport], options: OutputOptions | None = None) -> str:
    lines = []
    for report in reports:
        if report.error is not None:
            lines.append(f"::error file={_property(report.path)},title=captioncheck::{_data(report.error)}")
        lines += [annotation(report.path, finding) for finding in report.findings]
    return "\n".join(lines) + ("\n" if lines else "")
