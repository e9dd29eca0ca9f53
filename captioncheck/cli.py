"""The command line: ``captioncheck [OPTIONS] PATH...``. ``main(argv)`` returns the exit status.

The options are generated from :data:`captioncheck.settings.OPTIONS`, the schema the configuration
files use too; only the actions (``--version``, ``--list-rules``, ``--explain``) are the command
line's own.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import typer

from .about import __version__
from .progress import Progress, progress_bar
from .config import ConfigFinder
from .discovery import discover, force_excluded
from .errors import CaptionCheckError
from .formatters import FORMATTERS, OutputOptions, summarize
from .formatters.text_format import printable
from .catalog import resolve, unknown_rule
from .rules.registry import BY_ID, RULES, documentation, fixes, summary
from .rules.docs import plain
from .api import check_data, check_discovered, fix_data
from .fixer import fixed_count
from .settings import BY_KEY, OPTIONS, Settings, merge, parse_size

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 50


def _option(key: str) -> Any:
    """The ``typer.Option`` of the schema's option ``key`` (:data:`captioncheck.settings.OPTIONS`): its
    flags, help, metavar, choices and completion are written once, there, for the command line and the
    configuration files alike. None stands for "not given", so a configuration file's value stays."""
    option = BY_KEY[key]
    short = [option.short] if option.short else []
    if option.flag:  # --quiet/--no-quiet: the command line can override a configuration file either way
        return typer.Option(f"--{key}/--no-{key}", *short, help=option.help, show_default=False)
    if option.choices:
        return typer.Option(f"--{key}", *short, help=option.help, show_default=False, case_sensitive=False)
    completion = {"RULE": _complete_rules, "RULE=LEVEL": _complete_levels}.get(option.metavar)
    return typer.Option(f"--{key}", *short, help=option.help + (" (repeatable)" if option.multiple else ""),
                        metavar=option.metavar or None, show_default=False, autocompletion=completion)


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
        layer[option.attribute] = option.read(value, f"--{option.key}")
    return layer


def _print_rules() -> None:
    for rule in RULES:
        fix = "[*]" if fixes(rule) else ""
        typer.echo(f"{rule.RULE.code}  {rule.RULE.id:<22} {rule.RULE.severity.value:<8} {fix:<4}{summary(rule)}")
    typer.echo("[*]: captioncheck --fix can fix its findings (see --explain RULE)")


def _check(values: dict[str, Any]) -> int:
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
            raise CaptionCheckError(unknown_rule(explain))
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
    fixed_text: bytes | None = None
    if paths == ["-"]:
        settings = _stdin_settings(command_line, finder, run_settings)
        if settings is None:
            return EXIT_CLEAN  # the name given is excluded (--force-exclude)
        if sys.stdin is None:
            raise CaptionCheckError("standard input is closed: nothing to read for -")
        data = sys.stdin.buffer.read(settings.max_file_size + 1)
        name = run_settings.stdin_filename or "-"
        if settings.fix or settings.diff:
            result, fixed_text = fix_data(data, name, settings)
            if fixed_text is None and result.files[0].error is None:
                fixed_text = data  # nothing to fix: the article goes out as it came in
        else:
            result = check_data(data, name, settings)
    else:
        targets = list(discover(paths, command_line, finder))
        result = check_discovered(targets, run_settings.jobs, _progress_bar(len(targets)))
    reports = result.files
    for report in reports:
        if report.error is not None:
            typer.echo(f"captioncheck: error: {printable(report.path)}: {printable(report.error)}", err=True)
        for notice in report.notices:
            typer.echo(f"captioncheck: notice: {printable(report.path)}: {notice}", err=True)
    unreadable = summarize(reports).unreadable
    if run_settings.diff:
        return _print_diffs(reports, unreadable)

    to_terminal = run_settings.output_file is None and sys.stdout.isatty()
    options = OutputOptions(color=to_terminal and "NO_COLOR" not in os.environ,
                            quiet=run_settings.quiet, statistics=run_settings.statistics)
    output = FORMATTERS[run_settings.output_format](reports, options)
    if fixed_text is not None:  # --fix on standard input: the article goes out, the report to stderr
        sys.stdout.buffer.write(fixed_text)
        sys.stdout.flush()
        sys.stderr.write(output)
    elif run_settings.output_file is None:
        sys.stdout.write(output)
    else:
        _write_output(Path(run_settings.output_file), output)
    if run_settings.fix:
        fixes, files = fixed_count(reports)
        if fixes and not run_settings.quiet:
            typer.echo(f"captioncheck: {fixes} fix{'es' * (fixes != 1)} applied in {files} "
                       f"file{'s' * (files != 1)}", err=True)
    if unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.failed and not run_settings.exit_zero else EXIT_CLEAN


def _print_diffs(reports, unreadable: int) -> int:
    """``--diff``: the diff of every file a fix would change, a count on standard error; exit 1 when
    there is something to fix."""
    for report in reports:
        if report.diff:
            sys.stdout.write(report.diff)
    fixes, files = fixed_count(reports)
    if fixes:
        typer.echo(f"captioncheck: {fixes} fix{'es' * (fixes != 1)} to apply in {files} file{'s' * (files != 1)} "
                   "(captioncheck --fix applies them)", err=True)
    else:
        typer.echo("captioncheck: nothing to fix", err=True)
    return EXIT_ERROR if unreadable else EXIT_FINDINGS if fixes else EXIT_CLEAN


def _stdin_settings(command_line: dict[str, Any], finder: ConfigFinder, run_settings: Settings) -> Settings | None:
    """The settings of the article on standard input, named by --stdin-filename; None when that name is
    excluded and --force-exclude is on."""
    if not run_settings.stdin_filename:
        return run_settings
    named = Path(run_settings.stdin_filename)
    config, values = finder.for_directory(named.parent if named.parent.exists() else Path.cwd())
    settings = merge(Settings(), values, command_line)
    if settings.force_exclude and force_excluded(named, config, settings):
        return None
    return settings


def _write_output(path: Path, output: str) -> None:
    """The report into ``path``, whole or not at all (written beside it, then renamed)."""
    try:
        from .atomic import write_atomically  # only with --output-file

        write_atomically(path, output)
    except OSError as error:
        raise CaptionCheckError(f"cannot write the report to {path}: {error.strerror or error}") from None


def _progress_bar(total: int) -> Progress | None:
    """A progress bar on standard error, for long runs on a terminal only."""
    return progress_bar(total >= PROGRESS_MIN_FILES and sys.stderr.isatty(), "files")


def _choice(key: str) -> Any:
    """The type of an option with choices: one of the schema's values, or None (not given)."""
    return Optional[Literal[BY_KEY[key].choices]]  # type: ignore[valid-type]


Text = Optional[str]
Texts = Optional[list[str]]
Flag = Optional[bool]
Format, Langid, FailOn, InputFormat = (_choice(key) for key in ("format", "langid", "fail-on", "input-format"))


def check(
    paths: Annotated[Texts, typer.Argument(help="Article files (.txt, .md, .html) or directories, searched "
                                           "recursively; - reads one article from standard input.",
                                           metavar="PATH...", show_default=False)] = None,
    output_format: Annotated[Format, _option("format")] = None,
    language: Annotated[Text, _option("language")] = None,
    languages: Annotated[Text, _option("languages")] = None,
    allowed_languages: Annotated[Texts, _option("allow-language")] = None,
    langid: Annotated[Langid, _option("langid")] = None,
    model: Annotated[Text, _option("model")] = None,
    fail_on: Annotated[FailOn, _option("fail-on")] = None,
    severity: Annotated[Texts, _option("severity")] = None,
    ignore: Annotated[Texts, _option("ignore")] = None,
    include: Annotated[Texts, _option("include")] = None,
    exclude: Annotated[Texts, _option("exclude")] = None,
    divergence_threshold: Annotated[Text, _option("divergence-threshold")] = None,
    input_format: Annotated[InputFormat, _option("input-format")] = None,
    jobs: Annotated[Text, _option("jobs")] = None,
    max_file_size: Annotated[Text, _option("max-file-size")] = None,
    timeout_per_file: Annotated[Text, _option("timeout-per-file")] = None,
    follow_symlinks: Annotated[Flag, _option("follow-symlinks")] = None,
    force_exclude: Annotated[Flag, _option("force-exclude")] = None,
    report_unused_suppressions: Annotated[Flag, _option("report-unused-suppressions")] = None,
    fix: Annotated[Flag, _option("fix")] = None,
    unsafe_fixes: Annotated[Flag, _option("unsafe-fixes")] = None,
    diff: Annotated[Flag, _option("diff")] = None,
    statistics: Annotated[Flag, _option("statistics")] = None,
    quiet: Annotated[Flag, _option("quiet")] = None,
    output_file: Annotated[Text, _option("output-file")] = None,
    exit_zero: Annotated[Flag, _option("exit-zero")] = None,
    stdin_filename: Annotated[Text, _option("stdin-filename")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    explain: Annotated[Text, typer.Option("--explain", metavar="RULE", show_default=False,
                                          help="Print a rule's documentation and exit.")] = None,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> int:
    """Check translated news articles for untranslated captions and fragments, and for mistranslated
    caption pairs. Options can also be set in .captioncheck.toml or [tool.captioncheck] in
    pyproject.toml, with the same names.

    Other commands: 'captioncheck serve --help' (HTTP service for a CMS) and 'captioncheck audit
    --help' (an archive of articles).
    """
    return _check(dict(locals()))


def _build_command():
    app = typer.Typer(add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command()(check)
    return typer.main.get_command(app)


def _build_serve_command():
    from . import server

    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default).", metavar="HOST")] = server.DEFAULT_HOST,
        port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.", metavar="PORT")] = server.DEFAULT_PORT,
        workers: Annotated[Optional[int], typer.Option(min=1, help="Checking processes (default: the cores).", metavar="N",
                                                       show_default=False)] = None,
        max_request_size: Annotated[str, typer.Option(help="Largest request body, in bytes or with a unit such as "
                                                      "8MiB (413 above).", metavar="SIZE")] = "8MiB",
        timeout: Annotated[float, typer.Option(min=0.1, help="Seconds one article may take (then an error).", metavar="SECONDS")]
        = server.DEFAULT_TIMEOUT,
        read_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds a client has to send a whole request, "
                                                    "headers and body (then 408).", metavar="SECONDS")]
        = server.DEFAULT_READ_TIMEOUT,
        max_connections: Annotated[Optional[int], typer.Option(min=1, help="Connections a worker holds; past it, "
                                                               "the one waiting longest without a whole request "
                                                               "is closed (default: from the descriptor limit).",
                                                               metavar="N", show_default=False)] = None,
    ) -> int:
        """Serve POST /v1/check for CMS pre-publish hooks (needs the extra: pip install 'captioncheck[server]')."""
        server.serve(host, port, workers, parse_size(max_request_size, "--max-request-size"), timeout, read_timeout,
                     max_connections)
        return EXIT_CLEAN

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command()(serve)
    return typer.main.get_command(app)


def _build_audit_command():
    from . import audit

    def audit_command(
        archive: Annotated[Path, typer.Argument(metavar="ARCHIVE", help="JSON Lines or Parquet file, one article a row (id, text, "
                                                     "format, language, path...).", show_default=False)],
        output: Annotated[Path, typer.Option("--output", "-o", metavar="FOLDER", help="Folder for the findings, manifests and "
                                             "summary (run again with the same folder to resume).",
                                             show_default=False)],
        engine: Annotated[str, typer.Option(help="Where partitions run.", metavar="local|dask")] = "local",
        scheduler: Annotated[Optional[str], typer.Option(help="Address of a running Dask scheduler "
                                                         "(tcp://host:8786); default: a LocalCluster.", metavar="ADDRESS",
                                                         show_default=False)] = None,
        output_format: Annotated[str, typer.Option(help="Findings files.", metavar="parquet|jsonl")]
        = "parquet",
        jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: "
                                                    "the cores).", show_default=False)] = None,
        partition_rows: Annotated[int, typer.Option(min=1, help="Articles per partition.", metavar="N")]
        = audit.DEFAULT_PARTITION_ROWS,
        restart: Annotated[bool, typer.Option(help="Start over, discarding what the output folder holds.")] = False,
        fix: Annotated[bool, typer.Option("--fix", help="Also write each article its safe fixes change to "
                                          "fixed/part-NNNNNN.jsonl (id, row, path, fixes_applied, text); the "
                                          "archive is never changed.")] = False,
        unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix, apply the unsafe fixes "
                                                   "too.")] = False,
    ) -> int:
        """Audit an archive of articles: every finding in a Parquet or JSON Lines file, resumable, with a
        summary (summary.html). Settings come from the configuration file of the current folder."""
        from .runner import default_jobs

        _, values = ConfigFinder().for_directory(Path.cwd())
        settings = merge(Settings(), values, {"fix": True} if fix else {},
                         {"unsafe_fixes": True} if unsafe_fixes else {})
        result = audit.run_audit(
            archive, output, engine=engine, scheduler=scheduler, output_format=output_format,
            jobs=jobs or settings.jobs or default_jobs(), partition_rows=partition_rows, settings=settings,
            restart=restart, progress=progress_bar(sys.stderr.isatty(), "articles"),
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
    for stream in (sys.stdout, sys.stderr):  # an encoding that cannot hold a caption escapes it
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        os.getcwd()
    except OSError:
        typer.echo("captioncheck: error: the current folder no longer exists; run from another one", err=True)
        return EXIT_ERROR
    if sys.stdout is None and not {"-o", "--output-file", "--help", "--version"} & set(arguments):
        typer.echo("captioncheck: error: standard output is closed: nowhere to write the report "
                   "(give --output-file)", err=True)
        return EXIT_ERROR
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
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # "captioncheck content/ | head": the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_FINDINGS
    except OSError as error:  # a full disk, a closed or failing output
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(f"captioncheck: error: cannot write the report: {error.strerror or error}\n")
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # what is left in the buffer goes nowhere
        status = EXIT_ERROR
    sys.exit(status)
