"""The detector: mask what is not prose, count what is left, and abstain rather than guess."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

from .. import text as textutil
from .mask import NOUN_CAPITALISING, mask
from .engines import Engine
from .words import WordEvidence

UNDETERMINED = "und"


@dataclass(frozen=True)
class Detection:
    """A language (or ``und``), the probability for it, the words it was judged on, and the runners-up."""

    language: str
    confidence: float
    words: int
    alternatives: tuple[tuple[str, float], ...] = ()

    @property
    def determined(self) -> bool:
        return self.language != UNDETERMINED


# How much more likely a segment is to be in its article's language than in another, a priori: where
# the model is torn (the article's language within a factor of this of the best), the article wins.
ARTICLE_PRIOR = 3.0


def favour(detection: Detection, language: str, prior: float = ARTICLE_PRIOR) -> Detection:
    """``detection`` decided again with the article's ``language`` ``prior`` times likelier a priori.

    Close languages (es/ca/pt/gl, fr/ca, it/es) share most short words; where the model is torn
    between the article's language and a neighbour, the rest of the article is the best evidence.
    """
    if not detection.determined or detection.language == language:
        return detection
    weighted = [(lang, p * (prior if lang == language else 1.0)) for lang, p in detection.alternatives]
    total = sum(p for _, p in weighted) or 1.0
    best, weight = max(weighted, key=lambda item: (item[1], item[0] == language))
    if best != language:
        return detection
    mass = sum(p for _, p in detection.alternatives)
    alternatives = tuple(sorted(((lang, round(p * mass / total, 6)) for lang, p in weighted),
                                key=lambda item: (-item[1], item[0])))
    return replace(detection, language=language, confidence=weight * mass / total, alternatives=alternatives)


# What masking a credit or a label leaves between words ("AFP - El", "Foto: EFE/Name"): not prose.
_DEBRIS = "-–—/|:•·"
# Longer text is judged on its first this many characters.
SAMPLE_CHARS = 20_000
# How many of the engine's best languages the word evidence re-ranks, and how much it weighs.
RERANKED = 4
WORD_WEIGHT = 0.5
# A language this many times less likely than the best is no contender.
CONTENDER = 1e-2
DETECTIONS_KEPT = 8192
# The probability, over every language the engine knows, that a text is in none of the checked ones,
# from which it is in the likeliest of those. On the 2,627 Tatoeba dev sentences of 3+ words in five
# checked languages, none reached 0.99 (5 reached 0.9, as Hausa, Esperanto, Hungarian, Swahili); a
# Russian or an Indonesian sentence of eight words reaches 0.998.
OUTSIDE_CONFIDENCE = 0.99
OUTSIDE_MIN_WORDS = 5  # fewer words are judged among the checked languages only ("bhindi masala")


class LanguageDetector:
    """Identify the language of a text after masking names, credits, numbers and the like.

    The engine ranks languages from character n-grams; word evidence (see :mod:`.words`) then
    re-ranks its best candidates, which settles close languages on short text. The answer's
    confidence is the combined probability.

    Below ``min_words`` prose words the answer is ``und``: two words are never enough to call a
    caption untranslated. When masking names leaves too few words, the text is judged again with lone
    capitalised words kept ("Rafael Nadal nació en Manacor"). Short text (fewer than
    ``short_words`` words) needs ``short_confidence``, or the answer is ``und``; from ``short_words``
    on, the detector always answers. The defaults were calibrated with ``bench/langid_accuracy.py``.
    """

    def __init__(self, engine: Engine, min_words: int = 3, short_words: int = 5,
                 short_confidence: float = 0.7, word_evidence: WordEvidence | None = None) -> None:
        self.engine = engine
        self.min_words = min_words
        self.short_words = short_words
        self.short_confidence = short_confidence
        self.word_evidence = word_evidence
        # The same sentence is judged several times per article (as a segment, as a sentence of it)
        # and across articles (credits, boilerplate); detections are immutable and deterministic.
        self.detect = functools.lru_cache(maxsize=DETECTIONS_KEPT)(self._detect)  # type: ignore[method-assign]

    def rank(self, prose: str) -> list[tuple[str, float]]:
        """Candidate languages of already-masked ``prose`` with probabilities, most likely first."""
        ranked = self.engine.rank(prose)
        if self.word_evidence is None:
            return ranked
        # Only languages the engine still considers are re-ranked; a sure answer needs no words.
        best = [item for item in ranked[:RERANKED] if item[1] >= ranked[0][1] * CONTENDER]
        if len(best) < 2:
            return ranked
        scores = [math.log(max(p, 1e-12)) + WORD_WEIGHT * self.word_evidence.log_likelihood(prose, lang)
                  for lang, p in best]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        mass = sum(p for _, p in best)
        total = sum(weights)
        reranked = [(lang, mass * w / total) for (lang, _), w in zip(best, weights)]
        return sorted(reranked, key=lambda item: (-item[1], item[0])) + ranked[RERANKED:]

    def _judge(self, prose: str, min_words: int) -> Detection:
        count = len(textutil.words(prose))
        if count < min_words:
            return Detection(UNDETERMINED, 0.0, count)
        joined = " ".join(token for token in prose.split() if token.strip(_DEBRIS))
        language, outside = self.engine.beyond(joined) if count >= OUTSIDE_MIN_WORDS else ("und", 0.0)
        if outside >= OUTSIDE_CONFIDENCE:  # a language nobody asked for: never forced into one that was
            return Detection(language, outside, count, ((language, round(outside, 6)),))
        ranked = self.rank(joined)
        language, confidence = ranked[0]
        alternatives = tuple((lang, round(p, 6)) for lang, p in ranked[:3])
        if count < self.short_words and confidence < self.short_confidence:
            return Detection(UNDETERMINED, confidence, count, alternatives)
        return Detection(language, confidence, count, alternatives)

    def _detect(self, text: str, min_words: int | None = None) -> Detection:
        min_words = self.min_words if min_words is None else min_words
        if len(text) > SAMPLE_CHARS:
            # A long text's language shows in its beginning; judging all of it only costs time.
            cut = text.rfind(" ", 0, SAMPLE_CHARS)
            text = text[:cut if cut > 0 else SAMPLE_CHARS]
        detection = self._judge(mask(text), min_words)
        if detection.language in NOUN_CAPITALISING or not detection.determined:
            # Masking every capitalised word may have hidden German nouns, or left too few words:
            # look again with lone capitalised words kept.
            second = self._judge(mask(text, names=False), min_words)
            if second.language in NOUN_CAPITALISING or (not detection.determined and second.determined
                                                        and detection.words < min_words):
                return second
        return detection
