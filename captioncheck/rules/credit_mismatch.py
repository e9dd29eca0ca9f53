"""credit-mismatch (CC205, warning): the photo credit differs between the two sides of a pair.

When both sides of a pair carry a credit (``Name SURNAME / AFP``, ``Foto: EFE/Name``, ``(Reuters)``),
they must name the same photographer and agency; case, spacing and punctuation do not count. A side
without a credit is not reported: translations often keep the credit only once.

Example::

    Sergei SUPINSKY / AFP - El presidente ucraniano ...
    Genya SAVILOV / AFP - Le président ukrainien ...

Reported: "line 5 credits Sergei SUPINSKY / AFP where line 6 credits Genya SAVILOV / AFP".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..vocabulary import lexicon
from ..context import Context
from ..findings import Finding
from .. import catalog
from .base import pair_finding, places

RULE = catalog.rule("credit-mismatch")


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if context.describes_something_else(view.pair):
            continue  # one finding for a caption that is no translation: meaning-divergence's
        source, target = lexicon.find_credits(view.source.text), lexicon.find_credits(view.target.text)
        if not source or not target or {c.key for c in source} == {c.key for c in target}:
            continue
        src, tgt = places(view)
        yield pair_finding(
            RULE, view, (target[0].start, target[0].end), (source[0].start, source[0].end),
            f"{src} credits {' + '.join(c.text for c in source)} where {tgt} credits "
            f"{' + '.join(c.text for c in target)}",
        )
