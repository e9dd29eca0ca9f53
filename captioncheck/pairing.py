"""Pair each untranslated segment with its most likely translation in the same article.

Sources are the prose segments in another language than the article's. Candidates are the captions
anywhere in the article and the segments within ``WINDOW`` places of the source, in the article's
language. A candidate's score is the cosine of the two contents' embeddings (credits and icon words
removed), plus a bonus for sitting right beside the source and for sharing its credit. Pairs are then
chosen greedily, best score first, one to one; a pair needs ``MIN_SCORE``, and a pair of two
non-captions a cosine of ``MIN_PROSE_COSINE``. Each chosen pair carries
its equivalence score (see :mod:`captioncheck.equivalence`), which ``meaning-divergence`` thresholds.
"""

from __future__ import annotations

from .context import PROSE_KINDS, Pair
from .document import Document, Kind
from collections.abc import Callable

from .embeddings import Encoder
from .equivalence import features, score
from .langid import Detection
from . import lexicon

WINDOW = 2
ADJACENT_BONUS = 0.1
SHARED_CREDIT_BONUS = 0.1
MIN_SCORE = 0.45
# Paragraphs on one topic resemble each other; outside captions a pair needs a translation's cosine.
MIN_PROSE_COSINE = 0.65


def pair_segments(document: Document, detections: tuple[Detection, ...], language: str,
                  foreign: set[int], encoder_factory: Callable[[], Encoder]) -> tuple[Pair, ...]:
    """The pairs of ``document``; ``encoder_factory()`` is called only when there is something to pair."""
    segments = document.segments
    sources = [s for s in segments if s.id in foreign and s.kind in PROSE_KINDS]
    if not sources:
        return ()
    candidates: dict[int, list[int]] = {}
    for source in sources:
        candidates[source.id] = [
            t.id for t in segments
            if t.id != source.id and t.kind in PROSE_KINDS and t.id not in foreign
            and detections[t.id].language in (language, "und")
            and (t.kind is Kind.CAPTION or abs(t.id - source.id) <= WINDOW)
        ]
    needed = sorted({s.id for s in sources} | {t for ts in candidates.values() for t in ts})
    if len(needed) == len(sources):
        return ()
    contents = {i: lexicon.content(segments[i].text) for i in needed}
    vectors = encoder_factory().encode([contents[i] for i in needed])
    row = {segment_id: n for n, segment_id in enumerate(needed)}
    credits = {i: lexicon.credit_keys(segments[i].text) for i in needed}

    scored = []
    for source in sources:
        for target in candidates[source.id]:
            cosine = float(vectors[row[source.id]] @ vectors[row[target]])
            bonus = ADJACENT_BONUS if abs(target - source.id) == 1 else 0.0
            if credits[source.id] & credits[target]:
                bonus += SHARED_CREDIT_BONUS
            prose = Kind.CAPTION not in (source.kind, segments[target].kind)
            if cosine + bonus >= MIN_SCORE and not (prose and cosine < MIN_PROSE_COSINE):
                scored.append((-(cosine + bonus), source.id, target, cosine))
    pairs, used = [], set()
    for _, source_id, target_id, cosine in sorted(scored):
        if source_id in used or target_id in used:
            continue
        used.update((source_id, target_id))
        equivalence = score(features(max(cosine, 0.0), contents[source_id], contents[target_id],
                                     detections[source_id].language, language))
        pairs.append(Pair(source_id, target_id, round(equivalence, 4), round(cosine, 4)))
    return tuple(sorted(pairs, key=lambda p: (p.source, p.target)))
