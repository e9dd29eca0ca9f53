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

Reported: "Jens Stoltenberg in line 5, Mark Rutte in line 6".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..vocabulary import lexicon
from ..context import Context
from ..findings import Finding
from .. import catalog
from .base import difference, finding_at, name_difference

RULE = catalog.rule("name-mismatch")


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if context.describes_something_else(view.pair):
            continue  # one finding for a caption that is no translation: meaning-divergence's
        target_text = lexicon.without_credits(view.target.text)
        source_only, target_only = name_difference(view)
        if not source_only and not target_only:
            continue
        message = difference(source_only, target_only, view)
        start = target_text.find(target_only[0].split()[0]) if target_only else 0
        end = start + len(target_only[0]) if target_only else len(view.target.text)
        yield finding_at(RULE, view.target, max(start, 0), end, message, related_segment=view.source.id,
                         language=view.target_language)
