"""Each rule, positive and negative, on small articles written for the purpose."""

from __future__ import annotations

import pytest

from captioncheck.checker import Checker
from captioncheck.langid.slots import decide_in_slots
from captioncheck.document import Kind
from captioncheck.langid import Detection
from captioncheck.readers import parse
from captioncheck.rules.registry import BY_ID, RULES
from captioncheck.settings import Settings

from conftest import document_from

FRENCH_BODY = (
    "Le gouvernement a présenté mardi un nouveau plan pour soutenir les agriculteurs touchés par la sécheresse.\n\n"
    "Les syndicats agricoles ont salué l'annonce, tout en réclamant des aides plus rapides pour les petites "
    "exploitations du sud du pays.\n"
)


def findings(checker: Checker, text: str, rule: str | None = None):
    report = checker.check_document(document_from(text))
    return [f for f in report.findings if rule is None or f.rule == rule]


def test_every_rule_has_documentation_and_identity():
    for rule in RULES:
        assert rule.__doc__ and rule.RULE.id in rule.__doc__.splitlines()[0]
        assert BY_ID[rule.RULE.id] is rule


def test_untranslated_segment_caption(checker):
    text = ("Un plan pour les agriculteurs\n\nLe gouvernement agit face à la sécheresse\n\n"
            "El ministro de Agricultura visita una explotación afectada por la sequía (EFE)\n"
            "Le ministre de l'Agriculture visite une exploitation touchée par la sécheresse (EFE)\n\n" + FRENCH_BODY)
    [finding] = findings(checker, text, "untranslated-segment")
    assert (finding.line, finding.column, finding.end_line, finding.language) == (5, 1, 5, "es")
    assert finding.end_column == len(text.split("\n")[4])
    assert finding.severity.value == "error"


def test_untranslated_segment_body_paragraph(checker):
    text = "Titre de l'article\n\n" + FRENCH_BODY + "\nThe farmers' unions welcomed the plan but asked for faster payments.\n"
    [finding] = findings(checker, text, "untranslated-segment")
    assert (finding.line, finding.language) == (7, "en")


def test_names_brands_and_figures_are_not_untranslated(checker):
    text = ("Titre de l'article\n\n" + FRENCH_BODY +
            "\nApple, Google et Microsoft ont versé 2,5 milliards de dollars à l'OCDE selon Reuters.\n\n"
            "Jens Stoltenberg (OTAN), Volodymyr Zelensky\n")
    assert findings(checker, text) == []


def test_short_foreign_caption_is_not_judged(checker):
    text = "Titre de l'article\n\nChapeau de l'article\n\nMuchas gracias (EFE)\n\n" + FRENCH_BODY
    assert findings(checker, text, "untranslated-segment") == []


ENGLISH_BODY = (
    "The government on Tuesday presented a new plan to support farmers hit by the drought.\n\n"
    "Farmers' unions welcomed the announcement but asked for faster payments to small farms in the south.\n"
)


def test_short_caption_beside_its_translation_is_foreign_when_the_article_language_is_no_contender(checker):
    # "Ve a casa de Juan": Spanish 0.44, Catalan 0.40, Portuguese 0.14 -- unsure which, sure it is not English
    text = ("A plan for farmers\n\nThe government acts on the drought\n\n"
            "Javier SORIANO / AFP - Ve a casa de Juan.\nJavier SORIANO / AFP - Go to Juan's house.\n\n" + ENGLISH_BODY)
    [finding] = findings(checker, text, "untranslated-segment")
    assert (finding.line, finding.related_segment is not None) == (5, True)
    # alone, with no caption in the article's language beside it, it stays undecided
    alone = text.replace("Javier SORIANO / AFP - Go to Juan's house.\n", "")
    assert findings(checker, alone, "untranslated-segment") == []


SPANISH_BODY = ("El Gobierno presentó el martes un nuevo plan para apoyar a los agricultores afectados por la "
                "sequía.\n\nLos sindicatos agrarios celebraron el anuncio, aunque pidieron ayudas más rápidas.\n")


@pytest.mark.parametrize("body, foreign, translation, language", [
    (FRENCH_BODY, "EFE - Angela Merkel, muy emocionada", "EFE - Angela Merkel, très émue", "es"),
    (SPANISH_BODY, "AFP - Emmanuel Macron sourit encore", "AFP - Emmanuel Macron sonríe todavía", "fr"),
    (ENGLISH_BODY, "EFE - Angela Merkel, muy emocionada", "EFE - Angela Merkel, very moved", "es"),
    (FRENCH_BODY, "Reuters - Olaf Scholz after voting", "Reuters - Olaf Scholz après le vote", "en"),
], ids=["es>fr", "fr>es", "es>en", "en>fr"])
def test_two_word_caption_beside_its_translation_is_judged(checker, body, foreign, translation, language):
    # two words once the names are masked: never judged alone, judged in the slot beside its translation
    text = f"Title\n\nStandfirst\n\n{foreign}\n{translation}\n\n{body}"
    [finding] = findings(checker, text, "untranslated-segment")
    assert (finding.line, finding.language, finding.related_segment is not None) == (5, language, True)
    assert findings(checker, text.replace(f"{translation}\n", ""), "untranslated-segment") == []


def test_two_word_captions_of_the_article_language_in_one_slot_are_not_foreign(checker):
    text = ("Titre\n\nChapeau\n\nAFP - Emmanuel Macron, très ému\nAFP - Brigitte Macron, à Paris\n\n" + FRENCH_BODY)
    assert findings(checker, text, "untranslated-segment") == []


def test_short_caption_in_the_article_language_beside_another_is_not_foreign(checker):
    # "Marta no era feliz": Portuguese 0.60, Spanish 0.32; the article's language is likelier a priori
    text = ("Un plan para los agricultores\n\nEl Gobierno actúa ante la sequía\n\n"
            "Javier SORIANO / AFP - Marta no era feliz.\nJavier SORIANO / AFP - El campo espera la lluvia.\n\n"
            "El Gobierno presentó el martes un nuevo plan para apoyar a los agricultores afectados por la sequía.\n")
    assert findings(checker, text, "untranslated-segment") == []


def _slot_detections(first: Detection, second: Detection, language: str) -> tuple[str, ...]:
    """The languages decide_in_slots gives a slot of two captions holding these detections."""
    document = parse("Un plan para los agricultores\n\nEl Gobierno actúa ante la sequía\n\n"
                     "AFP - Première légende.\nAFP - Segunda leyenda.\n\n" + SPANISH_BODY, "text", "slot.txt")
    kinds = [segment.kind for segment in document.segments]
    assert kinds[2:4] == [Kind.CAPTION, Kind.CAPTION]
    detections = [Detection(language, 0.99, 8, ((language, 0.99),)) for _ in document.segments]
    detections[2:4] = [first, second]
    return tuple(d.language for d in decide_in_slots(document, tuple(detections), language)[2:4])


FRENCH = Detection("fr", 0.99, 6, (("fr", 0.99),))
PORTUGUESE_OR_SPANISH = Detection("pt", 0.70, 4, (("pt", 0.70), ("es", 0.22)))


def test_a_caption_beside_a_foreign_one_is_in_the_article_language_when_the_detector_is_torn():
    # a French caption and a short one that the detector puts in Portuguese with Spanish a close second:
    # the slot holds the French caption's translation, in the Spanish article's language
    assert _slot_detections(FRENCH, PORTUGUESE_OR_SPANISH, "es") == ("fr", "es")
    assert _slot_detections(PORTUGUESE_OR_SPANISH, FRENCH, "es") == ("es", "fr")
    # beside a caption in the article's language, or one of its own language, it stays as detected
    spanish = Detection("es", 0.99, 6, (("es", 0.99),))
    assert _slot_detections(spanish, PORTUGUESE_OR_SPANISH, "es") == ("es", "pt")
    assert _slot_detections(PORTUGUESE_OR_SPANISH, PORTUGUESE_OR_SPANISH, "es") == ("pt", "pt")
    # a caption the detector is sure of stays foreign, whatever is beside it
    sure = Detection("pt", 0.98, 6, (("pt", 0.98), ("es", 0.01)))
    assert _slot_detections(FRENCH, sure, "es") == ("fr", "pt")


def test_allowed_language_is_not_reported():
    checker = Checker(Settings(allowed_languages=("en",)))
    text = "Titre de l'article\n\n" + FRENCH_BODY + "\nThe farmers' unions welcomed the plan but asked for faster payments.\n"
    assert findings(checker, text) == []


def test_article_language_can_be_forced():
    checker = Checker(Settings(language="es"))
    report = checker.check_document(document_from("Le titre de cet article sur la sécheresse\n\n" + FRENCH_BODY))
    assert report.language == "es"
    assert {f.line for f in report.findings if f.rule == "untranslated-segment"} == {1, 3, 5}


def test_untranslated_fragment_sentence_with_columns(checker):
    paragraph = ("Le ministre a annoncé un plan d'aide aux agriculteurs. "
                 "El Gobierno aprobará el decreto la próxima semana en Madrid. Les syndicats attendent.")
    text = "Titre de l'article\n\n" + FRENCH_BODY + "\n" + paragraph + "\n"
    [finding] = findings(checker, text, "untranslated-fragment")
    start = paragraph.index("El Gobierno")
    assert (finding.line, finding.column, finding.end_column) == (7, start + 1, paragraph.index(" Les syndicats"))
    assert finding.language == "es"


def test_untranslated_fragment_clause_between_quotes(checker):
    paragraph = ("Devant la presse, le ministre a lancé : « we will never give up on our farmers and their families », "
                 "avant de quitter la salle sous les applaudissements.")
    text = "Titre de l'article\n\n" + FRENCH_BODY + "\n" + paragraph + "\n"
    [finding] = findings(checker, text, "untranslated-fragment")
    assert finding.language == "en"
    assert paragraph[finding.column - 1:finding.end_column].startswith("we will never")


@pytest.mark.parametrize("separator", [" / ", " | "])
def test_a_caption_joined_to_its_translation_on_one_line_is_cut_apart_and_paired(checker, separator):
    spanish = "Los vecinos de Paiporta limpian el barro de sus casas tras la riada."
    french = "Les habitants de Paiporta nettoient la boue de leurs maisons après la crue."
    text = "Titre de l'article\n\n" + spanish + separator + french + "\n\n" + FRENCH_BODY
    report = checker.check_text(text, "text", "joined.txt")
    [finding] = report.findings
    assert (finding.rule, finding.line, finding.column, finding.end_column) == (
        "untranslated-segment", 3, 1, len(spanish))
    partner = report.document.segments[finding.related_segment]
    assert partner.text == french and partner.position(0) == (3, len(spanish) + len(separator) + 1)
    assert f"line 3, column {len(spanish) + len(separator) + 1} is its translation" in finding.message


@pytest.mark.parametrize("paragraph", [
    "Le film « The Last of Us » a été diffusé sur HBO, selon Variety et The New York Times.",
    "Le slogan « Make America Great Again » a été repris par Donald Trump pendant la campagne.",
    "Le ministre a cité l'OCDE, le FMI et la BCE, qui prévoient 2,5 % de croissance en 2025.",
])
def test_no_fragment_for_titles_names_and_figures(checker, paragraph):
    text = "Titre de l'article\n\n" + FRENCH_BODY + "\n" + paragraph + "\n"
    assert findings(checker, text, "untranslated-fragment") == []


def test_ui_artifact(checker):
    text = "Titre\n\nChapeau\n\nphoto_camera Jean DUPONT / AFP - Le ministre à Paris\n\n" + FRENCH_BODY
    [finding] = findings(checker, text, "ui-artifact")
    assert (finding.line, finding.column, finding.end_column) == (5, 1, 12)
    assert "photo_camera" in finding.message


def test_no_ui_artifact_in_prose(checker):
    text = "Titre\n\n" + FRENCH_BODY + "\nIl a voulu partager ce moment et imprimer les photos.\n"
    assert findings(checker, text, "ui-artifact") == []


def test_boilerplate(checker):
    [finding] = findings(checker, "Titre\n\n" + FRENCH_BODY + "\nPlus dans Économie", "boilerplate")
    assert (finding.line, finding.column, finding.end_column) == (7, 1, 18)
    assert finding.severity.value == "warning"


def test_no_boilerplate_in_a_sentence(checker):
    text = "Titre\n\n" + FRENCH_BODY + "\nPlus de 40 drones ont été abattus pendant la nuit.\n"
    assert findings(checker, text, "boilerplate") == []


CREDIT_FORMS = ["Foto: EFE/Juan Pérez", "(Photo by John Smith/Getty Images)", "© Reuters", "Crédit photo : AFP",
                "REUTERS/Gleb Garanich", "EPA-EFE/SERGEY DOLZHENKO", "AP Photo/Efrem Lukatsky",
                "Getty Images via AFP", "ANDREW CABALLERO-REYNOLDS/AFP via Getty Images"]


@pytest.mark.parametrize("credit", CREDIT_FORMS)
@pytest.mark.parametrize("place", ["before", "after"])
def test_a_caption_pair_is_found_behind_any_credit_form_and_only_the_caption_is_reported(checker, credit, place):
    spanish = "Soldados ucranianos disparan un obús cerca de Bajmut"
    french = "Des soldats ukrainiens tirent au canon près de Bakhmout"
    lines = [f"{credit} {spanish}", f"{credit} {french}"] if place == "before" else [
        f"{spanish}. {credit}", f"{french}. {credit}"]
    text = "L'OTAN promet de nouvelles armes à l'Ukraine\n\n" + "\n".join(lines) + "\n\n" + FRENCH_BODY
    reported = checker.check_text(text, "text", "article.txt").findings  # read as the command line reads it
    assert [(f.rule, f.line) for f in reported] == [("untranslated-segment", 3)]
    assert reported[0].related_segment is not None
