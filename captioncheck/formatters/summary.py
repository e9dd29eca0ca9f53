"""Counts over a run, shared by every formatter and the exit status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..report import FileReport
from ..findings import Applicability, Finding, Severity


@dataclass(frozen=True)
class OutputOptions:
    """How the report is written: colour on a terminal, ``--quiet``, ``--statistics``."""

    color: bool = False
    quiet: bool = False
    statistics: bool = False


@dataclass(frozen=True)
class Summary:
    files: int
    unreadable: int
    errors: int
    warnings: int
    by_rule: tuple[tuple[str, str, int], ...] = ()  # (rule, code, count), most frequent first
    fixable: int = 0  # findings with a safe fix (captioncheck --fix)
    unsafe_fixable: int = 0  # findings with an unsafe fix (captioncheck --fix --unsafe-fixes)


def found_text(report: FileReport, finding: Finding) -> str:
    """The text a finding points at, on one line (its message when it points at no segment)."""
    if finding.segment is None or report.document is None:
        return finding.message
    segment = report.document.segments[finding.segment]
    start, end = segment.offsets(finding.line, finding.column, finding.end_line, finding.end_column)
    return " ".join(segment.text[start:end].split())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def totals_line(summary: Summary) -> str:
    """"1 error, 2 warnings in 3 files checked; 1 could not be checked"."""
    checked = summary.files - summary.unreadable
    return (f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')} "
            f"in {_plural(checked, 'file')} checked"
            + (f"; {summary.unreadable} could not be checked" if summary.unreadable else "")
            + (f"; {summary.fixable} fixable with captioncheck --fix" if summary.fixable else "")
            + (f"; {summary.unsafe_fixable} more with --unsafe-fixes" if summary.unsafe_fixable else ""))


def summarize(reports: Sequence[FileReport]) -> Summary:
    findings = [f for r in reports for f in r.findings]
    return Summary(
        files=len(reports),
        unreadable=sum(1 for r in reports if r.error is not None),
        errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
        by_rule=tuple(sorted(((rule, code, n) for (rule, code), n in
                              Counter((f.rule, f.code) for f in findings).items()),
                             key=lambda item: (-item[2], item[0]))),
        fixable=sum(1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.SAFE),
        unsafe_fixable=sum(1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.UNSAFE),
    )
