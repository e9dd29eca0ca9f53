"""credit-mismatch (CC205, warning): the photo credit differs between the two sides of a pair.

When both sides of a pair carry a credit (``Name SURNAME / AFP``, ``Foto: EFE/Name``, ``(Reuters)``),
they must name the same photographer and agency; case, spacing and punctuation do not count. A side
without a credit is not reported: translations often keep the credit only once.

Example::

    Sergei SUPINSKY / AFP - El presidente ucraniano ...
    Genya SAVILOV / AFP - Le président ukrainien ...

Reported: "credit Sergei SUPINSKY / AFP in line 5, Genya SAVILOV / AFP in line 6".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..vocabulary import lexicon
from ..context import Context
from ..findings import Finding
from .. import catalog
from .base import finding_at, places

RULE = catalog.rule("credit-mismatch")


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if context.describes_something_else(view.pair):
            continue  # one finding for a caption that is no translation: meaning-divergence's
        source, target = lexicon.find_credits(view.source.text), lexicon.find_credits(view.target.text)
        if not source or not target or {c.key for c in source} == {c.key for c in target}:
            continue
        src, tgt = places(view)
        yield finding_at(
            RULE, view.target, target[0].start, target[0].end,
            f"credit {' + '.join(c.text for c in source)} in {src}, {' + '.join(c.text for c in target)} in {tgt}",
            related_segment=view.source.id, language=view.target_language,
        )
