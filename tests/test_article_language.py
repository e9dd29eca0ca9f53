"""The article's language comes from its text; languages nobody configured are named, never forced
into one that was. The articles are written for these tests."""

from __future__ import annotations

import json

from conftest import run_cli

RUSSIAN = """Правительство представило план ремонта школ

Министр образования во вторник представил в Москве план ремонта двух тысяч школ, построенных до 1975 года.

Фото: Иван ПЕТРОВ / ТАСС - Министр образования во время пресс-конференции в Москве во вторник

По словам министерства, работы начнутся летом в северных регионах страны, где зимы особенно суровы.

Мэры городов говорят, что готовы, но просят государство взять на себя половину расходов.
"""

INDONESIAN = """Pemerintah mengumumkan rencana renovasi sekolah di seluruh negeri

Menteri pendidikan pada hari Selasa mengumumkan rencana untuk memperbaiki dua ribu sekolah yang dibangun sebelum tahun 1975.

Menurut kementerian, pekerjaan akan dimulai pada musim kemarau di wilayah utara, tempat banyak sekolah rusak parah.

Para wali kota mengatakan mereka siap, tetapi meminta pemerintah pusat menanggung setengah dari biayanya.
"""

FRENCH_WITH_A_RUSSIAN_CAPTION = """Le gouvernement présente un plan de rénovation des écoles

Le ministre de l'Éducation a présenté mardi à Paris un plan de rénovation de deux mille écoles construites avant 1975.

Photo : Ivan PETROV / TASS - Министр образования во время пресс-конференции в Москве во вторник

Selon le ministère, les travaux commenceront cet été dans les régions du Nord, où les hivers sont les plus rudes.

Les maires se disent prêts, mais demandent à l'État de prendre en charge la moitié des dépenses.
"""

GERMAN_PAGE_DECLARED_ENGLISH = """<!DOCTYPE html>
<html lang="en"><head><title>News</title></head><body>
<article>
<h1>Die Regierung stellt einen Plan zur Sanierung der Schulen vor</h1>
<p>Der Bildungsminister hat am Dienstag in Berlin einen Plan zur Sanierung von zweitausend Schulen vorgestellt, die vor 1975 gebaut wurden.</p>
<p>Nach Angaben des Ministeriums beginnen die Arbeiten im Sommer in den nördlichen Ländern, wo die Winter am härtesten sind.</p>
<p>Die Bürgermeister sagen, sie seien bereit, verlangen aber, dass der Bund mindestens die Hälfte der Kosten übernimmt.</p>
</article>
</body></html>
"""


def _report(tmp_path, name: str, text: str, *options: str) -> tuple[int, dict, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("--format", "json", *options, str(path))
    return result.returncode, json.loads(result.stdout)["files"][0], result.stderr.decode()


def test_an_article_in_a_language_not_configured_gets_one_notice_and_no_finding(tmp_path):
    for name, text, language in (("ru.txt", RUSSIAN, "ru"), ("id.txt", INDONESIAN, "id")):
        status, report, stderr = _report(tmp_path, name, text)
        assert status == 0
        assert report["findings"] == []
        assert report["language"] in (language, "ms")  # Indonesian and Malay share most words
        [notice] = report["notices"]
        assert "not among the languages checked" in notice and "--languages" in notice
        assert stderr.count("captioncheck: notice:") == 1


def test_the_same_article_is_checked_once_its_language_is_configured(tmp_path):
    status, report, _ = _report(tmp_path, "ru.txt", RUSSIAN, "--languages", "fr,es,en,de,it,pt,ca,nl,ru")
    assert (status, report["language"], report.get("notices")) == (0, "ru", None)
    assert report["findings"] == []


def test_a_caption_in_a_language_not_configured_is_untranslated_in_its_own_language(tmp_path):
    status, report, _ = _report(tmp_path, "fr.txt", FRENCH_WITH_A_RUSSIAN_CAPTION)
    assert status == 1
    [finding] = [f for f in report["findings"] if f["rule"] == "untranslated-segment"]
    assert (finding["line"], finding["language"]) == (5, "ru")
    assert "Russian (ru)" in finding["message"]


def test_a_page_whose_lang_attribute_lies_is_checked_in_the_language_of_its_text(tmp_path):
    status, report, stderr = _report(tmp_path, "de.html", GERMAN_PAGE_DECLARED_ENGLISH)
    assert (status, report["language"], report["findings"]) == (0, "de", [])
    [notice] = report["notices"]
    assert notice.startswith("the page declares English (en) but is written in German (de)")
    assert stderr.count("captioncheck: notice:") == 1


def test_the_command_line_language_wins_over_the_text(tmp_path):
    status, report, _ = _report(tmp_path, "de.html", GERMAN_PAGE_DECLARED_ENGLISH, "--language", "en")
    assert report["language"] == "en" and "notices" not in report
    assert status == 1 and {f["rule"] for f in report["findings"]} == {"untranslated-segment"}


def test_a_title_of_a_work_inside_a_sentence_is_not_an_untranslated_fragment(tmp_path):
    article = ("La rentrée littéraire\n\n"
               "La romancière a relu cet été The Dawn of the New Everything, puis elle a revu The Death and Life "
               "of Marsha P. Johnson avant de reprendre l'écriture de son prochain livre.\n\n"
               "Elle publiera son roman en septembre chez un éditeur parisien, après deux ans de travail.\n")
    status, report, _ = _report(tmp_path, "fr.txt", article)
    assert (status, report["findings"]) == (0, [])
    sentence = article.replace("Elle publiera", "She will publish her novel in September with a Paris publisher. Elle publiera")
    status, report, _ = _report(tmp_path, "fr.txt", sentence)
    assert [f["rule"] for f in report["findings"]] == ["untranslated-fragment"]
