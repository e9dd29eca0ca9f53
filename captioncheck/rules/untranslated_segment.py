"""untranslated-segment (CC101, error): a whole segment in another language than the article's.

A title, standfirst, caption or paragraph whose prose (once names, credits, acronyms and numbers are
masked) is confidently in a language other than the article's is reported over its whole span. When
the segment sits beside its translation (see pairing), the finding names it in ``related_segment``
and in the message: "line 6 is its translation: line 5 was left untranslated".

Not reported: segments too short or too uncertain to judge (language ``und``), credits, boilerplate,
and languages accepted with ``--allow-language``.

Example, in a French article::

    Sergei SUPINSKY / AFP - El presidente ucraniano, Volodymyr Zelensky (dcha.) ...
    Sergei SUPINSKY / AFP - Le président ukrainien Volodymyr Zelensky (à droite) ...

The first line is reported: it is Spanish, and the untranslated source of the second.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Finding
from .. import catalog
from ..languages import describe
from .base import finding_at, place

RULE = catalog.rule("untranslated-segment")
# A segment with no translation beside it is reported when the detector is this sure, as a fragment is
# (see untranslated-fragment); beside its translation, the pair itself is the evidence.
LONE_MIN_CONFIDENCE = 0.9


def check(context: Context) -> Iterator[Finding]:
    segments = context.document.segments
    for segment in context.prose_segments():
        detection = context.detections[segment.id]
        if not context.is_foreign(detection.language):
            continue
        partner = context.partner(segment.id)
        if partner is None and detection.confidence < LONE_MIN_CONFIDENCE:
            continue  # no translation beside it to vouch for it, and the detector is unsure
        what = "image description (alt text)" if segment.alt_text else segment.kind.value
        message = (f"{what} is in {describe(detection.language)}, "
                   f"the article is in {describe(context.language)}")
        if partner is not None:
            here, there = place(segment, segments[partner]), place(segments[partner], segment)
            message += f"; {there} is its translation: {here} was left untranslated"
        yield finding_at(RULE, segment, 0, len(segment.text), message, related_segment=partner,
                         language=detection.language, score=round(detection.confidence, 4))
