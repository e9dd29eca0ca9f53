"""A text that breaks off mid-sentence: its last word is one no finished sentence ends on."""

from __future__ import annotations

import pytest

from captioncheck.compare.truncation import breaks_off, lone_clause, unclosed


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


@pytest.mark.parametrize(("text", "language"), [
    ("If the rain continues through the night.", "en"),
    ("Lorsque les pompiers sont arrivés devant l'immeuble", "fr"),
    ("Le maire a visité le quartier. Quand les habitants sont sortis.", "fr"),  # the last sentence counts
    ("« Parce qu’il fallait agir vite »", "fr"),
    ("Cuando los vecinos volvieron a sus casas.", "es"),
    ("Wenn die Regierung das Gesetz nicht ändert.", "de"),
    ("Quando il sindaco è arrivato in piazza.", "it"),
])
def test_a_last_sentence_that_is_only_a_subordinate_clause_is_a_lone_clause(text, language):
    assert lone_clause(text, language) is not None


@pytest.mark.parametrize(("text", "language"), [
    ("If the rain continues, the schools will close.", "en"),  # its main clause follows a comma
    ("When will the schools open again?", "en"),  # a question
    ("¿Cuándo volverán los vecinos a sus casas?", "es"),
    ("S'il vous plaît, restez chez vous.", "fr"),
    ("Mientras tanto los vecinos esperan la ayuda.", "es"),  # "mientras tanto": meanwhile
    ("Während der Pause schlafen die Spieler.", "de"),  # "während" is also a preposition
    ("Als Kind lebte er in Berlin.", "de"),
    ("Se ne va il sindaco di Roma.", "it"),  # "se" is also a pronoun
    ("Apenas llueve en agosto.", "es"),  # "apenas": hardly
    ("Perché il governo ha scelto Roma", "it"),  # "perché": why, in a headline
    ("Si no.", "es"),  # too short to tell
    ("Поезд прибыл в Киев", "ru"),  # no list for the language
])
def test_a_whole_sentence_or_a_question_is_not_a_lone_clause(text, language):
    assert lone_clause(text, language) is None


@pytest.mark.parametrize(("text", "inside"), [
    ('"¿Quién llegó primero?" "Los bomberos del puerto', "a quotation"),
    ("« Nous reconstruirons chaque maison", "a quotation"),
    ("„Wir bauen alles wieder auf", "a quotation"),
    ("Le ministre a déclaré que le plan (que le Parlement a approuvé mardi", "brackets"),
    ("El alcalde [de Valencia y Castellón", "brackets"),
])
def test_a_quotation_or_brackets_left_open_are_unclosed(text, inside):
    assert unclosed(text) == inside


@pytest.mark.parametrize("text", [
    '"¿Quién llegó primero?" "Los bomberos del puerto."',
    "« Nous reconstruirons chaque maison », a dit le maire.",
    "„Wir bauen alles wieder auf“, sagte der Kanzler.",  # German quotation marks
    "“We will rebuild,” the mayor said.",
    "Le ministre (à gauche) et le maire [de Lyon].",
    "It's the mayor’s plan.",  # apostrophes are not quotation marks
    "Manifestation à Paris (AFP",  # a credit missing its bracket, not a cut text
])
def test_closed_quotations_and_brackets_are_not_unclosed(text):
    assert unclosed(text) is None
