"""The JSON format of DESIGN.md: one document with every file, its segments, pairs and findings."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import Any

from ..about import __version__
from ..report import FileReport
from ..findings import Finding, Fix
from .summary import OutputOptions, summarize

FORMAT_VERSION = 1  # of the report: see captioncheck/schemas/report.schema.json


_SPAN = ("line", "column", "end_line", "end_column")


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule, "code": finding.code, "severity": finding.severity.value,
        "line": finding.line, "column": finding.column,
        "end_line": finding.end_line, "end_column": finding.end_column,
        "segment": finding.segment, "related_segment": finding.related_segment,
        "language": finding.language, "message": finding.message, "score": finding.score,
        "related_span": None if finding.related_span is None else dict(zip(_SPAN, finding.related_span)),
        "fix": None if finding.fix is None else fix_entry(finding.fix),
    }


def fix_entry(fix: Fix) -> dict[str, Any]:
    """A fix as JSON (the report's, the server's)."""
    return {"description": fix.description, "applicability": fix.applicability.value,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement, "line": e.line,
                       "column": e.column, "end_line": e.end_line, "end_column": e.end_column} for e in fix.edits]}


def file_entry(report: FileReport) -> dict[str, Any]:
    if report.error is not None or report.document is None:
        return {"path": report.path, "error": report.error}
    segments = [
        {"id": s.id, "line": s.line, "end_line": s.end_line, "kind": s.kind.value,
         "language": d.language, "confidence": round(d.confidence, 4), "text": s.text}
        for s, d in zip(report.document.segments, report.detections)
    ]
    return {
        "path": report.path,
        "language": report.language,
        "segments": segments,
        "pairs": [{"source": p.source, "target": p.target, "similarity": round(p.similarity, 4),
                   "cosine": round(p.cosine, 4)}
                  for p in report.pairs],
        "findings": [_finding(f) for f in report.findings],
        **({"notices": list(report.notices)} if report.notices else {}),
    }


def format_reports(reports: Sequence[FileReport], options: OutputOptions | None = None) -> str:
    summary = summarize(reports)
    totals: dict[str, Any] = {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings}
    if options is not None and options.statistics:
        totals["rules"] = {rule: count for rule, _, count in summary.by_rule}
    document = {"version": __version__, "format_version": FORMAT_VERSION, "files": [file_entry(r) for r in reports],
                "summary": totals}
    return dumps(document) + "\n"


def dumps(value: Any, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, faster.

    With an indent the standard library falls back to its pure-Python encoder, a generator per
    level and per item; a report of a few thousand segments spent more time there than checking.
    Strings are still escaped by the standard library's C function.
    """
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = indent + "  "
        separator = ",\n" + inner
        return ("{\n" + inner + separator.join([encode_basestring(str(key)) + ": " + dumps(item, inner)
                                                for key, item in value.items()]) + "\n" + indent + "}")
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = indent + "  "
        separator = ",\n" + inner
        return "[\n" + inner + separator.join([dumps(item, inner) for item in value]) + "\n" + indent + "]"
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(value)  # floats (NaN and infinities as the standard library writes them), subclasses
