"""What every rule module provides, and the helper that turns a segment span into a finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..context import Context
from ..document import Segment
from ..findings import Finding, RuleInfo


class RuleModule(Protocol):
    """A rule is a module: its docstring is its documentation, ``RULE`` its identity."""

    __doc__: str | None
    RULE: RuleInfo

    def check(self, context: Context) -> Iterator[Finding]: ...


def finding_at(rule: RuleInfo, segment: Segment, start: int, end: int, message: str, **extra) -> Finding:
    """A finding of ``rule`` over ``segment.text[start:end]``."""
    line, column, end_line, end_column = segment.span(start, end)
    return Finding(rule=rule.id, code=rule.code, severity=rule.severity, line=line, column=column,
                   end_line=end_line, end_column=end_column, segment=segment.id, message=message, **extra)


def quote(text: str, limit: int = 60) -> str:
    """``text`` shortened for a message."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit - 1]}…'"
