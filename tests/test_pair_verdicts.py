"""Pair verdicts on caption pairs written for these tests (data/pairs/pairs.tsv), in four directions.

Each pair is laid out as a newsroom would: two caption lines with one credit, the untranslated
caption above its translation, in an article in the translation's language. A faithful pair must
raise no mismatch finding and be reported untranslated and paired; each changed pair must raise the
rule its case names, on the translation's line.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from captioncheck.checker import Checker

from conftest import DATA

PAIRS = Path(DATA).parent / "pairs" / "pairs.tsv"
MISMATCH_RULES = {"meaning-divergence", "number-mismatch", "name-mismatch", "position-mismatch", "credit-mismatch"}
EXPECTED = {"name": "name-mismatch", "number": "number-mismatch", "position": "position-mismatch",
            "clause": "meaning-divergence", "wrong": "meaning-divergence", "cut": "meaning-divergence",
            "unfinished": "meaning-divergence", "date": "number-mismatch"}
BODY = {
    "fr": ("Le gouvernement présente son plan", "Le ministre a présenté mardi un plan d'investissement destiné à "
           "moderniser les réseaux de transport du pays au cours des cinq prochaines années."),
    "es": ("El Gobierno presenta su plan", "El ministro presentó el martes un plan de inversiones destinado a "
           "modernizar las redes de transporte del país durante los próximos cinco años."),
    "en": ("The government presents its plan", "The minister on Tuesday presented an investment plan to "
           "modernise the country's transport networks over the next five years."),
}


def _rows() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        fields = ("case", "source_language", "target_language", "source", "target")
        return [dict(zip(fields, row)) for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


ROWS = _rows()


def _article(row: dict[str, str]) -> str:
    title, body = BODY[row["target_language"]]
    credit = "Javier SORIANO / AFP - "
    return f"{title}\n\n{credit}{row['source']}\n{credit}{row['target']}\n\n{body}\n"


def test_every_case_is_covered_in_four_directions():
    directions = {(r["source_language"], r["target_language"]) for r in ROWS}
    required = {("es", "fr"), ("fr", "es"), ("es", "en"), ("en", "fr")}
    assert required <= directions
    for direction in required:
        cases = {r["case"] for r in ROWS if (r["source_language"], r["target_language"]) == direction}
        assert cases == {"faithful", *EXPECTED}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['case']}-{r['source_language']}>{r['target_language']}-{i}"
                                           for i, r in enumerate(ROWS)])
def test_pair_verdict(row: dict[str, str], checker: Checker):
    report = checker.check_text(_article(row), "text", "pair.txt")
    assert report.language == row["target_language"]
    untranslated = [f for f in report.findings if f.rule == "untranslated-segment"]
    assert [(f.line, f.related_segment) for f in untranslated] == [(3, 2)]
    mismatches = {(f.rule, f.line) for f in report.findings if f.rule in MISMATCH_RULES}
    if row["case"] == "faithful":
        assert mismatches == set()
    else:
        assert (EXPECTED[row["case"]], 4) in mismatches
    shared_name = {w for w in row["source"].split() if w[:1].isupper()} & set(row["target"].split())
    if row["case"] == "wrong" and not shared_name:
        # a caption that is no translation gets one finding, the details in its message (one that shares
        # a name and a phrase with the source, "Taylor Swift ... in front of" / "... devant", may be read
        # as a translation wrong in its details)
        assert mismatches == {("meaning-divergence", 4)}


def test_a_wrong_caption_is_one_finding_that_names_the_numbers_and_names_that_differ(checker: Checker):
    row = {"source_language": "es", "target_language": "fr",
           "source": "Veinticinco bomberos luchan contra el incendio forestal cerca de Atenas, el martes.",
           "target": "Le président Emmanuel Macron inaugure 52 nouvelles écoles à Lille, lundi."}
    report = checker.check_text(_article(row), "text", "pair.txt")
    [finding] = [f for f in report.findings if f.rule in MISMATCH_RULES]
    assert finding.rule == "meaning-divergence" and "describes something else" in finding.message
    assert "line 3 says Veinticinco, Atenas where line 4 says 52, Emmanuel Macron" in finding.message


@pytest.mark.parametrize(("source", "target"), [
    ("Ana acaricia al gato.", "Julien n'était pas content."),
    ("Su hija tiene doce años.", "Il pleut sur Lyon."),
])
def test_a_short_caption_far_from_its_neighbour_is_one_finding_however_few_its_words(
        source: str, target: str, checker: Checker):
    # two or three content words a side are too few for the word alignment to say what they share, and
    # it pairs words by chance; a cosine this low says it on its own
    row = {"source_language": "es", "target_language": "fr", "source": source, "target": target}
    report = checker.check_text(_article(row), "text", "pair.txt")
    [finding] = [f for f in report.findings if f.rule in MISMATCH_RULES]
    assert finding.rule == "meaning-divergence" and "describes something else" in finding.message


def test_the_distinct_cosine_leaves_out_what_both_sides_copy():
    from captioncheck.compare.equivalence import without_shared

    assert without_shared("Rafael Nadal signs autographs in Mallorca in 2022",
                          "Rafael Nadal levanta el trofeo en París en 2022", "en", "es") == (
        "signs autographs in Mallorca in", "levanta el trofeo en París en")
    # nothing shared, or nothing left once the shared name is out: the plain cosine is used
    assert without_shared("A farmer drives a tractor", "Un enfant joue sur la plage", "en", "fr") is None
    assert without_shared("Rafael Nadal", "Rafael Nadal en París", "en", "es") is None


def test_captions_of_one_slot_this_far_apart_are_divergent_whatever_the_score():
    from captioncheck.compare.equivalence import SLOT_NO_TRANSLATION_COSINE, divergent

    far = SLOT_NO_TRANSLATION_COSINE - 0.05
    assert divergent(0.9, far, structural=True)
    assert not divergent(0.9, far, structural=False)  # paired by looks: the score alone decides
    assert not divergent(0.9, SLOT_NO_TRANSLATION_COSINE + 0.05, structural=True)
    assert divergent(0.1, 0.9, structural=False)


NEWS_FAITHFUL = Path(DATA).parent / "pairs" / "news-faithful.tsv"
NEWS_BODY = {
    **BODY,
    "de": ("Die Regierung stellt ihren Plan vor", "Der Minister hat am Dienstag einen Investitionsplan vorgestellt, "
           "der die Verkehrsnetze des Landes in den nächsten fünf Jahren modernisieren soll."),
    "it": ("Il governo presenta il suo piano", "Il ministro ha presentato martedì un piano di investimenti per "
           "modernizzare le reti di trasporto del paese nei prossimi cinque anni."),
}


def _news_rows() -> list[tuple[str, str, str, str]]:
    with NEWS_FAITHFUL.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


@pytest.mark.parametrize("credit", ["Javier SORIANO / AFP - ", ""], ids=["credit", "no-credit"])
@pytest.mark.parametrize("row", _news_rows(), ids=lambda row: f"{row[0]}>{row[1]}:{row[3][:30]}")
def test_faithful_news_captions_raise_nothing_but_the_untranslated_caption(row, credit, checker: Checker):
    """Captions as newsrooms write them (officials' titles, dates, transliterated places, a country
    rendered by its adjective, "the Élysée Palace" for "l'Élysée"), translated faithfully."""
    source_language, target_language, source, target = row
    title, body = NEWS_BODY[target_language]
    report = checker.check_text(f"{title}\n\n{credit}{source}\n{credit}{target}\n\n{body}\n", "text", "news.txt")
    assert [(f.rule, f.line, f.related_segment) for f in report.findings] == [("untranslated-segment", 3, 2)]


NEWS_CREDITS = Path(DATA).parent / "pairs" / "news-credits.tsv"


def _credit_rows() -> list[tuple[str, ...]]:
    with NEWS_CREDITS.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row and not row[0].startswith("#")]


@pytest.mark.parametrize("row", _credit_rows(), ids=lambda row: f"{row[4]}-{row[0]}>{row[1]}:{row[3][:25]}")
def test_one_credit_written_two_ways_pairs_the_lines_and_is_no_mismatch(row, checker: Checker):
    source_language, target_language, source, target, credits = row
    title, body = NEWS_BODY[target_language]
    report = checker.check_text(f"{title}\n\n{source}\n{target}\n\n{body}\n", "text", "news.txt")
    expected = [("untranslated-segment", 3, 2)] + ([("credit-mismatch", 4, 1)] if credits == "differ" else [])
    assert sorted((f.rule, f.line, f.related_segment) for f in report.findings) == sorted(expected)


TWO_PHOTOS = Path(DATA).parent / "pairs" / "two-photos.tsv"


def _two_photo_rows() -> list[tuple[str, ...]]:
    with TWO_PHOTOS.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row and not row[0].startswith("#")]


def _two_photos(language: str, first: tuple[str, str], second: tuple[str, str]) -> str:
    title, body = NEWS_BODY[language]
    credit = "EFE/Juanjo Martín - "
    slots = [f"{credit}{source}\n{credit}{target}" for source, target in (first, second)]
    return "\n\n".join([title, slots[0], body, slots[1], body]) + "\n"  # slots on lines 3-4 and 8-9


def test_every_direction_has_two_photos():
    assert {(row[0], row[1]) for row in _two_photo_rows()} >= {("es", "fr"), ("fr", "es"), ("es", "en"), ("en", "fr")}


@pytest.mark.parametrize("row", _two_photo_rows(), ids=lambda row: f"{row[0]}>{row[1]}")
def test_two_photos_of_one_story_with_their_own_captions_raise_nothing_but_the_untranslated_ones(row, checker):
    source_language, language, source1, target1, source2, target2 = row
    report = checker.check_text(_two_photos(language, (source1, target1), (source2, target2)), "text", "two.txt")
    assert [(f.rule, f.line) for f in report.findings] == [("untranslated-segment", 3), ("untranslated-segment", 8)]


@pytest.mark.parametrize("row", _two_photo_rows(), ids=lambda row: f"{row[0]}>{row[1]}")
def test_captions_swapped_between_two_photos_are_reported_naming_the_other_caption(row, checker):
    source_language, language, source1, target1, source2, target2 = row
    report = checker.check_text(_two_photos(language, (source1, target2), (source2, target1)), "text", "two.txt")
    divergent = {f.line: f.message for f in report.findings if f.rule == "meaning-divergence"}
    assert set(divergent) == {4, 9}
    assert all("another photo's caption" in message for message in divergent.values())
    assert "line 4 does not translate line 3" in divergent[4] and "line 8" in divergent[4]
    assert "line 9 does not translate line 8" in divergent[9] and "line 3" in divergent[9]


def test_captions_swapped_between_two_html_figures_are_placed_by_line_and_column(checker):
    """An image's title (the caption some themes show) and its figcaption share a line: the message says
    which column it means."""
    source_language, language, source1, target1, source2, target2 = _two_photo_rows()[0]
    title, body = NEWS_BODY[language]
    figures = [f'<figure><img src="{n}.jpg" title="{source}"><figcaption>{target}</figcaption></figure>'
               for n, (source, target) in enumerate(((source1, target2), (source2, target1)))]
    html = (f'<html lang="{language}"><body><article>\n<h1>{title}</h1>\n{figures[0]}\n<p>{body}</p>\n'
            f'{figures[1]}\n<p>{body}</p>\n</article></body></html>\n')
    report = checker.check_text(html, "html", "two.html")
    divergent = [f for f in report.findings if f.rule == "meaning-divergence"]
    assert [f.line for f in divergent] == [3, 5]
    first_alt = figures[0].index("title=") + len('title="') + 1
    second_alt = figures[1].index("title=") + len('title="') + 1
    assert divergent[0].message == (f"line 3, column {divergent[0].column} does not translate line 3, column "
                                    f"{first_alt}: it translates line 5, column {second_alt}, another photo's caption")


UNFINISHED = {"fr": "stops after 'Lorsque les pompiers sont arrivés devant l'immeuble', a clause with no main clause",
              "es": "breaks off inside a quotation", "en": "stops after 'If the rain continues through the night', "
              "a clause with no main clause", "fr-brackets": "breaks off inside brackets"}


@pytest.mark.parametrize("row", [r for r in ROWS if r["case"] == "unfinished"],
                         ids=lambda r: f"{r['source_language']}>{r['target_language']}")
def test_a_translation_left_unfinished_says_how(row: dict[str, str], checker: Checker):
    report = checker.check_text(_article(row), "text", "pair.txt")
    [finding] = [f for f in report.findings if f.rule == "meaning-divergence"]
    key = row["target_language"] + ("-brackets" if "(" in row["target"] else "")
    assert finding.message.startswith(f"line 4 {UNFINISHED[key]}: ")
    # the untranslated caption unfinished and its translation whole: the translation is not the one cut
    whole = dict(row, source=row["target"], target=row["source"],
                 source_language=row["target_language"], target_language=row["source_language"])
    if whole["target_language"] in BODY:
        flipped = checker.check_text(_article(whole), "text", "pair.txt")
        assert not any(kind in f.message for f in flipped.findings for kind in ("breaks off", "stops after"))


@pytest.mark.parametrize("row", [r for r in ROWS if r["case"] == "cut"],
                         ids=lambda r: f"{r['source_language']}>{r['target_language']}")
def test_a_translation_that_breaks_off_says_where(row: dict[str, str], checker: Checker):
    report = checker.check_text(_article(row), "text", "pair.txt")
    [finding] = [f for f in report.findings if f.rule == "meaning-divergence"]
    last_words = " ".join(row["target"].split()[-3:])
    assert finding.message.startswith(f"line 4 breaks off after '{last_words}': ")
    # the untranslated caption, cut short: its translation is whole, nothing breaks off
    whole = dict(row, source=row["target"], target=row["source"],
                 source_language=row["target_language"], target_language=row["source_language"])
    if whole["target_language"] in BODY:
        flipped = checker.check_text(_article(whole), "text", "pair.txt")
        assert not any("breaks off" in f.message for f in flipped.findings)


def test_a_changed_day_is_reported_with_both_days(checker: Checker):
    [row] = [r for r in ROWS if r["case"] == "date" and r["source_language"] == "es" and r["target_language"] == "fr"]
    report = checker.check_text(_article(row), "text", "pair.txt")
    [finding] = [f for f in report.findings if f.rule == "number-mismatch"]
    assert finding.message == "line 3 says martes where line 4 says lundi"
    assert row["target"][finding.column - 1 - len("Javier SORIANO / AFP - "):].startswith("lundi")
