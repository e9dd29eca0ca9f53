"""Numbers in any of the article languages' notations, reduced to comparable values.

``2,4`` and ``2.4`` are both 2.4; ``2.000``, ``2,000``, ``2 000`` and ``2000`` are all 2000;
``12,5 %`` and ``12.5%`` are 12.5 percent; ``2,4 milliards``, ``2.400 millones`` and ``2.4 billion``
are all 2.4e9; ``quince por ciento`` and ``15 %`` are both 15 percent; and numbers written out in
words (``vingt-cinq`` = ``veinticinco`` = ``twenty-five`` = 25) are read by text2num.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from .. import patterns
from text_to_num import alpha2digit

from ..langid.words import frequency

# News text writes the number word for n (from 3 to 9) about NUMBER_WORD_FREQUENCY / n of the time
# (wordfreq, in English, French, Spanish, Italian, German and Portuguese: 0.6 to 1.1 times that). A
# number word written AMBIGUOUS_RATIO times more often is mostly another word: the Italian "sei"
# ("you are", 3.3 times).
NUMBER_WORD_FREQUENCY = 1.6e-3
AMBIGUOUS_RATIO = 2.0

_NUMBER = patterns.compile(
    r"(?<![\p{L}\d.,])(?<!\p{L}[+\-])(?P<digits>\d{1,3}(?:(?P<sep>[.,\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?![\d])(?:[ \u00a0\u202f]?(?P<percent>%))?"
)
_SCALE = patterns.compile(r"[ \u00a0\u202f]*(?P<word>\p{L}+)")  # "2,4 milliards", "1.5bn"
# After an amount of money, "m" and "k" are millions and thousands ("£3.4m", "$50k"); elsewhere "3.4m"
# is as often metres.
CURRENCY_SIGNS = "$£€¥"
_MONEY_SCALE = patterns.compile(r"(?P<word>[mk])(?![\p{L}\d])")
MONEY_SCALES = {"m": 1e6, "k": 1e3}

SCALES: dict[str, dict[str, float]] = {
    "*": {"mil": 1e3, "million": 1e6, "millions": 1e6, "millón": 1e6, "millones": 1e6, "mln": 1e6,
          "milliard": 1e9, "milliards": 1e9, "mrd": 1e9, "miliardi": 1e9, "miliardo": 1e9,
          "milioni": 1e6, "milione": 1e6, "millionen": 1e6, "milliarden": 1e9, "milhões": 1e6, "milhão": 1e6,
          "bilhões": 1e9, "bilhão": 1e9, "thousand": 1e3, "mille": 1e3, "tausend": 1e3},
    "en": {"billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12},
    "fr": {"billion": 1e12, "billions": 1e12},
    "es": {"billón": 1e12, "billones": 1e12},
}

# Languages whose written-out numbers text2num reads ("vingt-cinq", "veinticinco", "twenty-five").
WRITTEN_LANGUAGES = frozenset({"fr", "es", "en", "de", "it", "pt", "nl"})
_PERCENT = patterns.compile(
    r"[ \u00a0\u202f]?(?:%|por\s+ciento|pour\s+cent|per\s*cent|percent|por\s+cento|per\s+cento|prozent)(?![\p{L}])",
    regex.IGNORECASE)
_DIGITS = patterns.compile(r"\d+(?:[.,]\d+)?")
# Spellings text2num does not read as they are, respelled before it runs: the apocope of "veintiuno"
# before a masculine noun ("veintiún años", "trescientos veintiún kilómetros"), and that of the ordinal
# "tercero" ("el tercer trimestre"), which text2num reads as the amount 3.
RESPELLINGS: dict[str, dict[str, str]] = {"es": {"veintiún": "veintiuno", "veintiun": "veintiuno",
                                                 "tercer": "tercero"}}
_RESPELLING = {language: patterns.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(forms) + r")(?![\p{L}\p{M}])",
                                       regex.IGNORECASE)
               for language, forms in RESPELLINGS.items()}
_ORDINAL = patterns.compile(r"º|ª|°|er\b|re\b|e\b|ème|st\b|nd\b|rd\b|th\b|o\b|a\b|\.")
# A Roman numeral after a capitalised word: a monarch's or pope's number ("Carlos III", "Pie XII"), a
# war's or an event's ("World War II"). Another language may write the same in words ("la Seconde
# Guerre mondiale"), so it is compared only with another Roman numeral. A lone "I" is the pronoun.
# (Lookahead first and a bounded lookbehind: linear on any text.)
_ROMAN = patterns.compile(r"(?=[IVXLC]{2}|[VX](?![\p{L}\d]))(?<=\p{Lu}[\p{L}\p{M}]{0,40}[ \t]{1,3})"
                       r"(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?![\p{L}\d])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_TIME = patterns.compile(r"(?<![\d.,:])(?P<hours>[01]?\d|2[0-3])[:h](?P<minutes>[0-5]\d)(?!\d|[.,:]\d)")
# An hour with "a.m."/"p.m." or an hour word: "3 p.m.", "3pm", "15 heures", "15.00 horas", "15 Uhr".
_CLOCK = patterns.compile(r"(?<![\d.,:])(?P<hours>[01]?\d|2[0-3])(?:[:.](?P<minutes>[0-5]\d))?[ \u00a0]?"
                       r"(?:(?P<half>[ap])\.?[ \u00a0]?m\.?(?![\p{L}])|(?:h|heures?|horas?|hrs?|Uhr|ore)(?![\p{L}\d]))",
                       regex.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number as written (``text`` at ``start``:``end``) and its value, scaled and typed."""

    start: int
    end: int
    text: str
    value: float
    percent: bool = False
    soft: bool = False  # "un", "una", "one": a number or an article; never reported alone
    approximate: bool = False  # "unos veinte", "about 40": reported against another number only
    ambiguous: bool = False  # the Italian "sei" (six, and "you are"): reported against another number only
    regnal: bool = False  # "Charles III", "World War II": reported against another Roman numeral only
    named_day: bool = False  # "le 14-Juillet", "el 11-M": a day's name; reported against another number only
    century: bool = False  # "the 6th century", "el siglo VI", "le VIe siècle", "il sesto secolo": the 6th

    def same_as(self, other: Quantity) -> bool:
        return (self.percent == other.percent and self.century == other.century
                and math.isclose(self.value, other.value, rel_tol=1e-6))


# Collective numerals: "un millier" is a thousand, "una docena" a dozen, "deux centaines" two hundred.
# No library reads them (text2num reads "mille", not "millier"), hence this table; each language's
# plural forms too. They are approximate ("une vingtaine de blessés": about twenty) and, in the plural
# without a number ("des centaines de", "migliaia di", "dozens of"), vague: never reported alone.
COLLECTIVES: dict[str, dict[str, float]] = {
    "fr": {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
           "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000},
    "es": {"decena": 10, "docena": 12, "quincena": 15, "veintena": 20, "treintena": 30, "cuarentena": 40,
           "centena": 100, "centenar": 100, "millar": 1000},
    "it": {"decina": 10, "decine": 10, "dozzina": 12, "dozzine": 12, "quindicina": 15, "ventina": 20, "trentina": 30,
           "quarantina": 40, "cinquantina": 50, "centinaio": 100, "centinaia": 100, "migliaio": 1000,
           "migliaia": 1000},
    "pt": {"dezena": 10, "dúzia": 12, "vintena": 20, "centena": 100, "milhar": 1000},
    "en": {"dozen": 12},
    "de": {"dutzend": 12},
}
_PLURAL_ENDINGS = ("s", "es", "e", "ia", "ine")
_COLLECTIVE = {language: patterns.compile(
    r"(?<![\p{L}\d])(?:(?P<count>\d+|\p{L}+)[ \u00a0]+)?(?P<word>" + "|".join(sorted(words, key=len, reverse=True))
    + r")(?P<plural>s|es)?(?![\p{L}\d])", regex.IGNORECASE) for language, words in COLLECTIVES.items()}
_ARTICLES = frozenset("un une una uno a an ein eine einem einer einen um uma".split())
_COLLECTIVE_PLURALS = frozenset({"decine", "dozzine", "centinaia", "migliaia"})


def _collectives(text: str, language: str) -> list[Quantity]:
    """The collective numerals of ``text`` (see :data:`COLLECTIVES`), with the number before them."""
    pattern = _COLLECTIVE.get(language)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        base = COLLECTIVES[language][match.group("word").casefold()]
        count, start = match.group("count"), match.start("word")
        plural = bool(match.group("plural")) or match.group("word").casefold() in _COLLECTIVE_PLURALS
        times = None
        if count is not None and count.isdigit():
            times = float(count)
        elif count is not None and count.casefold() in _ARTICLES:
            times = 1.0
        elif count is not None:
            converted = alpha2digit(count, language, threshold=0)
            times = float(converted) if converted.isdigit() else None
        if times is not None:
            start = match.start("count")
        found.append(Quantity(start, match.end(), text[start:match.end()], base * (times or 1.0), approximate=True,
                              soft=plural and times is None))
    return found


# A century: its number (a Roman numeral, or digits with an ordinal ending) before or after the word
# "century" in each language ("the 6th century", "a 6th-century church", "le VIe siècle", "el siglo VI", "il XX secolo", "das
# 20. Jahrhundert"). Ordinals written in words ("sixth", "sexto", "sesto") are read by text2num.
_CENTURY_WORDS = r"siècles?|siglos?|secoli|secolo|séculos?|century|centuries|jahrhunderts?|eeuw"
_CENTURY_NUMBER = r"(?P<number>[IVXLC]{1,6}|\d{1,2})"
_CENTURY = patterns.compile(
    rf"(?<![\p{{L}}\d]){_CENTURY_NUMBER}(?:e|er|ème|eme|º|°|o|st|nd|rd|th|\.)?[ \u00a0-]+(?:{_CENTURY_WORDS})(?![\p{{L}}])"
    rf"|(?<![\p{{L}}])(?:{_CENTURY_WORDS})[ \u00a0]+{_CENTURY_NUMBER.replace('number', 'after')}(?![\p{{L}}\d])",
    regex.IGNORECASE)
_CENTURY_WORD_AROUND = patterns.compile(rf"[ \u00a0-]+(?:{_CENTURY_WORDS})(?![\p{{L}}])", regex.IGNORECASE)
_HYPHENATED_CENTURY = patterns.compile(r"(?<=\p{L})-(?=century|centuries)", regex.IGNORECASE)
_CENTURY_WORD_BEFORE = patterns.compile(rf"(?<![\p{{L}}])(?:{_CENTURY_WORDS})[ \u00a0]+$", regex.IGNORECASE)


def _centuries(text: str) -> list[Quantity]:
    found = []
    for match in _CENTURY.finditer(text):
        group = "number" if match.group("number") else "after"
        numeral = match.group(group)
        if numeral.isdigit():
            value = float(numeral)
        elif numeral.isupper():
            value = _roman_value(numeral)
        else:
            continue  # "ci secolo": lower-case letters are no Roman numeral
        found.append(Quantity(match.start(group), match.end(group), numeral, value, century=True))
    return found


# Words that make the number after them approximate, in each supported language.
_APPROXIMATE = patterns.compile(
    r"(?<![\p{L}])(?:unos|unas|alrededor\s+de|cerca\s+de|aproximadamente|environ|près\s+de|quelque|"
    r"approximativement|about|around|roughly|approximately|some|etwa|rund|ungefähr|circa|zirka|"
    r"all'incirca|uns|umas)\s+$", regex.IGNORECASE)


APPROXIMATE_REACH = 40  # characters before a number where an approximating phrase is sought

# A decade: "the 1990s", "the '90s", "die 90er Jahre", "les années 1990", "los años 90", "gli anni '90".
# Languages write the same decade with its century or without it, or in words ("los años noventa"),
# so a decade is compared by its last two digits.
_DECADE_AFTER = patterns.compile(r"(?:s|er)(?![\p{L}\d])")
_DECADE_BEFORE = patterns.compile(r"(?:années|años|anni|anos|década de|décennie)[ \u00a0]+'?$", regex.IGNORECASE)
DECADE_REACH = 16  # characters before a number where "années", "años"... are sought

# A day named by its date, its number joined to its month by a hyphen: the French "14-Juillet",
# "11-Novembre", "1er-Mai", "7-Octobre", and the Spanish "11-M", "15-M", "23-F" (the month's initial).
# Other languages name the day in words ("Bastille Day", "Armistice Day"), so the number is
# compared only with another number.
_NAMED_DAY = patterns.compile(r"(?:er)?-(?:Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|"
                           r"Novembre|Décembre|\p{Lu})(?![\p{L}\d])")


def _value(digits: str, grouping: str | None) -> float:
    digits = digits.replace("\u00a0", " ").replace("\u202f", " ")
    if grouping is not None:
        grouping = grouping.replace("\u00a0", " ").replace("\u202f", " ")
        integer, _, decimals = digits.partition("," if grouping == "." else "." if grouping == "," else "\0")
        whole = integer.replace(grouping, "")
        return float(f"{whole}.{decimals}" if decimals else whole)
    return float(digits.replace(",", "."))


def _scale(text: str, end: int, language: str, money: bool = False) -> tuple[float, int]:
    """The multiplier written after a number ("milliards", "mil millones", "bn"; "m" after a currency
    sign) and where it ends."""
    if money and (short := _MONEY_SCALE.match(text, end)):
        return MONEY_SCALES[short.group("word")], short.end()
    table = {**SCALES["*"], **SCALES.get(language, {})}
    scale = 1.0
    for _ in range(2):
        match = _SCALE.match(text, end)
        factor = table.get(match.group("word").casefold()) if match else None
        if factor is None:
            break
        scale *= factor
        end = match.end()
    return scale, end


def _percent_after(text: str, end: int) -> int | None:
    """Where a percent sign or phrase right after ``end`` ends ("12 %", "quince por ciento")."""
    match = _PERCENT.match(text, end)
    return match.end() if match else None


_TOKEN = patterns.compile(r"\w+|\s+|[^\w\s]")
# A number written out in words spans at most this many tokens ("quatre-vingt-dix-sept mille trois cent
# quarante-deux" is 21): where text2num's output does not rejoin its input within it, the rest of
# the text is left unread.
MAX_WRITTEN_TOKENS = 40


def _replaced_spans(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Character spans (i1, i2 in ``before``; j1, j2 in ``after``) of the tokens that differ.

    text2num rewrites number words as digits and leaves every other token as it was, so the two
    token lists are walked side by side: where they part, the rewritten run (digits and their
    separators) is matched with the shortest run of words after which both lists agree again. The
    walk is linear in the text (a general diff is quadratic, and slower still on repetitive text).
    """
    spans_a = [m.span() for m in _TOKEN.finditer(before)]
    spans_b = [m.span() for m in _TOKEN.finditer(after)]
    tokens_a = [before[s:e] for s, e in spans_a]
    tokens_b = [after[s:e] for s, e in spans_b]

    def rejoins(i: int, j: int) -> bool:
        if i == len(tokens_a) or j == len(tokens_b):
            return i == len(tokens_a) and j == len(tokens_b)
        if tokens_a[i] != tokens_b[j]:
            return False
        return i + 1 == len(tokens_a) or j + 1 == len(tokens_b) or tokens_a[i + 1] == tokens_b[j + 1] \
            or _rewritten(tokens_b[j + 1])

    replaced, i, j = [], 0, 0
    while i < len(tokens_a) and j < len(tokens_b):
        if tokens_a[i] == tokens_b[j]:
            i, j = i + 1, j + 1
            continue
        j2 = j
        while j2 < len(tokens_b) and (_rewritten(tokens_b[j2]) or j2 > j and tokens_b[j2] in ".,"
                                      and j2 + 1 < len(tokens_b) and tokens_b[j2 + 1][:1].isdigit()):
            j2 += 1  # "25", "1,5", "12%": digits, and a separator only between digits
        if j2 == j:
            break  # not a rewritten number: the outputs part in a way this walk does not know
        i2 = next((k for k in range(i + 1, min(len(tokens_a), i + MAX_WRITTEN_TOKENS) + 1) if rejoins(k, j2)), None)
        if i2 is None:
            break
        replaced.append((spans_a[i][0], spans_a[i2 - 1][1], spans_b[j][0], spans_b[j2 - 1][1]))
        i, j = i2, j2
    return replaced


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``:``end`` overlaps one of ``spans`` (sorted, and not overlapping one another)."""
    at = bisect.bisect_left(spans, (end,))  # the spans that start before ``end``: the last may overlap
    return at > 0 and spans[at - 1][1] > start


def _rewritten(token: str) -> bool:
    return token[:1].isdigit() or token == "%"


PIECE_CHARS = 1000
_PIECE_END = patterns.compile(r"[.!?;…]\s|\n")


def _pieces(text: str) -> list[tuple[int, str]]:
    """``text`` cut after its sentences' ends, into pieces of at most PIECE_CHARS (cut at a space),
    each with its offset: a number written out in words never runs across them."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + PIECE_CHARS)
        if end < len(text):
            boundary = None
            for boundary in _PIECE_END.finditer(text, start, end):
                pass
            space = text.rfind(" ", start, end)
            end = boundary.end() if boundary is not None else space + 1 if space > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _respelled(text: str, language: str) -> tuple[str, Callable[[int], int]]:
    """``text`` with the ``RESPELLINGS`` of ``language``, and a map from an offset in it that is not
    inside a respelled word to the same place in ``text``."""
    pattern = _RESPELLING.get(language)
    if pattern is None:
        return text, lambda offset: offset
    parts, ends, shifts, last, shift = [], [], [], 0, 0
    for match in pattern.finditer(text):
        spelling = RESPELLINGS[language][match.group().casefold()]
        parts += [text[last:match.start()], spelling]
        shift += len(spelling) - len(match.group())
        ends.append(match.start() + shift + len(match.group()))  # where the respelled word ends
        shifts.append(shift)
        last = match.end()
    if not parts:
        return text, lambda offset: offset

    def original_at(offset: int) -> int:
        before = bisect.bisect_right(ends, offset)  # respelled words that end at or before ``offset``
        return offset - (shifts[before - 1] if before else 0)

    return "".join(parts) + text[last:], original_at


def _written(text: str, language: str) -> list[Quantity]:
    """Numbers written out in words, found by text2num's ``alpha2digit`` and placed back in ``text``.

    text2num rewrites the text; a character diff of the two says which words became which digits,
    so each written number keeps its exact span. Scale words after digits ("2,4 milliards") are left
    to the digit reader, which knows each language's grouping. "un", "una", "one" are soft: they are
    as often an article as a number, and "two" is as often "twice" or "a pair"; so are vague plurals
    ("miles", "thousands"). Ordinals ("cuarto", "premier", "third") are skipped.
    """
    if language not in WRITTEN_LANGUAGES or not any(ch.isalpha() for ch in text):
        return []
    # Percent phrases become "%" (same length, offsets kept): text2num would read "cent" as 100.
    prepared = _PERCENT.sub(lambda m: "%" + " " * (len(m.group()) - 1), text)
    prepared = _HYPHENATED_CENTURY.sub(" ", prepared)  # "sixth-century": text2num reads "sixth century"
    prepared, original_at = _respelled(prepared, language)
    rewritten = []
    for offset, piece in _pieces(prepared):  # text2num takes time quadratic in what it is given
        converted = alpha2digit(piece, language, threshold=0)
        if converted != piece:
            rewritten += [(original_at(i1 + offset), original_at(i2 + offset), converted[j1:j2])
                          for i1, i2, j1, j2 in _replaced_spans(piece, converted)]
    found = []
    for i1, i2, digits in rewritten:
        original = text[i1:i2]
        if any(ch.isdigit() for ch in original) or not _DIGITS.search(digits):
            continue
        previous = i1
        while previous > 0 and text[previous - 1].isspace():
            previous -= 1
        if previous > 0 and text[previous - 1].isdigit():
            continue
        start = i1 + len(original) - len(original.lstrip())
        end = i2 - (len(original) - len(original.rstrip()))
        if start >= end:
            continue
        number = _DIGITS.search(digits)
        # "the sixth century", "el siglo veintiuno": a century
        century = _CENTURY_WORD_AROUND.match(text, end) or _CENTURY_WORD_BEFORE.search(text, max(0, start - 20), start)
        if century:
            found.append(Quantity(start, end, text[start:end], float(number.group()), century=True))
            continue
        if _ORDINAL.match(digits, number.end()):
            continue  # "cuarto", "premier", "third": ordinals (and rooms) are not amounts
        value = float(number.group().replace(",", "."))
        percent_end = _percent_after(text, end)
        written = text[start:end]
        # "miles de", "des milliers de", "thousands of": a vague amount, not a figure to compare.
        vague = " " not in written and written.casefold().endswith("s") and value >= 100 \
            and math.log10(value).is_integer()
        found.append(Quantity(start, percent_end or end, text[start:percent_end or end], value,
                              percent=percent_end is not None, soft=value <= 2 or vague,
                              ambiguous=_ambiguous(written, value, language)))
    return found


def _ambiguous(word: str, value: float, language: str) -> bool:
    """Whether a number word from three to nine is written far more often than such numbers are."""
    if " " in word or "-" in word or not 3 <= value <= 9 or not value.is_integer():
        return False
    return frequency(word.casefold(), language) > AMBIGUOUS_RATIO * NUMBER_WORD_FREQUENCY / value


@functools.lru_cache(maxsize=4096)  # the equivalence score, the name finder and a rule read the same captions
def quantities(text: str, language: str = "und") -> tuple[Quantity, ...]:
    """Every number in ``text``, in order: digits in any grouping, and numbers written out in words."""
    found = []
    # "2:30", "14h30", "3 p.m.", "15 heures": a time of day, written "dos y media" or "las tres de la
    # tarde" as often as in figures, and on a 12-hour clock or a 24-hour one; never alone
    for match in sorted([*_TIME.finditer(text), *_CLOCK.finditer(text)], key=lambda m: (m.start(), -m.end())):
        if found and match.start() < found[-1].end:
            continue  # "14h30" is read by both
        value = int(match.group("hours")) + int(match.group("minutes") or 0) / 60
        if (match.groupdict().get("half") or "").casefold() == "p" and value < 12:
            value += 12
        found.append(Quantity(match.start(), match.end(), match.group(), value, soft=True))
    times = [(q.start, q.end) for q in found]  # in order, apart
    for match in _NUMBER.finditer(text):
        if _overlaps(times, match.start(), match.start() + 1):
            continue
        value = _value(match.group("digits"), match.group("sep"))
        money = match.start() > 0 and text[match.start() - 1] in CURRENCY_SIGNS
        scale, end = _scale(text, match.end(), language, money)
        percent = bool(match.group("percent"))
        if not percent and scale == 1.0:
            percent_end = _percent_after(text, end)
            if percent_end is not None:
                percent, end = True, percent_end
        named_day = scale == 1.0 and not percent and _NAMED_DAY.match(text, end) is not None
        if scale == 1.0 and not percent and value % 10 == 0 and 10 <= value < 2100 and (
                _DECADE_AFTER.match(text, end) or _DECADE_BEFORE.search(text, max(0, match.start() - DECADE_REACH),
                                                                          match.start())):
            value %= 100  # a decade: "the 1990s" is "los noventa"
        found.append(Quantity(match.start(), end, text[match.start():end], value * scale, percent,
                              named_day=named_day))
    found += [Quantity(m.start(), m.end(), m.group(), _roman_value(m.group()), regnal=True)
              for m in _ROMAN.finditer(text) if m.group()]
    # centuries and collective numerals first: their digits and words are read as they read them
    special = _centuries(text) if _CENTURY_WORD_AROUND.search(text) else []
    special += _collectives(text, language)
    special_spans = sorted((q.start, q.end) for q in special)
    found = [q for q in found if not _overlaps(special_spans, q.start, q.end)] + special
    taken = sorted((q.start, q.end) for q in found)
    found += [q for q in _written(text, language) if not _overlaps(taken, q.start, q.end)]
    # (the words before a number, not the whole text before it: linear in the number of numbers)
    found = [replace(q, approximate=True) if _APPROXIMATE.search(text, max(0, q.start - APPROXIMATE_REACH), q.start)
             else q for q in found]
    return tuple(sorted(found, key=lambda q: q.start))


def _roman_value(numeral: str) -> float:
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    return float(sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))


def unmatched(left: list[Quantity], right: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities of each side that have no equal on the other side (one-to-one)."""
    remaining = list(right)
    alone = []
    for quantity in left:
        twin = next((r for r in remaining if quantity.same_as(r)), None)
        if twin is None:
            alone.append(quantity)
        else:
            remaining.remove(twin)
    left_alone, right_alone = [q for q in alone if not q.soft], [q for q in remaining if not q.soft]
    left_alone = [q for q in left_alone if not q.regnal or any(r.regnal for r in right_alone)]
    right_alone = [q for q in right_alone if not q.regnal or any(l.regnal for l in left_alone)]
    # An approximate amount may be written in words the other side cannot read as a number ("unos
    # veinte" for "une vingtaine", "about a dozen"), an ambiguous number word may be no number ("Sei
    # stanco?"), and a day's name may be words ("Bastille Day"): missing, each counts only against
    # another number.
    return ([q for q in left_alone if not (q.approximate or q.ambiguous or q.named_day) or right_alone],
            [q for q in right_alone if not (q.approximate or q.ambiguous or q.named_day) or left_alone])
