"""The Python API: the same verdicts and the same JSON as the command line, typed records, checked options."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import captioncheck
from captioncheck.errors import CaptionCheckError

from conftest import DATA, run_cli

DEFECTIVE = DATA / "fr-caption-es.txt"
CLEAN = DATA / "fr-clean-names.txt"


@pytest.mark.parametrize("name", ["fr-caption-es.txt", "fr-caption-es.md", "fr-caption-es.html",
                                  "fr-pairs-from-es.txt", "fr-clean-names.txt"])
def test_check_text_gives_the_command_lines_json(name: str):
    path = DATA / name
    input_format = {".txt": "text", ".md": "markdown", ".html": "html"}[path.suffix]
    report = captioncheck.check_text(path.read_text(encoding="utf-8"), format=input_format, path=str(path))
    assert report.to_json() == run_cli("--format", "json", str(path)).stdout.decode()


def test_check_paths_gives_the_command_lines_report_and_status():
    report = captioncheck.check_paths([DEFECTIVE, CLEAN], jobs=1)
    result = run_cli("--format", "json", str(DEFECTIVE), str(CLEAN))
    assert report.to_json() == result.stdout.decode()
    assert report.exit_status == result.returncode == 1
    assert report.failed
    assert captioncheck.check_paths([CLEAN]).exit_status == 0


def test_report_records_are_typed_and_immutable():
    report = captioncheck.check_text(DEFECTIVE.read_text(encoding="utf-8"), path="kyiv.txt")
    assert [f.rule for f in report.findings] == ["untranslated-segment", "ui-artifact", "boilerplate"]
    first = report.findings[0]
    assert (first.line, first.code, first.language) == (5, "CC101", "es")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.line = 1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.files = ()  # type: ignore[misc]
    assert json.loads(report.format("sarif"))["version"] == "2.1.0"


def test_options_are_configuration_keys_with_either_spelling():
    text = DEFECTIVE.read_text(encoding="utf-8")
    assert captioncheck.check_text(text, allow_language=["es"]).failed is False
    assert captioncheck.check_text(text, **{"allow-language": ["es"], "fail-on": "warning"}).failed is True
    assert captioncheck.check_text(text, language="es").files[0].language == "es"


@pytest.mark.parametrize("call", [
    lambda: captioncheck.check_text("Texte.", format="docx"),
    lambda: captioncheck.check_text("Texte.", fail_on="sometimes"),
    lambda: captioncheck.check_text("Texte.", no_such_option=1),
    lambda: captioncheck.check_paths([]),
])
def test_bad_arguments_raise_one_clear_error(call):
    with pytest.raises(CaptionCheckError) as raised:
        call()
    assert "\n" not in str(raised.value)


def test_bad_text_is_a_file_error_not_an_exception(tmp_path: Path):
    report = captioncheck.check_text("<div>" * 100 + "\x00" * 10, format="html", path="broken.html")
    assert report.files[0].path == "broken.html"
    assert report.exit_status in (0, 2)


def test_check_paths_takes_one_path_or_many_never_a_string_as_letters(tmp_path):
    article = DATA / "fr-caption-es.txt"
    for given in (str(article), article, [article], (str(article),)):
        assert [r.path for r in captioncheck.check_paths(given).files] == [str(article)]


@pytest.mark.parametrize(("call", "said"), [
    (lambda: captioncheck.check_text(None), "text: expected the article as a str"),
    (lambda: captioncheck.check_text(b"Le texte."), "got bytes"),
    (lambda: captioncheck.check_text("Le texte.", path=5), "path: expected a str or None, got int"),
    (lambda: captioncheck.check_text("Le texte.", language=["fr"]), "language: expected a language code"),
    (lambda: captioncheck.fix_text(None), "text: expected the article as a str"),
    (lambda: captioncheck.check_paths("a\x00b.txt"), "paths: a NUL character cannot be in a path"),
    (lambda: captioncheck.check_paths(5), "paths: expected a path or an iterable of paths, got int"),
    (lambda: captioncheck.check_paths([b"a.txt"]), "paths: expected paths as str or os.PathLike"),
    (lambda: captioncheck.check_paths(["a.txt"], jobs="2"), "jobs: expected an int or None, got str"),
])
def test_bad_arguments_are_one_line_errors_naming_the_argument(call, said):
    with pytest.raises(CaptionCheckError) as raised:
        call()
    assert said in str(raised.value) and "\n" not in str(raised.value)
