"""How likely two sides of a pair are to say the same thing: a score in [0, 1], higher = equivalent.

Embedding cosine alone cannot see an added clause, a changed figure or a dropped name, ranks
divergent pairs of very different lengths too high, and reads short captions as less alike than
they are. The score is a logistic combination of:

- the cosine of the two sentence embeddings, and the same cosine once the names and figures both
  sides share are left out: a name or a date copied into two unrelated captions ("Rafael Nadal signs
  autographs in Mallorca" beside "Rafael Nadal levanta el trofeo en París") makes them look alike, a
  translation stays alike without them;
- how far the length ratio is from what the two languages usually give (French runs ~15% longer
  than English);
- how many numbers and how many names one side has that the other lacks;
- how much the two sides' bracket and comma counts differ (an added aside);
- from the word alignment (:mod:`captioncheck.compare.alignment`): the longest run of words without a
  counterpart (a dropped or added clause) and how many words have none;
- how short the pair is (1/sqrt of the shorter side's words): short sentences have lower cosines
  for the same faithfulness;
- how much closer one side gets to the other when a clause of it, or its end or beginning, is left
  out (:mod:`captioncheck.compare.omission`): the trace of a dropped or added clause.

The weights were fitted by ``bench/divergence_calibration.py --fit`` on two development sets, weighed
alike: REFreSD (English-French Wikipedia pairs labelled by people) and caption pairs built from
Tatoeba translations (faithful, with a clause dropped, and beside another sentence's translation).
The same script reports the 10-fold cross-validated figures.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass


from .. import patterns
from . import names, numbers
from .alignment import MATCH, Alignment
from ..embeddings import Encoder
from .omission import NONE, Omission, find
from .calibration import SLOT_NO_TRANSLATION_COSINE, THRESHOLD, WEIGHTS
from .omission import texts_to_encode as omission_texts

# Characters per sentence relative to English, from parallel news text.
LENGTH_FACTOR = {"en": 1.0, "fr": 1.15, "es": 1.12, "it": 1.12, "pt": 1.1, "ca": 1.12, "de": 1.18, "nl": 1.1}


def divergent(similarity: float, cosine: float, structural: bool, threshold: float = THRESHOLD,
              distinct: float | None = None) -> bool:
    """Whether a pair with this equivalence score and cosine (and cosine without what both sides
    share, see :func:`distinct_cosine`) is reported as divergent."""
    closest = cosine if distinct is None else min(cosine, distinct)
    return similarity < threshold or structural and closest < SLOT_NO_TRANSLATION_COSINE


@dataclass(frozen=True)
class Features:
    cosine: float
    distinct_cosine: float
    length: float
    numbers: float
    names: float
    punctuation: float
    gap: float
    unaligned_words: float
    shortness: float
    clause_gain: float
    truncation_gain: float


def length_excess(left: str, right: str, left_language: str, right_language: str) -> float:
    """log(len(right) / len(left)) less its usual value for the two languages."""
    expected = math.log(LENGTH_FACTOR.get(right_language, 1.1) / LENGTH_FACTOR.get(left_language, 1.1))
    return math.log(max(len(right), 1) / max(len(left), 1)) - expected


_LETTER = patterns.compile(r"\p{L}")


@functools.lru_cache(maxsize=256)  # pairing asks for it to encode beforehand, then the score reads it
def without_shared(left: str, right: str, left_language: str, right_language: str) -> tuple[str, str] | None:
    """Both sides without the names and the figures written in digits that the other side also has;
    None when they share none, or when a side would be left with no word."""
    def shared(text: str, language: str, other: str, other_language: str) -> list[tuple[int, int]]:
        spans = [(n.start, n.end) for n in names.names(text, language)
                 if not names.absent_words(n, text, other, language, other_language)]
        others = numbers.quantities(other, other_language)
        spans += [(q.start, q.end) for q in numbers.quantities(text, language)
                  if q.text[:1].isdigit() and any(q.same_as(o) for o in others)]
        return spans

    def cut(text: str, spans: list[tuple[int, int]]) -> str:
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + " " + text[end:]
        return " ".join(text.split())

    left_spans, right_spans = shared(left, left_language, right, right_language), shared(right, right_language, left,
                                                                                          left_language)
    if not left_spans or not right_spans:
        return None
    reduced = cut(left, left_spans), cut(right, right_spans)
    return reduced if all(_LETTER.search(side) for side in reduced) else None


def distinct_cosine(cosine: float, left: str, right: str, left_language: str, right_language: str,
                    encoder: Encoder) -> float:
    """The cosine of the two sides without what they share (see :func:`without_shared`)."""
    reduced = without_shared(left, right, left_language, right_language)
    if reduced is None:
        return cosine
    vectors = encoder.encode(list(reduced))
    return max(float(vectors[0] @ vectors[1]), 0.0)


def features(cosine: float, left: str, right: str, left_language: str, right_language: str,
             alignment: Alignment, name_gap: tuple[list[str], list[str]] | None = None,
             omission: Omission = NONE, distinct: float | None = None) -> Features:
    length = abs(length_excess(left, right, left_language, right_language))
    alone_left, alone_right = numbers.unmatched(numbers.quantities(left, left_language),
                                                numbers.quantities(right, right_language))
    missing_left, missing_right = name_gap or names.missing(left, right, left_language, right_language)
    punctuation = abs(left.count("(") - right.count("(")) + abs(left.count(",") - right.count(","))
    return Features(
        cosine=cosine,
        distinct_cosine=cosine if distinct is None else distinct,
        length=length,
        numbers=math.log1p(len(alone_left) + len(alone_right)),
        names=math.log1p(len(missing_left) + len(missing_right)),
        punctuation=math.log1p(punctuation),
        gap=math.log1p(alignment.gap),
        unaligned_words=math.log1p(alignment.unaligned_count),
        shortness=1.0 / math.sqrt(max(1, min(len(left.split()), len(right.split())))),
        clause_gain=omission.clause_gain,
        truncation_gain=omission.truncation_gain,
    )


def texts_to_encode(left: str, right: str, left_language: str, right_language: str) -> list[str]:
    """The texts :func:`evaluate` encodes (besides the two sides' own vectors), to encode beforehand."""
    reduced = without_shared(left, right, left_language, right_language)
    excess = length_excess(left, right, left_language, right_language)
    return [*(reduced or ()), *omission_texts(left, right, left_language, right_language, excess)]


def evaluate(cosine: float, left: str, right: str, left_language: str, right_language: str,
             alignment: Alignment, encoder: Encoder,
             name_gap: tuple[list[str], list[str]] | None = None) -> tuple[float, Omission, float]:
    """The equivalence score of a pair, what one side may leave out of the other, and the pair's
    cosine without what both sides share."""
    omission = find(left, right, left_language, right_language,
                    length_excess(left, right, left_language, right_language), encoder)
    distinct = distinct_cosine(cosine, left, right, left_language, right_language, encoder)
    return score(features(cosine, left, right, left_language, right_language, alignment, name_gap,
                          omission, distinct)), omission, distinct


def score(values: Features) -> float:
    z = WEIGHTS["intercept"] + sum(WEIGHTS[name] * getattr(values, name) for name in Features.__dataclass_fields__)
    return 1.0 / (1.0 + math.exp(-z))


# Below this sentence cosine (with or without the names both sides share) two captions may describe
# different things...
UNRELATED_COSINE = 0.45
# ... and they do when the word alignment finds a counterpart for at most this share of either side's
# content words: "der Kölner Dom" / "la cathédrale de Munich" (cosine 0.42) share the cathedral, and
# their difference is the city's name, not the whole caption.
SHARED_WORDS_MAX = 0.25
SHARED_WORDS_MIN = 3  # content words each side needs for the share to say anything
# Below this cosine no translation was seen at all (design half of the Tatoeba pairs: no faithful pair
# and no pair with one name or number changed; 83% of other pairs' captions), whatever the word
# alignment says: on short or unrelated sentences it pairs words by chance ("Tom drew his gun and
# shot." / "Je suis garé en double-file.").
NOTHING_IN_COMMON_COSINE = 0.15


def shares_nothing(cosine: float, distinct_cosine: float | None, alignment: Alignment | None,
                   left: str, right: str) -> bool:
    """Whether two sides of a pair describe different things: far apart as sentences, and with next to
    no word in common (another photo's caption), rather than a translation that is loose or wrong in
    a detail. ``left`` and ``right`` are the texts the alignment's spans are in: a word written alike on
    both sides (a name copied into two unrelated captions) is no shared content."""
    closest = cosine if distinct_cosine is None else min(cosine, distinct_cosine)
    if closest >= UNRELATED_COSINE:
        return False
    if alignment is None or closest < NOTHING_IN_COMMON_COSINE:
        return True
    if min(len(alignment.left.best), len(alignment.right.best)) < SHARED_WORDS_MIN:
        return False  # "Is Tom over there with you?" has one content word: too few to tell
    copied = {left[s:e].casefold() for s, e in alignment.left.spans} & {right[s:e].casefold()
                                                                        for s, e in alignment.right.spans}
    shares = [sum(1 for (s, e), best in zip(side.spans, side.best) if best >= MATCH and text[s:e].casefold()
                  not in copied) / len(side.best)
              for side, text in ((alignment.left, left), (alignment.right, right))]
    return max(shares) <= SHARED_WORDS_MAX
