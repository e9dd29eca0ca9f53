"""The HTML report in a real browser (Playwright driving Debian's chromium): offline, escaped, filterable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, require, run_cli

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAIRS = DATA / "fr-pairs-from-es.txt"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    require(CHROMIUM, "Debian's chromium is not installed: apt-get install chromium", "CAPTIONCHECK_REQUIRE_BROWSER")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


def _report(tmp_path: Path, *paths: Path) -> Path:
    output = tmp_path / "report.html"
    result = run_cli("--format", "html", "--output-file", str(output), *map(str, paths))
    assert result.returncode in (1, 2), result.stderr.decode()
    return output


def _open(browser, report: Path):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri())
    return page, requested, errors


def test_the_report_shows_every_finding_and_loads_nothing_else(browser, tmp_path: Path):
    report = _report(tmp_path, PAIRS, tmp_path / "missing.txt")
    page, requested, errors = _open(browser, report)
    assert requested == [report.as_uri()] and errors == []
    assert page.locator("article.finding").count() == 12
    assert "9 errors, 3 warnings in 1 file checked; 1 could not be checked" in page.locator("#totals").inner_text()
    assert "not checked: no such file or directory" in page.locator("p.error").inner_text()


def test_a_pair_finding_puts_both_captions_side_by_side_with_the_difference_marked_on_both(browser, tmp_path: Path):
    page, _, _ = _open(browser, _report(tmp_path, PAIRS))
    finding = page.locator("article.finding[data-rule='number-mismatch']").first
    source, target = finding.locator(".side.source"), finding.locator(".side.target")
    assert "Más de 40 drones" in source.inner_text() and "Plus de 14 drones" in target.inner_text()
    assert source.locator("mark").inner_text() == "40" and target.locator("mark").inner_text() == "14"
    source_box, target_box = source.bounding_box(), target.bounding_box()
    assert source_box["x"] < target_box["x"] and abs(source_box["y"] - target_box["y"]) < 2  # side by side


def test_filters_by_severity_and_rule(browser, tmp_path: Path):
    page, _, _ = _open(browser, _report(tmp_path, PAIRS))
    page.select_option("#severity", "warning")
    assert page.locator("article.finding:visible").count() == 3
    page.select_option("#severity", "")
    page.select_option("#rule", "position-mismatch")
    assert page.locator("article.finding:visible").count() == 2
    assert page.locator("section.file .count").inner_text() == "2"


def test_article_text_is_shown_never_run(browser, tmp_path: Path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Le plan du gouvernement pour la ville\n\n"
        "El ministro <script>window.ran = 1</script><img src=x onerror=\"window.ran = 2\"> "
        "anunció 40 millones para la ciudad de Valencia este martes por la tarde.\n\n"
        "Le ministre a annoncé quarante millions pour la ville de Valence ce mardi après-midi.\n",
        encoding="utf-8")
    page, requested, _ = _open(browser, _report(tmp_path, hostile))
    assert page.evaluate("window.ran") is None
    assert "<script>window.ran = 1</script>" in page.locator("article.finding").first.inner_text()
    assert all(url.startswith("file:") for url in requested)


def test_every_file_checked_is_listed_and_a_long_path_never_scrolls_a_phone_sideways(browser, tmp_path: Path):
    folder = tmp_path / ("a_folder_with_a_very_long_name_" * 6)
    folder.mkdir()
    clean, paired = folder / "clean.txt", folder / ("pairs-" * 12 + ".txt")
    clean.write_text("Le ministre a présenté le plan de la ville ce mardi.\n\nLa ville recevra quarante "
                     "millions d'euros pour ses transports publics.\n", encoding="utf-8")
    shutil.copy(PAIRS, paired)
    report = _report(tmp_path, clean, paired)
    page, _, errors = _open(browser, report)
    assert errors == [] and page.locator("section.file").count() == 2
    [entry] = [page.locator("section.file").nth(i) for i in range(2)
               if "clean.txt" in page.locator("section.file h2").nth(i).inner_text()]
    assert "No findings" in entry.inner_text() and entry.locator(".count").inner_text() == "0"
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    phone.goto(report.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"  # kept by CI, ignored by git


def test_every_pair_of_the_example_articles_side_by_side_and_on_a_phone(browser, tmp_path: Path):
    report = _report(tmp_path, DATA)
    page, requested, errors = _open(browser, report)
    pairs = page.locator("article.finding:has(.pair)")
    assert pairs.count() >= 20 and errors == [] and requested == [report.as_uri()]
    for index in range(pairs.count()):
        finding = pairs.nth(index)
        assert finding.locator(".side.source").inner_text().strip()
        assert finding.locator(".side.target mark").count() == 1
        assert finding.locator(".side.target mark").inner_text().strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    phone.goto(report.as_uri())
    source, target = (phone.locator("article.finding:has(.pair)").first.locator(f".side.{side}")
                      for side in ("source", "target"))
    assert source.bounding_box()["y"] < target.bounding_box()["y"]  # one above the other on a phone
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(ARTIFACTS / "html-report-phone.png"))
