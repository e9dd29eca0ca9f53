"""Every example article in data/ produces exactly the findings its .expected file lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from captioncheck.checker import Checker

from conftest import DATA

EXAMPLES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".html"))


def expected_findings(article: Path) -> set[tuple[int, str]]:
    lines = Path(f"{article}.expected").read_text(encoding="utf-8").splitlines()
    return {(int(line.split()[0]), line.split()[1]) for line in lines if line.strip()}


def test_there_are_examples_in_four_languages_and_three_formats():
    assert {path.name[:2] for path in EXAMPLES} >= {"fr", "es", "en", "it"}
    assert {path.suffix for path in EXAMPLES} == {".txt", ".md", ".html"}


def test_the_same_article_in_three_formats_gives_the_same_findings(checker: Checker):
    def found(article: Path) -> list[tuple[str, str]]:
        return [(f.rule, f.message.split(";")[0]) for f in checker.check_file(article, str(article)).findings
                if "Plus dans" not in f.message and "Lire aussi" not in f.message]

    text = found(DATA / "fr-caption-es.txt")
    assert found(DATA / "fr-caption-es.html") == text
    assert found(DATA / "fr-caption-es.md")[:2] == text[:2]


@pytest.mark.parametrize("article", EXAMPLES, ids=lambda p: p.stem)
def test_example_findings(article: Path, checker: Checker):
    report = checker.check_file(article, str(article))
    assert report.error is None
    assert {(f.line, f.rule) for f in report.findings} == expected_findings(article)
    assert report.language == article.name[:2]
