"""``captioncheck audit``: check a whole archive of articles, resumably, on local processes or Dask.

    captioncheck audit archive.parquet --output audit/ [--engine local|dask] [--scheduler ADDRESS]
                       [--output-format parquet|jsonl] [--jobs N] [--partition-rows N] [--restart]

The archive (JSON Lines or Parquet, one article a row: ``id``, ``text``, optional ``format``
text|markdown|html, ``language``, ``path`` or ``url``, any other columns carried through) is cut into
partitions (:mod:`.archive`), each checked by a worker that loaded the models once (:mod:`.engines`,
:mod:`.worker`) exactly as ``captioncheck --format json`` checks a file, and written as one findings
file and one manifest (:mod:`.output`). The output folder remembers the plan: the same command
again skips the partitions that are complete and does only the rest, so a killed run loses at most
the partitions in flight. At the end the summary (:mod:`.summary`) is printed and written as
``summary.json`` and ``summary.html``.

Exit status: 2 if an article could not be checked or a partition was not done, 1 if a finding
reaches ``fail-on``, else 0.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CaptionCheckError
from ..findings import Severity
from ..settings import Settings
from .archive import Plan, load_plan, make_plan, save_plan
from .engines import ENGINES, Failed, Task, run_dask, run_local
from ..atomic import write_atomically
from .output import OUTPUT_FORMATS, foreign_files, owned_files, remove_temporaries, require_pyarrow
from .summary import ARTICLES_FILE, Summary, format_csv, format_html, format_text, listed_articles, summarize, to_json_text

DEFAULT_PARTITION_ROWS = 500
PLAN_FILE, OPTIONS_FILE = "plan.json", "options.json"


@dataclass(frozen=True)
class AuditResult:
    summary: Summary
    done_before: int  # partitions complete before this run, skipped
    done_now: int
    exit_status: int


# Settings that change what a partition writes: a resumed audit must have the same.
VERDICT_SETTINGS = ("language", "languages", "allowed_languages", "langid", "model", "severity", "ignore",
                    "divergence_threshold", "max_file_size", "timeout_per_file", "report_unused_suppressions",
                    "fix", "unsafe_fixes")


def _options_record(output_format: str, settings: Settings) -> dict[str, Any]:
    """What must not change between a run and its resumption (verdicts and file layout)."""
    values = {name: getattr(settings, name) for name in VERDICT_SETTINGS}
    return {"output_format": output_format, "settings": json.loads(json.dumps(values, default=str))}


def _what_changed(plan: Plan, archive: Path, saved: Any, record: dict[str, Any], rows: int) -> str:
    """Why the audit in the output folder cannot be resumed by this run, in words; "" when it can."""
    if str(archive.resolve()) != plan.archive:
        return f"of another archive ({plan.archive})"
    if not plan.matches(archive):
        return "of this archive before it changed (its size or time differs)"
    if plan.rows_per_partition != rows:
        return f"with --partition-rows {plan.rows_per_partition} where this run has {rows}"
    if not isinstance(saved, dict):
        return "whose options.json is missing or unreadable"
    if saved.get("output_format") != record["output_format"]:
        return f"with --output-format {saved.get('output_format')} where this run has {record['output_format']}"
    before, now = saved.get("settings") or {}, record["settings"]
    for name in sorted(set(before) | set(now)):
        if before.get(name) != now.get(name):
            return (f"with the setting {name.replace('_', '-')} = {json.dumps(before.get(name))} where this run has "
                    f"{json.dumps(now.get(name))}")
    return ""


def _owned(output: Path, plan: Plan) -> set[Path]:
    """The files the audit of ``plan`` may have written in ``output``."""
    return owned_files(output, [p.name for p in plan.partitions], (PLAN_FILE, OPTIONS_FILE))


def _prepare(archive: Path, output: Path, output_format: str, rows: int, settings: Settings, restart: bool) -> Plan:
    """The plan of this audit: the saved one when resuming, else a new one (saved)."""
    record = _options_record(output_format, settings)
    plan_path, options_path = output / PLAN_FILE, output / OPTIONS_FILE
    plan = load_plan(plan_path) if plan_path.exists() else None
    if plan is not None and not restart:
        try:
            saved = json.loads(options_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        changed = _what_changed(plan, archive, saved, record, rows)
        if changed:
            raise CaptionCheckError(f"{output} holds an audit {changed}; run with the same, give another "
                                    "--output, or --restart to start this one over")
        return plan
    if output.exists() and any(output.iterdir()):
        if plan is None:
            raise CaptionCheckError(f"{output} is not empty and holds no audit; give an empty or new folder")
        owned = _owned(output, plan)
        foreign = foreign_files(output, owned)
        if foreign:
            raise CaptionCheckError(
                f"{output} holds files the audit did not write ({foreign[0].relative_to(output)}"
                f"{f' and {len(foreign) - 1} more' if len(foreign) > 1 else ''}): --restart removes only an "
                "audit's own files; move them, or give another --output")
        for path in owned:
            path.unlink(missing_ok=True)
        remove_temporaries(output, owned)
    plan = make_plan(archive, rows)
    output.mkdir(parents=True, exist_ok=True)
    write_atomically(options_path, json.dumps(record, indent=1).encode())
    save_plan(plan, plan_path)
    return plan


def _complete(output: Path, plan: Plan) -> dict[int, dict[str, Any]]:
    """Manifests of the partitions already complete (a manifest whose findings file is whole)."""
    done = {}
    for partition in plan.partitions:
        try:
            manifest = json.loads((output / "manifests" / f"{partition.name}.json").read_bytes())
            findings = output / "findings" / manifest["findings_file"]
            if findings.stat().st_size == manifest["findings_file_size"]:
                done[partition.index] = manifest
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return done


def run_audit(archive: Path, output: Path, *, engine: str = "local", scheduler: str | None = None,
              output_format: str = "parquet", jobs: int = 1, partition_rows: int = DEFAULT_PARTITION_ROWS,
              settings: Settings | None = None, restart: bool = False,
              progress: Callable[[int, int], None] | None = None, echo: Callable[[str], None] | None = None) -> AuditResult:
    """Audit ``archive`` into ``output``; ``progress(articles done, articles)`` after each partition."""
    if engine not in ENGINES:
        raise CaptionCheckError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if output_format not in OUTPUT_FORMATS:
        raise CaptionCheckError(f"unknown output format {output_format!r} (choose from {', '.join(OUTPUT_FORMATS)})")
    if partition_rows < 1:
        raise CaptionCheckError("--partition-rows must be 1 or more")
    if output_format == "parquet" or archive.suffix.lower() == ".parquet":
        require_pyarrow()
    settings = settings or Settings()
    try:
        return _run(archive, output, engine, scheduler, output_format, jobs, partition_rows, settings, restart,
                    progress, echo)
    except OSError as error:  # a read-only folder, a full disk, an archive that went away
        where = error.filename or output
        raise CaptionCheckError(f"{where}: {error.strerror or error}; the audit stopped, keeping what it finished "
                                "in the output folder: the same command resumes it") from None


def _run(archive: Path, output: Path, engine: str, scheduler: str | None, output_format: str, jobs: int,
         partition_rows: int, settings: Settings, restart: bool, progress: Callable[[int, int], None] | None,
         echo: Callable[[str], None] | None) -> AuditResult:
    plan = _prepare(archive, output, output_format, partition_rows, settings, restart)
    (output / "findings").mkdir(exist_ok=True)
    (output / "manifests").mkdir(exist_ok=True)
    if settings.fix:
        (output / "fixed").mkdir(exist_ok=True)
    remove_temporaries(output, _owned(output, plan))
    manifests = _complete(output, plan)
    done_before = len(manifests)
    pending = [p for p in plan.partitions if p.index not in manifests]
    articles_done = sum(m["articles"] for m in manifests.values())
    if progress:
        progress(articles_done, plan.rows)
    task = Task(plan.source, str(output.resolve()), output_format, settings)
    results = run_dask(task, pending, jobs, scheduler) if engine == "dask" else run_local(task, pending, jobs)
    failed = []
    for result in results:
        if isinstance(result, Failed):
            failed.append(result.partition.index)
            if echo:
                echo(f"captioncheck: partition {result.partition.index} not done: {result.reason}")
            continue
        manifests[result["partition"]] = result
        articles_done += result["articles"]
        if progress:
            progress(articles_done, plan.rows)
    ordered = [manifests[i] for i in sorted(manifests)]
    summary = summarize(str(archive), len(plan.partitions), ordered, failed)
    write_atomically(output / ARTICLES_FILE, format_csv(listed_articles(ordered)).encode())
    write_atomically(output / "summary.json", to_json_text(summary).encode())
    write_atomically(output / "summary.html", format_html(summary).encode())
    status = 0
    if summary.errors or summary.failed:
        status = 2
    elif any(Severity(level).rank >= settings.fail_on.rank for level, _ in summary.severities):
        status = 1
    return AuditResult(summary, done_before, len(manifests) - done_before, status)


__all__ = ["AuditResult", "DEFAULT_PARTITION_ROWS", "run_audit", "format_text"]
