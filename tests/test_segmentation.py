"""Lines that a reader joined are cut apart where their language changes; wrapped prose stays whole."""

from __future__ import annotations

from captioncheck.checker import Checker
from captioncheck.document import Kind

STACKED = (
    "Le gouvernement présente son plan ferroviaire\n\n"
    "El presidente ucraniano y el secretario general de la OTAN en Kiev durante la rueda de prensa conjunta\n"
    "Le président ukrainien et le secrétaire général de l'OTAN à Kiev lors de la conférence de presse commune\n\n"
    "Le secrétaire général de l'OTAN a fait un voyage surprise à Kiev pour rencontrer le président ukrainien.\n"
)
WRAPPED = (
    "Le titre de l'article\n\n"
    "Le secrétaire général de l'OTAN a fait un voyage surprise à Kiev pour\n"
    "rencontrer le président ukrainien et discuter de la situation de la\n"
    "contre-offensive dans l'est du pays, a-t-on appris de source officielle.\n"
)
AGENCY_FIRST = (
    "Le gouvernement présente son plan ferroviaire\n\n"
    "AFP / Javier Soriano - El ministro de Transportes durante la presentación del plan en la estación\n"
    "AFP / Javier Soriano - Le ministre des Transports lors de la présentation du plan à la gare\n\n"
    "Le ministre espagnol des Transports a présenté mardi à Madrid un plan d'investissement de trois milliards.\n"
)


def test_two_caption_lines_in_two_languages_are_two_captions(checker: Checker):
    report = checker.check_text(STACKED, "text", "a.txt")
    segments = report.document.segments
    assert [(s.line, s.kind) for s in segments] == [
        (1, Kind.TITLE), (3, Kind.CAPTION), (4, Kind.CAPTION), (6, Kind.STANDFIRST)]
    assert segments[1].text.startswith("El presidente") and segments[1].text.endswith("conjunta")
    assert segments[2].position(0) == (4, 1)
    [finding] = report.findings
    assert (finding.rule, finding.line, finding.end_line, finding.related_segment) == ("untranslated-segment", 3, 3, 2)


def test_hard_wrapped_prose_in_one_language_is_still_one_paragraph(checker: Checker):
    segments = checker.check_text(WRAPPED, "text", "a.txt").document.segments
    assert [(s.line, s.end_line, s.kind) for s in segments] == [(1, 1, Kind.TITLE), (3, 5, Kind.STANDFIRST)]


def test_agency_first_credits_keep_caption_lines_apart(checker: Checker):
    report = checker.check_text(AGENCY_FIRST, "text", "a.txt")
    assert [(s.line, s.kind) for s in report.document.segments][1:3] == [(3, Kind.CAPTION), (4, Kind.CAPTION)]
    assert [(f.rule, f.line) for f in report.findings] == [("untranslated-segment", 3)]
