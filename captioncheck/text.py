"""Text helpers that keep character offsets: words, sentences, clauses and capitalised runs.

Language-blind: what a capital means in a given language is decided in :mod:`captioncheck.langid.mask`.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import patterns

WORD = patterns.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_CLOSERS = r"(?:\s?[\"»”’)\]])*"
_SENTENCE_END = patterns.compile(
    rf"(?<![.!?…])[.!?…]+{_CLOSERS}(?=\s+(?:[\"«“(\[¿¡]\s*)?[\p{{Lu}}\d])|(?<![.!?…])[.!?…]+{_CLOSERS}\s*$"
)
# Clauses end at semicolons, colons, dashes, brackets and quotes, and at a slash or bar set apart by
# spaces: what joins a caption and its translation on one line ("El presidente... / Le président...").
# (Its leading spaces start where a run of spaces starts: "\s*" tried at every space of a long run of
# spaces is quadratic.)
_CLAUSE_BREAK = patterns.compile(r"(?:(?<!\s)\s+)?(?:[;:—–]|\s[-/|]\s|[()«»“”\"])\s*")
SPACES = patterns.compile(r"\s+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


_OPENING = frozenset(" \t\"'«“(¿¡-–—")


def at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or a line, or a part after a colon or a bar)."""
    at = start  # walked back over what may open a sentence (no copy of the text before: linear)
    while at > 0 and text[at - 1] in _OPENING:
        at -= 1
    return at == 0 or text[at - 1] in ".!?…:|\n"


@dataclass(frozen=True)
class CapitalisedRun:
    """Consecutive capitalised words ("Jens Stoltenberg", "Charles de Gaulle"), a likely proper noun."""

    start: int
    end: int
    words: int
    sentence_start: bool


_PARTICLES = frozenset({"de", "del", "della", "di", "da", "van", "von", "bin", "ibn"})
_SECOND_PARTICLES = frozenset({"der", "den", "la", "las", "los"})  # "von der Leyen", "de la Fuente"


_ELISION = patterns.compile(r"(?:[cdjlmnst]|qu)['’](?=\p{Lu})", regex.IGNORECASE)


def _words_without_elision(text: str) -> list[tuple[int, int, str]]:
    """Word spans, with an elided article or preposition cut off a name (``l'OTAN`` -> ``OTAN``)."""
    spans = []
    for match in WORD.finditer(text):
        start, end, word = match.start(), match.end(), match.group()
        if "'" in word or "’" in word:
            elided = _ELISION.match(text, start)
            if elided and elided.end() < end:
                start = elided.end()
                word = text[start:end]
        spans.append((start, end, word))
    return spans


def capitalised_runs(text: str) -> list[CapitalisedRun]:
    """Runs of capitalised words separated only by spaces or name particles (``de``, ``van``...)."""
    spans = _words_without_elision(text)
    capitalised = [word[0].isupper() for _, _, word in spans]  # a WORD that starts with a capital
    runs: list[CapitalisedRun] = []
    i = 0
    while i < len(spans):
        if not capitalised[i]:
            i += 1
            continue
        last, count, j = i, 1, i + 1
        while j < len(spans) and text[spans[j - 1][1]:spans[j][0]].strip() == "":
            if capitalised[j]:
                last, count = j, count + 1
            elif not (spans[j][2] in _PARTICLES
                      or (spans[j][2] in _SECOND_PARTICLES and spans[j - 1][2] in _PARTICLES)):
                break
            j += 1
        runs.append(CapitalisedRun(spans[i][0], spans[last][1], count, at_sentence_start(text, spans[i][0])))
        i = last + 1
    return runs


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, leading and trailing spaces excluded."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of ``text[start:end]`` between semicolons, colons, dashes, brackets, quotes, and slashes
    or bars set apart by spaces."""
    spans, cursor = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
