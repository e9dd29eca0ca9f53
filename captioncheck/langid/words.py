"""Word evidence for language identification: how often each word is written in each language.

Character n-gram models (py3langid, langdetect) are torn on short sentences of close languages:
"La guerra no es inevitable" scores Catalan, "Steve no vino a casa" Portuguese. The words themselves
settle it: ``es`` without an accent, ``vino`` and ``casa`` are everyday Spanish. The detector adds,
for each candidate language, the log-frequency of every word of the sentence in that language (a
unigram model), so a sentence of common words in one language wins over a near-miss in a neighbour.
A word that no list knows (a name, a typo) gets the same floor everywhere and decides nothing.

The frequencies are the ``small`` word lists of `wordfreq <https://github.com/rspeer/wordfreq>`_
(Robyn Speer; data under CC-BY-SA 4.0), read straight from the files the package installs: they are
lists of words by frequency band (centibels), gzip-compressed MessagePack. Importing ``wordfreq``
itself costs about 0.2 s (``langcodes``, ``ftfy``), ten times reading a list, and the checker starts
on every commit of a pre-commit hook; so only the data is used, one language at a time, when first
needed.
"""

from __future__ import annotations

import functools
import gzip
import math
from importlib import resources

import msgpack
import regex

FLOOR = 1e-6  # the frequency of a word a list does not have
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_PARTS = regex.compile(r"['’-]")


@functools.lru_cache(maxsize=None)
def frequencies(language: str) -> dict[str, float] | None:
    """wordfreq's small list for ``language`` as {word: frequency}, or None when it has none.

    Read once per process (the lists are data, never changed); callers must not modify the dict.
    """
    try:
        path = resources.files("wordfreq") / "data" / f"small_{language}.msgpack.gz"
        with resources.as_file(path) as real, gzip.open(real, "rb") as handle:
            packed = msgpack.load(handle, raw=False, strict_map_key=False)
    except (FileNotFoundError, ModuleNotFoundError, OSError, ValueError, msgpack.UnpackException):
        return None
    if not packed or not isinstance(packed[0], dict) or packed[0].get("format") != "cB":
        return None
    frequencies: dict[str, float] = {}
    for band, words in enumerate(packed[1:]):
        frequency = 10 ** (-band / 100)
        for word in words:
            frequencies.setdefault(word, frequency)
    return frequencies


class WordEvidence:
    """Log-likelihood of a text's words in each language, from word frequency lists loaded on demand."""

    def log_likelihood(self, text: str, language: str) -> float:
        """Sum over the words of ``text`` of log(frequency in ``language``); 0.0 for an unknown language."""
        table = frequencies(language)
        if table is None:
            return 0.0
        total = 0.0
        for word in _WORD.findall(text):
            word = word.casefold().replace("’", "'")
            found = table.get(word)
            if found is None and _PARTS.search(word):
                parts = [p for p in _PARTS.split(word) if p]
                total += sum(math.log(table.get(p, 0.0) + FLOOR) for p in parts)
                continue
            total += math.log((found or 0.0) + FLOOR)
        return total


# The languages whose lists tell a word of one language from a name written alike in all of them.
PANEL = ("en", "fr", "es", "de", "it", "pt")


def frequency(word: str, language: str) -> float:
    """How often ``word`` (case-folded) is written in ``language``; 0.0 when unknown."""
    table = frequencies(language)
    return table.get(word.casefold().replace("’", "'"), 0.0) if table is not None else 0.0


def bound_to(word: str, language: str, ratio: float) -> bool:
    """Whether ``word`` is a word of ``language`` rather than a name written alike everywhere.

    People's and places' names are written in every language's news (``Madrid``, ``Tom``, ``Paris``);
    a common noun is written in its own language only (``Vivienda``, ``Schwester``). ``word`` is bound
    when ``language`` writes it ``ratio`` times more often than any other language of the panel.
    """
    own = frequency(word, language)
    if own <= FLOOR:
        return False
    others = max((frequency(word, other) for other in PANEL if other != language), default=0.0)
    return own >= ratio * max(others, FLOOR / 10)
