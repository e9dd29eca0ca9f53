"""The human format: ``path:line:col: severity rule [code] message``, then the offending text.

Colour (ANSI) only when asked to, which the command line does for a terminal without ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..checker import FileReport
from ..findings import Finding, Severity
from .summary import OutputOptions, summarize

EXCERPT_CHARS = 100
_RESET = "\033[0m"
_STYLES = {"path": "\033[1m", Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m",
           "rule": "\033[2m", "excerpt": "\033[36m"}


# Control characters (ESC and the like) and bidirectional overrides from an article never reach the
# terminal as such: they are shown escaped.
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _paint(text: str, style: object, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def _excerpt(report: FileReport, finding: Finding) -> str:
    assert report.document is not None
    segment = report.document.segments[finding.segment]
    start = segment.offset(finding.line, finding.column)
    end = segment.offset(finding.end_line, finding.end_column) + 1
    text = " ".join(segment.text[start:end].split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1] + "…"


def format_finding(report: FileReport, finding: Finding, color: bool, excerpt: bool = True) -> str:
    where = _paint(f"{printable(report.path)}:{finding.line}:{finding.column}:", "path", color)
    severity = _paint(finding.severity.value, finding.severity, color)
    rule = _paint(f"{finding.rule} [{finding.code}]", "rule", color)
    line = f"{where} {severity} {rule} {printable(finding.message)}"
    if not excerpt or finding.segment is None:
        return line
    return f"{line}\n    | {_paint(printable(_excerpt(report, finding)), 'excerpt', color)}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_reports(reports: Sequence[FileReport], options: OutputOptions = OutputOptions()) -> str:
    summary = summarize(reports)
    if options.statistics:
        lines = [f"{count:>6}  {code}  {rule}" for rule, code, count in summary.by_rule]
    else:
        lines = [format_finding(r, f, options.color, excerpt=not options.quiet) for r in reports for f in r.findings]
    if lines and not options.quiet:
        checked = summary.files - summary.unreadable
        lines.append(f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')} "
                     f"in {_plural(checked, 'file')} checked"
                     + (f"; {summary.unreadable} could not be checked" if summary.unreadable else ""))
    return "\n".join(lines) + ("\n" if lines else "")
