"""Align the words of a pair's two sides with the embedded encoder, and find what has no counterpart.

Sentence embeddings say how close two sentences are overall; they cannot say *what* one side adds or
drops. In the manner of SimAlign (Jalili Sabet et al., 2020), each content word of one side is
matched with its most similar word of the other side, by the cosine of the multilingual encoder's
word vectors (USE-m3 puts ``voiture``, ``car`` and ``coche`` at 0.9 of each other). Words whose
best match stays below ``MATCH`` have no counterpart; the longest run of them and their number go
into the equivalence score, and the runs are the phrases a divergence message quotes.

Function words (the most frequent words of each language) are left out: they align poorly across
languages and carry little of the meaning. Word vectors are cached per encoder, so words that recur
across an article, or a batch of articles, are encoded once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import patterns
from ..embeddings import CachedEncoder, Encoder
from ..langid.words import frequency

# A word whose best match on the other side is below this cosine has no counterpart there.
MATCH = 0.55
# Words more frequent than this in their language are function words, left out of the alignment.
FUNCTION_WORD_FREQUENCY = 1e-3
CACHE_SIZE = 20_000  # vectors kept: 40 MB at most
# Content words aligned per side: the similarity matrix is the product of the two sides' counts. A
# caption has a few dozen; a side this long is no caption, and the encoder reads only its beginning
# too (captioncheck.embeddings.use_m3.MAX_PIECES).
MAX_WORDS = 400
_WORD = patterns.compile(r"\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*")  # l'Assemblée: l, Assemblée


@dataclass(frozen=True)
class Side:
    """One side of an alignment: its content words' spans and how well each found a counterpart."""

    spans: tuple[tuple[int, int], ...]
    best: tuple[float, ...]

    @property
    def unaligned_count(self) -> int:
        return sum(1 for b in self.best if b < MATCH)

    @property
    def longest_gap(self) -> int:
        """The longest run of consecutive content words without a counterpart."""
        longest = current = 0
        for best in self.best:
            current = current + 1 if best < MATCH else 0
            longest = max(longest, current)
        return longest

    def gaps(self, text: str, min_words: int = 2) -> list[tuple[int, int]]:
        """Spans of ``text`` covering runs of ``min_words`` or more words without a counterpart."""
        runs, current = [], []
        for span, best in zip(self.spans, self.best):
            if best < MATCH:
                current.append(span)
            else:
                if len(current) >= min_words:
                    runs.append((current[0][0], current[-1][1]))
                current = []
        if len(current) >= min_words:
            runs.append((current[0][0], current[-1][1]))
        return runs


@dataclass(frozen=True)
class Alignment:
    left: Side
    right: Side

    @property
    def gap(self) -> int:
        return max(self.left.longest_gap, self.right.longest_gap)

    @property
    def unaligned_count(self) -> int:
        return max(self.left.unaligned_count, self.right.unaligned_count)


class WordVectors:
    """Word vectors from an encoder (cached: see :class:`captioncheck.embeddings.CachedEncoder`)."""

    def __init__(self, encoder: Encoder, size: int = CACHE_SIZE) -> None:
        self._encoder = encoder if isinstance(encoder, CachedEncoder) else CachedEncoder(encoder, size)

    def vectors(self, words: list[str]) -> np.ndarray:
        if not words:
            return np.zeros((0, 1), dtype=np.float32)
        return self._encoder.encode(words)


def content_words(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the first MAX_WORDS words of ``text`` that carry meaning (function words
    left out)."""
    found = []
    for match in _WORD.finditer(text):
        if len(found) == MAX_WORDS:
            break
        word = match.group()
        if not word[0].isdigit() and frequency(word, language) >= FUNCTION_WORD_FREQUENCY:
            continue
        found.append((match.start(), match.end(), word.casefold()))
    return found


def align(left: str, right: str, left_language: str, right_language: str, vectors: WordVectors) -> Alignment:
    """The word alignment of ``left`` and ``right``."""
    left_words, right_words = content_words(left, left_language), content_words(right, right_language)
    if left_words and right_words:
        # one encoder call for both sides: each call streams the whole network's weights once
        both = vectors.vectors([w for _, _, w in left_words] + [w for _, _, w in right_words])
        similarity = both[:len(left_words)] @ both[len(left_words):].T
    else:
        similarity = np.zeros((len(left_words), len(right_words)), dtype=np.float32)
    return Alignment(_side(left_words, right_words, similarity), _side(right_words, left_words, similarity.T))


def _side(words: list[tuple[int, int, str]], others: list[tuple[int, int, str]], similarity: np.ndarray) -> Side:
    """``words`` with each one's best match among ``others`` (1.0 for the same word written alike)."""
    best = []
    for i, (_, _, word) in enumerate(words):
        if not others:
            best.append(0.0)
            continue
        j = int(similarity[i].argmax())
        best.append(1.0 if others[j][2] == word else float(similarity[i, j]))
    return Side(tuple((start, end) for start, end, _ in words), tuple(best))
