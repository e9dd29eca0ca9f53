"""Languages decided by structure: a caption beside its translation in a caption slot.

A slot of two captions holds an untranslated caption and its translation, so a short caption the
detector left undetermined, or read as a neighbour of the article's language, is decided there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..document import Document, Kind
from .detector import Detection, favour

# A short caption the detector left undetermined is judged at this confidence when it fills a slot beside
# a caption in the article's language: the structure says one of the two is a translation of the other.
# Below it the caption still counts as foreign when the article's language is not even among the
# detector's best candidates ("Ve a casa de Juan.": Spanish 0.44, Catalan 0.40, Portuguese 0.14, in an
# English article): which language it is may be unsure, that it is not the article's is not.
SLOT_CONFIDENCE = 0.5
# A caption of two words once its names are masked ("EFE - Angela Merkel, muy emocionada") is never
# judged alone. In a slot it is, from what its two words say (``SHORT_WORDS``), when the detector is
# this sure and the article's language is not among its three best candidates. The last table of
# bench/langid_accuracy.py: the first or last two words of the dev sentences are called foreign 42% of
# the time beside a caption of another language, and never (0 of 5,769) beside one of their own.
SHORT_WORDS = 2
SHORT_SLOT_CONFIDENCE = 0.9
# A slot of two captions holds an untranslated caption and its translation: when its other caption is in
# a third language, a caption detected in a neighbour of the article's language is in the article's
# language if the detector gives that language at least a tenth of its best (a short
# Spanish caption read as Portuguese 0.70 and Spanish 0.22, below a French caption in a Spanish article). Two foreign captions of
# two languages in one slot are rarer than a short caption the neighbours share most words with.
SLOT_PRIOR = 10.0


def slot_detection(detection: Detection, short: Detection | None, language: str) -> Detection | None:
    """An undetermined caption's detection decided for a slot beside a caption in ``language``, or
    None when it stays undetermined. ``short`` is what the detector says of a caption of
    ``SHORT_WORDS`` words when allowed to judge that few."""
    if detection.determined:
        return None
    if detection.words >= 3 and detection.alternatives:
        alternatives = detection.alternatives
        contenders = {candidate for candidate, _ in alternatives}
        sure = alternatives[0][1] >= SLOT_CONFIDENCE or language not in contenders
    elif detection.words == SHORT_WORDS and short is not None and short.alternatives:
        alternatives = short.alternatives
        contenders = {candidate for candidate, _ in alternatives}
        sure = alternatives[0][1] >= SHORT_SLOT_CONFIDENCE and language not in contenders
    else:
        return None
    best, confidence = alternatives[0]
    decided = replace(detection, language=best, confidence=confidence, alternatives=alternatives)
    # the article's language is likelier a priori here too ("Marta no era feliz.": Portuguese 0.60,
    # Spanish 0.32, in a Spanish article, is Spanish)
    if not sure or favour(decided, language).language == language:
        return None
    return decided


def decide_in_slots(document: Document, detections: tuple[Detection, ...], language: str,
                    short: Mapping[int, Detection] | None = None) -> tuple[Detection, ...]:
    """Detections with short undetermined captions decided where they sit beside their translation
    (see :func:`slot_detection`; ``short`` by segment id)."""
    short = short or {}
    decided = list(detections)
    segments = document.segments

    def in_language(index: int) -> bool:
        guess = short.get(index)
        return detections[index].language == language or (
            guess is not None and bool(guess.alternatives) and guess.alternatives[0][0] == language)

    def beside(segment) -> list[int]:
        """The captions of ``segment``'s slot: the captions right above and below it in its block."""
        return [i for i in (segment.id - 1, segment.id + 1) if 0 <= i < len(segments)
                and segments[i].kind is Kind.CAPTION and segments[i].block == segment.block]

    for segment, detection in zip(segments, detections):
        if segment.kind is not Kind.CAPTION:
            continue
        if detection.determined and detection.language != language:
            if any(detections[i].determined and detections[i].language not in (language, detection.language)
                   for i in beside(segment)):
                decided[segment.id] = favour(detection, language, SLOT_PRIOR)
            continue
        judged = slot_detection(detection, short.get(segment.id), language)
        if judged is not None and any(in_language(i) for i in beside(segment)):
            decided[segment.id] = judged
    return tuple(decided)
