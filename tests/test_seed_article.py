"""The real published article that captioncheck exists for (shared/articles/nato-kyiv-fr.txt)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli


def _json(result) -> dict:
    return json.loads(result.stdout.decode("utf-8"))


def test_seed_article_defects(seed_article: Path):
    result = run_cli("--format", "json", str(seed_article), process=True)  # as the console script runs
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
    assert untranslated["message"] == ("caption is in Spanish (es), the article is in French (fr); "
                                       "line 6 is its translation: line 5 was left untranslated")
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


def _seed_as_markdown_and_html(seed_article: Path, tmp_path: Path) -> tuple[Path, dict, Path, dict]:
    """The seed article as Markdown (image alt + italic caption line) and as HTML (a figure with both
    captions, nav, footer),
    with, for each, where its lines 5, 6 and 34 went."""
    import html

    lines = seed_article.read_text(encoding="utf-8").split("\n")
    line = lambda n: lines[n - 1].strip()  # noqa: E731
    body = [n for n in range(7, 34) if line(n)]
    md = ["---", "lang: fr", "---", "", f"# {line(1)}", "", line(3), "", f"![{line(5)}](nato.jpg)", f"*{line(6)}*", ""]
    md_lines = {5: 9, 6: 10}
    for n in body:
        md += [line(n), ""]
    md_lines[34] = len(md) + 1
    md.append(line(34))
    page = ["<!DOCTYPE html>", '<html lang="fr">', "<body>",
            '<nav><a href="/">Accueil</a> <a href="/politique">Plus dans Politique</a></nav>', "<article>",
            f"<h1>{html.escape(line(1))}</h1>", f"<p>{html.escape(line(3))}</p>", '<figure><img src="nato.jpg" alt="">',
            f"<figcaption><p>{html.escape(line(5))}</p>", f"<p>{html.escape(line(6))}</p></figcaption>",
            "</figure>"]
    html_lines = {5: 9, 6: 10}
    page += [f"<p>{html.escape(line(n))}</p>" for n in body]
    html_lines[34] = len(page) + 1
    page += [f"<p>{line(34)}</p>", "</article>", "<footer><p>Lire aussi : nos archives</p></footer>", "</body>",
             "</html>"]
    markdown, page_file = tmp_path / "nato.md", tmp_path / "nato.html"
    markdown.write_text("\n".join(md) + "\n", encoding="utf-8")
    page_file.write_text("\n".join(page) + "\n", encoding="utf-8")
    return markdown, md_lines, page_file, html_lines


def test_seed_article_as_markdown_and_html(seed_article: Path, tmp_path: Path):
    markdown, md_lines, page, html_lines = _seed_as_markdown_and_html(seed_article, tmp_path)
    plain = _json(run_cli("--format", "json", str(seed_article)))["files"][0]["findings"]
    expected = [(f["rule"], f["severity"], f["line"], f["message"].split(";")[0]) for f in plain]
    for article, where in ((markdown, md_lines), (page, html_lines)):
        result = run_cli("--format", "json", str(article))
        assert result.returncode == 1, result.stderr
        found = _json(result)["files"][0]["findings"]
        assert [(f["rule"], f["severity"], f["line"], f["message"].split(";")[0]) for f in found] == [
            (rule, severity, where[line], message) for rule, severity, line, message in expected]
