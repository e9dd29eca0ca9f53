"""position-mismatch (CC204, error): left, right or centre disagree between the two sides of a pair.

Photo captions say who stands where: ``(izda.)``/``(dcha.)``, ``à gauche``/``à droite``, ``left``/``right``,
``links``/``rechts``, ``sinistra``/``destra``, ``esquerda``/``direita``, the centre, and left-to-right
orderings. Each marker is tied to the name written just before it. A name whose position differs on
the two sides is reported; markers without names are compared in order.

Example::

    Volodymyr Zelensky (dcha.) y Jens Stoltenberg (izda.)
    Volodymyr Zelensky (à gauche) et Jens Stoltenberg (à droite)

Reported: "line 5 says right (dcha.) for Volodymyr Zelensky where line 6 says left (à gauche)".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compare import names
from ..context import Context
from ..findings import Finding
from .. import catalog
from ..compare.positions import Position, positions
from .base import pair_finding, places

RULE = catalog.rule("position-mismatch")


def _disagreements(source: list[Position], target: list[Position]) -> list[tuple[Position, Position]]:
    """Markers of the two sides that say different sides for one person.

    A marker is matched with the marker after the same name on the other side; the markers left are
    matched in order when both sides have as many (a name the other side writes differently, or a
    common noun taken for a name, must not hide a swapped position). When they do not, the markers
    written as a photo's (in brackets, abbreviated, or an order) are, when both sides have as many:
    "right now ... (left)" against "... (à droite)" is still a swap.
    """
    found, matched_source, matched_target = [], set(), set()
    for i, mark in enumerate(source):
        if mark.name is None:
            continue
        twin = next((j for j, t in enumerate(target) if j not in matched_target and t.name is not None
                     and names.same_name(mark.name, t.name)), None)
        if twin is not None:
            matched_source.add(i)
            matched_target.add(twin)
            if target[twin].side != mark.side:
                found.append((mark, target[twin]))
    rest_source = [m for i, m in enumerate(source) if i not in matched_source]
    rest_target = [t for j, t in enumerate(target) if j not in matched_target]
    if len(rest_source) != len(rest_target):
        # a side that also says "right now" or "la gauche": compare the markers written as a photo's
        rest_source, rest_target = [m for m in rest_source if m.marked], [t for t in rest_target if t.marked]
    if len(rest_source) == len(rest_target):
        found += [(s, t) for s, t in zip(rest_source, rest_target) if s.side != t.side]
    return sorted(found, key=lambda pair: pair[1].start)


def _said(side: str, text: str) -> str:
    """"right (dcha.)", but "left" for a marker that says it in those words."""
    words = text.strip("()[] ").casefold()
    return side if words == side.casefold() else f"{side} ({text.strip()})"


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if context.describes_something_else(view.pair):
            continue  # one finding for a caption that is no translation: meaning-divergence's
        for mark, twin in _disagreements(positions(view.source.text), positions(view.target.text)):
            who = f" for {mark.name}" if mark.name else ""
            src, tgt = places(view)
            yield pair_finding(
                RULE, view, (twin.start, twin.end), (mark.start, mark.end),
                f"{src} says {_said(mark.side.value, mark.text)}{who} where {tgt} says "
                f"{_said(twin.side.value, twin.text)}",
            )
