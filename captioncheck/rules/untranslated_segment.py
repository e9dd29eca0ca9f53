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

Fix: a caption left beside its translation goes, with its line or its HTML element, when nothing else
is on it. Safe when the pair agrees (no other finding about it); unsafe (``--unsafe-fixes``) when the
pair has warnings; none when it has an error, nor for a caption without its translation, a paragraph
or an alt text: what needs translating is never "fixed".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..context import Context
from ..document import Kind
from ..edits import remove_segment, stands_alone
from ..findings import Finding, Severity
from .. import catalog
from ..languages import describe
from .base import finding_at, place

FIX = "safe or unsafe"  # what --fix can do for its findings (see the docstring)
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
        fix = None
        if partner is not None:
            here, there = place(segment, segments[partner]), place(segments[partner], segment)
            message += f"; {there} is its translation: {here} was left untranslated"
            if segment.kind is Kind.CAPTION and segments[partner].kind is Kind.CAPTION \
                    and stands_alone(context.document, segments[partner]):
                fix = remove_segment(context.document, segment, f"remove the {describe(detection.language)} "
                                     f"caption ({there} is its translation)")
        yield finding_at(RULE, segment, 0, len(segment.text), message, related_segment=partner,
                         language=detection.language, score=round(detection.confidence, 4), fix=fix)


def settle_fixes(findings: list[Finding]) -> list[Finding]:
    """``findings`` (as reported) with each removal of an untranslated caption made as safe as its pair
    allows: kept safe when no other finding is about the pair, unsafe when the others are warnings,
    dropped when one is an error (the translation itself is wrong or incomplete)."""
    settled = []
    for finding in findings:
        if finding.rule == RULE.id and finding.fix is not None:
            pair = {finding.segment, finding.related_segment}
            others = [f for f in findings if f is not finding and f.code[:3] in ("CC1", "CC2")
                      and (f.segment in pair or f.related_segment in pair)]
            if any(f.severity is Severity.ERROR for f in others):
                finding = replace(finding, fix=None)
            elif others:
                finding = replace(finding, fix=finding.fix.as_unsafe())
        settled.append(finding)
    return settled
