"""Where people stand in a photo, as captions say it: left, right, centre, or left-to-right order.

Markers are read in each language's usual forms: ``(izq.)``/``(izda.)``/``(dcha.)``/``(der.)``,
``à gauche``/``à droite``/``(g.)``/``(d.)``/``de g. à d.``, ``left``/``right``/``(L)``/``(R)``,
``links``/``rechts``, ``sinistra``/``destra``, ``esquerda``/``direita``, and the centre in each. An
order is one marker in every language's form: ``de g. à d.``, ``de izquierda a derecha``, ``from left``,
``(L-R)``, ``v.l.n.r.``, ``von links``, ``da sinistra``, ``da esquerda``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum

import regex

from .. import patterns
from .names import names


class Side(str, Enum):
    LEFT = "left"
    RIGHT = "right"
    CENTRE = "centre"
    LEFT_TO_RIGHT = "left to right"


_B = r"(?<![\p{L}])"
_E = r"(?![\p{L}])"
_PATTERNS: tuple[tuple[Side, str], ...] = (
    # an order, written out or abbreviated, and its short forms that open a list ("From left: A, B")
    (Side.LEFT_TO_RIGHT, r"de\s+g(?:\.|auche)\s+à\s+d(?:\.|roite)|de\s+izquierda\s+a\s+derecha"
                         r"|de\s+izq(?:da)?\.\s+a\s+(?:dcha|der)\.|(?:from\s+)?left\s+to\s+right|from\s+left(?=\s*[:,)])"
                         r"|l\s*-\s*r|von\s+links(?:\s+nach\s+rechts)?|v\.\s*l\.\s*n\.\s*r\.?"
                         r"|da\s+sinistra(?:\s+(?:a|verso)\s+destra)?|da\s+esquerda(?:\s+para\s+a\s+direita)?"),
    (Side.LEFT, r"izquierda|izq\.|izqda\.|izda\.|izq|izda|à\s+gauche|a\s+gauche|\(g\.?\)|gauche|left|\(l\)|links"
                r"|sinistra|esquerda"),
    (Side.RIGHT, r"derecha|dcha\.|dcha|der\.|dch\.|à\s+droite|a\s+droite|\(d\.?\)|droite|right|\(r\)|rechts"
                 r"|destra|direita"),
    (Side.CENTRE, r"centro|au\s+centre|centre|center|middle|mitte|\(c\.?\)"),
)
_MARKER = patterns.compile(
    "|".join(f"(?P<{side.name}>{_B}(?:{pattern}){_E})" for side, pattern in _PATTERNS), regex.IGNORECASE
)


@dataclass(frozen=True)
class Position:
    """A position marker at ``start``:``end`` and the name written just before it, if any."""

    start: int
    end: int
    text: str
    side: Side
    name: str | None
    # written as a photo's marker: in brackets ("(left)", "(à droite)"), abbreviated ("izda.", "(g.)") or
    # as an order ("left to right"); a bare word may be something else ("right now", "la gauche")
    marked: bool = False


@functools.lru_cache(maxsize=4096)  # both sides of a pair, read by the score and the rule
def positions(text: str) -> tuple[Position, ...]:
    """Every position marker of ``text``, in order, with the nearest name before it."""
    people = names(text)
    found = []
    for match in _MARKER.finditer(text):
        side = Side[next(key for key, value in match.groupdict().items() if value is not None)]
        before = [n for n in people if n.end <= match.start()]
        found.append(Position(match.start(), match.end(), match.group(), side,
                              before[-1].text if before else None, _marked(text, match.start(), match.end(), side)))
    return tuple(found)


_ABBREVIATED = patterns.compile(r"\(.*\)|.*\.", regex.DOTALL)


def _marked(text: str, start: int, end: int, side: Side) -> bool:
    """Whether the marker at ``start``:``end`` is written as a photo's marker (see :attr:`Position.marked`)."""
    if side is Side.LEFT_TO_RIGHT or _ABBREVIATED.fullmatch(text[start:end]):
        return True
    opening = text[max(0, start - 4):start].rstrip()  # "(à gauche)", "( left )"
    closing = text[end:end + 4].lstrip()
    return opening.endswith(("(", "[")) and closing.startswith((")", "]"))
