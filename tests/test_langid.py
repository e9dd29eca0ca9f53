import pytest

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


def test_candidates_restrict_the_answer():
    detector = LanguageDetector(make_engine("py3langid", ("fr", "en")))
    assert detector.detect(SENTENCES["es"]).language in {"fr", "en", UNDETERMINED}


def test_unknown_engine_or_language_is_a_value_error():
    with pytest.raises(ValueError, match="unknown language identifier"):
        make_engine("nope", DEFAULT_LANGUAGES)
    for name in ENGINES:
        with pytest.raises(ValueError, match="xx"):
            make_engine(name, ("fr", "xx"))


def test_german_nouns_are_not_taken_for_names():
    detector = LanguageDetector(make_engine("py3langid", DEFAULT_LANGUAGES))
    assert detector.detect("Die Regierung plant neue Gesetze für die Landwirtschaft.").language == "de"


def test_short_text_needs_more_confidence_than_long_text():
    detector = LanguageDetector(make_engine("py3langid", DEFAULT_LANGUAGES), short_confidence=1.01)
    assert detector.detect("Gracias por todo, amigo").language == UNDETERMINED
    assert detector.detect(SENTENCES["es"]).language == "es"
