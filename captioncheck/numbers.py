"""Numbers in any of the article languages' notations, reduced to comparable values.

``2,4`` and ``2.4`` are both 2.4; ``2.000``, ``2,000``, ``2 000`` and ``2000`` are all 2000;
``12,5 %`` and ``12.5%`` are 12.5 percent; ``2,4 milliards``, ``2.400 millones`` and ``2.4 billion``
are all 2.4e9; and small numbers written out (``dos``, ``trois``, ``four``) count as digits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

_NUMBER = regex.compile(
    r"(?<![\p{L}\d.,])(?P<digits>\d{1,3}(?:(?P<sep>[.,\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?![\d])(?:[ \u00a0\u202f]?(?P<percent>%))?"
)
_SCALE = regex.compile(r"[ \u00a0\u202f]+(?P<word>\p{L}+)")

SCALES: dict[str, dict[str, float]] = {
    "*": {"mil": 1e3, "million": 1e6, "millions": 1e6, "millón": 1e6, "millones": 1e6, "mln": 1e6,
          "milliard": 1e9, "milliards": 1e9, "mrd": 1e9, "miliardi": 1e9, "miliardo": 1e9,
          "milioni": 1e6, "milione": 1e6, "millionen": 1e6, "milliarden": 1e9, "milhões": 1e6, "milhão": 1e6,
          "bilhões": 1e9, "bilhão": 1e9, "thousand": 1e3, "mille": 1e3, "tausend": 1e3},
    "en": {"billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12},
    "fr": {"billion": 1e12, "billions": 1e12},
    "es": {"billón": 1e12, "billones": 1e12},
}

WRITTEN: dict[str, dict[str, int]] = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100, "dozen": 12},
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
           "onze": 11, "douze": 12, "vingt": 20, "cent": 100, "douzaine": 12},
    "es": {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
           "diez": 10, "once": 11, "doce": 12, "veinte": 20, "cien": 100, "docena": 12},
    "de": {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
           "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "hundert": 100},
    "it": {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
           "dieci": 10, "undici": 11, "dodici": 12, "venti": 20, "cento": 100},
    "pt": {"dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8,
           "nove": 9, "dez": 10, "onze": 11, "doze": 12, "vinte": 20, "cem": 100},
}
_WORD = regex.compile(r"(?<![\p{L}\d])\p{L}+(?![\p{L}\d])")


@dataclass(frozen=True)
class Quantity:
    """A number as written (``text`` at ``start``:``end``) and its value, scaled and typed."""

    start: int
    end: int
    text: str
    value: float
    percent: bool = False

    def same_as(self, other: Quantity) -> bool:
        return self.percent == other.percent and math.isclose(self.value, other.value, rel_tol=1e-6)


def _value(digits: str, grouping: str | None) -> float:
    digits = digits.replace("\u00a0", " ").replace("\u202f", " ")
    if grouping is not None:
        grouping = grouping.replace("\u00a0", " ").replace("\u202f", " ")
        integer, _, decimals = digits.partition("," if grouping == "." else "." if grouping == "," else "\0")
        whole = integer.replace(grouping, "")
        return float(f"{whole}.{decimals}" if decimals else whole)
    return float(digits.replace(",", "."))


def _scale(text: str, end: int, language: str) -> tuple[float, int]:
    """The multiplier written after a number ("milliards", "mil millones") and where it ends."""
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


def quantities(text: str, language: str = "und") -> list[Quantity]:
    """Every number in ``text``, in order, with written-out small numbers of ``language``."""
    found = []
    for match in _NUMBER.finditer(text):
        value = _value(match.group("digits"), match.group("sep"))
        scale, end = _scale(text, match.end(), language)
        found.append(Quantity(match.start(), end, text[match.start():end], value * scale,
                              bool(match.group("percent"))))
    written = WRITTEN.get(language, {})
    for match in _WORD.finditer(text):
        number = written.get(match.group().casefold())
        if number is not None:
            found.append(Quantity(match.start(), match.end(), match.group(), float(number)))
    return sorted(found, key=lambda q: q.start)


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
    return alone, remaining
