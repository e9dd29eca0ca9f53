"""How likely two sides of a pair are to say the same thing: a score in [0, 1], higher = equivalent.

Embedding cosine alone cannot see an added clause, a changed figure or a dropped name, ranks
divergent pairs of very different lengths too high, and reads short captions as less alike than
they are. The score is a logistic combination of:

- the cosine of the two sentence embeddings;
- how far the length ratio is from what the two languages usually give (French runs ~15% longer
  than English);
- how many numbers and how many names one side has that the other lacks;
- how much the two sides' bracket and comma counts differ (an added aside);
- from the word alignment (:mod:`captioncheck.alignment`): the longest run of words without a
  counterpart (a dropped or added clause) and how many words have none;
- how short the pair is (1/sqrt of the shorter side's words): short sentences have lower cosines
  for the same faithfulness;
- how much closer one side gets to the other when a clause of it, or its end or beginning, is left
  out (:mod:`captioncheck.omission`): the trace of a dropped or added clause.

The weights were fitted by ``bench/divergence_calibration.py --fit`` on two development sets, weighed
alike: REFreSD (English-French Wikipedia pairs labelled by people) and caption pairs built from
Tatoeba translations (faithful, with a clause dropped, and beside another sentence's translation).
The same script reports the 10-fold cross-validated figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import names, numbers
from .alignment import Alignment
from .embeddings import Encoder
from .omission import NONE, Omission, find

# Characters per sentence relative to English, from parallel news text.
LENGTH_FACTOR = {"en": 1.0, "fr": 1.15, "es": 1.12, "it": 1.12, "pt": 1.1, "ca": 1.12, "de": 1.18, "nl": 1.1}

# Fitted by bench/divergence_calibration.py --fit (intercept first).
WEIGHTS = {
    "intercept": -3.2710,
    "cosine": 8.3374,
    "length": -5.3323,
    "numbers": -1.5766,
    "names": -0.5646,
    "punctuation": -0.8486,
    "gap": -1.4284,
    "unaligned_words": -0.6412,
    "shortness": 6.0845,
    "clause_gain": -17.4905,
    "truncation_gain": -13.0161,
}
# Below this a pair is reported as divergent. Chosen with bench/divergence_calibration.py (10-fold):
# on REFreSD 95% of the pairs it flags are divergent and it finds 77% of them; 0.6% of faithful
# caption pairs fall below it, and 73% of those with a clause dropped.
THRESHOLD = 0.25


@dataclass(frozen=True)
class Features:
    cosine: float
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


def features(cosine: float, left: str, right: str, left_language: str, right_language: str,
             alignment: Alignment, name_gap: tuple[list[str], list[str]] | None = None,
             omission: Omission = NONE) -> Features:
    length = abs(length_excess(left, right, left_language, right_language))
    alone_left, alone_right = numbers.unmatched(numbers.quantities(left, left_language),
                                                numbers.quantities(right, right_language))
    missing_left, missing_right = name_gap or names.missing(left, right, left_language, right_language)
    punctuation = abs(left.count("(") - right.count("(")) + abs(left.count(",") - right.count(","))
    return Features(
        cosine=cosine,
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


def evaluate(cosine: float, left: str, right: str, left_language: str, right_language: str,
             alignment: Alignment, encoder: Encoder,
             name_gap: tuple[list[str], list[str]] | None = None) -> tuple[float, Omission]:
    """The equivalence score of a pair, and what one side may leave out of the other."""
    omission = find(left, right, left_language, right_language,
                    length_excess(left, right, left_language, right_language), encoder)
    return score(features(cosine, left, right, left_language, right_language, alignment, name_gap,
                          omission)), omission


def score(values: Features) -> float:
    z = WEIGHTS["intercept"] + sum(WEIGHTS[name] * getattr(values, name) for name in Features.__dataclass_fields__)
    return 1.0 / (1.0 + math.exp(-z))
