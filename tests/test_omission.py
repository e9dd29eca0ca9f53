"""captioncheck.compare.omission: the part of a caption its translation leaves out, found by re-encoding."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from captioncheck.compare.equivalence import length_excess
from captioncheck.compare.omission import clauses, find, truncations
from captioncheck.rules.meaning_divergence import QUOTED_OMISSION

PAIRS = Path(__file__).resolve().parents[1] / "data" / "pairs" / "pairs.tsv"
with PAIRS.open(encoding="utf-8", newline="") as _handle:
    ROWS = [row for row in csv.reader(_handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _find(row, encoder):
    _, left_language, right_language, left, right = row
    return find(left, right, left_language, right_language,
                length_excess(left, right, left_language, right_language), encoder)


def test_clauses_cut_at_punctuation_and_clause_words():
    text = "Le maire inaugure le pont, qui a coûté trois ans de travaux et douze millions"
    parts = [text[a:b].strip(" ,") for a, b in clauses(text, "fr")]
    assert parts == ["Le maire inaugure le pont", "qui a coûté trois ans de travaux", "et douze millions"]
    assert clauses("Un pont neuf sur le fleuve", "fr") == []  # one clause: nothing to leave out


def test_truncations_keep_at_least_two_words_each_side():
    text = "one two three four five six"
    for start, end in truncations(text):
        assert len(text[start:end].split()) >= 2
        assert len((text[:start] + text[end:]).split()) >= 2
    assert truncations("one two three") == []


@pytest.mark.parametrize("row", [r for r in ROWS if r[0] == "clause"], ids=lambda r: f"{r[1]}>{r[2]}")
def test_the_dropped_clause_is_found_in_the_caption(row, encoder):
    omission = _find(row, encoder)
    assert omission.side == 0 and omission.gain >= QUOTED_OMISSION
    start, end = omission.span
    left_out = row[3][start:end].split()
    assert left_out and all(word in row[3].split() for word in left_out)
    # the beginning, which the translation does translate, is kept: what is left out follows it
    assert len(row[3][:start].split()) >= 4


@pytest.mark.parametrize("row", [r for r in ROWS if r[0] == "faithful"], ids=lambda r: f"{r[1]}>{r[2]}")
def test_a_faithful_translation_leaves_nothing_out(row, encoder):
    assert _find(row, encoder).gain < QUOTED_OMISSION


def test_meaning_divergence_quotes_the_clause_left_out(checker):
    row = next(r for r in ROWS if r[0] == "clause" and r[1:3] == ["es", "fr"] and "," in r[3])
    credit = "Javier SORIANO / AFP - "
    article = (f"Le gouvernement présente son plan\n\n{credit}{row[3]}\n{credit}{row[4]}\n\n"
               "Le ministre a présenté mardi un plan d'investissement pour les transports.\n")
    report = checker.check_text(article, "text", "clause.txt")
    [finding] = [f for f in report.findings if f.rule == "meaning-divergence"]
    assert finding.line == 4
    clause = row[3][row[3].index(",") + 1:].strip()
    assert finding.message == f"'{clause}' in line 3 has no counterpart in line 4"
