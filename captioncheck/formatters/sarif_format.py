"""SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning, Azure DevOps, IDEs).

Shaped for GitHub code scanning: each rule has a short and a full description, ``help`` in text and
Markdown and a ``helpUri``; file locations are relative to ``%SRCROOT%`` (the current folder, given
in ``originalUriBaseIds``) when they are inside it, absolute ``file:`` URIs otherwise, and a name
such as ``a:b.md`` is escaped so that it never reads as a URI scheme; every result has
``partialFingerprints`` that depend on the rule, the file and the text found, not on line numbers, so
an alert survives lines added above it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..about import REPOSITORY, __version__
from ..report import FileReport
from ..findings import Finding
from ..rules.registry import RULES, documentation, summary
from ..rules.docs import markdown, plain
from .summary import OutputOptions, found_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY
SRCROOT = "%SRCROOT%"
FINGERPRINT = "captioncheck/v1"
_INDEX = {rule.RULE.id: index for index, rule in enumerate(RULES)}


def _artifact(path: str, root: Path) -> dict[str, Any]:
    """A location for ``path``: relative to %SRCROOT% when inside it, else an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    # Every character that could start a scheme, query or fragment is escaped ("a:b.md" -> "a%3Ab.md").
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column + 1}


def _result(report: FileReport, finding: Finding, root: Path, seen: Counter) -> dict[str, Any]:
    text = found_text(report, finding)
    key = (report.path, finding.rule, text)
    seen[key] += 1  # the same text twice in a file: two alerts, told apart by their order
    fingerprint = hashlib.sha256(f"{finding.rule}\0{Path(report.path).as_posix()}\0{text}\0{seen[key]}"
                                 .encode("utf-8", "surrogatepass")).hexdigest()[:32]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": _INDEX[finding.rule],
        "level": finding.severity.value,
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(report.path, root),
            "region": _region(finding.line, finding.column, finding.end_line, finding.end_column),
        }}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if finding.related_segment is not None and report.document is not None:
        related = report.document.segments[finding.related_segment]
        result["relatedLocations"] = [{
            "id": 1,
            "message": {"text": "the other side of the caption pair" if finding.related_span is None
                        else "what the other side of the caption pair says"},
            "physicalLocation": {"artifactLocation": _artifact(report.path, root),
                                 "region": _region(*(finding.related_span or related.span(0, len(related.text))))},
        }]
    if finding.fix is not None:
        unsafe = " (unsafe: captioncheck --fix --unsafe-fixes)" if finding.fix.applicability.value == "unsafe" else ""
        result["fixes"] = [{
            "description": {"text": finding.fix.description + unsafe},
            "artifactChanges": [{"artifactLocation": _artifact(report.path, root), "replacements": [
                {"deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
                 "insertedContent": {"text": edit.replacement}} for edit in finding.fix.edits]}],
        }]
    return result


def _rule(rule) -> dict[str, Any]:
    doc = documentation(rule)
    module = rule.__name__.rsplit(".", 1)[-1]
    return {
        "id": rule.RULE.id,
        "name": "".join(part.capitalize() for part in rule.RULE.id.split("-")),
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": plain(doc)},
        "help": {"text": plain(doc), "markdown": markdown(doc)},
        "helpUri": f"{REPOSITORY}/blob/main/captioncheck/rules/{module}.py",
        "defaultConfiguration": {"level": rule.RULE.severity.value},
        "properties": {"code": rule.RULE.code, "tags": ["translation", rule.RULE.code]},
    }


def format_reports(reports: Sequence[FileReport], options: OutputOptions | None = None) -> str:
    root = Path(os.path.abspath(os.curdir))
    unreadable = [r for r in reports if r.error is not None]
    seen: Counter = Counter()
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "captioncheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": [_rule(rule) for rule in RULES]}},
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
        "results": [_result(r, f, root, seen) for r in reports for f in r.findings],
        "invocations": [{
            "executionSuccessful": not unreadable,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                 "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path, root)}}]}
                for r in unreadable
            ],
        }],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
