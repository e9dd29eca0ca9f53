"""The article's language: what its text is written in, whatever the page declares.

The length-weighted majority of the body's segments (of all prose when the body says nothing) is the
language the text is written in. A ``lang`` attribute or a front-matter ``lang`` is a hint: it is the
article's language unless the text is clearly in another one (``WRITTEN_MAJORITY`` times the words,
and at least ``WRITTEN_MIN_WORDS``), and then one notice says so instead of an error on every segment
(site templates declare the site's language on every page, whatever the article is written in).
``--language`` wins over everything. An article whose language is not among those checked gets one
notice that says how to add it, and is not checked: nothing in it can be called untranslated.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Kind
from ..languages import describe
from .detector import UNDETERMINED, Detection

PROSE_KINDS = frozenset({Kind.TITLE, Kind.STANDFIRST, Kind.CAPTION, Kind.BODY})
WRITTEN_MAJORITY = 2.0
WRITTEN_MIN_WORDS = 20


@dataclass(frozen=True)
class ArticleLanguage:
    """The language the article is checked in (``und`` when none), whether to check it, and why not."""

    language: str
    checked: bool = True
    notices: tuple[str, ...] = ()


def written_in(document: Document, detections: tuple[Detection, ...]) -> dict[str, int]:
    """Words per language of the body's segments (of all prose if the body says nothing)."""
    for kinds in ({Kind.BODY}, PROSE_KINDS):
        weights: dict[str, int] = {}
        for segment, detection in zip(document.segments, detections):
            if segment.kind in kinds and detection.determined:
                weights[detection.language] = weights.get(detection.language, 0) + detection.words
        if weights:
            return weights
    return {}


def decide(document: Document, detections: tuple[Detection, ...], forced: str | None,
           checked: tuple[str, ...]) -> ArticleLanguage:
    """The article's language: ``forced`` (``--language``), else the declared one unless the text is
    clearly written in another, else the text's; and whether it is among the ``checked`` languages."""
    if forced:
        return ArticleLanguage(forced)
    weights = written_in(document, detections)
    written = min(weights, key=lambda lang: (-weights[lang], lang)) if weights else UNDETERMINED
    declared = document.declared_language
    notices: tuple[str, ...] = ()
    language = declared or written
    if declared and written not in (UNDETERMINED, declared) and weights[written] >= WRITTEN_MIN_WORDS \
            and weights[written] >= WRITTEN_MAJORITY * weights.get(declared, 0):
        language = written
        notices = (f"the page declares {describe(declared)} but is written in {describe(written)}: "
                   f"checked as {describe(written)}",)
    if language != UNDETERMINED and language not in checked:
        declaring = f" (the page declares {describe(declared)})" if notices else ""
        return ArticleLanguage(language, False, (
            f"the article is in {describe(language)}{declaring}, which is not among the languages checked: "
            f"nothing was checked (add it: --languages {','.join(checked)},{language})",))
    return ArticleLanguage(language, True, notices)
