"""SARIF (validated against the official schema), GitHub annotations, --statistics, --quiet, rule docs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from captioncheck.cli import main
from captioncheck.rules import RULES

from conftest import DATA, run_cli

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
PAIRS = DATA / "fr-pairs-from-es.txt"


def test_sarif_validates_against_the_official_schema(tmp_path: Path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00")
    result = run_cli("--format", "sarif", str(PAIRS), str(broken))
    assert result.returncode == 2
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SCHEMA)
    run = sarif["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [rule.RULE.id for rule in RULES]
    first = run["results"][0]
    assert first["ruleId"] == "untranslated-segment" and first["level"] == "error"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (5, 1)
    assert first["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "broken.txt" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_github_annotations():
    result = run_cli("--format", "github", str(PAIRS))
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith(f"::error file={PAIRS},line=5,col=1,endLine=5,endColumn=")
    assert "title=untranslated-segment [CC101]::caption is in Spanish (es)" in lines[0]
    assert any(line.startswith("::warning ") and "credit-mismatch" in line for line in lines)
    assert result.returncode == 1


def test_github_escapes_newlines_and_commas_in_properties(tmp_path: Path):
    from captioncheck.checker import FileReport
    from captioncheck.formatters import github_format

    text = github_format.format_reports([FileReport(path="a,b:c.txt", error="line one\nline two")])
    assert text == "::error file=a%2Cb%3Ac.txt,title=captioncheck::line one%0Aline two\n"


def test_statistics_and_quiet():
    stats = run_cli("--statistics", str(PAIRS)).stdout.decode().splitlines()
    assert stats[0].split() == ["6", "CC101", "untranslated-segment"]
    assert stats[-1] == "9 errors, 3 warnings in 1 file checked"
    quiet = run_cli("--quiet", str(PAIRS)).stdout.decode().splitlines()
    assert len(quiet) == 12 and all(line.startswith(str(PAIRS)) for line in quiet)
    summary = json.loads(run_cli("--format", "json", "--statistics", str(PAIRS)).stdout)["summary"]
    assert summary["rules"]["untranslated-segment"] == 6


def test_list_rules_and_explain(capsys):
    assert main(["--list-rules"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in listed] == [rule.RULE.id for rule in RULES]
    for rule in RULES:
        assert main(["--explain", rule.RULE.id]) == 0
        text = capsys.readouterr().out
        assert text.startswith(rule.RULE.id) and "Example" in text and len(text.splitlines()) > 5
    assert main(["--explain", "no-such-rule"]) == 2


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.RULE.id)
def test_every_rule_is_documented(rule):
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{rule.RULE.id} ({rule.RULE.code}, {rule.RULE.severity.value}): ")


from hypothesis import given, strategies as st  # noqa: E402

from captioncheck.formatters.json_format import dumps  # noqa: E402

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_the_report_writer_is_json_dumps_with_an_indent_byte_for_byte(value):
    import json

    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
