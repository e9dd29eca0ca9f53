"""SARIF (validated against the official schema), GitHub annotations, --statistics, --quiet, rule docs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from captioncheck.cli import main
from captioncheck.rules.registry import RULES

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
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith("**" + rule["id"])
        assert "``" not in rule["help"]["text"] and rule["helpUri"].startswith("https://")
    assert all(len(r["partialFingerprints"]["captioncheck/v1"]) == 32 for r in run["results"])


def test_json_and_sarif_carry_what_differs_on_both_sides_of_a_pair():
    line5 = PAIRS.read_text(encoding="utf-8").splitlines()[4]
    column = line5.index("40") + 1  # the source's 40, against the translation's 14 on line 6
    document = json.loads(run_cli("--format", "json", str(PAIRS)).stdout)
    [number] = [f for f in document["files"][0]["findings"] if f["rule"] == "number-mismatch" and f["line"] == 6]
    assert number["related_span"] == {"line": 5, "column": column, "end_line": 5, "end_column": column + 1}
    [result] = [r for r in _sarif(str(PAIRS))["runs"][0]["results"]
                if r["ruleId"] == "number-mismatch" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 6]
    region = result["relatedLocations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": column, "endLine": 5, "endColumn": column + 2}


def _sarif(*args: str, cwd: Path | None = None) -> dict:
    return json.loads(run_cli("--format", "sarif", *args, cwd=cwd).stdout)


def test_sarif_uris_are_relative_to_srcroot_and_never_read_as_a_scheme(tmp_path: Path):
    (tmp_path / "news").mkdir()
    inside = tmp_path / "news" / "a:b.txt"
    inside.write_text(PAIRS.read_text(encoding="utf-8"), encoding="utf-8")
    run = _sarif("news/a:b.txt", str(PAIRS), cwd=tmp_path)["runs"][0]
    jsonschema.validate({"version": "2.1.0", "runs": [run]}, SCHEMA)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": "news/a%3Ab.txt", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": PAIRS.resolve().as_uri()} in locations  # outside the current folder: absolute


def test_sarif_fingerprints_are_stable_across_runs_and_line_shifts(tmp_path: Path):
    article = tmp_path / "a.txt"
    text = PAIRS.read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    first = _sarif("a.txt", cwd=tmp_path)["runs"][0]["results"]
    again = _sarif("a.txt", cwd=tmp_path)["runs"][0]["results"]
    title, rest = text.split("\n", 1)
    article.write_text(title + "\n\nUne phrase ajoutée plus haut dans l'article, sans rapport.\n" + rest, encoding="utf-8")
    shifted = _sarif("a.txt", cwd=tmp_path)["runs"][0]["results"]

    def prints(results):
        return {(r["ruleId"], r["partialFingerprints"]["captioncheck/v1"]) for r in results}

    assert prints(first) == prints(again)
    assert prints(first) <= prints(shifted)
    assert len(prints(first)) == len(first)  # one fingerprint per alert
    assert first[0]["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 == \
        shifted[0]["locations"][0]["physicalLocation"]["region"]["startLine"]


def test_github_annotations():
    result = run_cli("--format", "github", str(PAIRS))
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith(f"::error file={PAIRS},line=5,endLine=5,col=1,endColumn=")
    assert "title=untranslated-segment [CC101]::caption is in Spanish (es)" in lines[0]
    assert any(line.startswith("::warning ") and "credit-mismatch" in line for line in lines)
    assert result.returncode == 1


def test_github_annotations_follow_the_workflow_command_format():
    from captioncheck.findings import Finding, Severity
    from captioncheck.formatters.github_format import annotation

    one_line = Finding("number-mismatch", "CC202", Severity.ERROR, 6, 31, 6, 32, 3, "40 in line 5, 14: 100%")
    assert annotation("news/a,b.md", one_line) == (
        "::error file=news/a%2Cb.md,line=6,endLine=6,col=31,endColumn=33,"
        "title=number-mismatch [CC202]::40 in line 5, 14: 100%25")
    spanning = Finding("meaning-divergence", "CC201", Severity.ERROR, 6, 5, 8, 2, 3, "two\nlines")
    text = annotation("a.txt", spanning)
    assert text == "::error file=a.txt,line=6,endLine=8,title=meaning-divergence [CC201]::two%0Alines"
    assert "col=" not in text and "endColumn=" not in text


def test_github_escapes_newlines_and_commas_in_properties(tmp_path: Path):
    from captioncheck.report import FileReport
    from captioncheck.formatters import github_format

    text = github_format.format_reports([FileReport(path="a,b:c.txt", error="line one\nline two")])
    assert text == "::error file=a%2Cb%3Ac.txt,title=captioncheck::line one%0Aline two\n"


def test_statistics_and_quiet():
    stats = run_cli("--statistics", str(PAIRS)).stdout.decode().splitlines()
    assert stats[0].split() == ["6", "CC101", "untranslated-segment"]
    assert stats[-1] == "9 errors, 3 warnings in 1 file checked; 1 fixable with captioncheck --fix; 3 more with --unsafe-fixes"
    quiet = run_cli("--quiet", str(PAIRS)).stdout.decode().splitlines()
    assert len(quiet) == 12 and all(line.startswith(str(PAIRS)) for line in quiet)
    summary = json.loads(run_cli("--format", "json", "--statistics", str(PAIRS)).stdout)["summary"]
    assert summary["rules"]["untranslated-segment"] == 6


def test_list_rules_and_explain(capsys):
    assert main(["--list-rules"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in listed[:-1]] == [rule.RULE.id for rule in RULES]
    fixable = {line.split()[1] for line in listed[:-1] if "[*]" in line}
    assert fixable == {"untranslated-segment", "ui-artifact", "boilerplate"} and "--fix" in listed[-1]
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


def test_a_pair_finding_shows_both_captions_with_the_difference_marked_on_both():
    out = run_cli(str(PAIRS)).stdout.decode()
    block = out.split(f"{PAIRS}:6:31: error number-mismatch [CC202] line 5 says 40 where line 6 says 14\n", 1)[1]
    source, source_marks, target, target_marks = block.splitlines()[:4]
    assert source.startswith("    5 | ") and "Más de 40 drones" in source
    assert target.startswith("    6 | ") and "Plus de 14 drones" in target
    for text, marks, number in ((source, source_marks, "40"), (target, target_marks, "14")):
        assert marks.split("|")[1].strip() == "^^" and text[marks.index("^"):marks.index("^") + 2] == number


def test_what_differs_far_into_a_long_caption_is_shown_and_marked_on_both_lines(tmp_path):
    clause = "rescatistas y voluntarios llegados de toda la región buscan supervivientes entre los escombros"
    french = "secouristes et bénévoles venus de toute la région cherchent des survivants dans les décombres"
    article = tmp_path / "long.txt"
    article.write_text(
        "Séisme au Maroc : les secours fouillent les décombres dans les villages de l'Atlas\n\n"
        "Les équipes de secours poursuivent leurs recherches dans les villages, où des centaines de maisons "
        "se sont effondrées pendant la nuit.\n\n"
        f"Fadel SENNA / AFP - Un grupo de {clause} de Amizmiz, donde murieron 25 personas el sábado.\n"
        f"Fadel SENNA / AFP - Un groupe de {french} d'Amizmiz, où 52 personnes sont mortes samedi.\n\n"
        "Les autorités marocaines ont annoncé trois jours de deuil national.\n", encoding="utf-8")
    out = run_cli(str(article)).stdout.decode()
    block = out.split("error number-mismatch [CC202] line 5 says 25 where line 6 says 52\n", 1)[1]
    lines = block.splitlines()[:4]
    for text, marks, number in ((lines[0], lines[1], "25"), (lines[2], lines[3], "52")):
        assert len(text) < 120 and text[marks.index("^"):marks.rindex("^") + 1] == number


def test_a_position_that_says_its_side_is_not_repeated():
    out = run_cli(str(DATA / "en-pairs-from-es.txt")).stdout.decode()
    assert "left (left)" not in out and "right (right)" not in out
    assert "line 15 says right (dcha.) for Carlos Mazón where line 16 says left\n" in out
