from captioncheck import text
from captioncheck.langid.mask import mask, titles_of_works


def test_mask_keeps_length_and_offsets():
    sample = "Sergei SUPINSKY / AFP - El presidente Volodymyr Zelensky habló con 40 periodistas en https://x.org"
    masked = mask(sample)
    assert len(masked) == len(sample)
    assert masked.index("presidente") == sample.index("presidente")


def test_mask_removes_names_credits_acronyms_numbers_urls():
    masked = mask("Le ministre Bruno Le Maire a vu l'OTAN et 2,4 milliards sur www.example.org avec a@b.fr")
    assert text.words(masked) == ["Le", "ministre", "a", "vu", "l", "et", "milliards", "sur", "avec"]


def test_mask_keeps_a_lone_capitalised_sentence_start():
    masked = mask("El presidente habló. Después se fue.")
    assert "El" in masked and "Después" in masked


def test_mask_removes_a_capitalised_run_at_sentence_start():
    masked = mask("Jens Stoltenberg a rencontré le président.")
    assert "Jens" not in masked and "Stoltenberg" not in masked and "rencontré" in masked


def test_mask_removes_short_quoted_titles_only():
    masked = mask("Elle regarde « The Crown » le soir et dit « il fait très froid ici ce soir ».")
    assert "Crown" not in masked
    assert "froid" in masked


def test_mask_removes_icon_words_and_credit_after_them():
    masked = mask("photo_camera Sergei SUPINSKY / AFP - Le président ukrainien")
    assert text.words(masked) == ["Le", "président", "ukrainien"]


def test_sentence_spans():
    sample = "Première phrase. Deuxième phrase ! « Troisième ? » Fin"
    spans = text.sentence_spans(sample)
    assert [sample[s:e] for s, e in spans] == ["Première phrase.", "Deuxième phrase !", "« Troisième ? »", "Fin"]


def test_sentence_spans_do_not_split_decimals_or_initials_inside_numbers():
    sample = "Le budget atteint 2.4 milliards. Il augmente."
    assert [sample[s:e] for s, e in text.sentence_spans(sample)] == ["Le budget atteint 2.4 milliards.", "Il augmente."]


def test_clause_spans_split_on_semicolons_dashes_and_quotes():
    sample = "Il a dit : « nous partons demain » ; puis il est parti — sans un mot"
    parts = [sample[s:e] for s, e in text.clause_spans(sample, 0, len(sample))]
    assert parts == ["Il a dit", "nous partons demain", "puis il est parti", "sans un mot"]


def test_quoted_sentences_are_not_titles():
    assert "Brauchst" in mask('"Brauchst du ein Hemd?" fragte sie.')


def test_light_mask_keeps_lone_capitals_but_not_name_runs():
    masked = mask("Gestern traf der Minister Olaf Scholz in Berlin.", names=False)
    assert "Gestern" in masked and "Berlin" in masked and "Olaf" not in masked and "Scholz" not in masked


def test_light_mask_keeps_a_german_title_before_a_name():
    """"Bundeskanzler" is written in German only, "Olaf" and "Scholz" in every language's news."""
    masked = mask("Foto: dpa - Bundeskanzler Olaf Scholz in Berlin.", names=False)
    assert "Bundeskanzler" in masked and "Olaf" not in masked and "Scholz" not in masked
    # a first name written mostly in German is still a name, and so is the rest of its run
    masked = mask("Jürgen Klopp et Mohamed Salah à Liverpool.", names=False)
    assert "Jürgen" not in masked and "Klopp" not in masked
    # the full mask still hides both
    assert "Bundeskanzler" not in mask("Foto: dpa - Bundeskanzler Olaf Scholz in Berlin.")


def test_titles_of_works_in_english_title_case_are_found_inside_other_text():
    text = "Er las im Urlaub das Buch The Dawn of the New Everything von Jaron Lanier."
    [(start, end)] = titles_of_works(text)
    assert text[start:end].endswith("The Dawn of the New Everything")  # with the German noun before it
    film = "Il revoit Legend of the Sword chaque année avec ses enfants."
    assert [film[s:e] for s, e in titles_of_works(film)] == ["Legend of the Sword"]


def test_a_headline_in_title_case_and_german_nouns_are_not_titles_of_works():
    assert titles_of_works("Ukraine's President Meets the Leaders of Europe in Kyiv") == []
    assert titles_of_works("Gestern traf der Minister Olaf Scholz in Berlin die Bürgermeister der Städte.") == []


def test_file_names_are_masked_and_the_words_around_them_are_not():
    assert mask("WEB18-Facebook-1160x768.jpg").strip() == ""
    masked = mask("la photo salle_de_classe.JPEG a été prise mardi")
    assert "salle_de_classe" not in masked and "JPEG" not in masked
    assert masked.startswith("la photo ") and masked.endswith(" a été prise mardi")
    assert mask("il a fini. puis il est parti") == "il a fini. puis il est parti"
