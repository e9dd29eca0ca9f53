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

import gzip
import math
from importlib import resources

import msgpack
import regex

FLOOR = 1e-6  # the frequency of a word a list does not have
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_PARTS = regex.compile(r"['’-]")


def _read_list(language: str) -> dict[str, float] | None:
    """wordfreq's small list for ``language`` as {word: frequency}, or None when it has none."""
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

    def __init__(self) -> None:
        self._lists: dict[str, dict[str, float] | None] = {}

    def knows(self, language: str) -> bool:
        return self._list(language) is not None

    def _list(self, language: str) -> dict[str, float] | None:
        if language not in self._lists:
            self._lists[language] = _read_list(language)
        return self._lists[language]

    def log_likelihood(self, text: str, language: str) -> float:
        """Sum over the words of ``text`` of log(frequency in ``language``); 0.0 for an unknown language."""
        frequencies = self._list(language)
        if frequencies is None:
            return 0.0
        total = 0.0
        for word in _WORD.findall(text):
            word = word.casefold().replace("’", "'")
            found = frequencies.get(word)
            if found is None and _PARTS.search(word):
                parts = [p for p in _PARTS.split(word) if p]
                total += sum(math.log(frequencies.get(p, 0.0) + FLOOR) for p in parts)
                continue
            total += math.log((found or 0.0) + FLOOR)
        return total
