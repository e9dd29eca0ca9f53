"""How likely two sides of a pair are to say the same thing: a score in [0, 1], higher = equivalent.

Embedding cosine alone cannot see an added clause, a changed figure or a dropped name, and ranks
divergent pairs of very different lengths too high. The score is a logistic combination of:

- the cosine of the two embeddings;
- how far the length ratio is from what the two languages usually give (French runs ~15% longer
  than English);
- how many numbers and how many names one side has that the other lacks;
- how much the two sides' bracket and comma counts differ (an added aside).

The weights were fitted on REFreSD (English-French pairs labelled equivalent or divergent by people)
by ``bench/divergence_calibration.py --fit``, which also reports the held-out (10-fold) figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import names, numbers

# Characters per sentence relative to English, from parallel news text.
LENGTH_FACTOR = {"en": 1.0, "fr": 1.15, "es": 1.12, "it": 1.12, "pt": 1.1, "ca": 1.12, "de": 1.18, "nl": 1.1}

# Fitted by bench/divergence_calibration.py --fit (intercept first).
WEIGHTS = {
    "intercept": -6.9314,
    "cosine": 11.7796,
    "length": -6.5019,
    "numbers": -1.1749,
    "names": -0.6662,
    "punctuation": -0.8613,
}
# Below this a pair is reported as divergent. Chosen on REFreSD for warnings that are rarely wrong:
# 96% of the pairs it flags are divergent (it finds 69% of them); 0.5 would find 89% but be wrong 12%
# of the time, too often for captions, which are usually faithful.
THRESHOLD = 0.2


@dataclass(frozen=True)
class Features:
    cosine: float
    length: float
    numbers: float
    names: float
    punctuation: float


def features(cosine: float, left: str, right: str, left_language: str, right_language: str) -> Features:
    expected = math.log(LENGTH_FACTOR.get(right_language, 1.1) / LENGTH_FACTOR.get(left_language, 1.1))
    length = abs(math.log(max(len(right), 1) / max(len(left), 1)) - expected)
    alone_left, alone_right = numbers.unmatched(numbers.quantities(left, left_language),
                                                numbers.quantities(right, right_language))
    missing_left, missing_right = names.missing(left, right, left_language, right_language)
    punctuation = abs(left.count("(") - right.count("(")) + abs(left.count(",") - right.count(","))
    return Features(
        cosine=cosine,
        length=length,
        numbers=math.log1p(len(alone_left) + len(alone_right)),
        names=math.log1p(len(missing_left) + len(missing_right)),
        punctuation=math.log1p(punctuation),
    )


def score(values: Features) -> float:
    z = WEIGHTS["intercept"] + sum(WEIGHTS[name] * getattr(values, name) for name in Features.__dataclass_fields__)
    return 1.0 / (1.0 + math.exp(-z))
