"""Counts over a run, shared by every formatter and the exit status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..checker import FileReport
from ..findings import Severity


@dataclass(frozen=True)
class Summary:
    files: int
    unreadable: int
    errors: int
    warnings: int


def summarize(reports: Sequence[FileReport]) -> Summary:
    findings = [f for r in reports for f in r.findings]
    return Summary(
        files=len(reports),
        unreadable=sum(1 for r in reports if r.error is not None),
        errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
    )
