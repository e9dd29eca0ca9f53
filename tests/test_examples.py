"""Every example article in data/ produces exactly the findings its .expected file lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from captioncheck.checker import Checker

from conftest import DATA

EXAMPLES = sorted(DATA.glob("*.txt"))


def expected_findings(article: Path) -> set[tuple[int, str]]:
    lines = article.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return {(int(line.split()[0]), line.split()[1]) for line in lines if line.strip()}


def test_there_are_examples_in_four_languages():
    assert {path.name[:2] for path in EXAMPLES} >= {"fr", "es", "en", "it"}


@pytest.mark.parametrize("article", EXAMPLES, ids=lambda p: p.stem)
def test_example_findings(article: Path, checker: Checker):
    report = checker.check_file(article, str(article))
    assert report.error is None
    assert {(f.line, f.rule) for f in report.findings} == expected_findings(article)
    assert report.language == article.name[:2]
