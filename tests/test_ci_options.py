"""Options CI jobs and hooks rely on: --force-exclude, --exit-zero, --output-file, standard input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from conftest import DATA, ROOT, run_cli

DEFECTIVE = DATA / "fr-caption-es.txt"


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "news").mkdir()
    shutil.copy(DEFECTIVE, tmp_path / "drafts" / "wip.txt")
    shutil.copy(DEFECTIVE, tmp_path / "news" / "ready.txt")
    (tmp_path / ".captioncheck.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    return tmp_path


def test_force_exclude_applies_exclude_to_named_files_as_pre_commit_passes_them(tmp_path: Path):
    repo = _repo(tmp_path)
    named = ["drafts/wip.txt", "news/ready.txt"]
    without = json.loads(run_cli("--format", "json", *named, cwd=repo).stdout)
    assert [f["path"] for f in without["files"]] == named  # named files are checked by default
    forced = run_cli("--format", "json", "--force-exclude", *named, cwd=repo)
    assert [f["path"] for f in json.loads(forced.stdout)["files"]] == ["news/ready.txt"]
    only_excluded = run_cli("--force-exclude", "drafts/wip.txt", cwd=repo)
    assert only_excluded.returncode == 0 and only_excluded.stdout == b""


def test_the_pre_commit_hook_uses_force_exclude():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"].split()[:2] == ["captioncheck", "--force-exclude"]
    assert hook["require_serial"] is True


def test_exit_zero_and_output_file(tmp_path: Path):
    report = tmp_path / "report.sarif"
    result = run_cli("--format", "sarif", "--output-file", str(report), "--exit-zero", str(DEFECTIVE))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert run_cli("--exit-zero", "/no/such/file.txt").returncode == 2  # a file not checked is still an error


def test_standard_input_with_a_display_name(tmp_path: Path):
    repo = _repo(tmp_path)
    markdown = (DATA / "fr-caption-es.md").read_bytes()
    result = run_cli("--format", "json", "-", "--stdin-filename", "news/story.md", cwd=repo, input_bytes=markdown,
                     process=True)
    document = json.loads(result.stdout)
    assert result.returncode == 1
    assert document["files"][0]["path"] == "news/story.md"
    from_file = json.loads(run_cli("--format", "json", str(DATA / "fr-caption-es.md")).stdout)["files"][0]
    assert document["files"][0]["findings"] == from_file["findings"]  # read as Markdown, by its name
    excluded = run_cli("--force-exclude", "-", "--stdin-filename", "drafts/wip.txt", cwd=repo,
                       input_bytes=DEFECTIVE.read_bytes())
    assert excluded.returncode == 0 and excluded.stdout == b""
    binary = run_cli("-", input_bytes=b"\x00\x01\x02 binary")
    assert binary.returncode == 2 and binary.stderr.decode().startswith("captioncheck: error: -: ")
    assert run_cli("-", str(DEFECTIVE)).returncode == 2


def test_the_summary_does_not_count_unreadable_files_as_checked(tmp_path: Path):
    result = run_cli(str(DEFECTIVE), str(tmp_path / "missing.txt"))
    assert result.stdout.decode().rstrip().endswith(
        "1 error, 2 warnings in 1 file checked; 1 could not be checked; 3 fixable with captioncheck --fix")


def test_the_documented_pre_commit_configuration_runs_as_written(tmp_path: Path):
    import os
    import re
    import subprocess
    import sys

    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    block = re.search(r"\n    repos:\n      - repo: local\n(?:    .*\n)+", usage).group()
    config = "\n".join(line[4:] for line in block.strip("\n").splitlines()) + "\n"
    repo = _repo(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                   "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI", *args], cwd=repo,
                       check=True, capture_output=True, env=environment)

    git("init", "-q")
    git("add", ".")
    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo,
                         capture_output=True, text=True, env=environment, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr  # the article in news/ has findings
    assert "news/ready.txt:5:1: error untranslated-segment [CC101]" in run.stdout
    assert "drafts/wip.txt" not in run.stdout  # excluded by the configuration, though pre-commit names it


def _complete(words: str, index: int) -> list[str]:
    import os
    import subprocess
    import sys

    environment = {**os.environ, "_CAPTIONCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                   "COMP_CWORD": str(index)}
    script = Path(sys.executable).with_name("captioncheck")
    result = subprocess.run([str(script)], env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_shell_completion_of_options_formats_and_rules():
    assert _complete("captioncheck --form", 1) == ["--format"]
    assert _complete("captioncheck --format ", 2) == ["text", "json", "sarif", "github", "html"]
    assert _complete("captioncheck --ignore num", 2) == ["number-mismatch"]
    assert _complete("captioncheck --severity CC30", 2) == ["CC301=", "CC302="]
    assert _complete("captioncheck --severity CC202=w", 2) == ["CC202=warning"]
