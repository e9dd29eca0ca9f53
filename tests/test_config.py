"""Configuration files in a temporary content repository, suppressions, include/exclude, --jobs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA, run_cli

ARTICLE = DATA / "fr-caption-es.txt"


def _repo(tmp_path: Path, config_name: str, config: str) -> Path:
    repo = tmp_path / "content"
    (repo / "news").mkdir(parents=True)
    shutil.copy(ARTICLE, repo / "news" / "article.txt")
    (repo / config_name).write_text(config, encoding="utf-8")
    return repo


def _findings(result) -> list[tuple[int, str, str]]:
    files = json.loads(result.stdout)["files"]
    return [(f["line"], f["rule"], f["severity"]) for entry in files for f in entry.get("findings", [])]


def test_pyproject_section_changes_severity_and_ignores(tmp_path: Path):
    repo = _repo(tmp_path, "pyproject.toml", """
[project]
name = "content"

[tool.captioncheck]
ignore = ["boilerplate"]
fail-on = "warning"

[tool.captioncheck.severity]
untranslated-segment = "warning"
ui-artifact = "off"
""")
    result = run_cli("--format", "json", str(repo / "news" / "article.txt"))
    assert _findings(result) == [(5, "untranslated-segment", "warning")]
    assert result.returncode == 1, "fail-on = warning from the file"


def test_dedicated_file_sets_the_language_and_command_line_wins(tmp_path: Path):
    repo = _repo(tmp_path, ".captioncheck.toml", 'language = "es"\nallow-language = ["fr"]\n')
    article = repo / "news" / "article.txt"
    report = json.loads(run_cli("--format", "json", str(article)).stdout)["files"][0]
    assert report["language"] == "es"
    assert not [f for f in report["findings"] if f["rule"] == "untranslated-segment"]
    report = json.loads(run_cli("--format", "json", "--language", "fr", str(article)).stdout)["files"][0]
    assert report["language"] == "fr"


def test_nearest_config_wins(tmp_path: Path):
    repo = _repo(tmp_path, ".captioncheck.toml", 'ignore = ["ui-artifact"]\n')
    (repo / "news" / ".captioncheck.toml").write_text('ignore = ["boilerplate"]\n', encoding="utf-8")
    rules = {rule for _, rule, _ in _findings(run_cli("--format", "json", str(repo)))}
    assert "ui-artifact" in rules and "boilerplate" not in rules


def test_unknown_key_is_an_error_naming_it(tmp_path: Path):
    repo = _repo(tmp_path, ".captioncheck.toml", 'langauge = "fr"\n')
    result = run_cli(str(repo / "news" / "article.txt"))
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert message.startswith("captioncheck: error: ") and "unknown key 'langauge'" in message
    assert ".captioncheck.toml" in message and "Traceback" not in message


def test_bad_values_are_errors(tmp_path: Path):
    for config, fragment in (('fail-on = "never"', "fail-on"), ('ignore = ["no-such-rule"]', "no-such-rule"),
                             ('divergence-threshold = 3', "divergence-threshold"), ("language = [", "invalid TOML")):
        repo = _repo(tmp_path / fragment.replace(" ", "-"), ".captioncheck.toml", config + "\n")
        result = run_cli(str(repo))
        assert result.returncode == 2 and fragment in result.stderr.decode(), (config, result.stderr)


def test_command_line_ignore_and_severity():
    found = _findings(run_cli("--format", "json", "--ignore", "ui-artifact", "--severity", "boilerplate=error",
                              str(ARTICLE)))
    assert found == [(5, "untranslated-segment", "error"), (16, "boilerplate", "error")]
    assert run_cli("--severity", "boilerplate=sometimes", str(ARTICLE)).returncode == 2


def test_plain_text_ignore_markers(tmp_path: Path):
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    lines[4] += "  # captioncheck: ignore[untranslated-segment]"
    lines.insert(15, "captioncheck: ignore")
    article = tmp_path / "marked.txt"
    article.write_text("\n".join(lines), encoding="utf-8")
    assert _findings(run_cli("--format", "json", str(article))) == [(6, "ui-artifact", "warning")]


def test_include_and_exclude(tmp_path: Path):
    repo = _repo(tmp_path, ".captioncheck.toml", 'exclude = ["drafts"]\n')
    (repo / "drafts").mkdir()
    shutil.copy(ARTICLE, repo / "drafts" / "draft.txt")
    shutil.copy(DATA / "fr-caption-es.md", repo / "news" / "article.md")
    (repo / "news" / "notes.rst").write_text("Ignored.\n", encoding="utf-8")
    paths = [f["path"] for f in json.loads(run_cli("--format", "json", str(repo)).stdout)["files"]]
    assert paths == [str(repo / "news" / "article.md"), str(repo / "news" / "article.txt")]
    paths = [f["path"] for f in json.loads(run_cli("--format", "json", "--include", "*.md", str(repo)).stdout)["files"]]
    assert paths == [str(repo / "news" / "article.md")]


def test_parallel_run_gives_the_same_report_as_a_serial_one(tmp_path: Path):
    for n in range(12):
        for source in DATA.glob("*.txt"):
            shutil.copy(source, tmp_path / f"{n:02d}-{source.name}")
    serial = run_cli("--format", "json", "--jobs", "1", str(tmp_path))
    parallel = run_cli("--format", "json", "--jobs", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert len(json.loads(parallel.stdout)["files"]) == 12 * len(list(DATA.glob("*.txt")))


def test_model_folder_in_a_config_file_is_relative_to_it(tmp_path: Path):
    from captioncheck.config import ConfigFinder

    repo = _repo(tmp_path, ".captioncheck.toml", 'model = "models/labse"\n')
    (repo / "models" / "labse").mkdir(parents=True)
    _, values = ConfigFinder().for_path(repo / "news" / "article.txt")
    assert values["model"] == str((repo / "models" / "labse").resolve())


import pytest  # noqa: E402


@pytest.mark.parametrize("name, content, message", [
    (".captioncheck.toml", 'languages = ","', "expected at least one language code"),
    (".captioncheck.toml", "jobs = inf", "expected a whole number"),
    (".captioncheck.toml", "jobs = 2.5", "expected a whole number"),
    (".captioncheck.toml", "jobs = 100000", "from 1 to 256"),
    (".captioncheck.toml", 'max-file-size = "lots"', "expected a size such as 5MB"),
    (".captioncheck.toml", "timeout-per-file = -1", "expected seconds"),
    (".captioncheck.toml", 'language = "fr,es"', "expected one language code"),
    (".captioncheck.toml", 'languages = ["fr", "x y"]', "is not a language code"),
    ("pyproject.toml", "tool = 1", None),
    (".captioncheck.toml", b"langid = \"py3langid\" # caf\xe9\n", "not valid UTF-8"),
    ("pyproject.toml", b"[tool.captioncheck]\nquiet = true # caf\xe9\n", "not valid UTF-8"),
    (".captioncheck.toml", "a = " + "[" * 3000 + "]" * 3000, "invalid TOML"),
])
def test_every_configuration_value_is_checked_with_one_line(tmp_path: Path, name: str, content, message):
    repo = tmp_path / "content"
    repo.mkdir()
    shutil.copy(ARTICLE, repo / "article.txt")
    target = repo / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run_cli(str(repo / "article.txt"), cwd=repo)
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    if message is None:  # a pyproject.toml whose [tool] is not a table has no captioncheck settings
        assert result.returncode == 1, stderr
        return
    assert result.returncode == 2
    [line] = stderr.splitlines()
    assert line.startswith("captioncheck: error: ") and str(target) in line and message in line, line


def test_sizes_read_with_units():
    from captioncheck.settings import from_mapping

    assert from_mapping({"max-file-size": "5MB"}, "f")["max_file_size"] == 5_000_000
    assert from_mapping({"max-file-size": "512kib"}, "f")["max_file_size"] == 524_288
    assert from_mapping({"max-file-size": 1000}, "f")["max_file_size"] == 1000
