"""The command line: ``captioncheck [OPTIONS] PATH...``. ``main(argv)`` returns the exit status.

The options are generated from :data:`captioncheck.settings.OPTIONS`, the schema the configuration
files use too; only the actions (``--version``, ``--list-rules``, ``--explain``) are the command
line's own.
"""

from __future__ import annotations

import enum
import inspect
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .about import __version__
from .atomic import write_atomically
from .config import ConfigFinder
from .discovery import discover, force_excluded
from .errors import CaptionCheckError
from .formatters import FORMATTERS, OutputOptions, summarize
from .formatters.text_format import printable
from .catalog import resolve
from .rules.registry import BY_ID, RULES, documentation, summary
from .rules.docs import plain
from .api import Report, check_data, check_discovered
from .settings import OPTIONS, Option, Settings, merge

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 50


def _annotation(option: Option) -> Any:
    flags = [f"--{option.key}"] + ([option.short] if option.short else [])
    metavar = option.metavar or None
    if option.flag:  # --quiet/--no-quiet: the command line can override a configuration file either way
        names = [f"--{option.key}/--no-{option.key}"] + ([option.short] if option.short else [])
        return Annotated[Optional[bool], typer.Option(*names, help=option.help, show_default=False)]
    if option.choices:
        choice = enum.Enum(option.attribute, {c: c for c in option.choices}, type=str)
        return Annotated[Optional[choice], typer.Option(*flags, help=option.help, show_default=False,
                                                        case_sensitive=False)]
    kind = Optional[list[str]] if option.multiple else Optional[str]
    suffix = " (repeatable)" if option.multiple else ""
    completion = {"RULE": _complete_rules, "RULE=LEVEL": _complete_levels}.get(option.metavar)
    return Annotated[kind, typer.Option(*flags, help=option.help + suffix, metavar=metavar, show_default=False,
                                        autocompletion=completion)]


def _complete_rules(incomplete: str) -> list[str]:
    """Shell completion of a rule: its id, or its code."""
    names = [rule.RULE.id for rule in RULES] + [rule.RULE.code for rule in RULES]
    return [name for name in names if name.lower().startswith(incomplete.lower())]


def _complete_levels(incomplete: str) -> list[str]:
    rule, sep, level = incomplete.partition("=")
    if not sep:
        return [f"{name}=" for name in _complete_rules(rule)]
    return [f"{rule}={choice}" for choice in ("error", "warning", "off") if choice.startswith(level)]


def _command_line_layer(values: dict[str, Any]) -> dict[str, Any]:
    """Settings values given on the command line (None means not given)."""
    layer = {}
    for option in OPTIONS:
        value = values.get(option.attribute)
        if value is None or (option.multiple and not value):
            continue
        if isinstance(value, enum.Enum):
            value = value.value
        layer[option.attribute] = option.read(value, f"--{option.key}")
    return layer


def _print_rules() -> None:
    for rule in RULES:
        typer.echo(f"{rule.RULE.code}  {rule.RULE.id:<22} {rule.RULE.severity.value:<8} {summary(rule)}")


def _check(**values: Any) -> int:
    if values.pop("version"):
        typer.echo(f"captioncheck {__version__}")
        return EXIT_CLEAN
    if values.pop("list_rules"):
        _print_rules()
        return EXIT_CLEAN
    explain = values.pop("explain")
    if explain:
        rule_id = resolve(explain)
        rule = BY_ID.get(rule_id) if rule_id else None
        if rule is None:
            raise CaptionCheckError(f"unknown rule {explain!r} (see captioncheck --list-rules)")
        typer.echo(plain(documentation(rule)))
        return EXIT_CLEAN
    paths = values.pop("paths") or []
    if not paths:
        raise typer.BadParameter("give at least one file or directory to check, or - for standard input",
                                 param_hint="PATH")
    if "-" in paths and len(paths) > 1:
        raise typer.BadParameter("- reads one article from standard input: give no other path", param_hint="PATH")

    command_line = _command_line_layer(values)
    finder = ConfigFinder()
    # How the report is written comes from the configuration of the current folder; what is checked,
    # and what fails, from each file's own.
    run_settings = merge(Settings(), finder.for_directory(Path.cwd())[1], command_line)
    if paths == ["-"]:
        result = _check_stdin(command_line, finder, run_settings)
        if result is None:
            return EXIT_CLEAN  # the name given is excluded (--force-exclude)
    else:
        targets = list(discover(paths, command_line, finder))
        result = check_discovered(targets, run_settings.jobs, _progress_bar(len(targets)))
    reports = result.files
    for report in reports:
        if report.error is not None:
            typer.echo(f"captioncheck: error: {printable(report.path)}: {printable(report.error)}", err=True)
        for notice in report.notices:
            typer.echo(f"captioncheck: notice: {printable(report.path)}: {notice}", err=True)

    to_terminal = run_settings.output_file is None and sys.stdout.isatty()
    options = OutputOptions(color=to_terminal and "NO_COLOR" not in os.environ,
                            quiet=run_settings.quiet, statistics=run_settings.statistics)
    output = FORMATTERS[run_settings.output_format](reports, options)
    if run_settings.output_file is None:
        sys.stdout.write(output)
    else:
        _write_output(Path(run_settings.output_file), output)
    if summarize(reports).unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.failed and not run_settings.exit_zero else EXIT_CLEAN


def _check_stdin(command_line: dict[str, Any], finder: ConfigFinder, run_settings: Settings) -> Report | None:
    """The report of the article on standard input, named by --stdin-filename; None when that name is
    excluded and --force-exclude is on."""
    name = run_settings.stdin_filename or "-"
    settings = run_settings
    if run_settings.stdin_filename:
        named = Path(run_settings.stdin_filename)
        config, values = finder.for_directory(named.parent if named.parent.exists() else Path.cwd())
        settings = merge(Settings(), values, command_line)
        if settings.force_exclude and force_excluded(named, config, settings):
            return None
    data = sys.stdin.buffer.read(settings.max_file_size + 1)
    return check_data(data, name, settings)


def _write_output(path: Path, output: str) -> None:
    """The report into ``path``, whole or not at all (written beside it, then renamed)."""
    try:
        write_atomically(path, output)
    except OSError as error:
        raise CaptionCheckError(f"cannot write the report to {path}: {error.strerror or error}") from None


def _progress_bar(total: int):
    """A one-line progress counter on standard error, for long runs on a terminal only."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, of: int) -> None:
        now = time.monotonic()
        if done == of or now - last[0] > 0.1:
            last[0] = now
            sys.stderr.write(f"\rcaptioncheck: {done}/{of} files" + ("\n" if done == of else ""))
            sys.stderr.flush()
    return show


def _build_command():
    parameters = [inspect.Parameter(
        "paths", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[Optional[list[str]], typer.Argument(
            help="Article files (.txt, .md, .html) or directories, searched recursively.", metavar="PATH",
            show_default=False)],
    )]
    parameters += [inspect.Parameter(o.attribute, inspect.Parameter.KEYWORD_ONLY, default=None,
                                     annotation=_annotation(o)) for o in OPTIONS]
    parameters += [
        inspect.Parameter("list_rules", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Annotated[
            bool, typer.Option("--list-rules", help="List the rules and exit.")]),
        inspect.Parameter("explain", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[
            Optional[str], typer.Option("--explain", metavar="RULE", help="Print a rule's documentation and exit.",
                                        show_default=False)]),
        inspect.Parameter("version", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Annotated[
            bool, typer.Option("--version", help="Print the version and exit.")]),
    ]

    def command(**values: Any) -> int:
        return _check(**values)

    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    command.__doc__ = ("Check translated news articles for untranslated captions and fragments, and for "
                       "mistranslated caption pairs. Options can also be set in .captioncheck.toml or "
                       "[tool.captioncheck] in pyproject.toml, with the same names.")
    app = typer.Typer(add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command()(command)
    return typer.main.get_command(app)


def _build_serve_command():
    from . import server

    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default).")] = server.DEFAULT_HOST,
        port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = server.DEFAULT_PORT,
        workers: Annotated[Optional[int], typer.Option(min=1, help="Checking processes (default: the cores).",
                                                       show_default=False)] = None,
        max_request_size: Annotated[int, typer.Option(min=1, help="Largest request body, in bytes (413 above).")]
        = server.DEFAULT_MAX_REQUEST_BYTES,
        timeout: Annotated[float, typer.Option(min=0.1, help="Seconds one article may take (then an error).")]
        = server.DEFAULT_TIMEOUT,
    ) -> int:
        """Serve POST /v1/check for CMS pre-publish hooks (needs the extra: pip install 'captioncheck[server]')."""
        server.serve(host, port, workers, max_request_size, timeout)
        return EXIT_CLEAN

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command()(serve)
    return typer.main.get_command(app)


def _build_audit_command():
    from . import audit

    def audit_command(
        archive: Annotated[Path, typer.Argument(help="JSON Lines or Parquet file, one article a row (id, text, "
                                                     "format, language, path...).", show_default=False)],
        output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the findings, manifests and "
                                             "summary (run again with the same folder to resume).",
                                             show_default=False)],
        engine: Annotated[str, typer.Option(help="Where partitions run: local or dask.")] = "local",
        scheduler: Annotated[Optional[str], typer.Option(help="Address of a running Dask scheduler "
                                                         "(tcp://host:8786); default: a LocalCluster.",
                                                         show_default=False)] = None,
        output_format: Annotated[str, typer.Option(help="Findings files: parquet or jsonl.")]
        = "parquet",
        jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: "
                                                    "the cores).", show_default=False)] = None,
        partition_rows: Annotated[int, typer.Option(min=1, help="Articles per partition.")]
        = audit.DEFAULT_PARTITION_ROWS,
        restart: Annotated[bool, typer.Option(help="Start over, discarding what the output folder holds.")] = False,
    ) -> int:
        """Audit an archive of articles: every finding in a Parquet or JSON Lines file, resumable, with a
        summary (summary.html). Settings come from the configuration file of the current folder."""
        from .runner import default_jobs

        _, values = ConfigFinder().for_directory(Path.cwd())
        settings = merge(Settings(), values)
        result = audit.run_audit(
            archive, output, engine=engine, scheduler=scheduler, output_format=output_format,
            jobs=jobs or settings.jobs or default_jobs(), partition_rows=partition_rows, settings=settings,
            restart=restart, progress=audit.tqdm_progress(sys.stderr.isatty()),
            echo=lambda line: typer.echo(line, err=True))
        typer.echo(audit.format_text(result.summary), nl=False)
        typer.echo(f"{result.done_now} partitions done now, {result.done_before} done before; "
                   f"findings in {output / 'findings'}, summary in {output / 'summary.html'}")
        return result.exit_status

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command()(audit_command)
    return typer.main.get_command(app)


SUBCOMMANDS = {"serve": _build_serve_command, "audit": _build_audit_command}


def main(argv: list[str] | None = None) -> int:
    """Run captioncheck with ``argv`` (default: the process arguments) and return the exit status.

    ``captioncheck serve ...`` runs the HTTP service and ``captioncheck audit ...`` audits an archive (a
    file named ``serve`` or ``audit`` is ``./serve``, ``./audit``).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    subcommand = arguments[0] if arguments and arguments[0] in SUBCOMMANDS else None
    try:
        command = SUBCOMMANDS[subcommand]() if subcommand else _build_command()
        result = command.main(args=arguments[1:] if subcommand else arguments,
                              prog_name=f"captioncheck {subcommand}" if subcommand else "captioncheck",
                              standalone_mode=False)
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
    except KeyboardInterrupt:
        typer.echo("captioncheck: interrupted", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else EXIT_CLEAN


def run() -> None:
    """Console entry point: the only place that exits the process."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # "captioncheck content/ | head": the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_FINDINGS
    sys.exit(status)
