"""Word evidence for language identification: how often each word is written in each language.

Character n-gram models (py3langid, langdetect) are torn on short sentences of close languages:
"La guerra no es posible" scores Catalan, "Marco no vino a casa" Italian. The words themselves
settle it: ``es`` without an accent, ``vino`` and ``casa`` are everyday Spanish. The detector adds,
for each candidate language, the log-frequency of every word of the sentence in that language (a
unigram model), so a sentence of common words in one language wins over a near-miss in a neighbour.
A word that no list knows (a name, a typo) gets the same floor everywhere and decides nothing.

The frequencies are the ``small`` word lists of `wordfreq <https://github.com/rspeer/wordfreq>`_
(Robyn Speer; data under CC-BY-SA 4.0), read straight from the files the package installs: lists of
words by frequency band (centibels), gzip-compressed MessagePack. Importing ``wordfreq`` itself
costs about 0.2 s (``langcodes``, ``ftfy``) and unpacking a list 20 ms, while the checker starts on
every commit of a pre-commit hook; so each list is unpacked once into the model store
(:mod:`captioncheck.model_store`) as two plain arrays, the sorted 64-bit hashes of its words and
their bands, and a run maps them and looks words up by bisection (memoised), one language at a
time, when first needed.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import importlib.util
import math
from pathlib import Path

import numpy as np

from .. import patterns
from .. import model_store

FLOOR = 1e-6  # the frequency of a word a list does not have
_WORD = patterns.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_PARTS = patterns.compile(r"['’-]")
DISTRIBUTION = "wordfreq"
HASH = "fnv1a64"  # part of the store entry's key: entries hashed otherwise are not read


_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK = (1 << 64) - 1


def word_hash(word: str) -> int:
    """A stable 64-bit hash of a (case-folded) word, the same in every process (unlike ``hash``):
    FNV-1a over its UTF-8 bytes, which :func:`word_hashes` computes for a whole list at once."""
    value = _FNV_OFFSET
    for byte in word.encode("utf-8", "surrogatepass"):
        value = ((value ^ byte) * _FNV_PRIME) & _MASK
    return value


def word_hashes(words: list[str]) -> np.ndarray:
    """:func:`word_hash` of every word, vectorised over the list: one numpy step per byte position
    instead of a Python loop per word (the 230,000 words of the lists hash in milliseconds)."""
    encoded = [word.encode("utf-8", "surrogatepass") for word in words]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint64)
    starts = np.cumsum(lengths) - lengths
    values = np.full(len(encoded), _FNV_OFFSET, dtype=np.uint64)
    prime = np.uint64(_FNV_PRIME)
    active = np.arange(len(encoded))
    for position in range(int(lengths.max(initial=0))):
        active = active[lengths[active] > position]
        values[active] = (values[active] ^ data[starts[active] + position]) * prime  # wraps mod 2**64
    return values


def list_file(language: str) -> Path | None:
    spec = importlib.util.find_spec("wordfreq")  # found, not imported (see above)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "data" / f"small_{language}.msgpack.gz"
    return path if path.is_file() else None


def _unpack(path: Path) -> dict[str, np.ndarray]:
    import msgpack

    with gzip.open(path, "rb") as handle:
        packed = msgpack.load(handle, raw=False, strict_map_key=False)
    if not packed or not isinstance(packed[0], dict) or packed[0].get("format") != "cB":
        raise ValueError(f"{path}: not a wordfreq list")
    words = [word for band in packed[1:] for word in band]
    band_of_word = np.repeat(np.arange(len(packed) - 1, dtype=np.uint16), [len(band) for band in packed[1:]])
    # np.unique sorts the hashes and keeps each one's first, most frequent, band
    keys, first = np.unique(word_hashes(words), return_index=True)
    return {"hashes": keys, "bands": band_of_word[first]}


class WordList:
    """One language's word frequencies, looked up by word hash in the stored arrays."""

    def __init__(self, path: Path, language: str) -> None:
        arrays = model_store.load(stored_model(path, language))
        self._hashes = memoryview(np.ascontiguousarray(arrays["hashes"], dtype=np.uint64))
        self._bands = memoryview(np.ascontiguousarray(arrays["bands"], dtype=np.uint16))
        self.get = functools.lru_cache(maxsize=1 << 16)(self._get)

    def _get(self, word: str) -> float:
        """How often ``word`` (already case-folded) is written; 0.0 when the list does not have it."""
        key = word_hash(word)
        at = bisect.bisect_left(self._hashes, key)
        if at < len(self._hashes) and self._hashes[at] == key:
            return 10 ** (-self._bands[at] / 100)
        return 0.0


def stored_model(path: Path, language: str) -> model_store.Model:
    """``language``'s list at ``path`` as the model store keeps it."""
    return model_store.Model(f"wordfreq-{language}", (path,), lambda: _unpack(path),
                             distribution=DISTRIBUTION, variant=HASH)


@functools.lru_cache(maxsize=None)
def word_list(language: str) -> WordList | None:
    """wordfreq's small list for ``language``, or None when it has none. Read once per process."""
    path = list_file(language)
    if path is None:
        return None
    try:
        return WordList(path, language)
    except (OSError, ValueError, EOFError):
        return None


class WordEvidence:
    """Log-likelihood of a text's words in each language, from word frequency lists loaded on demand."""

    def log_likelihood(self, text: str, language: str) -> float:
        """Sum over the words of ``text`` of log(frequency in ``language``); 0.0 for an unknown language."""
        table = word_list(language)
        if table is None:
            return 0.0
        total = 0.0
        for word in _WORD.findall(text):
            word = word.casefold().replace("’", "'")
            found = table.get(word)
            if not found and _PARTS.search(word):
                parts = [p for p in _PARTS.split(word) if p]
                total += sum(math.log(table.get(p) + FLOOR) for p in parts)
                continue
            total += math.log(found + FLOOR)
        return total


# The languages whose lists tell a word of one language from a name written alike in all of them.
PANEL = ("en", "fr", "es", "de", "it", "pt")


def frequency(word: str, language: str) -> float:
    """How often ``word`` (case-folded) is written in ``language``; 0.0 when unknown."""
    table = word_list(language)
    return table.get(word.casefold().replace("’", "'")) if table is not None else 0.0


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
