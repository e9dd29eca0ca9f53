"""number-mismatch (CC202, error): numbers, amounts or dates differ between the two sides of a pair.

Numbers are compared by value in each language's notation: ``2,4`` = ``2.4``; ``2.000`` = ``2,000`` =
``2 000``; ``12,5 %`` = ``12.5%``; ``2,4 milliards`` = ``2.400 millones`` = ``2.4 billion``; written-out
small numbers (``dos``, ``trois``, ``four``) equal their digits. Each number of one side with no equal on
the other is reported on the translation, saying what differs.

Dates are also compared by the day of the week and the month they name, in each language's words
(``captioncheck.compare.dates``): "el martes" against "lundi", "3 de marzo" against "3 mai". A day or month
is reported only when each side names one the other does not, so a translation that leaves the day
out, or writes "hier" for "el martes", is not.

Example::

    Más de 40 drones iraníes atacaron Kiev durante la noche (Reuters)
    Plus de 14 drones iraniens ont attaqué Kiev pendant la nuit (Reuters)

Reported: "line 5 says 40 where line 6 says 14", with both numbers marked. And for::

    Un bombero intenta apagar un incendio forestal cerca de Atenas el martes
    Un pompier tente d'éteindre un incendie de forêt près d'Athènes lundi

"line 5 says martes where line 6 says lundi".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compare import dates
from ..context import Context
from ..findings import Finding
from .. import catalog
from .base import difference, number_difference, pair_finding

RULE = catalog.rule("number-mismatch")


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if context.describes_something_else(view.pair):
            continue  # one finding for a caption that is no translation: meaning-divergence's
        source_only, target_only = number_difference(view)
        if source_only or target_only:
            message = difference([q.text for q in source_only], [q.text for q in target_only], view)
            target = (target_only[0].start, target_only[0].end) if target_only else (0, len(view.target.text))
            source = (source_only[0].start, source_only[0].end) if source_only else None
            yield pair_finding(RULE, view, target, source, message)
        source_days, target_days = dates.contradiction(dates.date_words(view.source.text, view.source_language),
                                                       dates.date_words(view.target.text, view.target_language))
        if target_days:
            yield pair_finding(RULE, view, (target_days[0].start, target_days[0].end),
                               (source_days[0].start, source_days[0].end) if source_days else None,
                               difference([w.text for w in source_days], [w.text for w in target_days], view))
