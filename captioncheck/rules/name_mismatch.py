"""name-mismatch (CC203, warning): a person, place or organisation missing or different across a pair.

The names of each side (runs of capitalised words and acronyms) must be found on the other side.
Matching tolerates what translation does to names: case and accents, transliteration
(``Zelensky``/``Zelenski``), and the forms that differ by language (``OTAN``/``NATO``,
``Kiev``/``Kyiv``, ``Moscou``/``Moscú``/``Moscow``, ``Nations unies``/``ONU``), and names made of
ordinary words that a translation renders word for word (``Red Cross``/``Cruz Roja``,
``Tower Bridge``/``pont de la Tour``: the multilingual encoder's word vectors). Credits are left
to ``credit-mismatch``.

Example::

    El secretario general de la OTAN, Jens Stoltenberg, en Kiev
    NATO Secretary General Mark Rutte in Kyiv

Reported: "line 5 says Jens Stoltenberg where line 6 says Mark Rutte".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Finding
from .. import catalog
from .base import difference, find_name, name_difference, pair_finding

RULE = catalog.rule("name-mismatch")


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if context.describes_something_else(view.pair):
            continue  # one finding for a caption that is no translation: meaning-divergence's
        source_only, target_only = name_difference(view)
        if not source_only and not target_only:
            continue
        target = (find_name(view.target.text, target_only[0]) if target_only else None) or (0, len(view.target.text))
        source = find_name(view.source.text, source_only[0]) if source_only else None
        yield pair_finding(RULE, view, target, source, difference(source_only, target_only, view))
