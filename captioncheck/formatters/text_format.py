"""The human format: ``path:line:col: severity rule [code] message`` (``[*]`` before a message whose finding ``--fix`` fixes), then the offending text.

Under a finding about a caption pair (``CC2xx``), the two sides one above the other, each with its
line number, each cut to a window around what differs, and ``^`` under what differs on both::

    news/a.txt:6:10: error number-mismatch [CC202] line 5 says 40 where line 6 says 14
        5 | Más de 40 drones iraníes atacaron Kiev durante la noche
          |        ^^
        6 | Plus de 14 drones iraniens ont attaqué Kiev pendant la nuit
          |         ^^

Colour (ANSI) only when asked to, which the command line does for a terminal without ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Sequence


from .. import patterns
from ..report import FileReport
from ..findings import Applicability, Finding, Severity
from .summary import OutputOptions, found_text, summarize, totals_line

EXCERPT_CHARS = 100
_RESET = "\033[0m"
_STYLES = {"path": "\033[1m", Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m",
           "rule": "\033[2m", "excerpt": "\033[36m"}


# Control characters (ESC and the like) and bidirectional overrides from an article never reach the
# terminal as such: they are shown escaped.
_CONTROL = patterns.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _paint(text: str, style: object, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def _excerpt(report: FileReport, finding: Finding) -> str:
    text = found_text(report, finding)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1] + "…"


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``text`` on one line, cut to EXCERPT_CHARS around ``[start, end)``; the span's new place."""
    flat = "".join(" " if ch in "\r\n\t" else ch for ch in text)
    begin = max(0, min(start - EXCERPT_CHARS // 3, len(flat) - EXCERPT_CHARS))
    shown = flat[begin:begin + EXCERPT_CHARS]
    prefix = "…" if begin else ""
    suffix = "…" if begin + EXCERPT_CHARS < len(flat) else ""
    return prefix + shown + suffix, start - begin + len(prefix), min(end, begin + EXCERPT_CHARS) - begin + len(prefix)


def _pair_excerpt(report: FileReport, finding: Finding, color: bool, mark: bool) -> str:
    """The finding's segment and its partner, in file order, each with its line number and cut to a
    window around what differs; with ``mark``, ``^`` under the finding's span and under what differs
    on the other side (its ``related_span``)."""
    assert report.document is not None and finding.segment is not None and finding.related_segment is not None
    segments = report.document.segments
    found, partner = segments[finding.segment], segments[finding.related_segment]
    spans = {found.id: found.offsets(finding.line, finding.column, finding.end_line, finding.end_column),
             partner.id: partner.offsets(*finding.related_span) if finding.related_span else None}
    width = len(str(max(found.line, partner.line)))
    lines = []
    for segment in sorted((found, partner), key=lambda s: (s.line, s.id)):
        span = spans[segment.id]
        shown, mark_start, mark_end = _window(segment.text, *(span or (0, 0)))
        lines.append(f"    {segment.line:>{width}} | {_paint(printable(shown), 'excerpt', color)}")
        if mark and span is not None:
            marks = " " * len(printable(shown[:mark_start])) + "^" * max(1, len(printable(shown[mark_start:mark_end])))
            lines.append(f"    {'':>{width}} | {_paint(marks, finding.severity, color)}")
    return "\n".join(lines)


def format_finding(report: FileReport, finding: Finding, color: bool, excerpt: bool = True) -> str:
    where = _paint(f"{printable(report.path)}:{finding.line}:{finding.column}:", "path", color)
    severity = _paint(finding.severity.value, finding.severity, color)
    rule = _paint(f"{finding.rule} [{finding.code}]", "rule", color)
    fixable = "[*] " if finding.fix is not None and finding.fix.applicability is Applicability.SAFE else ""
    line = f"{where} {severity} {rule} {fixable}{printable(finding.message)}"
    if not excerpt or finding.segment is None:
        return line
    if finding.related_segment is not None:  # a caption and its translation (or untranslated source)
        return f"{line}\n{_pair_excerpt(report, finding, color, mark=finding.code.startswith('CC2'))}"
    return f"{line}\n    | {_paint(printable(_excerpt(report, finding)), 'excerpt', color)}"


def format_reports(reports: Sequence[FileReport], options: OutputOptions = OutputOptions()) -> str:
    summary = summarize(reports)
    if options.statistics:
        lines = [f"{count:>6}  {code}  {rule}" for rule, code, count in summary.by_rule]
    else:
        lines = [format_finding(r, f, options.color, excerpt=not options.quiet) for r in reports for f in r.findings]
    if lines and not options.quiet:
        lines.append(totals_line(summary))
    return "\n".join(lines) + ("\n" if lines else "")
