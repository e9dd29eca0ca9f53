"""--fix and --diff: the defects with one safe correction are corrected, every other byte kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import captioncheck
from captioncheck.findings import Applicability

from conftest import DATA, ROOT, run_cli

FIXES = ROOT / "data" / "fixes"
SCHEMA = json.loads((ROOT / "captioncheck" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
BOM = "\ufeff".encode()


def _copy(source: Path, folder: Path, data: bytes | None = None) -> Path:
    target = folder / source.name
    if data is None:
        shutil.copyfile(source, target)
    else:
        target.write_bytes(data)
    return target


def _without(text: str, *removed: str) -> str:
    """``text`` without each of ``removed`` (each must be there exactly once)."""
    for part in removed:
        assert text.count(part) == 1, part
        text = text.replace(part, "")
    return text


def _fixed_text_article() -> tuple[str, str]:
    original = (DATA / "fr-caption-es.txt").read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    assert lines[4].startswith("Javier SORIANO / AFP - El ministro") and lines[5].startswith("photo_camera ")
    assert lines[15] == "Lire aussi\n" and lines[14] == "\n"
    return original, _without(original, lines[4], "photo_camera ", "\nLire aussi\n")


def test_fix_removes_the_untranslated_caption_the_icon_and_the_leftover_and_nothing_else(tmp_path):
    original, expected = _fixed_text_article()
    article = _copy(DATA / "fr-caption-es.txt", tmp_path)
    diff = run_cli("--diff", str(article))
    assert diff.returncode == 1 and article.read_text(encoding="utf-8") == original
    assert "3 fixes to apply in 1 file" in diff.stderr.decode()
    fixed = run_cli("--fix", str(article))
    assert article.read_text(encoding="utf-8") == expected
    assert fixed.returncode == 0 and "3 fixes applied in 1 file" in fixed.stderr.decode()
    again = run_cli("--fix", str(article))
    assert again.returncode == 0 and article.read_text(encoding="utf-8") == expected and b"applied" not in again.stderr
    assert run_cli("--diff", str(article)).returncode == 0


def test_the_diff_is_the_change_fix_makes(tmp_path):
    original, expected = _fixed_text_article()
    article = _copy(DATA / "fr-caption-es.txt", tmp_path)
    diff = run_cli("--diff", str(article)).stdout.decode()
    assert diff.startswith(f"--- a/{article}\n+++ b/{article}\n")
    removed = [line[1:] for line in diff.splitlines(keepends=True) if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines(keepends=True) if line.startswith("+") and not line.startswith("+++")]
    assert removed[0].startswith("Javier SORIANO / AFP - El ministro") and removed[-1] == "Lire aussi\n"
    assert added == [original.splitlines(keepends=True)[5].removeprefix("photo_camera ")]


def test_the_seed_article_loses_exactly_its_three_defects(tmp_path, seed_article):
    original = seed_article.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    article = _copy(seed_article, tmp_path)
    assert run_cli("--fix", str(article)).returncode == 0
    assert lines[-1] == "Plus dans Politique" and lines[-2] == "\n"
    assert article.read_text(encoding="utf-8") == _without(original, lines[4], "photo_camera ", "\nPlus dans Politique")


@pytest.mark.parametrize("ending", ["\r\n", "\n"])
@pytest.mark.parametrize("bom", [b"", BOM])
def test_line_endings_and_byte_order_mark_are_kept(tmp_path, ending, bom):
    original, expected = _fixed_text_article()
    article = _copy(DATA / "fr-caption-es.txt", tmp_path, bom + original.replace("\n", ending).encode())
    article.chmod(0o640)
    run_cli("--fix", str(article))
    assert article.read_bytes() == bom + expected.replace("\n", ending).encode()
    assert article.stat().st_mode & 0o777 == 0o640


def test_a_pair_at_the_end_of_a_file_without_a_final_newline(tmp_path):
    source = FIXES / "es-end-of-file.txt"
    original = source.read_text(encoding="utf-8")
    *_, french, spanish = original.split("\n")
    assert french.startswith("Juan MEDINA / Reuters - La ministre") and not original.endswith("\n")
    article = _copy(source, tmp_path)
    run_cli("--fix", str(article))
    assert article.read_text(encoding="utf-8") == _without(original, "photo_camera zoom_in ", french + "\n")
    # the untranslated caption last, its translation above it: the line end before it goes with it
    _copy(source, tmp_path, original.replace(f"{french}\n{spanish}", f"{spanish}\n{french}").encode())
    run_cli("--fix", str(article))
    assert article.read_text(encoding="utf-8") == _without(original, "photo_camera zoom_in ", f"{french}\n")


def test_two_fixes_on_one_line_are_both_applied():
    text = (FIXES / "es-end-of-file.txt").read_text(encoding="utf-8")
    report = captioncheck.check_text(text)
    icons = [f for f in report.findings if f.rule == "ui-artifact"]
    assert [f.line for f in icons] == [5, 5] and all(f.fix is not None for f in icons)
    assert "photo_camera" not in captioncheck.apply_fixes(text, icons) and "zoom_in" not in \
        captioncheck.apply_fixes(text, icons)


def test_markdown_keeps_its_front_matter_and_markup(tmp_path):
    original = (DATA / "fr-caption-es.md").read_text(encoding="utf-8")
    article = _copy(DATA / "fr-caption-es.md", tmp_path)
    run_cli("--fix", str(article))
    fixed = article.read_text(encoding="utf-8")
    assert fixed == _without(original, "photo_camera ", "\n\nPlus dans Économie\n") + "\n"
    assert fixed.startswith(original[:original.index("\n---", 3) + 4])  # the front matter, byte for byte
    assert "![Javier SORIANO / AFP - El ministro" in fixed  # an image's alt text is never removed


def test_html_removes_whole_elements_and_stays_a_figure(tmp_path):
    original = (DATA / "fr-caption-es.html").read_text(encoding="utf-8")
    article = _copy(DATA / "fr-caption-es.html", tmp_path)
    run_cli("--fix", str(article))
    fixed = article.read_text(encoding="utf-8")
    spanish = original[original.index("<p>Javier SORIANO / AFP - El"):]
    assert fixed == _without(original, spanish[:spanish.index("</p>") + 4], '<span class="icon">photo_camera</span> ',
                             '  <p><a href="/economie">Plus dans Économie</a></p>\n')
    assert "<figure>" in fixed and "<figcaption>" in fixed and "</figcaption></figure>" in fixed.replace("\n", "").replace(" ", "")
    report = captioncheck.check_text(fixed, format="html")
    assert [f.rule for f in report.findings] == []


def test_a_pair_with_warnings_is_an_unsafe_fix_and_with_an_error_none(tmp_path):
    report = captioncheck.check_text((DATA / "fr-pairs-from-es.txt").read_text(encoding="utf-8"))
    untranslated = {f.line: f for f in report.findings if f.rule == "untranslated-segment"}
    others = {f.related_segment for f in report.findings if f.code.startswith("CC2")}
    for finding in untranslated.values():
        pair = [f for f in report.findings if f.code.startswith("CC2") and f.related_segment == finding.segment]
        if any(f.severity.value == "error" for f in pair):
            assert finding.fix is None
        elif pair:
            assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
        else:
            assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert len(others) >= 4 and {f.fix.applicability for f in untranslated.values() if f.fix} == {
        Applicability.SAFE, Applicability.UNSAFE}
    article = _copy(DATA / "fr-pairs-from-es.txt", tmp_path)
    run_cli("--fix", str(article))
    safe_only = article.read_text(encoding="utf-8")
    run_cli("--fix", "--unsafe-fixes", str(article))
    with_unsafe = article.read_text(encoding="utf-8")
    assert len(with_unsafe) < len(safe_only) < len((DATA / "fr-pairs-from-es.txt").read_text(encoding="utf-8"))
    assert "14 avions" in with_unsafe or "14" in with_unsafe  # the wrong translation stays for an editor


def test_standard_input_gets_the_fixed_article_on_standard_output():
    original, expected = _fixed_text_article()
    done = run_cli("--fix", "-", input_bytes=original.encode())
    assert done.returncode == 0 and done.stdout.decode() == expected
    diff = run_cli("--diff", "-", input_bytes=original.encode())
    assert diff.returncode == 1 and diff.stdout.decode().startswith("--- a/-\n")


def test_json_sarif_and_the_api_carry_the_same_edits(tmp_path):
    original, expected = _fixed_text_article()
    article = _copy(DATA / "fr-caption-es.txt", tmp_path)
    report = json.loads(run_cli("-f", "json", str(article)).stdout)
    jsonschema.validate(report, SCHEMA)
    edits = [e for f in report["files"][0]["findings"] if f["fix"] for e in f["fix"]["edits"]]
    text = original
    for edit in sorted(edits, key=lambda e: e["start"], reverse=True):
        text = text[:edit["start"]] + edit["replacement"] + text[edit["end"]:]
    assert text == expected
    sarif = json.loads(run_cli("-f", "sarif", str(article)).stdout)
    regions = sorted((r["deletedRegion"]["charOffset"], r["deletedRegion"]["charLength"])
                     for result in sarif["runs"][0]["results"] for fix in result.get("fixes", ())
                     for change in fix["artifactChanges"] for r in change["replacements"])
    assert regions == sorted((e["start"], e["end"] - e["start"]) for e in edits)
    fixed = captioncheck.fix_text(original, path="a.txt")
    assert fixed.text == expected and fixed.fixed == 3 and fixed.report.findings == ()


def test_list_rules_explain_and_the_html_report_say_what_can_be_fixed(tmp_path):
    listed = run_cli("--list-rules").stdout.decode()
    assert "ui-artifact" in listed and "[*]" in listed
    assert "Fix (safe)" in run_cli("--explain", "CC301").stdout.decode()
    page = run_cli("-f", "html", str(DATA / "fr-caption-es.txt")).stdout.decode()
    assert page.count('<p class="fix safe">') == 3 and "<del>photo_camera</del>" in page


_CAPTIONS = [
    ("Javier SORIANO / AFP - El ministro de Transportes, Óscar Puente, durante la presentación del plan en Atocha",
     "Javier SORIANO / AFP - Le ministre des Transports, Óscar Puente, lors de la présentation du plan à Atocha"),
    ("Un soldado ucraniano observa el cielo en busca de drones en las afueras de Kiev (EFE)",
     "Un soldat ukrainien scrute le ciel à la recherche de drones dans la banlieue de Kiev (EFE)"),
]
_BODY = ("Le ministre espagnol des Transports a présenté mardi à Madrid un plan d'investissement destiné à "
         "moderniser le réseau ferroviaire du pays au cours des cinq prochaines années, selon le ministère.")
_PIECES = st.lists(st.one_of(
    st.sampled_from(_CAPTIONS).map(lambda pair: f"{pair[0]}\n{pair[1]}"),
    st.sampled_from(_CAPTIONS).map(lambda pair: f"photo_camera {pair[1]}"),
    st.just("Plus dans Politique"), st.just("Lire aussi"), st.just(_BODY)), min_size=1, max_size=5)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=_PIECES, ending=st.sampled_from(["\n", "\r\n"]), final=st.booleans(),
       input_format=st.sampled_from(["text", "markdown"]))
def test_fixing_keeps_the_article_readable_and_a_second_pass_finds_nothing(pieces, ending, final, input_format):
    text = f"Le plan ferroviaire du gouvernement{ending}{ending}{_BODY}{ending}{ending}"
    text += (ending * 2).join(piece.replace("\n", ending) for piece in pieces) + (ending if final else "")
    fixed = captioncheck.fix_text(text, format=input_format)
    again = captioncheck.fix_text(fixed.text, format=input_format)
    assert again.text == fixed.text and again.fixed == 0
    assert not any(f.fix and f.fix.applicability is Applicability.SAFE for f in again.report.findings)
    assert fixed.text.startswith(f"Le plan ferroviaire du gouvernement{ending}{ending}{_BODY}")
    assert "\r\n" not in fixed.text if ending == "\n" else "\n" not in fixed.text.replace("\r\n", "")
    assert f"{ending}{ending}{ending}" not in fixed.text  # no paragraph left behind as a double blank line
    assert fixed.text.endswith(ending) or not final  # a final line end is kept (one may be gained: "a\n\nLire aussi")


def test_the_readme_shows_the_real_diff():
    diff = run_cli("--diff", "data/articles/fr-caption-es.txt", cwd=ROOT).stdout.decode()
    shown = "".join(f"    {line}" for line in diff.splitlines(keepends=True))
    assert shown.replace(" \n", "\n") in (ROOT / "README.md").read_text(encoding="utf-8").replace(" \n", "\n")
