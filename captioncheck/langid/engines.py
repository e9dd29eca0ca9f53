"""Language identification engines behind one protocol.

Each engine ranks a text over a fixed set of candidate languages and returns probabilities that sum
to one. All are deterministic: the same text gives the same ranking on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..errors import UnknownLanguages

DEFAULT_LANGUAGES = ("fr", "es", "en", "de", "it", "pt", "ca", "nl")


class Engine(Protocol):
    name: str

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Candidate languages with their probabilities, most likely first."""

    def beyond(self, text: str) -> tuple[str, float]:
        """The likeliest language outside the candidates, and the probability that the text is in
        one of them (judged over every language the engine knows)."""


class Py3LangidEngine:
    """py3langid's model (naive Bayes over byte n-grams), restricted to the candidates (see :mod:`.ngram`)."""

    name = "py3langid"

    def __init__(self, languages: Sequence[str]) -> None:
        from .ngram import NgramModel

        self._model = NgramModel(languages)

    def rank(self, text: str) -> list[tuple[str, float]]:
        return self._model.rank(text)

    def beyond(self, text: str) -> tuple[str, float]:
        return self._model.rank_all(text)[1]


class LangdetectEngine:
    """langdetect (a port of Google's language-detection), seeded and restricted to the candidates."""

    name = "langdetect"

    def __init__(self, languages: Sequence[str]) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(0)
        known = set(self._factory.get_lang_list())
        unknown = sorted(set(languages) - known)
        if unknown:
            raise UnknownLanguages(self.name, unknown, known)
        self._languages = tuple(languages)
        self._prior = {lang: (1.0 if lang in self._languages else 0.0) for lang in known}
        self._known = known

    def rank(self, text: str) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.set_prior_map(self._prior)
        detector.append(text)
        try:
            found = {lang.lang: lang.prob for lang in detector.get_probabilities()}
        except LangDetectException:
            found = {}
        total = sum(found.get(lang, 0.0) for lang in self._languages)
        if total <= 0:
            return [(lang, 1.0 / len(self._languages)) for lang in self._languages]
        ranked = [(lang, found.get(lang, 0.0) / total) for lang in self._languages]
        return sorted(ranked, key=lambda item: (-item[1], item[0]))

    def beyond(self, text: str) -> tuple[str, float]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()  # no prior: every language langdetect knows
        detector.append(text)
        try:
            found = [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
        except LangDetectException:
            return "und", 0.0
        outside = [(lang, p) for lang, p in found if lang not in self._languages]
        if not outside:
            return "und", 0.0
        return max(outside, key=lambda item: (item[1], item[0]))[0], sum(p for _, p in outside)


class CombinedEngine:
    """py3langid and langdetect averaged: a second opinion that lowers confidence when they disagree."""

    name = "combined"

    def __init__(self, languages: Sequence[str]) -> None:
        self._engines = (Py3LangidEngine(languages), LangdetectEngine(languages))

    def rank(self, text: str) -> list[tuple[str, float]]:
        totals: dict[str, float] = {}
        for engine in self._engines:
            for lang, p in engine.rank(text):
                totals[lang] = totals.get(lang, 0.0) + p / len(self._engines)
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))

    def beyond(self, text: str) -> tuple[str, float]:
        """The first engine's language, when both say the text is outside the candidates (the lower mass)."""
        (first, mass), (_, other_mass) = (engine.beyond(text) for engine in self._engines)
        return first, min(mass, other_mass)


ENGINES: dict[str, Callable[[Sequence[str]], Engine]] = {
    "py3langid": Py3LangidEngine,
    "langdetect": LangdetectEngine,
    "combined": CombinedEngine,
}
DEFAULT_ENGINE = "py3langid"


def make_engine(name: str, languages: Sequence[str]) -> Engine:
    """The engine called ``name`` over ``languages``; ValueError names what is wrong."""
    if name not in ENGINES:
        raise ValueError(f"unknown language identifier {name!r} (choose from {', '.join(ENGINES)})")
    return ENGINES[name](languages)
