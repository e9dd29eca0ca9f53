"""A text that breaks off mid-sentence: its last word is one no finished sentence ends on."""

from __future__ import annotations

import pytest

from captioncheck.truncation import breaks_off


@pytest.mark.parametrize(("text", "language", "end"), [
    ("Le président s'entretient avec les maires des communes touchées par la", "fr", "touchées par la"),
    ("Les manifestants défilent dans les rues de Lyon et", "fr", "de Lyon et"),
    ("Le ministre quitte la salle sans dire un mot à l'", "fr", "mot à l'"),
    ("La alcaldesa visita las obras del nuevo puente con los.", "es", "puente con los"),
    ("Los vecinos explican lo que vieron y lo", "es", "vieron y lo"),
    ("Volunteers hand out food to the families evacuated to the", "en", "evacuated to the"),
    ("The minister, who had arrived late and", "en", "arrived late and"),
    ("Il sindaco inaugura la nuova biblioteca del quartiere con gli", "it", "quartiere con gli"),
    ("O presidente visita as zonas afetadas pela", "pt", "zonas afetadas pela"),
    ("Der Kanzler besucht die Flutgebiete und", "de", "die Flutgebiete und"),
    ("« Nous reconstruirons tout avec les »", "fr", "tout avec les"),  # closing marks after the word
    ("Le maire de Valence répond aux questions des journalistes dans le…", "fr", "journalistes dans le"),
])
def test_a_text_that_ends_on_an_article_a_preposition_or_a_conjunction_breaks_off(text, language, end):
    assert breaks_off(text, language) == end


@pytest.mark.parametrize(("text", "language"), [
    ("Le président salue les habitants de Valence.", "fr"),
    ("« Il faut reconstruire vite », a-t-il dit.", "fr"),  # a pronoun joined to its verb
    ("Des vaccins ? La ministre assure qu'il en reste une.", "fr"),  # an article that is also a pronoun
    ("What are these barricades made of?", "en"),  # English leaves a preposition at the end
    ("The vaccine is rich in vitamin A", "en"),  # a capital: a name, not an article
    ("Das war ein schöner Abend, oder?", "de"),  # a conjunction asked as a question
    ("Kommst du heute Abend mit?", "de"),  # a German particle
    ("Na und?", "de"),  # too short to be a cut sentence
    ("Los vecinos esperan la ayuda prometida (EFE)", "es"),
    ("Tengo una.", "es"),
    ("La alcaldesa dice que el premio es para mi", "es"),  # "mí" with its accent dropped
    ("De minister weet het.", "nl"),
    ("Daar weet de minister niets van.", "nl"),  # Dutch leaves a preposition at the end
    ("Поезд прибыл в Киев", "ru"),  # no list for the language: never said to break off
    ("", "fr"),
])
def test_a_finished_sentence_does_not_break_off(text, language):
    assert breaks_off(text, language) is None
