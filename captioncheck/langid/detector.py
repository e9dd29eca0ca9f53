"""The detector: mask what is not prose, count what is left, and abstain rather than guess."""

from __future__ import annotations

from dataclasses import dataclass

from .. import text as textutil
from .engines import Engine

UNDETERMINED = "und"


@dataclass(frozen=True)
class Detection:
    """A language (or ``und``), the engine's probability for it, and the words it was judged on."""

    language: str
    confidence: float
    words: int

    @property
    def determined(self) -> bool:
        return self.language != UNDETERMINED


class LanguageDetector:
    """Identify the language of a text after masking names, credits, numbers and the like.

    Below ``min_words`` prose words, or below ``min_confidence``, the answer is ``und``: two words
    are never enough to call a caption untranslated.
    """

    def __init__(self, engine: Engine, min_words: int = 3, min_confidence: float = 0.5) -> None:
        self.engine = engine
        self.min_words = min_words
        self.min_confidence = min_confidence

    def detect(self, text: str, min_words: int | None = None) -> Detection:
        prose = textutil.mask(text)
        count = len(textutil.words(prose))
        if count < (self.min_words if min_words is None else min_words):
            return Detection(UNDETERMINED, 0.0, count)
        language, confidence = self.engine.rank(" ".join(prose.split()))[0]
        if confidence < self.min_confidence:
            return Detection(UNDETERMINED, confidence, count)
        return Detection(language, confidence, count)
