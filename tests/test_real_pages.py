"""Real published pages (tests/pages, from mozilla/readability's test suite): the article is read, as
the published extraction comparisons score it, and nothing in these monolingual pages is untranslated."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from captioncheck.api import check_text
from captioncheck.readers import decode, parse

PAGES = Path(__file__).resolve().parent / "pages"
LANGUAGES = {"lemonde-1": "fr", "la-nacion": "es", "heise": "de"}


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [word.lower() for word in re.findall(r"\w+", text)]
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_the_article_is_read_and_little_else(name: str):
    source = decode((PAGES / name / "source.html").read_bytes())
    expected = html.unescape(re.sub(r"<[^>]*>", " ", (PAGES / name / "expected.html").read_text(encoding="utf-8")))
    read = "\n".join(segment.text for segment in parse(source, "html", name).segments)
    got, want = _shingles(read), _shingles(expected)
    common = len(got & want)
    precision, recall = common / len(got), common / len(want)
    assert precision >= 0.9 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_a_monolingual_page_has_no_untranslated_finding(name: str):
    source = decode((PAGES / name / "source.html").read_bytes())
    [report] = check_text(source, format="html", path=name).files
    assert report.language == LANGUAGES[name]
    assert report.notices == ()
    assert [f for f in report.findings if f.rule.startswith("untranslated")] == []
