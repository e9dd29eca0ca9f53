"""The Python API: check an article given as text, or files and folders, and get a typed report.

    import captioncheck

    report = captioncheck.check_text(article, format="markdown", path="news/kyiv.md")
    for finding in report.findings:
        print(finding.line, finding.code, finding.message)
    report.to_json()          # exactly what ``captioncheck --format json`` prints

    captioncheck.check_paths(["content/"], fail_on="warning").failed

Options are the configuration keys of ``.captioncheck.toml`` (``fail_on`` or ``"fail-on"``, ``languages``,
``ignore``, ``divergence_threshold``...), validated the same way. The models are loaded once per
process and per set of model options, on first use, and shared by every later call; the
command line and ``captioncheck serve`` go through the same functions.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .report import FileReport
from .config import ConfigFinder
from .discovery import Target, discover
from .errors import CaptionCheckError
from .findings import Finding
from .formatters import FORMATTERS, OutputOptions, summarize
from .progress import Progress
from .runner import Checkers, check_targets
from .settings import Settings, from_mapping, merge

INPUT_FORMATS = ("text", "markdown", "html")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Report:
    """The reports of the files of one check, in order, with the settings that judge failure."""

    files: tuple[FileReport, ...]
    fail_on: tuple[str, ...] = ()  # per file: the severity from which a finding fails the check

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(finding for report in self.files for finding in report.findings)

    @property
    def errors(self) -> tuple[tuple[str, str], ...]:
        """(path, error) of each file that could not be checked."""
        return tuple((r.path, r.error) for r in self.files if r.error is not None)

    @property
    def failed(self) -> bool:
        """Whether a finding reaches its file's ``fail-on`` severity (what makes the command exit 1)."""
        from .findings import Severity

        return any(finding.severity.rank >= Severity(level).rank
                   for report, level in zip(self.files, self.fail_on) for finding in report.findings)

    @property
    def exit_status(self) -> int:
        """The command line's exit status for this report: 2 unreadable file, 1 failing finding, 0."""
        if summarize(self.files).unreadable:
            return 2
        return 1 if self.failed else 0

    def format(self, name: str = "text", *, statistics: bool = False) -> str:
        """The report in one of the command line's formats (``text``, ``json``, ``sarif``, ``github``)."""
        if name not in FORMATTERS:
            raise CaptionCheckError(f"unknown format {name!r} (choose from {', '.join(FORMATTERS)})")
        return FORMATTERS[name](self.files, OutputOptions(color=False, statistics=statistics))

    def to_json(self) -> str:
        return self.format("json")


def _option_values(options: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Configuration keys (``fail_on`` or ``fail-on``) as validated Settings values."""
    return from_mapping({key.replace("_", "-"): value for key, value in options.items()}, source)


@functools.lru_cache(maxsize=None)
def _checkers() -> Checkers:
    """This process's checkers: the models, loaded once and kept for every later call."""
    return Checkers()


def checker_for(settings: Settings):
    """This process's :class:`~captioncheck.checker.Checker` for ``settings`` (models loaded once)."""
    return _checkers().for_settings(settings)


# A caption left beside its translation: checking it loads every model and runs every verdict.
WARM_UP = "Le ministre a parlé. Foto: AFP - El ministro habló en Kiev.\nLe ministre a parlé à Kiev. Photo: AFP"


def warm_up(settings: Settings | None = None) -> None:
    """Load the models ``settings`` check with into this process, and run every stage once, so that
    the first real check does not pay for it (the server's and the audit's worker processes)."""
    settings = settings or Settings()
    checker_for(settings).check_text(WARM_UP, "text", "warm-up", settings)


def settings_for(options: Mapping[str, Any], source: str = "options") -> Settings:
    """Settings from configuration keys, on top of the defaults; a ConfigError names a bad key."""
    return merge(Settings(), _option_values(options, source))


def _require(value: Any, name: str, kinds: tuple[type, ...], wanted: str) -> None:
    """A one-line CaptionCheckError naming the argument when ``value`` is not of ``kinds`` or holds a NUL."""
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        raise CaptionCheckError(f"{name}: expected {wanted}, got {type(value).__name__}")
    if isinstance(value, str) and "\x00" in value and name != "text":
        raise CaptionCheckError(f"{name}: a NUL character cannot be in a path")


def _check_arguments(text: str, input_format: str, language: str | None, path: str | None) -> None:
    _require(text, "text", (str,), "the article as a str (decode bytes as UTF-8 first)")
    _require(input_format, "format", (str,), "a str")
    _require(language, "language", (str, type(None)), "a language code (str) or None")
    _require(path, "path", (str, type(None)), "a str or None")
    if input_format not in INPUT_FORMATS:
        raise CaptionCheckError(f"unknown input format {input_format!r} (choose from {', '.join(INPUT_FORMATS)})")


def check_text(text: str, *, format: str = "text", language: str | None = None,  # noqa: A002
               path: str | None = None, **options: Any) -> Report:
    """Check one article given as text. ``format`` is ``text``, ``markdown`` or ``html``; ``language``
    forces the article's language; ``path`` is the name findings are reported under. A text larger
    than ``max_file_size`` (5 MB) is a report with an ``error``, as a file would be."""
    _check_arguments(text, format, language, path)
    settings = settings_for({**options, **({"language": language} if language else {})})
    checker = _checkers().for_settings(settings)
    # A str from JSON or a caller may hold lone surrogates, which no file can: they become U+FFFD,
    # as undecodable bytes do, so that every report can be written as UTF-8.
    text, name = _LONE_SURROGATE.sub("\ufffd", text), _LONE_SURROGATE.sub("\ufffd", path or "<text>")
    if _larger_than(text, settings.max_file_size):
        return Report((_too_large(name, settings),), (settings.fail_on.value,))
    report = checker.check_text(text, format, name, settings)
    return Report((report,), (settings.fail_on.value,))


@dataclass(frozen=True)
class FixedText:
    """An article after its fixes: the fixed text, how many fixes were applied, and the report of what
    remains in it."""

    text: str
    fixed: int
    report: Report


def fix_text(text: str, *, format: str = "text", language: str | None = None,  # noqa: A002
             path: str | None = None, unsafe_fixes: bool = False, **options: Any) -> FixedText:
    """Check one article given as text and apply its safe fixes (and unsafe ones with
    ``unsafe_fixes``) until none is left, as ``captioncheck --fix`` does to a file."""
    from .fixer import fix_article

    _check_arguments(text, format, language, path)
    settings = settings_for({**options, "unsafe_fixes": unsafe_fixes, **({"language": language} if language else {})})
    text, name = _LONE_SURROGATE.sub("\ufffd", text), _LONE_SURROGATE.sub("\ufffd", path or "<text>")
    if _larger_than(text, settings.max_file_size):
        return FixedText(text, 0, Report((_too_large(name, settings),), (settings.fail_on.value,)))
    fixed = fix_article(_checkers().for_settings(settings), text, format, name, settings)
    return FixedText(fixed.text, fixed.fixed, Report((fixed.report,), (settings.fail_on.value,)))


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe_fixes: bool = False) -> str:
    """``text`` with the fixes of ``findings`` (from a check of exactly this text) applied once: the
    safe ones, and the unsafe ones with ``unsafe_fixes``. Fixes that overlap wait for
    :func:`fix_text`, which checks again."""
    from .fixer import apply_fixes as apply, fixes_of

    return apply(text, fixes_of(findings, unsafe_fixes))[0]


def check_paths(paths: str | os.PathLike | Iterable[str | os.PathLike], *, jobs: int | None = None,
                **options: Any) -> Report:
    """Check files and folders as the command line does: each file's nearest configuration file
    applies, with ``options`` on top (as command-line options would be). ``paths``: one path, or an
    iterable of paths (str or ``os.PathLike``)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    _require(paths, "paths", (Iterable,), "a path or an iterable of paths")
    given = []
    for path in paths:
        _require(path, "paths", (str, os.PathLike), "paths as str or os.PathLike")
        given.append(os.fspath(path))
        _require(given[-1], "paths", (str,), "paths as str or os.PathLike")
    _require(jobs, "jobs", (int, type(None)), "an int or None")
    if not given:
        raise CaptionCheckError("give at least one file or directory to check")
    command_line = _option_values(options, "options")
    targets = list(discover(given, command_line, ConfigFinder()))
    return check_discovered(targets, jobs if jobs is not None else merge(Settings(), command_line).jobs)


def check_data(data: bytes, name: str, settings: Settings) -> Report:
    """Check an article given as bytes (standard input) under the name ``name``, as a file would be."""
    from .errors import InputError
    from .readers import decode, format_of

    if len(data) > settings.max_file_size:
        return Report((_too_large(name, settings),), (settings.fail_on.value,))
    try:
        text = decode(data)
    except InputError as error:
        return Report((FileReport(path=name, error=str(error)),), (settings.fail_on.value,))
    input_format = settings.input_format or format_of(Path(name))
    return Report((check_article(text, input_format, name, settings),), (settings.fail_on.value,))


def fix_data(data: bytes, name: str, settings: Settings) -> tuple[Report, bytes | None]:
    """``--fix`` or ``--diff`` for an article given as bytes (standard input): the report, and the
    fixed article as bytes (its byte-order mark kept) when the fixes changed it."""
    from .fixer import fix_bytes
    from .readers import format_of

    if len(data) > settings.max_file_size:
        return Report((_too_large(name, settings),), (settings.fail_on.value,)), None
    report, fixed = fix_bytes(checker_for(settings), data, name, settings.input_format or format_of(Path(name)),
                              settings)
    return Report((report,), (settings.fail_on.value,)), fixed


def check_article(text: str, input_format: str, name: str, settings: Settings) -> FileReport:
    """One article's report, within the settings' size and time limits (the audit's and standard
    input's way in); lone surrogates become U+FFFD."""
    from .budget import time_limit
    from .errors import FileTimeout

    if _larger_than(text, settings.max_file_size):
        return _too_large(name, settings)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    try:
        with time_limit(settings.timeout_per_file):
            return checker_for(settings).check_text(text, input_format, name, settings)
    except FileTimeout as error:
        return FileReport(path=name, error=str(error))


def check_articles(articles: Sequence[tuple[str, str, str, Settings]]) -> list[tuple[FileReport, float]]:
    """:func:`check_article` of each ``(text, format, name, settings)``, the articles checked together
    (see :mod:`captioncheck.steps`), each report with the seconds its own check took. Settings whose
    models cannot be loaded (an unknown language) make that article's report an error."""
    from .steps import timed_together

    steps, budgets = [], []
    for text, input_format, name, settings in articles:
        try:
            if _larger_than(text, settings.max_file_size):
                steps.append(_ready(_too_large(name, settings)))
            else:
                checker = checker_for(settings)
                steps.append(checker.check_text_steps(_LONE_SURROGATE.sub("\ufffd", text), input_format, name,
                                                      settings))
        except CaptionCheckError as error:
            steps.append(_ready(FileReport(path=name, error=str(error))))
        budgets.append(settings.timeout_per_file)
    return timed_together(steps, budgets)


def _ready(report: FileReport):
    """Steps that stop nowhere: ``report`` as it is."""
    return report
    yield  # a generator


def _larger_than(text: str, limit: int) -> bool:
    """Whether ``text``, written as UTF-8, is larger than ``limit`` bytes (max-file-size)."""
    return len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit


def _too_large(name: str, settings: Settings) -> FileReport:
    return FileReport(path=name, error=f"larger than the limit of {settings.max_file_size} bytes (--max-file-size)")


def check_discovered(targets: Sequence[Target], jobs: int | None, progress: Progress | None = None) -> Report:
    """The report of already discovered targets (the command line's way in)."""
    reports = check_targets(targets, jobs, progress, checkers=_checkers())
    return Report(tuple(reports), tuple(t.settings.fail_on.value for t in targets))
