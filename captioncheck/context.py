"""What the rules look at: the document, each segment's language, the article's language, the pairs."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .compare.alignment import Alignment
from .compare.equivalence import divergent, shares_nothing
from .vocabulary import lexicon
from .document import Document, Segment
from .compare.calibration import THRESHOLD
from .langid import Detection, LanguageDetector, UNDETERMINED
from .langid.article import PROSE_KINDS
from .compare.omission import NONE as NO_OMISSION, Omission



@dataclass(frozen=True)
class Pair:
    """A caption (or foreign segment) and its most likely translation in the same article."""

    source: int
    target: int
    similarity: float
    cosine: float
    structural: bool = False  # paired because they fill the same slot, not because they look alike
    # the cosine without the names and figures both sides share (equivalence.distinct_cosine)
    distinct_cosine: float | None = field(default=None, compare=False)
    alignment: Alignment | None = field(default=None, compare=False)  # of the two sides' contents
    # names of each side missing from the other (names.missing, translations of names excluded)
    names: tuple[tuple[str, ...], tuple[str, ...]] | None = field(default=None, compare=False)
    # the part of one side the other leaves out, if any (omission.find)
    omission: Omission = field(default=NO_OMISSION, compare=False)
    # a segment of another slot that this pair's target translates, or that translates its source, far
    # better than the two sides translate each other: captions swapped between two photos
    # (pairing.crossed_slots)
    crossed: int | None = None


@dataclass(frozen=True)
class Context:
    document: Document
    detections: tuple[Detection, ...]
    language: str
    allowed_languages: frozenset[str]
    pairs: tuple[Pair, ...]
    detector: LanguageDetector
    divergence_threshold: float = THRESHOLD

    def language_of(self, segment_id: int) -> str:
        """A segment's language, the article's when it was too short to tell."""
        found = self.detections[segment_id].language
        return self.language if found == UNDETERMINED else found

    def is_foreign(self, language: str) -> bool:
        """A determined language that is neither the article's nor allowed on purpose."""
        return (language != UNDETERMINED and self.language != UNDETERMINED
                and language != self.language and language not in self.allowed_languages)

    @functools.cached_property
    def _partners(self) -> dict[int, int]:
        """Each paired segment's partner, both ways (looked up by every rule: once per article)."""
        partners = {pair.target: pair.source for pair in self.pairs}
        partners.update({pair.source: pair.target for pair in self.pairs})
        return partners

    def partner(self, segment_id: int) -> int | None:
        """The segment paired with ``segment_id``, if any."""
        return self._partners.get(segment_id)

    def is_source(self, segment_id: int) -> bool:
        """Whether ``segment_id`` is the untranslated side of a pair."""
        return segment_id in self._sources

    @functools.cached_property
    def _sources(self) -> frozenset[int]:
        return frozenset(pair.source for pair in self.pairs)

    def describes_something_else(self, pair: Pair) -> bool:
        """Whether the target is no translation of the source at all: another photo's caption (crossed),
        or a divergent one that shares nothing with it. Such a pair gets one finding,
        ``meaning-divergence``, whose message carries the numbers and names that differ; the detail rules
        leave it alone."""
        return (pair.source, pair.target) in self._something_else

    @functools.cached_property
    def _something_else(self) -> frozenset[tuple[int, int]]:
        """The pairs of :meth:`describes_something_else`, judged once for the five rules that ask."""
        segments = self.document.segments
        return frozenset(
            (pair.source, pair.target) for pair in self.pairs
            if pair.crossed is not None or (
                divergent(pair.similarity, pair.cosine, pair.structural, self.divergence_threshold,
                          pair.distinct_cosine)
                and shares_nothing(pair.cosine, pair.distinct_cosine, pair.alignment,
                                   lexicon.content(segments[pair.source].text),
                                   lexicon.content(segments[pair.target].text))))

    def prose_segments(self) -> list[Segment]:
        return [s for s in self.document.segments if s.kind in PROSE_KINDS]

    def paired(self) -> list[PairedSegments]:
        """Each pair with both its segments and their languages."""
        segments = self.document.segments
        return [PairedSegments(pair, segments[pair.source], segments[pair.target],
                               self.language_of(pair.source), self.language_of(pair.target))
                for pair in self.pairs]


@dataclass(frozen=True)
class PairedSegments:
    """A pair as the mistranslation rules see it: the untranslated source and its translation."""

    pair: Pair
    source: Segment
    target: Segment
    source_language: str
    target_language: str
