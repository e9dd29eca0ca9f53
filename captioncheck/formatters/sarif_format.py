"""SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning, Azure DevOps, IDEs)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..checker import FileReport
from ..findings import Finding
from ..rules import RULES, documentation, summary
from .summary import OutputOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/captioncheck/"
_INDEX = {rule.RULE.id: index for index, rule in enumerate(RULES)}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:")


def _location(path: str, finding: Finding) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": _uri(path)},
        "region": {"startLine": finding.line, "startColumn": finding.column,
                   "endLine": finding.end_line, "endColumn": finding.end_column + 1},
    }}


def _result(report: FileReport, finding: Finding) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": _INDEX[finding.rule],
        "level": finding.severity.value,
        "message": {"text": finding.message},
        "locations": [_location(report.path, finding)],
    }
    if finding.related_segment is not None and report.document is not None:
        related = report.document.segments[finding.related_segment]
        line, column, end_line, end_column = related.span(0, len(related.text))
        result["relatedLocations"] = [{
            "id": 1,
            "message": {"text": "the other side of the caption pair"},
            "physicalLocation": {"artifactLocation": {"uri": _uri(report.path)},
                                 "region": {"startLine": line, "startColumn": column,
                                            "endLine": end_line, "endColumn": end_column + 1}},
        }]
    return result


def _rule(rule) -> dict[str, Any]:
    return {
        "id": rule.RULE.id,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": documentation(rule)},
        "defaultConfiguration": {"level": rule.RULE.severity.value},
        "properties": {"code": rule.RULE.code},
    }


def format_reports(reports: Sequence[FileReport], options: OutputOptions | None = None) -> str:
    unreadable = [r for r in reports if r.error is not None]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "captioncheck", "version": __version__, "informationUri": INFORMATION_URI,
                            "rules": [_rule(rule) for rule in RULES]}},
        "results": [_result(r, f) for r in reports for f in r.findings],
        "invocations": [{
            "executionSuccessful": not unreadable,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]}
                for r in unreadable
            ],
        }],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
