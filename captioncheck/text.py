"""Text helpers that keep character offsets: words, sentences, clauses and masking.

Masking replaces what misleads language identification on short text (credits, icon words, people's
names and other capitalised runs, acronyms, numbers, URLs, e-mail addresses, short quoted titles) by
spaces, so that every offset in the masked text is still an offset in the original.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .vocabulary import lexicon

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*")
_URL = regex.compile(r"(?:https?://|www\.)\S+", regex.IGNORECASE)
_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = regex.compile(r"(?<!\w)[@#]\w+")
_NUMBER = regex.compile(r"\d+(?:[.,:\u00a0\u202f ]\d+)*(?:\s?%)?")
_ACRONYM = regex.compile(r"(?<![\p{L}\d])\p{Lu}[\p{Lu}\d&.-]*\p{Lu}\.?(?![\p{L}\d])")
_DIGIT = regex.compile(r"\d")
# (Possessive spaces: a quotation mark that is never closed, after a long run of spaces, would
# otherwise be tried with the run split every way.)
_QUOTED = regex.compile(r"«\s*+([^«»]{1,60}?)\s*+»|“([^“”]{1,60}?)”|\"([^\"]{1,60}?)\"")
_CLOSERS = r"(?:\s?[\"»”’)\]])*"
_SENTENCE_END = regex.compile(
    rf"(?<![.!?…])[.!?…]+{_CLOSERS}(?=\s+(?:[\"«“(\[¿¡]\s*)?[\p{{Lu}}\d])|(?<![.!?…])[.!?…]+{_CLOSERS}\s*$"
)
# Clauses end at semicolons, colons, dashes, brackets and quotes, and at a slash or bar set apart by
# spaces: what joins a caption and its translation on one line ("El presidente... / Le président...").
# (Its leading spaces start where a run of spaces starts: "\s*" tried at every space of a long run of
# spaces is quadratic.)
_CLAUSE_BREAK = regex.compile(r"(?:(?<!\s)\s+)?(?:[;:—–]|\s[-/|]\s|[()«»“”\"])\s*")
QUOTED_TITLE_MAX_WORDS = 5
_SPACES = regex.compile(r"\s+")
# A word this frequent in some language is an ordinary word, whatever its capital.
FREQUENT_WORD = 1e-4
# How many times more often a language that capitalises every noun (langid.detector.NOUN_CAPITALISING)
# must write a word than any other language of the panel for the word to be its noun rather than a
# name: a title before a name ("Bundeskanzler Olaf Scholz", "Papst Franziskus") is written in German
# only, a name in every language's news ("Karin" 8 times, "Jürgen" 35 times more often in German).
NOUN_RATIO = 100.0


def words(text: str) -> list[str]:
    return WORD.findall(text)


_OPENING = frozenset(" \t\"'«“(¿¡-–—")


def at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or a line, or a part after a colon or a bar)."""
    at = start  # walked back over what may open a sentence (no copy of the text before: linear)
    while at > 0 and text[at - 1] in _OPENING:
        at -= 1
    return at == 0 or text[at - 1] in ".!?…:|\n"


def _is_quoted_title(inner: str) -> bool:
    """A short capitalised quotation that is not a sentence: a title, a slogan, a brand."""
    inner = inner.strip()
    return (len(words(inner)) <= QUOTED_TITLE_MAX_WORDS and inner[:1].isupper()
            and not inner.endswith((".", "!", "?", "…")))


def mask(text: str, names: bool = True) -> str:
    """``text`` with non-prose replaced by spaces; same length, same offsets.

    With ``names=False`` a lone capitalised word is kept (only runs of two or more are masked), and so
    are the nouns that open a run ("Bundeskanzler" of "Bundeskanzler Olaf Scholz"): in German every
    noun is capitalised, so a capital is no evidence of a name.
    """
    spans: list[tuple[int, int]] = [(c.start, c.end) for c in lexicon.find_credits(text)]
    spans += lexicon.find_icons(text)
    spans += lexicon.find_ui_labels(text)
    # Each pattern only where it can match: trying an e-mail pattern at every word is not free.
    if "@" in text:
        spans += [m.span() for m in _EMAIL.finditer(text)]
    if "@" in text or "#" in text:
        spans += [m.span() for m in _HANDLE.finditer(text)]
    if "://" in text or "www." in text.casefold():
        spans += [m.span() for m in _URL.finditer(text)]
    if _DIGIT.search(text):
        spans += [m.span() for m in _NUMBER.finditer(text)]
    spans += [m.span() for m in _ACRONYM.finditer(text)]
    if "«" in text or "“" in text or '"' in text:
        for match in _QUOTED.finditer(text):
            inner = next(g for g in match.groups() if g is not None)
            if _is_quoted_title(inner):
                spans.append(match.span())
    masked = lexicon.blank(text, spans)
    # Sentence starts are judged once credits and icons are gone: "AFP - El presidente" starts at "El".
    return lexicon.blank(masked, _proper_noun_spans(masked, lone_words=names))


@dataclass(frozen=True)
class CapitalisedRun:
    """Consecutive capitalised words ("Jens Stoltenberg", "Charles de Gaulle"), a likely proper noun."""

    start: int
    end: int
    words: int
    sentence_start: bool


_PARTICLES = frozenset({"de", "del", "della", "di", "da", "van", "von", "bin", "ibn"})
_SECOND_PARTICLES = frozenset({"der", "den", "la", "las", "los"})  # "von der Leyen", "de la Fuente"


_ELISION = regex.compile(r"(?:[cdjlmnst]|qu)['’](?=\p{Lu})", regex.IGNORECASE)


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


def _proper_noun_spans(text: str, lone_words: bool = True) -> list[tuple[int, int]]:
    """Runs of capitalised words; a lone capitalised word too (``lone_words``) unless it starts a sentence.

    A sentence's first word that is a frequent word of some language owes its capital to its place:
    it stays prose even before a name ("Is Tom still in Kyiv?" keeps "Is", "Jens Stoltenberg a dit"
    masks both), and so does a lone capital letter (the English "I").
    """
    from .langid.detector import NOUN_CAPITALISING  # here: langid imports this module
    from .langid.words import PANEL, frequency

    def noun(word: str) -> bool:
        own = max(frequency(word, language) for language in NOUN_CAPITALISING)
        others = max(frequency(word, language) for language in PANEL if language not in NOUN_CAPITALISING)
        return own > 0.0 and others * NOUN_RATIO <= own

    spans = []
    for run in capitalised_runs(text):
        start, count, titled = run.start, run.words, False
        if run.sentence_start and count > 1:
            gap = _SPACES.search(text[start:run.end])
            first = text[start:start + gap.start()] if gap is not None else ""
            if gap is not None and max(frequency(first, lang) for lang in PANEL) >= FREQUENT_WORD:
                start, count = start + gap.end(), count - 1
        while not lone_words and count > 1:
            gap = _SPACES.search(text, start, run.end)
            if gap is None or not noun(text[start:gap.start()]):
                break
            start, count, titled = gap.end(), count - 1, True  # the rest is still a name
        if run.end - start == 1:
            continue
        if count > 1 or titled or (lone_words and not (run.sentence_start and start == run.start)):
            spans.append((start, run.end))
    return spans


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
