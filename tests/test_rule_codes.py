"""Rules named by id or code everywhere; suppressions that name no rule reported; the report's JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, ROOT, run_cli

DEFECTIVE = DATA / "fr-caption-es.txt"  # untranslated-segment (CC101), ui-artifact (CC301), boilerplate (CC302)
SCHEMA = json.loads((ROOT / "captioncheck" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
ARTICLE = """Le gouvernement présente un plan pour la ville de Valence

{marker}El ministro anunció 40 millones para la ciudad de Valencia este martes.

Le ministre a annoncé quarante millions pour la ville de Valence ce mardi.
"""


def _rules(*args: str) -> list[str]:
    result = run_cli("--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr.decode()
    return [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]


@pytest.mark.parametrize("name", ["CC202", "cc202", "number-mismatch", "NUMBER-MISMATCH"])
def test_explain_takes_a_code_or_an_id(name):
    result = run_cli("--explain", name)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("number-mismatch (CC202, error)")


def test_options_and_configuration_take_codes(tmp_path: Path):
    assert "untranslated-segment" not in _rules("--ignore", "CC101", str(DEFECTIVE))
    assert "ui-artifact" not in _rules("--severity", "cc301=off", str(DEFECTIVE))
    (tmp_path / ".captioncheck.toml").write_text('ignore = ["CC302"]\n[severity]\nCC301 = "off"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(DEFECTIVE.read_text(encoding="utf-8"), encoding="utf-8")
    assert _rules(str(article)) == ["untranslated-segment"]


def test_unknown_rule_in_configuration_is_an_error(tmp_path: Path):
    result = run_cli("--ignore", "CC999", str(DEFECTIVE))
    assert result.returncode == 2
    assert "unknown rule 'cc999'" in result.stderr.decode().lower()


@pytest.mark.parametrize("marker", ["captioncheck: ignore[CC101]\n", "captioncheck: ignore[untranslated-segment]\n"])
def test_plain_text_suppression_by_code_or_id(tmp_path: Path, marker: str):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.format(marker=""), encoding="utf-8")
    assert _rules(str(article)) == ["untranslated-segment"]
    article.write_text(ARTICLE.format(marker=marker), encoding="utf-8")
    assert _rules(str(article)) == []


def test_markdown_and_html_suppressions_by_code(tmp_path: Path):
    markdown = tmp_path / "a.md"
    markdown.write_text(ARTICLE.format(marker="<!-- captioncheck: disable=CC101 -->\n"), encoding="utf-8")
    assert "untranslated-segment" not in _rules(str(markdown))
    page = tmp_path / "a.html"
    page.write_text("<article><h1>Le plan pour la ville de Valence</h1><!-- captioncheck: disable=cc101 -->"
                    "<p>El ministro anunció 40 millones para la ciudad de Valencia este martes.</p>"
                    "<p>Le ministre a annoncé quarante millions pour la ville de Valence ce mardi.</p></article>",
                    encoding="utf-8")
    assert "untranslated-segment" not in _rules(str(page))


@pytest.mark.parametrize(("suffix", "marker", "line"), [
    (".txt", "captioncheck: ignore[number-missmatch]\n", 3),
    (".md", "<!-- captioncheck: disable=CC999 -->\n", 3),
])
def test_a_suppression_that_names_no_rule_is_reported_and_suppresses_nothing(tmp_path: Path, suffix, marker, line):
    article = tmp_path / f"a{suffix}"
    article.write_text(ARTICLE.format(marker=marker), encoding="utf-8")
    result = run_cli("--format", "json", str(article))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    unknown = [f for f in findings if f["rule"] == "unknown-suppression"]
    assert len(unknown) == 1 and unknown[0]["line"] == line and unknown[0]["code"] == "CC901"
    assert unknown[0]["severity"] == "warning" and unknown[0]["segment"] is None
    assert "untranslated-segment" in [f["rule"] for f in findings]
    if suffix == ".txt":
        assert "did you mean 'number-mismatch'" in unknown[0]["message"]
    text = run_cli(str(article)).stdout.decode()
    assert f"{article}:{line}:1: warning unknown-suppression [CC901]" in text


def test_every_json_report_validates_against_the_schema_kept_in_the_repository(tmp_path: Path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01binary")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    suppressed = tmp_path / "suppressed.txt"
    suppressed.write_text(ARTICLE.format(marker="captioncheck: ignore[nope]\n"), encoding="utf-8")
    for args in ([str(DATA)], ["--statistics", str(DATA)], [str(broken), str(empty), str(suppressed)]):
        document = json.loads(run_cli("--format", "json", *args).stdout)
        jsonschema.validate(document, SCHEMA)
        assert document["format_version"] == 1


def test_unused_suppressions_are_reported_on_request_only(tmp_path: Path):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE.format(marker="<!-- captioncheck: disable=CC101,CC202 -->\n"), encoding="utf-8")
    assert "unused-suppression" not in _rules(str(article))
    result = run_cli("--format", "json", "--report-unused-suppressions", str(article))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    unused = [f for f in findings if f["rule"] == "unused-suppression"]
    # CC101 silenced the untranslated Spanish line; CC202 silenced nothing
    assert [(f["line"], f["code"]) for f in unused] == [(3, "CC902")]
    assert "number-mismatch" in unused[0]["message"] and "untranslated-segment" not in unused[0]["message"]
    assert "untranslated-segment" not in [f["rule"] for f in findings]
    (tmp_path / ".captioncheck.toml").write_text("report-unused-suppressions = true\n", encoding="utf-8")
    assert "unused-suppression" in _rules(str(article))


def test_the_catalog_names_every_registered_rule_in_order():
    """The catalog (which resolves names without loading rules) and the registry list the same rules."""
    from captioncheck.catalog import CATALOG
    from captioncheck.rules.registry import RULES

    assert [rule.RULE for rule in RULES] == list(CATALOG)
    assert len({info.code for info in CATALOG}) == len(CATALOG)
