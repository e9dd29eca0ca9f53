"""position-mismatch (CC204, error): left, right or centre disagree between the two sides of a pair.

Photo captions say who stands where: ``(izda.)``/``(dcha.)``, ``à gauche``/``à droite``, ``left``/``right``,
``links``/``rechts``, ``sinistra``/``destra``, ``esquerda``/``direita``, the centre, and left-to-right
orderings. Each marker is tied to the name written just before it. A name whose position differs on
the two sides is reported; markers without names are compared in order.

Example::

    Volodymyr Zelensky (dcha.) y Jens Stoltenberg (izda.)
    Volodymyr Zelensky (à gauche) et Jens Stoltenberg (à droite)

Reported: "Volodymyr Zelensky is right (dcha.) in line 5, left (à gauche) in line 6".
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import names
from ..context import Context
from ..findings import Finding, RuleInfo, Severity
from ..positions import Position, positions
from .base import finding_at

RULE = RuleInfo(id="position-mismatch", code="CC204", severity=Severity.ERROR)


def _disagreements(source: list[Position], target: list[Position]) -> list[tuple[Position, Position]]:
    found = []
    unnamed_source = [p for p in source if p.name is None]
    unnamed_target = [p for p in target if p.name is None]
    for mark in source:
        if mark.name is None:
            continue
        twin = next((t for t in target if t.name is not None and names.same_name(mark.name, t.name)), None)
        if twin is not None and twin.side != mark.side:
            found.append((mark, twin))
    if len(unnamed_source) == len(unnamed_target):
        found += [(s, t) for s, t in zip(unnamed_source, unnamed_target) if s.side != t.side]
    return found


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        for mark, twin in _disagreements(positions(view.source.text), positions(view.target.text)):
            who = f"{mark.name} is " if mark.name else ""
            yield finding_at(
                RULE, view.target, twin.start, twin.end,
                f"{who}{mark.side.value} ({mark.text}) in line {view.source.line}, "
                f"{twin.side.value} ({twin.text}) in line {view.target.line}",
                related_segment=view.source.id, language=view.target_language,
            )
