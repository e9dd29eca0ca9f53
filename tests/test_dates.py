"""Days and months named in a text, and two sides of a pair that name different ones."""

from __future__ import annotations

import pytest

from captioncheck.compare.dates import contradiction, date_words


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Un pompier près d'Athènes lundi 3 mars", "fr", [("day", 1), ("month", 3)]),
    ("Los agricultores protestan el martes 3 de marzo", "es", [("day", 2), ("month", 3)]),
    ("Lunes negro en la Bolsa de Madrid", "es", [("day", 1)]),  # capitalised at a sentence's start
    ("Il 3 marzo, lunedi, a Roma", "it", [("month", 3), ("day", 1)]),  # the accent dropped
    ("Na segunda-feira, 3 de março", "pt", [("day", 1), ("month", 3)]),
    ("Im März demonstrierten Bauern am Montag", "de", [("month", 3), ("day", 1)]),
    ("Farmers protest in Paris on 3 May", "en", [("month", 5)]),
    ("Farmers protested in March 2024", "en", [("month", 3)]),
    ("Farmers protest on Tuesday", "en", [("day", 2)]),
])
def test_days_and_months_are_read_in_each_language(text, language, expected):
    assert [(w.kind, w.value) for w in date_words(text, language)] == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Theresa May visits Brussels", "en"),  # a name, not a month
    ("May I come in?", "en"),
    ("Thousands march in Paris", "en"),
    ("Prinz August von Preußen", "de"),
    ("Manifestación en la Plaza de Mayo", "es"),  # a name in a language that writes months in lower case
    ("La sonde atterrit sur Mars", "fr"),
    ("Поезд прибыл в понедельник", "ru"),  # no list for the language
])
def test_names_and_other_words_are_no_dates(text, language):
    assert date_words(text, language) == ()


def _contradiction(left: str, left_language: str, right: str, right_language: str):
    found = contradiction(date_words(left, left_language), date_words(right, right_language))
    return [w.text for w in found[0]], [w.text for w in found[1]]


def test_two_sides_that_name_different_days_or_months_contradict():
    assert _contradiction("Incendio cerca de Atenas el martes", "es", "Incendie près d'Athènes lundi", "fr") == (
        ["martes"], ["lundi"])
    assert _contradiction("Protesta el 3 de marzo", "es", "Manifestation le 3 mai", "fr") == (["marzo"], ["mai"])
    # counted: one Sunday and one Monday against two Mondays
    assert _contradiction("Trabajé el domingo y descansé el lunes", "es",
                          "I worked on Monday and rested on Monday", "en") == (["domingo"], ["Monday"])


def test_a_date_left_out_or_named_on_one_side_only_is_no_contradiction():
    assert _contradiction("Incendio cerca de Atenas el martes", "es", "Incendie près d'Athènes", "fr") == ([], [])
    assert _contradiction("El martes 3 de marzo", "es", "Mardi 3 mars", "fr") == ([], [])
    # a day and a month do not contradict each other
    assert _contradiction("Protesta el martes", "es", "Manifestation en mars", "fr") == ([], [])
