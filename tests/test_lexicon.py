import pytest

from captioncheck.vocabulary import lexicon


@pytest.mark.parametrize("sample, credit", [
    ("Sergei SUPINSKY / AFP - El presidente ucraniano", "Sergei SUPINSKY / AFP"),
    ("Le président (Foto: EFE/Juan Pérez) habla", "EFE/Juan Pérez"),
    ("Photo : Jean DUPONT / Reuters", "Jean DUPONT / Reuters"),
    ("Des pompiers à Nîmes (Reuters)", "Reuters"),
    ("Firefighters in Nîmes. REUTERS/Stephane Mahe", "REUTERS/Stephane Mahe"),
    ("Le stade de France © Jean Martin", "Jean Martin"),
])
def test_find_credits(sample, credit):
    assert [c.text for c in lexicon.find_credits(sample)] == [credit]


@pytest.mark.parametrize("sample", [
    "Le président a parlé à la presse.",
    "Plus de 40 drones ont été abattus pendant la nuit.",
    "Il a quitté Paris / Lyon pour Marseille.",
])
def test_no_credit_in_prose(sample):
    assert lexicon.find_credits(sample) == []


def test_credit_keys_ignore_case_and_spacing():
    first, second = (lexicon.find_credits(t)[0] for t in ("Sergei SUPINSKY / AFP - a", "Sergei Supinsky/AFP - b"))
    assert first.key == second.key


def test_credit_only():
    assert lexicon.is_credit_only("Photo : Jean DUPONT / Reuters")
    assert not lexicon.is_credit_only("Sergei SUPINSKY / AFP - El presidente ucraniano")


def test_icons_are_found_as_whole_words_only():
    assert lexicon.find_icons("photo_camera Sergei SUPINSKY") == [(0, 12)]
    assert lexicon.find_icons("a my_photo_camera_roll b") == []


@pytest.mark.parametrize("sample", ["Image caption, Le président", "Pie de foto: El presidente", "Partager"])
def test_ui_labels_at_start(sample):
    assert lexicon.find_ui_labels(sample)


def test_ui_label_words_inside_prose_are_not_labels():
    assert lexicon.find_ui_labels("Il a voulu partager ce moment avec ses proches.") == []


@pytest.mark.parametrize("sample", [
    "Plus dans Politique", "Lire aussi", "Leer más", "Read more: How floods get worse", "Related:",
    "Más en Internacional", "Publicité",
])
def test_boilerplate(sample):
    assert lexicon.is_boilerplate(sample)


@pytest.mark.parametrize("sample", [
    "Plus de 40 drones ont été abattus pendant la nuit.",
    "Lire aussi les mémoires du général, publiées en 1970, permet de comprendre la crise de mai.",
    "Read more books, the minister told the pupils.",
])
def test_not_boilerplate(sample):
    assert not lexicon.is_boilerplate(sample)
