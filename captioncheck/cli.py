"""The command line: ``captioncheck [OPTIONS] PATH...``. ``main(argv)`` returns the exit status."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import enum

import typer

from . import __version__
from .checker import Checker, FileReport, discover
from .errors import CaptionCheckError
from .findings import Severity
from .formatters import FORMATTERS, summarize
from .embeddings import DEFAULT_MODEL
from .langid import DEFAULT_ENGINE, DEFAULT_LANGUAGES, ENGINES
from .settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

OutputFormat = enum.Enum("OutputFormat", {name: name for name in sorted(FORMATTERS)}, type=str)
LangidEngine = enum.Enum("LangidEngine", {name: name for name in sorted(ENGINES)}, type=str)


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"captioncheck {__version__}")
        raise typer.Exit(EXIT_CLEAN)


def _language_list(value: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(code.strip().lower() for code in value.split(",") if code.strip()))
    if not codes:
        raise typer.BadParameter("give at least one language code, e.g. fr,es,en")
    return codes


@app.command(help="Check translated news articles for untranslated captions and fragments.")
def check(
    paths: Annotated[list[str], typer.Argument(help="Article files or directories (searched recursively).",
                                               show_default=False, metavar="PATH")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    language: Annotated[Optional[str], typer.Option(
        "--language", "-l", metavar="LANG", help="The article's language (default: the majority language of its body).",
        show_default=False)] = None,
    languages: Annotated[str, typer.Option(
        "--languages", metavar="LANG,...", help="Comma-separated languages a segment may be identified as.")] = ",".join(DEFAULT_LANGUAGES),
    allow_language: Annotated[Optional[list[str]], typer.Option(
        "--allow-language", metavar="LANG", help="A language accepted on purpose besides the article's (repeatable).",
        show_default=False)] = None,
    langid: Annotated[LangidEngine, typer.Option("--langid", help="Language identification engine.")] = DEFAULT_ENGINE,
    model: Annotated[str, typer.Option(
        "--model", metavar="MODEL",
        help=f"Embedding model for pairing: {DEFAULT_MODEL} (embedded) or a local sentence-transformers "
             "model directory or cached name.")] = DEFAULT_MODEL,
    fail_on: Annotated[Severity, typer.Option("--fail-on", help="Lowest severity that makes the exit status 1.")] = "error",
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> int:
    candidates = _language_list(languages)
    settings = Settings(
        language=language.lower() if language else None,
        languages=tuple(dict.fromkeys(candidates + ((language.lower(),) if language else ()))),
        allowed_languages=tuple(code.lower() for code in allow_language or ()),
        langid=LangidEngine(langid).value,
        fail_on=Severity(fail_on),
        output_format=OutputFormat(output_format).value,
        model=model,
    )
    return run_check(paths, settings)


def run_check(paths: list[str], settings: Settings) -> int:
    try:
        checker = Checker(settings)
    except ValueError as error:
        raise CaptionCheckError(str(error)) from None
    reports = []
    for target in discover(paths):
        if target.error is None:
            report = checker.check_file(target.path, target.display)
        else:
            report = FileReport(path=target.display, error=target.error)
        if report.error is not None:
            typer.echo(f"captioncheck: error: {report.path}: {report.error}", err=True)
        reports.append(report)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(FORMATTERS[settings.output_format](reports, color))
    summary = summarize(reports)
    if summary.unreadable:
        return EXIT_ERROR
    failing = summary.errors + (summary.warnings if settings.fail_on is Severity.WARNING else 0)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Run captioncheck with ``argv`` (default: the process arguments) and return the exit status."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="captioncheck", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.TyperException as error:
        show = getattr(error, "show", None)
        if show is not None:
            show()
        else:
            typer.echo(f"captioncheck: error: {error.format_message()}", err=True)
        return EXIT_ERROR
    except typer.Abort:
        typer.echo("captioncheck: aborted", err=True)
        return EXIT_ERROR
    except CaptionCheckError as error:
        typer.echo(f"captioncheck: error: {error}", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_CLEAN


def run() -> None:
    """Console entry point: the only place that exits the process."""
    sys.exit(main())
