"""Find the part of one side of a pair that the other side leaves out, by encoding the side without it.

A translation that drops a clause still shares most of its words and most of its meaning with the
original: the sentence cosine barely moves and the word alignment sees a few words without a
counterpart, as it does in any free translation. What gives the omission away is that the original
*without that clause* is closer to the translation than the whole original is: the encoder reads the
translation as a translation of the shorter sentence.

Two kinds of candidate part are tried, on each side:

- **clauses**: the stretches between commas, semicolons, colons, brackets and dashes, and before a
  conjunction or relative pronoun of the side's language (``CLAUSE_WORDS``: a short hand-written list,
  since no light library cuts clauses in eight languages and a full parser would cost more than the
  whole check);
- **an end or a beginning** (``TRUNCATIONS`` cut points), only on a side markedly longer than the
  two languages' usual ratio (``LENGTH_DEVIATION``), since a translation that lost its end is shorter.

The *gain* of a candidate is the cosine of the side without it to the other side, less the cosine of
the two whole sides. Faithful translations gain nothing (removing any part moves the side away from
its translation); a dropped clause gains 0.05 to 0.5. The gains are features of the equivalence score
(:mod:`captioncheck.compare.equivalence`), and the best candidate is the part ``meaning-divergence`` quotes.
Candidates are encoded in one batch through the checker's cache.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import regex

from .. import patterns
from ..embeddings import Encoder

# Conjunctions and relative words that start a clause, per language.
CLAUSE_WORDS = {
    "en": "and|but|while|as|which|who|whom|whose|where|because|when|although|after|before|until|if",
    "fr": "et|mais|alors|qui|où|dont|parce|quand|lorsque|tandis|bien|après|avant|si|puis",
    "es": "y|e|pero|mientras|que|quien|quienes|donde|porque|cuando|aunque|tras|antes|hasta|si",
    "it": "e|ed|ma|mentre|che|chi|dove|perché|quando|sebbene|dopo|prima|finché|se",
    "pt": "e|mas|enquanto|que|quem|onde|porque|quando|embora|após|antes|até|se",
    "ca": "i|però|mentre|que|qui|on|perquè|quan|encara|després|abans|fins|si",
    "de": "und|aber|während|weil|wenn|als|dass|wo|obwohl|nachdem|bevor|bis|ob|sondern",
    "nl": "en|maar|terwijl|die|dat|waar|omdat|wanneer|toen|hoewel|nadat|voordat|totdat|of",
}
_PUNCTUATION = r"[,;:()\[\]\u2014\u2013]|\s-\s"
_CUTS = {language: patterns.compile(rf"{_PUNCTUATION}|\s(?=(?:{words})\s)", regex.IGNORECASE)
         for language, words in CLAUSE_WORDS.items()}
_DEFAULT_CUT = patterns.compile(_PUNCTUATION)
_WORD = patterns.compile(r"\S+")
MIN_WORDS = 2  # a candidate part, and what is left without it, have at least this many words
MAX_CLAUSES = 6
TRUNCATIONS = 4  # cut points tried for a lost end or beginning
LENGTH_DEVIATION = 0.3  # |log length ratio - expected| from which a lost end or beginning is tried


@dataclass(frozen=True)
class Omission:
    """The best-gaining part left out of one side: which side (0 left, 1 right), where, and the gains."""

    clause_gain: float = 0.0
    truncation_gain: float = 0.0
    side: int | None = None
    span: tuple[int, int] | None = None

    @property
    def gain(self) -> float:
        return max(self.clause_gain, self.truncation_gain)


NONE = Omission()


def clauses(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text`` of ``MIN_WORDS`` words or more (none if it has only one)."""
    pattern = _CUTS.get(language, _DEFAULT_CUT)
    cuts = [0, *(m.start() for m in pattern.finditer(text)), len(text)]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if len(text[a:b].split()) >= MIN_WORDS]
    return spans[:MAX_CLAUSES] if len(spans) >= 2 else []


def clause_runs(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each clause alone, and the runs of clauses that end or begin the text (a translation may drop
    its last two clauses, "que costó tres años de obras y doce millones de euros")."""
    runs = list(spans)
    runs += [(spans[k][0], spans[-1][1]) for k in range(1, len(spans) - 1)]  # clauses k.. to the end
    runs += [(spans[0][0], spans[k - 1][1]) for k in range(2, len(spans))]  # the first k clauses
    return runs


def truncations(text: str) -> list[tuple[int, int]]:
    """Spans of ends and beginnings of ``text`` that could have been lost, at up to TRUNCATIONS cuts."""
    starts = [m.start() for m in _WORD.finditer(text)]
    count = len(starts)
    if count < 2 * MIN_WORDS:
        return []
    positions = sorted({int(round(x)) for x in np.linspace(MIN_WORDS, count - MIN_WORDS,
                                                             min(count - 2 * MIN_WORDS + 1, TRUNCATIONS))})
    spans = []
    for i in positions:
        spans.append((starts[i], len(text)))  # the end from word i is lost
        spans.append((0, starts[i]))  # the beginning up to word i is lost
    return spans


def _without(text: str, span: tuple[int, int]) -> str:
    return (text[:span[0]] + " " + text[span[1]:]).strip(" ,;:-\u2013\u2014")


@functools.lru_cache(maxsize=256)  # pairing asks for them to encode beforehand, then find() reads them
def _candidates(left: str, right: str, left_language: str, right_language: str,
                length_excess: float) -> tuple[tuple[int, str, tuple[int, int]], ...]:
    """(side, kind, span) of every part that :func:`find` tries leaving out."""
    candidates: list[tuple[int, str, tuple[int, int]]] = []
    for side, (text, language) in enumerate(((left, left_language), (right, right_language))):
        candidates += [(side, "clause", span) for span in clause_runs(clauses(text, language))]
    if abs(length_excess) >= LENGTH_DEVIATION:
        longer = 1 if length_excess > 0 else 0
        candidates += [(longer, "truncation", span) for span in truncations((left, right)[longer])]
    return tuple(c for c in candidates if len(_without((left, right)[c[0]], c[2]).split()) >= MIN_WORDS)


def texts_to_encode(left: str, right: str, left_language: str, right_language: str,
                    length_excess: float) -> list[str]:
    """The texts :func:`find` encodes, to encode them beforehand with other pairs' in one call."""
    candidates = _candidates(left, right, left_language, right_language, length_excess)
    return [left, right] + [_without((left, right)[side], span) for side, _, span in candidates] if candidates else []


def find(left: str, right: str, left_language: str, right_language: str, length_excess: float,
         encoder: Encoder) -> Omission:
    """The part of ``left`` or ``right`` whose removal brings that side closest to the other side.

    ``length_excess`` is the log of the pair's length ratio (right over left) less the languages'
    usual one: positive when ``right`` is longer than a translation of ``left`` usually is."""
    candidates = _candidates(left, right, left_language, right_language, length_excess)
    if not candidates:
        return NONE
    texts = [left, right] + [_without((left, right)[side], span) for side, _, span in candidates]
    vectors = encoder.encode(texts)
    whole = float(vectors[0] @ vectors[1])
    gains = {"clause": (0.0, None), "truncation": (0.0, None)}
    for (side, kind, span), vector in zip(candidates, vectors[2:]):
        gain = float(vector @ vectors[1 - side]) - whole
        if gain > gains[kind][0]:
            gains[kind] = (gain, (side, span))
    (clause_gain, clause_at), (truncation_gain, truncation_at) = gains["clause"], gains["truncation"]
    # A whole clause says more to an editor than a cut between two words: it is quoted unless a lost
    # end or beginning gains more than twice as much.
    best = clause_at if clause_at is not None and 2 * clause_gain >= truncation_gain else truncation_at
    return Omission(round(clause_gain, 6), round(truncation_gain, 6),
                    best[0] if best else None, best[1] if best else None)
