"""The real published article that captioncheck exists for (shared/articles/nato-kyiv-fr.txt)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli


def _json(result) -> dict:
    return json.loads(result.stdout.decode("utf-8"))


def test_seed_article_defects(seed_article: Path):
    result = run_cli("--format", "json", str(seed_article))
    assert result.returncode == 1, result.stderr
    report = _json(result)["files"][0]
    assert report["language"] == "fr"
    by_rule = {(f["rule"], f["line"]) for f in report["findings"]}
    assert ("untranslated-segment", 5) in by_rule
    assert ("ui-artifact", 6) in by_rule
    assert ("boilerplate", 34) in by_rule
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["line"], f["language"]) for f in errors] == [("untranslated-segment", 5, "es")]


def test_seed_article_caption_pair(seed_article: Path):
    report = _json(run_cli("--format", "json", str(seed_article)))["files"][0]
    line_of = {s["id"]: s["line"] for s in report["segments"]}
    [pair] = report["pairs"]
    assert (line_of[pair["source"]], line_of[pair["target"]]) == (5, 6)
    assert 0.5 < pair["similarity"] <= 1.0
    [untranslated] = [f for f in report["findings"] if f["rule"] == "untranslated-segment"]
    assert untranslated["related_segment"] == pair["target"]
    assert "line 5 (es) is the untranslated source of line 6" in untranslated["message"]
    mistranslation = {"meaning-divergence", "number-mismatch", "name-mismatch", "position-mismatch", "credit-mismatch"}
    assert not [f for f in report["findings"] if f["rule"] in mistranslation]


def test_seed_article_fixed_is_clean(seed_article: Path, tmp_path: Path):
    lines = seed_article.read_text(encoding="utf-8").split("\n")
    fixed = [line.replace("photo_camera ", "") for number, line in enumerate(lines, 1) if number != 5]
    article = tmp_path / "fixed.txt"
    article.write_text("\n".join(fixed), encoding="utf-8")
    result = run_cli("--format", "json", str(article))
    assert result.returncode == 0, result.stdout
    findings = _json(result)["files"][0]["findings"]
    assert not [f for f in findings if f["severity"] == "error"]
    assert {f["rule"] for f in findings} == {"boilerplate"}
