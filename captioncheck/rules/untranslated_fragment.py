"""untranslated-fragment (CC102, error): a sentence or clause in another language inside a segment.

A paragraph, caption or title in the article's language may still carry a sentence, or a clause
between semicolons, colons, dashes, brackets or quotes, left in the source language. Each such span of
at least five prose words (after masking names, credits, acronyms and numbers) that is confidently in
another language is reported with its exact column span.

Not reported: short quoted titles, titles of works in English title case ("Legend of the Sword"),
text the markup sets apart in italics (``<i>``, ``<em>``, ``<cite>``, ``*...*``: the titles of works
and the foreign phrases a newsroom leaves in their language on purpose; a segment wholly in italics is
still judged), names, agencies and figures (they are masked before detection),
spans shorter than five prose words, segments already reported whole by ``untranslated-segment``,
and languages accepted with ``--allow-language``.

Example, in a French paragraph::

    Le ministre a annoncé un plan d'aide. El Gobierno aprobará el decreto la próxima semana.

The second sentence is reported as Spanish.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import text as textutil
from ..context import Context
from ..findings import Finding
from .. import catalog
from ..languages import describe
from ..langid import Detection
from ..langid.mask import titles_of_works, without_set_apart
from ..vocabulary import lexicon
from .base import finding_at, quote

RULE = catalog.rule("untranslated-fragment")
MIN_WORDS = 5
MIN_CONFIDENCE = 0.9


def _foreign(context: Context, fragment: str) -> Detection | None:
    detection = context.detector.detect(fragment, min_words=MIN_WORDS)
    if detection.confidence >= MIN_CONFIDENCE and context.is_foreign(detection.language):
        return detection
    return None


def check(context: Context) -> Iterator[Finding]:
    for segment in context.prose_segments():
        if context.is_foreign(context.detections[segment.id].language):
            continue
        text = segment.text
        # Titles of works are blanked in the whole segment first: cut into sentences at an initial
        # ("Marsha P. Johnson"), a title would otherwise be a sentence of its own.
        judged = lexicon.blank(without_set_apart(text, segment.titles), titles_of_works(text))
        sentences = textutil.sentence_spans(text)
        reported: list[tuple[int, int]] = []
        for start, end in sentences:
            spans = [(start, end)] if len(sentences) > 1 else []
            spans += [span for span in textutil.clause_spans(text, start, end) if span != (start, end)]
            for span_start, span_end in spans:
                if any(s <= span_start and span_end <= e for s, e in reported):
                    continue
                detection = _foreign(context, judged[span_start:span_end])
                if detection is None:
                    continue
                reported.append((span_start, span_end))
                yield finding_at(
                    RULE, segment, span_start, span_end,
                    f"{quote(text[span_start:span_end])} is in {describe(detection.language)}, "
                    f"the article is in {describe(context.language)}",
                    language=detection.language, score=round(detection.confidence, 4),
                )
