"""number-mismatch (CC202, error): numbers, amounts or dates differ between the two sides of a pair.

Numbers are compared by value in each language's notation: ``2,4`` = ``2.4``; ``2.000`` = ``2,000`` =
``2 000``; ``12,5 %`` = ``12.5%``; ``2,4 milliards`` = ``2.400 millones`` = ``2.4 billion``; written-out
small numbers (``dos``, ``trois``, ``four``) equal their digits. Each number of one side with no equal on
the other is reported on the translation, saying what differs.

Example::

    Más de 40 drones iraníes atacaron Kiev durante la noche (Reuters)
    Plus de 14 drones iraniens ont attaqué Kiev pendant la nuit (Reuters)

Reported: "40 in line 5, 14 in line 6".
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import numbers
from ..context import Context
from ..findings import Finding, RuleInfo, Severity
from .base import difference, finding_at

RULE = RuleInfo(id="number-mismatch", code="CC202", severity=Severity.ERROR)


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        source_only, target_only = numbers.unmatched(
            numbers.quantities(view.source.text, view.source_language),
            numbers.quantities(view.target.text, view.target_language),
        )
        if not source_only and not target_only:
            continue
        message = difference([q.text for q in source_only], [q.text for q in target_only], view)
        start, end = (target_only[0].start, target_only[0].end) if target_only else (0, len(view.target.text))
        yield finding_at(RULE, view.target, start, end, message, related_segment=view.source.id,
                         language=view.target_language)
