"""The fitted numbers of the equivalence score (:mod:`captioncheck.compare.equivalence`).

Apart from the code that uses them so that the configuration's defaults can be read without loading
the pair verdicts. ``python bench/divergence_calibration.py --fit`` prints new weights for this file.
"""

# Fitted by bench/divergence_calibration.py --fit (intercept first).
WEIGHTS = {
    "intercept": -4.3853,
    "cosine": 5.0500,
    "distinct_cosine": 4.6258,
    "length": -5.1656,
    "numbers": -1.3408,
    "names": -0.6344,
    "punctuation": -0.7326,
    "gap": -1.2086,
    "unaligned_words": -0.5603,
    "shortness": 6.3461,
    "clause_gain": -17.5011,
    "truncation_gain": -12.1003,
}
# Below this a pair is reported as divergent. Chosen with bench/divergence_calibration.py (10-fold):
# on REFreSD 95% of the pairs it flags are divergent and it finds 79% of them; 0.7% of faithful
# caption pairs fall below it, 73% of those with a clause dropped and 99.9% of wrong captions.
THRESHOLD = 0.30
# Two captions that fill one slot (see captioncheck.pairing) and whose sentence cosine, with or without
# the names they share, is below this are not a translation, whatever the score says (its shortness
# term lifts short pairs, a shared name lifts the cosine): no faithful caption pair of the calibration
# set the score passes fell below it, 98% of the wrong captions do.
SLOT_NO_TRANSLATION_COSINE = 0.30
