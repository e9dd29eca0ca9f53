"""Audit one partition: check each article as ``captioncheck --format json`` would, write the rows.

Whatever engine runs it, a partition is one call of :func:`audit_partition`, in a process that loads
the models once (:func:`load_models`) and keeps them for every later partition. Articles are checked
``BATCH`` at a time, their encoder calls joined, as the command line checks files (see
:mod:`captioncheck.steps`). An article that cannot be checked (no id, no text, an unknown format or
language, too large, too slow, a bug) is one error row, never a failed partition.
"""

from __future__ import annotations

import functools
import heapq
import json
import resource
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..api import INPUT_FORMATS, check_article, check_articles, checker_for, warm_up
from ..budget import time_limit
from ..fixer import fix_article, fixes_of
from ..report import FileReport
from ..errors import CaptionCheckError, FileTimeout
from ..findings import Severity
from ..settings import Settings, from_mapping, merge
from ..runner import BATCH
from .archive import Partition, Source, Row, Unreadable, parquet_schema, read_partition
from ..atomic import write_atomically
from .output import as_text, carried_name, write_findings

TOP = 5  # slowest and largest articles kept per partition


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    format: str
    language: str | None
    path: str | None
    carried: dict[str, Any]

    @property
    def name(self) -> str:
        """The name findings are reported under, as a file's path would be."""
        return self.path or str(self.id)


def article_of(row: dict[str, Any], text_carried: bool) -> Article | str:
    """The article a row holds, or why it holds none."""
    identifier = row.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int)) or identifier == "":
        return "no 'id' (a string or an integer)"
    text = row.get("text")
    if not isinstance(text, str):
        return "no 'text' (a string)"
    input_format = row.get("format") or "text"
    if input_format not in INPUT_FORMATS:
        return f"unknown format {input_format!r} (choose from {', '.join(INPUT_FORMATS)})"
    language = row.get("language") or None
    if language is not None and not isinstance(language, str):
        return "'language' is not a string"
    path = row.get("path") or row.get("url") or None
    carried = {carried_name(k): (as_text(v) if text_carried else v) for k, v in row.items()
               if k not in ("id", "text", "format", "language")}
    return Article(str(identifier), text, input_format, language, path if isinstance(path, str) else None, carried)


def section_of(path: str | None) -> str | None:
    """The first folder of an article's path or URL (``politics`` for ``politics/2024/kyiv.md``)."""
    if not path:
        return None
    parts = PurePosixPath(urlsplit(path).path if "://" in path else path).parts
    parts = tuple(p for p in parts if p != "/")
    return parts[0] if len(parts) > 1 else "(top)"


@functools.lru_cache(maxsize=64)
def _settings_for_language(settings: Settings, language: str | None) -> Settings:
    if language is None:
        return settings
    return merge(settings, from_mapping({"language": language}, "the article's 'language'"))


def load_models(settings: Settings) -> None:
    """Load the models this process will check with (once per process)."""
    warm_up(settings)


def _rows_of(article: Article, number: int, report: FileReport) -> list[dict[str, Any]]:
    base = {"id": article.id, "row": number, "path": article.path, "article_language": report.language}
    if report.error is not None:
        return [{**base, "article_language": None, "error": report.error, **article.carried}]
    segments = report.document.segments if report.document is not None else ()
    rows = []
    for finding in report.findings:
        related = segments[finding.related_segment] if finding.related_segment is not None else None
        rows.append({
            **base, "rule": finding.rule, "code": finding.code, "severity": finding.severity.value,
            "line": finding.line, "column": finding.column, "end_line": finding.end_line,
            "end_column": finding.end_column, "language": finding.language, "message": finding.message,
            "score": finding.score,
            "segment_text": segments[finding.segment].text if finding.segment is not None else None,
            "related_line": related.line if related is not None else None,
            "related_text": related.text if related is not None else None,
            **article.carried,
        })
    return rows


def listed_article(row: int, identifier: str | None, path: str | None, *, reason: str | None = None,
                   report: FileReport | None = None) -> dict[str, Any]:
    """How the summary names an article not checked (``reason``) or with findings (``report``)."""
    findings = report.findings if report is not None else ()
    return {"row": row, "id": identifier, "path": path, "reason": reason, "findings": len(findings),
            "errors": sum(f.severity is Severity.ERROR for f in findings),
            "rules": sorted({f.rule for f in findings})}


def _fixed(article: Article, number: int, report: FileReport, settings: Settings) -> dict[str, Any] | None:
    """The row of ``fixed/part-NNNNNN.jsonl`` for an article its fixes change (``fix = true``), or None."""
    if not fixes_of(report.findings, settings.unsafe_fixes):
        return None
    try:
        with time_limit(settings.timeout_per_file):
            fixed = fix_article(checker_for(settings), article.text, article.format, article.name, settings,
                                report)
    except FileTimeout:
        return None
    if fixed.text == article.text:
        return None
    return {"id": article.id, "row": number, "path": article.path, "fixes_applied": fixed.fixed, "text": fixed.text}


def _checked(rows: Iterable[tuple[int, Row]], settings: Settings, text_carried: bool,
             ) -> Iterator[tuple[int, Row, Article | str, FileReport | None, float]]:
    """``(row number, row, its article or why it has none, the article's report, the seconds its check
    took)`` for each row, in order; the articles checked ``BATCH`` at a time."""
    waiting: list[tuple[int, Row, Article | str]] = []

    def checked() -> Iterator[tuple[int, Row, Article | str, FileReport | None, float]]:
        reports: dict[int, tuple[FileReport, float]] = {}
        numbers, items = [], []
        for number, _, article in waiting:
            if isinstance(article, Article):
                try:
                    items.append((article.text, article.format, article.name,
                                  _settings_for_language(settings, article.language)))
                    numbers.append(number)
                except CaptionCheckError as error:  # a bad 'language'
                    reports[number] = FileReport(path=article.name, error=str(error)), 0.0
        try:
            reports.update(zip(numbers, check_articles(items)))
        except CaptionCheckError:  # a model that cannot load: said for each article, checked alone
            reports.update((number, _alone(*item)) for number, item in zip(numbers, items))
        for number, row, article in waiting:
            report, seconds = reports.get(number, (None, 0.0))
            yield number, row, article, report, seconds
        waiting.clear()

    for number, row in rows:
        waiting.append((number, row, row.reason if isinstance(row, Unreadable) else article_of(row, text_carried)))
        if sum(isinstance(article, Article) for _, _, article in waiting) >= BATCH:
            yield from checked()
    yield from checked()


def _alone(text: str, input_format: str, name: str, settings: Settings) -> tuple[FileReport, float]:
    began = time.perf_counter()
    try:
        report = check_article(text, input_format, name, settings)
    except CaptionCheckError as error:
        report = FileReport(path=name, error=str(error))
    return report, time.perf_counter() - began


def audit_partition(plan: Source, partition: Partition, output: str, output_format: str,
                    settings: Settings) -> dict[str, Any]:
    """Check every article of ``partition``; write its findings and then its manifest; return the manifest."""
    started = time.perf_counter()
    directory = Path(output)
    rows: list[dict[str, Any]] = []
    rules: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    language_pairs: Counter[str] = Counter()
    sections: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    largest: list[tuple[int, str]] = []
    listed: list[dict[str, Any]] = []  # every article not checked or with findings, in row order
    fixed_rows: list[dict[str, Any]] = []  # with fix: each article its fixes changed
    articles = errors = with_findings = 0
    text_carried = plan.format == "jsonl"
    # JSON escapes (\uXXXX) write a character in up to 12 bytes: a longer line cannot hold an article
    # within max-file-size, and is not parsed.
    for number, row, article, report, seconds in _checked(
            read_partition(plan, partition, 12 * settings.max_file_size + 65536), settings, text_carried):
        articles += 1
        if isinstance(article, str):
            errors += 1
            identifier = row.id if isinstance(row, Unreadable) else row.get("id")
            rows.append({"id": as_text(identifier) if identifier is not None else None, "row": number,
                         "error": article})
            listed.append(listed_article(number, rows[-1]["id"], None, reason=article))
            continue
        assert report is not None  # every article is checked
        began = time.perf_counter()
        if settings.fix and report.error is None:
            fixed_row = _fixed(article, number, report, _settings_for_language(settings, article.language))
            if fixed_row is not None:
                fixed_rows.append(fixed_row)
        seconds += time.perf_counter() - began
        heapq.heappush(slowest, (round(seconds, 6), article.id))
        heapq.heappush(largest, (len(article.text), article.id))
        if len(slowest) > TOP:
            heapq.heappop(slowest)
        if len(largest) > TOP:
            heapq.heappop(largest)
        article_rows = _rows_of(article, number, report)
        rows.extend(article_rows)
        if report.error is not None:
            errors += 1
            listed.append(listed_article(number, article.id, article.path, reason=report.error))
            continue
        if report.findings:
            with_findings += 1
            listed.append(listed_article(number, article.id, article.path, report=report))
        section = section_of(article.path)
        for finding in report.findings:
            rules[finding.rule] += 1
            severities[finding.severity.value] += 1
            if finding.language and report.language and finding.language != report.language:
                language_pairs[f"{finding.language}>{report.language}"] += 1
            if section is not None:
                sections[section] += 1
    if settings.fix:
        write_atomically(directory / "fixed" / f"{partition.name}.jsonl",
                         "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in fixed_rows).encode())
    findings_file = directory / "findings" / f"{partition.name}.{output_format}"
    size = write_findings(findings_file, rows, output_format,
                          parquet_schema(plan) if plan.format == "parquet" else None)
    manifest = {
        "partition": partition.index, "first_row": partition.first_row, "articles": articles,
        "errors": errors, "articles_with_findings": with_findings,
        "findings": sum(rules.values()), "rules": dict(sorted(rules.items())),
        "severities": dict(sorted(severities.items())),
        "language_pairs": dict(sorted(language_pairs.items())), "sections": dict(sorted(sections.items())),
        "slowest": [[s, i] for s, i in sorted(slowest, reverse=True)],
        "largest": [[n, i] for n, i in sorted(largest, reverse=True)],
        "listed": listed,
        "seconds": round(time.perf_counter() - started, 3),
        "worker_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "findings_file": findings_file.name, "findings_file_size": size,
    }
    write_atomically(directory / "manifests" / f"{partition.name}.json", json.dumps(manifest, indent=1).encode())
    return manifest
