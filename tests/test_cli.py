"""The real command line, end to end: exit statuses, output formats, bad input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from captioncheck.cli import main

from conftest import DATA, run_cli

DEFECTIVE = DATA / "fr-caption-es.txt"
CLEAN = DATA / "fr-clean-names.txt"


def test_clean_article_exits_0_and_prints_nothing():
    result = run_cli(str(CLEAN))
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_defective_article_exits_1_with_located_findings():
    result = run_cli(str(DEFECTIVE), process=True)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert f"{DEFECTIVE}:5:1: error untranslated-segment [CC101]" in out
    assert f"{DEFECTIVE}:6:1: warning ui-artifact [CC301]" in out
    assert "\n    5 | Javier SORIANO / AFP - El ministro" in out  # the untranslated caption...
    assert "\n    6 | photo_camera Javier SORIANO / AFP - Le ministre" in out  # ...above its translation
    assert out.rstrip().endswith("1 error, 2 warnings in 1 file checked; 3 fixable with captioncheck --fix")
    assert "\033[" not in out


def test_fail_on_warning():
    article = DATA / "fr-caption-es.txt"
    assert run_cli("--allow-language", "es", str(article)).returncode == 0
    assert run_cli("--allow-language", "es", "--fail-on", "warning", str(article)).returncode == 1


def test_json_contract():
    result = run_cli("--format", "json", str(DEFECTIVE), str(CLEAN))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) == {"version", "format_version", "files", "summary"}
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 2}
    first = document["files"][0]
    assert set(first) == {"path", "language", "segments", "pairs", "findings"}
    assert set(first["segments"][0]) == {"id", "line", "end_line", "kind", "language", "confidence", "text"}
    assert set(first["findings"][0]) == {
        "rule", "code", "severity", "line", "column", "end_line", "end_column", "segment", "related_segment",
        "language", "message", "score", "related_span", "fix"}
    assert document["files"][1]["findings"] == []


def test_output_is_byte_for_byte_deterministic():
    runs = {run_cli("--format", "json", str(DATA)).stdout for _ in range(2)}
    assert len(runs) == 1


def test_directory_is_searched_recursively_in_stable_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    shutil.copy(DEFECTIVE, tmp_path / "b" / "z.txt")
    shutil.copy(CLEAN, tmp_path / "a.txt")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    result = run_cli("--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt")]


def test_bad_inputs_are_reported_and_the_rest_still_checked(tmp_path: Path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le café est très chaud.".encode("latin-1"))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = run_cli("--format", "json", str(binary), str(latin), str(empty_dir), str(missing), str(empty),
                     str(DEFECTIVE))
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert errors == [
        f"captioncheck: error: {binary}: binary file or UTF-16 text (contains NUL bytes), not a UTF-8 article",
        f"captioncheck: error: {latin}: not valid UTF-8 (byte 0xe9 at offset 6); save it as UTF-8",
        f"captioncheck: error: {empty_dir}: no articles in this directory (include: *.txt *.md *.markdown *.html *.htm)",
        f"captioncheck: error: {missing}: no such file or directory",
        f"captioncheck: notice: {empty}: no article content found: nothing was checked",
    ]
    files = json.loads(result.stdout)["files"]
    assert [("error" in f) for f in files] == [True, True, True, True, False, False]
    assert files[4]["segments"] == [] and files[4]["findings"] == []
    assert files[5]["findings"]
    assert "Traceback" not in result.stderr.decode()


def test_input_files_are_never_modified(tmp_path: Path):
    article = tmp_path / "article.txt"
    shutil.copy(DEFECTIVE, article)
    before = (article.read_bytes(), article.stat().st_mtime_ns)
    run_cli(str(article))
    run_cli("--format", "json", str(article))
    assert (article.read_bytes(), article.stat().st_mtime_ns) == before


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["--format", "xml", str(CLEAN)]) == 2
    assert main(["--langid", "nope", str(CLEAN)]) == 2
    assert main(["--languages", "fr,xx", str(CLEAN)]) == 2
    assert "xx" in capsys.readouterr().err


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("captioncheck ")
    assert main(["--help"]) == 0
    assert "--allow-language" in capsys.readouterr().out


def test_language_option_and_langdetect_engine():
    result = run_cli("--langid", "langdetect", "--language", "fr", "--format", "json", str(DEFECTIVE))
    assert result.returncode == 1
    report = json.loads(result.stdout)["files"][0]
    assert report["language"] == "fr"
    assert [(f["rule"], f["line"]) for f in report["findings"] if f["severity"] == "error"] == [
        ("untranslated-segment", 5)]


def test_progress_counter_only_on_a_terminal_for_long_runs(monkeypatch):
    import io

    from captioncheck import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    assert cli._progress_bar(cli.PROGRESS_MIN_FILES - 1) is None
    show = cli._progress_bar(100)
    show(100, 100)
    assert "100/100" in terminal.getvalue() and "files" in terminal.getvalue()
    monkeypatch.setattr(cli.sys, "stderr", io.StringIO())
    assert cli._progress_bar(100) is None


def test_a_closed_pipe_is_not_a_crash(tmp_path: Path):
    import os
    import subprocess
    import sys

    for n in range(40):
        shutil.copy(DATA / "fr-pairs-from-es.txt", tmp_path / f"{n:02d}.txt")
    process = subprocess.Popen([sys.executable, "-m", "captioncheck", str(tmp_path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    assert process.stdout.readline().startswith(str(tmp_path).encode())
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 1
    assert b"Traceback" not in stderr


def test_directory_runs_take_extensions_in_any_case(tmp_path: Path):
    shutil.copy(DEFECTIVE, tmp_path / "PAGE.HTML")
    (tmp_path / "NOTES.MD").write_text("# Un titre\n\nUn paragraphe du corps de l'article en français.\n",
                                       encoding="utf-8")
    result = run_cli("--format", "json", str(tmp_path))
    paths = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"])
    assert paths == ["NOTES.MD", "PAGE.HTML"]


def test_a_page_without_article_content_is_a_notice_not_a_silent_pass(tmp_path: Path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><script>var a = '<article>';</script></body></html>", encoding="utf-8")
    result = run_cli(str(page))
    assert result.returncode == 0
    assert result.stderr.decode().splitlines() == [
        f"captioncheck: notice: {page}: no article content found: nothing was checked"]


def _processes_with(marker: str) -> list[int]:
    """The live processes whose environment holds ``marker`` (this user's, read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or another user's
            continue
        if marker.encode() in environment.split(b"\0"):
            found.append(int(entry.name))
    return found


def test_no_process_outlives_a_check(tmp_path: Path):
    """A check runs in the command's own process and leaves nothing running behind it (no daemon)."""
    import uuid

    marker = f"CAPTIONCHECK_TEST_RUN={uuid.uuid4()}"
    name, value = marker.split("=", 1)
    for arguments in ([str(DATA / "fr-caption-es.txt")], ["--jobs", "2", str(DATA)]):
        completed = run_cli(*arguments, env={name: value}, process=True, timeout=300)
        assert completed.returncode == 1, completed.stderr
        assert _processes_with(marker) == []


def test_the_command_line_has_exactly_the_options_of_the_schema():
    """One schema (captioncheck.settings.OPTIONS) for the command line and the configuration files."""
    import inspect

    from captioncheck.cli import check
    from captioncheck.settings import OPTIONS

    actions = {"paths", "list_rules", "explain", "version"}
    assert set(inspect.signature(check).parameters) - actions == {option.attribute for option in OPTIONS}
    help_text = run_cli("--help").stdout.decode()
    for option in OPTIONS:
        assert f"--{option.key}" in help_text


def test_the_report_file_takes_the_caller_s_umask_and_replaces_the_old_one(tmp_path: Path):
    import os

    report = tmp_path / "report.json"
    report.write_text("an older report", encoding="utf-8")
    previous = os.umask(0o077)
    try:
        result = run_cli("--format", "json", "-o", str(report), str(DEFECTIVE))
    finally:
        os.umask(previous)
    assert result.returncode == 1
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    assert report.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_help_names_the_other_commands_and_every_value_it_takes():
    main_help = run_cli("--help").stdout.decode()
    assert "captioncheck serve --help" in main_help and "captioncheck audit" in main_help
    for command in ("audit", "serve"):
        text = run_cli(command, "--help").stdout.decode()
        assert "<str>" not in text and "<int" not in text and "<float" not in text, text
    assert "local|dask" in run_cli("audit", "--help").stdout.decode()


SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("command", [(), ("serve",), ("audit",)], ids=["check", "serve", "audit"])
def test_help_matches_its_snapshot(command: tuple[str, ...]):
    """``--help`` as a user reads it: the commands listed, several paths taken, choices shown as choices.
    After a deliberate change, write the new text with CAPTIONCHECK_UPDATE_SNAPSHOTS=1 and review the diff."""
    result = run_cli(*command, "--help", env={"TERM": "dumb"})
    assert result.returncode == 0
    text = result.stdout.decode()
    snapshot = SNAPSHOTS / f"help-{'-'.join(command) or 'check'}.txt"
    if os.environ.get("CAPTIONCHECK_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")
    if not command:
        assert "captioncheck serve --help" in text and "captioncheck audit --help" in text and "PATH..." in text
        assert "<text|json|sarif|github|html>" in text


@pytest.mark.parametrize(("args", "option"), [(("-l", "xx"), "-l/--language"), (("--languages", "fr,es,qq"), "--languages"),
                                             (("--langid", "langdetect", "--language", "xx"), "-l/--language")])
def test_a_language_no_identifier_knows_is_one_line_naming_the_option_and_the_accepted_codes(args, option):
    result = run_cli(*args, str(DATA / "fr-caption-es.txt"))
    error = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b"" and error.count("\n") == 1
    assert error.startswith(f"captioncheck: error: {option}: ") and ", fr, " in error


@pytest.mark.parametrize(("args", "expected"), [
    (("--explain", "numbers-mismatch"), "did you mean number-mismatch?"),
    (("--explain", "CC2O2"), "did you mean CC202?"),
    (("--ignore", "boilerplat", str(DATA)), "--ignore: unknown rule 'boilerplat': did you mean boilerplate?"),
    (("--explain", "spelling"), "unknown rule 'spelling' (see captioncheck --list-rules)"),
])
def test_a_misspelt_rule_gets_a_suggestion(args, expected):
    result = run_cli(*args)
    assert result.returncode == 2 and expected in result.stderr.decode()


@pytest.mark.parametrize(("shell", "said"), [
    ("{cli} {article} >&-", "standard output is closed"),
    ("{cli} - <&-", "standard input is closed"),
    ("{cli} {article} > /dev/full", "cannot write the report: No space left on device"),
    ("mkdir gone && cd gone && rmdir ../gone && {cli} {article}", "the current folder no longer exists"),
])
def test_the_command_lines_own_io_fails_in_one_line(tmp_path, shell, said):
    import subprocess
    import sys

    if "/dev/full" in shell and not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full")
    cli = f"{sys.executable} -m captioncheck"
    done = subprocess.run(["bash", "-c", shell.format(cli=cli, article=DEFECTIVE)], cwd=tmp_path,
                          capture_output=True, timeout=120)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and said in stderr and "Traceback" not in stderr and len(stderr.splitlines()) == 1


def test_an_output_encoding_that_cannot_hold_a_caption_escapes_it():
    done = run_cli(str(DEFECTIVE), process=True, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"\\xd3scar Puente" in done.stdout  # Oscar with an accent, escaped
