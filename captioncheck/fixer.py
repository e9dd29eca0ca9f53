"""Apply the fixes findings carry: to a string, to an article until nothing is left to fix, to a file.

Edits are applied from the end of the text backwards, so each one's offsets stay true; a fix whose
edits overlap an edit already taken waits for the next pass, which checks the fixed text again (at
most ``MAX_PASSES``). A file is rewritten only when its text changed, atomically (a temporary file
beside it, then a rename), with its byte-order mark, its permissions and every byte no edit touches;
a symbolic link keeps pointing at the file it names, which is the one rewritten.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .atomic import replacing
from .budget import time_limit
from .checker import Checker
from .errors import FileTimeout, InputError
from .findings import Applicability, Finding, Fix
from .readers import decode, format_of, load
from .report import FileReport
from .settings import Settings

MAX_PASSES = 10
BOM = "\ufeff"


def fixes_of(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The fixes ``--fix`` applies: the safe ones, and the unsafe ones too when ``unsafe``."""
    return [f.fix for f in findings if f.fix is not None
            and (unsafe or f.fix.applicability is Applicability.SAFE)]


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """``text`` with every fix applied that overlaps no fix taken before it (by position); the number
    applied. A fix is all its edits or nothing."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for fix in sorted(fixes, key=lambda f: min((e.start, e.end) for e in f.edits)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(start < end_taken and start_taken < end for start, end in spans for start_taken, end_taken in taken):
            continue
        taken += spans
        chosen.append(fix)
    edits = sorted((edit for fix in chosen for edit in fix.edits), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text, len(chosen)


@dataclass(frozen=True)
class Fixed:
    """An article after ``--fix``: its text, how many fixes were applied, the report of what remains, and
    the report of the article as it was."""

    text: str
    fixed: int
    report: FileReport
    before: FileReport


def fix_article(checker: Checker, text: str, input_format: str, name: str, settings: Settings,
                checked: FileReport | None = None) -> Fixed:
    """Check ``text`` (unless ``checked`` is its report already), apply its fixes, check again, until
    no fix applies (or ``MAX_PASSES``)."""
    fixed = 0
    report = before = checked or checker.check_text(text, input_format, name, settings)
    for _ in range(MAX_PASSES):
        if report.error is not None:
            break
        text_after, count = apply_fixes(text, fixes_of(report.findings, settings.unsafe_fixes))
        if not count or text_after == text:
            break
        text, fixed = text_after, fixed + count
        report = checker.check_text(text, input_format, name, settings)
    return Fixed(text, fixed, report, before)


def unified_diff(before: str, after: str, name: str) -> str:
    """What ``--diff`` prints for one file (``--- a/NAME`` / ``+++ b/NAME``, three lines of context)."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def _write(path: Path, data: bytes) -> None:
    """``data`` into the file ``path`` names (through a symbolic link), atomically, its mode kept."""
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    with replacing(target) as temporary:
        temporary.write_bytes(data)
        os.chmod(temporary, mode)


def fix_bytes(checker: Checker, data: bytes, name: str, input_format: str,
              settings: Settings) -> tuple[FileReport, bytes | None]:
    """``--fix`` or ``--diff`` for an article given as bytes (a file's, standard input's): the report of
    what remains (``--fix``) or of what was found with its diff (``--diff``), with the number of fixes;
    and the fixed bytes, byte-order mark kept, when the fixes changed something (None otherwise)."""
    try:
        with time_limit(settings.timeout_per_file):
            text = decode(data)
            found = fix_article(checker, text, input_format, name, settings)
    except (InputError, FileTimeout) as error:
        return FileReport(path=name, error=str(error)), None
    if found.text == text:
        return found.report, None
    fixed = ((BOM if data.startswith(BOM.encode()) else "") + found.text).encode("utf-8")
    if settings.diff:
        return replace(found.before, fixed=found.fixed, diff=unified_diff(text, found.text, name)), fixed
    return replace(found.report, fixed=found.fixed), fixed


def fix_file(checker: Checker, path: Path, display_path: str, settings: Settings) -> FileReport:
    """``--fix`` (rewrite the file) or ``--diff`` (its diff in the report) for one file (see
    :func:`fix_bytes`)."""
    try:
        data = load(path, settings.max_file_size)
    except InputError as error:
        return FileReport(path=display_path, error=str(error))
    report, fixed = fix_bytes(checker, data, display_path, settings.input_format or format_of(path), settings)
    if fixed is None or settings.diff:
        return report
    try:
        _write(path, fixed)
    except OSError as error:
        return FileReport(path=display_path, error=f"not fixed: {error.strerror or error}")
    return report


def fixed_count(reports: Sequence[FileReport]) -> tuple[int, int]:
    """(fixes, files) of a run with ``--fix`` or ``--diff``."""
    changed = [r for r in reports if r.fixed]
    return sum(r.fixed for r in changed), len(changed)
