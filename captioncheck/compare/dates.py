"""Days of the week and months named in a text, to compare a caption with its translation.

A translation that names another day or month than its original ("el martes" / "lundi", "3 de
marzo" / "3 mai") states another date as surely as one that changes a figure, and a sentence
encoder does not see it: the two captions read as the same sentence. Day and month names are
closed classes, so they are listed here for the languages the checker reads (``DAYS`` and
``MONTHS``: English, French, Spanish, Italian, Portuguese, Catalan, German, Dutch); a library such as
Babel would bring the same words with several megabytes of locale data.

Only a contradiction is a finding (see :func:`contradiction`): each side names a day (or a month)
that the other does not. A translation that leaves a date out, or writes it relative to the day it
is published ("hier", "today"), is no mismatch.

Several of these words are also names or ordinary words, so a word counts only where it reads as a
date:

- the languages that write days and months in lower case (all but English and German): in lower
  case, or capitalised at the start of a sentence ("Domingo Villar", "Plaza de Mayo", "Mars" are
  names);
- English and German months, capitalised like names ("Theresa May", "Prince August", "March" the
  verb): next to a day's number or a year ("3 May", "May 2024", "am 3. März"), or after a word that
  introduces a date ("in May", "since March", "im Mai", "Anfang August").
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass


from .. import patterns
from ..text import at_sentence_start

DAYS: dict[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
    "ca": ("dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte", "diumenge"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "ca": ("gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre",
           "desembre"),
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
}
# Other spellings of the same words: accents news copy drops, a variant spelling.
_VARIANTS = {
    "it": {"lunedi": "lunedì", "martedi": "martedì", "mercoledi": "mercoledì", "giovedi": "giovedì",
           "venerdi": "venerdì"},
    "es": {"miercoles": "miércoles", "sabado": "sábado", "setiembre": "septiembre"},
    "pt": {"sabado": "sábado", "marco": "março", "terca-feira": "terça-feira"},
    "de": {"jänner": "januar", "sonnabend": "samstag", "maerz": "märz"},
}
CAPITALISED = frozenset({"en", "de"})  # languages that capitalise day and month names
# Words after which an English or German month names a date ("in May", "im Mai").
_DATE_WORDS = frozenset("""
in on since until till by during early late mid of from to between next last this each every
im am seit bis ab anfang ende mitte vom zum zur nächsten letzten diesen jeden
""".split())
_WORD = patterns.compile(r"\p{L}+(?:-\p{L}+)*")
_NUMBER_OR_YEAR = patterns.compile(r"\d{1,2}\.?|\d{4}")


@dataclass(frozen=True)
class DateWord:
    """A day or month named at ``start``:``end``: ``kind`` "day" or "month", ``value`` 1-7 or 1-12."""

    start: int
    end: int
    text: str
    kind: str
    value: int


@functools.lru_cache(maxsize=16)
def _lexicon(language: str) -> dict[str, tuple[str, int]]:
    words: dict[str, tuple[str, int]] = {}
    for kind, table in (("day", DAYS), ("month", MONTHS)):
        for value, word in enumerate(table.get(language, ()), start=1):
            words[word] = (kind, value)
    for variant, word in _VARIANTS.get(language, {}).items():
        words[variant] = words[word]
    return words


def _reads_as_date(text: str, start: int, end: int, word: str, kind: str, language: str) -> bool:
    if language not in CAPITALISED:
        return word.islower() or at_sentence_start(text, start)
    if kind == "day":
        return True
    previous = text[max(0, start - 40):start].split()[-1:] or [""]
    following = text[end:end + 8].split()[:1] or [""]
    if _NUMBER_OR_YEAR.fullmatch(previous[0]) or _NUMBER_OR_YEAR.fullmatch(following[0].rstrip(",.;")):
        return True
    return previous[0].casefold() in _DATE_WORDS


def date_words(text: str, language: str) -> tuple[DateWord, ...]:
    """The days and months ``text`` names, in order (see the module's rules for ambiguous words)."""
    lexicon = _lexicon(language)
    if not lexicon:
        return ()
    found = []
    for match in _WORD.finditer(text):
        entry = lexicon.get(match.group().casefold())
        if entry is not None and _reads_as_date(text, match.start(), match.end(), match.group(), entry[0],
                                                language):
            found.append(DateWord(match.start(), match.end(), match.group(), *entry))
    return tuple(found)


def contradiction(left: tuple[DateWord, ...], right: tuple[DateWord, ...]) -> tuple[list[DateWord], list[DateWord]]:
    """The days and months of each side that the other lacks (counted: "Sunday ... Monday" against
    "lunes ... lunes" lacks a Sunday and has a Monday too many), for each kind (day, month) where both
    sides lack one of the other's: two different dates. Empty lists when the sides agree, or when one
    side only leaves a date out."""
    left_only: list[DateWord] = []
    right_only: list[DateWord] = []
    for kind in ("day", "month"):
        missing_left = _beyond([w for w in left if w.kind == kind], [w.value for w in right if w.kind == kind])
        missing_right = _beyond([w for w in right if w.kind == kind], [w.value for w in left if w.kind == kind])
        if missing_left and missing_right:
            left_only += missing_left
            right_only += missing_right
    return left_only, right_only


def _beyond(words: list[DateWord], other_values: list[int]) -> list[DateWord]:
    """The words whose value the other side names fewer times, each excess occurrence once."""
    available = Counter(other_values)
    beyond = []
    for word in words:
        if available[word.value]:
            available[word.value] -= 1
        else:
            beyond.append(word)
    return beyond
