"""Findings: small immutable records of what a rule saw, where, and how bad it is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {Severity.WARNING: 1, Severity.ERROR: 2}[self]


@dataclass(frozen=True)
class RuleInfo:
    """A rule's stable name, short code and default severity."""

    id: str
    code: str
    severity: Severity


class Applicability(str, Enum):
    """Whether ``--fix`` applies a fix (``safe``) or only ``--fix --unsafe-fixes`` does (``unsafe``)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the article (characters, after any byte-order mark) by
    ``replacement``; ``line``...``end_column`` say where, as a finding's span does (end inclusive)."""

    start: int
    end: int
    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Fix:
    """The one correction of a finding: edits applied together, or not at all."""

    description: str
    applicability: Applicability
    edits: tuple[Edit, ...]

    def as_unsafe(self) -> Fix:
        return replace(self, applicability=Applicability.UNSAFE)


@dataclass(frozen=True)
class Finding:
    """One problem at a span of the input file (1-based lines and columns, end inclusive)."""

    rule: str
    code: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    segment: int | None  # None: the finding is about the file, not one of its segments
    message: str
    related_segment: int | None = None
    language: str | None = None
    score: float | None = None
    # What differs on the other side of a pair, as (line, column, end_line, end_column) in the file:
    # the source's 25 where the translation (the finding's span) says 52. None: the whole other side.
    related_span: tuple[int, int, int, int] | None = None
    fix: Fix | None = None  # the one safe or unsafe correction, when the defect has one

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.end_line, self.end_column, self.rule, self.message)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)
