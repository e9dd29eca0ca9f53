import pytest

from captioncheck.errors import UnknownLanguages
from captioncheck.langid import DEFAULT_LANGUAGES, ENGINES, LanguageDetector, UNDETERMINED, make_engine

SENTENCES = {
    "fr": "Le ministre a présenté mardi un plan pour moderniser les écoles du pays.",
    "es": "El ministro presentó el martes un plan para modernizar las escuelas del país.",
    "en": "The minister presented a plan on Tuesday to modernise the country's schools.",
    "de": "Der Minister hat am Dienstag einen Plan zur Modernisierung der Schulen vorgestellt.",
    "it": "Il ministro ha presentato martedì un piano per modernizzare le scuole del paese.",
}


@pytest.fixture(scope="module", params=sorted(ENGINES))
def detector(request):
    return LanguageDetector(make_engine(request.param, DEFAULT_LANGUAGES))


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_each_engine_identifies_plain_sentences(detector, language):
    detection = detector.detect(SENTENCES[language])
    assert detection.language == language
    assert 0.5 <= detection.confidence <= 1.0


def test_two_words_are_never_enough(detector):
    assert detector.detect("Muchas gracias").language == UNDETERMINED


def test_names_credits_and_numbers_alone_are_undetermined(detector):
    detection = detector.detect("Sergei SUPINSKY / AFP - Volodymyr Zelensky, Jens Stoltenberg, 2023")
    assert detection.language == UNDETERMINED
    assert detection.words == 0


def test_detection_is_deterministic(detector):
    text = "Hola a todos, ¿qué tal estáis?"
    assert len({detector.detect(text) for _ in range(5)}) == 1


@pytest.mark.parametrize("engine", ["py3langid", "langdetect", "combined"])
def test_a_language_outside_the_candidates_is_named_never_forced_into_one(engine):
    detector = LanguageDetector(make_engine(engine, ("fr", "en")))
    assert detector.detect(SENTENCES["es"]).language == "es"
    assert detector.detect(SENTENCES["fr"]).language == "fr"
    russian = "Президент Украины встретился во вторник в Киеве с министрами обороны союзных стран."
    assert detector.detect(russian).language == "ru"


def test_an_unknown_engine_is_a_value_error_and_unknown_languages_say_which_codes_the_engine_knows():
    with pytest.raises(ValueError, match="unknown language identifier"):
        make_engine("nope", DEFAULT_LANGUAGES)
    for name in ENGINES:
        with pytest.raises(UnknownLanguages, match="xx") as raised:
            make_engine(name, ("fr", "xx"))
        assert raised.value.unknown == ("xx",) and {"fr", "es", "de"} <= set(raised.value.known)


def test_german_nouns_are_not_taken_for_names():
    detector = LanguageDetector(make_engine("py3langid", DEFAULT_LANGUAGES))
    assert detector.detect("Die Regierung plant neue Gesetze für die Landwirtschaft.").language == "de"


def test_short_text_needs_more_confidence_than_long_text():
    detector = LanguageDetector(make_engine("py3langid", DEFAULT_LANGUAGES), short_confidence=1.01)
    assert detector.detect("Gracias por todo, amigo").language == UNDETERMINED
    assert detector.detect(SENTENCES["es"]).language == "es"


# --- word evidence, close languages and the article's own evidence -------------------------------

from captioncheck.langid.detector import favour  # noqa: E402
from captioncheck.langid.words import WordEvidence  # noqa: E402

CLOSE = {
    "es": "El tren no llega hoy a la estación.",
    "ca": "El tren no arriba avui a l'estació.",
    "pt": "O comboio não chega hoje à estação.",
    "it": "Il treno non arriva oggi in stazione.",
    "fr": "Le train n'arrive pas en gare aujourd'hui.",
}


@pytest.fixture(scope="module")
def worded():
    return LanguageDetector(make_engine("py3langid", DEFAULT_LANGUAGES), word_evidence=WordEvidence())


@pytest.mark.parametrize("language", sorted(CLOSE))
def test_word_evidence_separates_close_languages_on_short_sentences(worded, language):
    assert worded.detect(CLOSE[language]).language == language


def test_word_evidence_prefers_the_language_whose_words_these_are():
    evidence = WordEvidence()
    sentence = "no es posible llegar hoy"
    assert evidence.log_likelihood(sentence, "es") > evidence.log_likelihood(sentence, "ca")
    assert evidence.log_likelihood(sentence, "es") > evidence.log_likelihood(sentence, "pt")
    # A word no list knows weighs the same everywhere.
    assert evidence.log_likelihood("Zxqwvb", "es") == evidence.log_likelihood("Zxqwvb", "fr")
    assert evidence.log_likelihood("hola", "xx") == 0.0


@pytest.mark.parametrize("credit", ["Sergei SUPINSKY / AFP - ", "AFP | ", "Javier SORIANO/AFP: "])
def test_a_caption_is_judged_the_same_with_or_without_its_credit(worded, credit):
    # what masking the credit leaves ("-", "/", "|", ":") is no prose to weigh
    for caption in ("Angela Merkel, muy emocionada", "Le ministre visite une école à Lyon"):
        assert worded.detect(credit + caption, min_words=2) == worded.detect(caption, min_words=2)


def test_five_words_always_get_a_language(worded):
    detection = worded.detect("Ve rápido a casa de Ana.")
    assert detection.determined


def test_names_are_kept_when_masking_them_leaves_too_few_words(worded):
    detection = worded.detect("Carlos Alcaraz ganó en Wimbledon.")
    assert detection.language == "es"


def test_the_article_language_wins_where_the_model_is_torn():
    from captioncheck.langid import Detection

    torn = Detection("ca", 0.55, 5, (("ca", 0.55), ("es", 0.40), ("pt", 0.05)))
    assert favour(torn, "es").language == "es"
    assert favour(torn, "fr") == torn  # the article's language was not a contender
    sure = Detection("ca", 0.95, 5, (("ca", 0.95), ("es", 0.04), ("pt", 0.01)))
    assert favour(sure, "es") == sure


def test_word_lists_hash_every_word_as_a_lookup_does():
    from captioncheck.langid.words import word_hash, word_hashes

    words = ["casa", "été", "l'eau", "Straße", "Ωμέγα", "", "x" * 70, "\udcff"]
    assert [int(h) for h in word_hashes(words)] == [word_hash(w) for w in words]
    assert len({word_hash(w) for w in words}) == len(words)
