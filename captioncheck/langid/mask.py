"""Masking: what misleads language identification on short text, replaced by spaces.

Credits, icon words, people's names and other capitalised runs, acronyms, numbers, URLs, file names,
e-mail addresses and short quoted titles are blanked, so that every offset in the masked text is still an
offset in the original. Whether a capital marks a name depends on the language (German capitalises
every noun), which is why masking is a language decision and lives here.
"""

from __future__ import annotations

import regex

from .. import patterns
from ..text import SPACES, capitalised_runs, words
from ..vocabulary import lexicon
from .words import PANEL, frequency

# Languages that capitalise every noun: a capital there is no evidence of a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})

_URL = patterns.compile(r"(?:(?:https?:)?//|www\.)\S+", regex.IGNORECASE)  # "//host/path" too
# A file's name: an image's file name left as its caption or title ("WEB18-Facebook-1160x768.jpg").
_FILE_NAME = patterns.compile(
    r"[\w.~+-]+\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|bmp|heic|mp[34]|mov|webm|pdf|docx?|xlsx?|html?)(?!\w)",
    regex.IGNORECASE)
_EMAIL = patterns.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = patterns.compile(r"(?<!\w)[@#]\w+")
_NUMBER = patterns.compile(r"\d+(?:[.,:\u00a0\u202f ]\d+)*(?:\s?%)?")
_ACRONYM = patterns.compile(r"(?<![\p{L}\d])\p{Lu}[\p{Lu}\d&.-]*\p{Lu}\.?(?![\p{L}\d])")
_DIGIT = patterns.compile(r"\d")
# (Possessive spaces: a quotation mark that is never closed, after a long run of spaces, would
# otherwise be tried with the run split every way.)
_QUOTED = patterns.compile(r"«\s*+([^«»]{1,60}?)\s*+»|“([^“”]{1,60}?)”|\"([^\"]{1,60}?)\"")
QUOTED_TITLE_MAX_WORDS = 5
# English words a title in title case keeps in lower case; a title holds one of the second set, which
# are not words of the other checked languages ("in", "an", "a" are also German, Italian...).
TITLE_WORDS = frozenset("a an and at by for from in into of on or the to with".split())
ENGLISH_TITLE_WORDS = frozenset("and for from of the with".split())
ENGLISH_TITLE_WORD = patterns.compile(r" (?:and|for|from|of|the|with) ")
_CAPITALISED = r"\p{Lu}[\p{L}\p{M}\d'’-]*+"
_TITLE_RUN = patterns.compile(
    rf"(?<![\p{{L}}\p{{M}}\d'’-]){_CAPITALISED}(?: ++(?:(?:{'|'.join(sorted(TITLE_WORDS))}) ++)*+{_CAPITALISED})++")
# A word this frequent in some language is an ordinary word, whatever its capital.
FREQUENT_WORD = 1e-4
# How many times more often a language that capitalises every noun (NOUN_CAPITALISING)
# must write a word than any other language of the panel for the word to be its noun rather than a
# name: a title before a name ("Bundeskanzler Olaf Scholz", "Papst Franziskus") is written in German
# only, a name in every language's news ("Karin" 8 times, "Jürgen" 35 times more often in German).
NOUN_RATIO = 100.0


def titles_of_works(text: str) -> list[tuple[int, int]]:
    """Titles of books, films, journals and albums, written in English title case inside other text
    (blanked by ``untranslated-fragment`` before it judges a sentence; not by :func:`mask`, since an
    English caption naming a "Deputy Prime Minister ... of the ..." looks the same): three words or
    more, capitalised but for English title words (``Legend of the Sword``, ``The Dawn of the New
    Everything``), one of them a word of English only (of, the, and...). A run that is the whole text
    is left alone: that is a headline in title case, whose language counts. Found by one pattern over
    the text (a list of every word of a 5 MB paragraph would cost a hundred megabytes)."""
    if not ENGLISH_TITLE_WORD.search(text):
        return []
    found = []
    for match in _TITLE_RUN.finditer(text):
        words = match.group().split()
        if len(words) < 3 or not any(word in ENGLISH_TITLE_WORDS for word in words):
            continue
        start, end = match.span()
        if (text[:start] + text[end:]).strip(" .!?:;,\"'«»“”()"):
            found.append((start, end))
    return found


def without_set_apart(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with the spans its markup sets apart in italics blanked (same length): a title of a work
    or a phrase left in its language on purpose says nothing of the language the text is written in.
    A span that is the whole text (bar punctuation and spaces) stays: a caption in italics is judged."""
    inside = [(start, end) for start, end in spans if (text[:start] + text[end:]).strip(" .!?:;,\"'«»“”()")]
    return lexicon.blank(text, inside) if inside else text


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
    if "//" in text or "www." in text.casefold():
        spans += [m.span() for m in _URL.finditer(text)]
    if "." in text:
        spans += [m.span() for m in _FILE_NAME.finditer(text)]
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


def _proper_noun_spans(text: str, lone_words: bool = True) -> list[tuple[int, int]]:
    """Runs of capitalised words; a lone capitalised word too (``lone_words``) unless it starts a sentence.

    A sentence's first word that is a frequent word of some language owes its capital to its place:
    it stays prose even before a name ("Is Tom still in Kyiv?" keeps "Is", "Jens Stoltenberg a dit"
    masks both), and so does a lone capital letter (the English "I").
    """
    def noun(word: str) -> bool:
        own = max(frequency(word, language) for language in NOUN_CAPITALISING)
        others = max(frequency(word, language) for language in PANEL if language not in NOUN_CAPITALISING)
        return own > 0.0 and others * NOUN_RATIO <= own

    spans = []
    for run in capitalised_runs(text):
        start, count, titled = run.start, run.words, False
        if run.sentence_start and count > 1:
            gap = SPACES.search(text[start:run.end])
            first = text[start:start + gap.start()] if gap is not None else ""
            if gap is not None and max(frequency(first, lang) for lang in PANEL) >= FREQUENT_WORD:
                start, count = start + gap.end(), count - 1
        while not lone_words and count > 1:
            gap = SPACES.search(text, start, run.end)
            if gap is None or not noun(text[start:gap.start()]):
                break
            start, count, titled = gap.end(), count - 1, True  # the rest is still a name
        if run.end - start == 1:
            continue
        if count > 1 or titled or (lone_words and not (run.sentence_start and start == run.start)):
            spans.append((start, run.end))
    return spans
