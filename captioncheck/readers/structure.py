"""Give each segment of an article its kind from its shape and its neighbours.

Markup readers may already know a segment's kind (a ``figcaption`` is a caption); plain text has only
shape to go on: credits (``Name SURNAME / AFP -``, ``Foto:``, ``(Reuters)``), icon words, short lines
without final punctuation between the headline and the body, and lines that sit beside a caption and
share its credit.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import lexicon
from .. import text as textutil
from ..document import Kind, Piece, Segment
from ..suppressions import Suppression

STANDFIRST_MAX_WORDS = 70
CAPTION_MAX_WORDS = 45
BODY_MIN_WORDS = 30
_FINAL_PUNCTUATION = tuple(".!?…:;\"»”'")


@dataclass(frozen=True)
class Parsed:
    """What a reader found: segments before classification, suppressions, and the declared language."""

    segments: list[RawSegment]
    suppressions: tuple[Suppression, ...] = ()
    declared_language: str | None = None


@dataclass(frozen=True)
class RawSegment:
    """A segment before classification: its text, where it came from, and the block it sits in."""

    text: str
    pieces: tuple[Piece, ...]
    block: int
    kind: Kind | None = None
    # (start, end) of the text the markup sets apart as a title or a foreign phrase (``<i>``, ``<em>``,
    # ``<cite>``, ``*...*``): newsrooms italicise the titles of works and the words they leave in
    # another language on purpose.
    titles: tuple[tuple[int, int], ...] = ()
    # An HTML image's ``alt`` text: written for those who cannot see the image, not shown beside it, so
    # it is checked for its language but is no caption's translation, nor has one.
    alt_text: bool = False
    # (start, end) in the source of the HTML element that holds this segment and nothing else but
    # credits: what a fix removes to remove the segment.
    extent: tuple[int, int] | None = None


def repeats(text: str, earlier: str | None) -> bool:
    """Whether an image's ``title`` only repeats its ``alt`` text (up to case and spacing): CMSs often
    copy one into the other, and it is then one caption, not two."""
    return earlier is not None and " ".join(text.split()).casefold() == " ".join(earlier.split()).casefold()


WRAPPED_LINE_MIN_CHARS = 40  # a line shorter than this ends a line of its own, not a wrapped one


def has_caption_shape(text: str) -> bool:
    return bool(lexicon.find_credits(text) or lexicon.find_icons(text) or lexicon.find_ui_labels(text))


def is_wrapped_paragraph(lines: list[str]) -> bool:
    """Whether the lines of a block (a plain-text block, a Markdown paragraph) are one hard-wrapped
    paragraph, to be read as one segment, rather than lines of their own (a caption under its
    translation, a credit line): no line has a caption's shape, the lines before the last are long, and
    at least half of them stop mid-sentence."""
    if len(lines) < 2 or any(has_caption_shape(line) for line in lines):
        return False
    inner = [line.rstrip() for line in lines[:-1]]
    if any(len(line) < WRAPPED_LINE_MIN_CHARS for line in inner):
        return False
    open_ended = sum(1 for line in inner if not line.endswith((".", "!", "?", "…", ":", "»", '"', "”")))
    return open_ended * 2 >= len(inner)


def breaks_between_lines(lines: list[str]) -> frozenset[int]:
    """The line ends of a Markdown paragraph that end a segment (``i``: after ``lines[i]``). Markdown
    joins a paragraph's lines, but a caption under its translation, or a credit line, is a line of its
    own, as in a plain-text block: a paragraph that is not hard-wrapped prose
    (:func:`is_wrapped_paragraph`) ends a segment where a line ends a sentence or where either line has
    a caption's shape, and keeps a sentence that runs on to the next line whole."""
    if len(lines) < 2 or is_wrapped_paragraph(lines):
        return frozenset()
    return frozenset(i for i in range(len(lines) - 1)
                     if _ends_like_prose(lines[i]) or has_caption_shape(lines[i]) or has_caption_shape(lines[i + 1]))


def _ends_like_prose(text: str) -> bool:
    return text.rstrip().endswith(_FINAL_PUNCTUATION)


def _looks_like_body(text: str) -> bool:
    return _ends_like_prose(text) or len(textutil.words(text)) >= BODY_MIN_WORDS


def assign_kinds(raw: list[RawSegment]) -> tuple[Segment, ...]:
    kinds: list[Kind | None] = [r.kind for r in raw]
    for i, segment in enumerate(raw):
        if kinds[i] is not None:
            continue
        if lexicon.is_boilerplate(segment.text):
            kinds[i] = Kind.BOILERPLATE
        elif lexicon.is_credit_only(segment.text):
            kinds[i] = Kind.CREDIT
        elif has_caption_shape(segment.text):
            kinds[i] = Kind.CAPTION

    open_slots = [i for i, kind in enumerate(kinds) if kind is None]
    first_body = next((i for i in open_slots if _looks_like_body(raw[i].text)), len(raw))
    if open_slots and open_slots[0] == 0 and raw[0].kind is None:
        kinds[0] = Kind.TITLE
        following = open_slots[1] if len(open_slots) > 1 else None
        if (following is not None and following <= first_body
                and len(textutil.words(raw[following].text)) <= STANDFIRST_MAX_WORDS):
            kinds[following] = Kind.STANDFIRST
            if following == first_body:
                first_body = next((i for i in open_slots if i > following and _looks_like_body(raw[i].text)),
                                  len(raw))

    for i in range(len(raw)):
        if kinds[i] is None and i < first_body and _is_short_unpunctuated(raw[i].text):
            kinds[i] = Kind.CAPTION

    _spread_captions(raw, kinds)
    return tuple(
        Segment(id=i, kind=kind or Kind.BODY, text=r.text, pieces=r.pieces, block=r.block, titles=r.titles,
                alt_text=r.alt_text, extent=r.extent)
        for i, (r, kind) in enumerate(zip(raw, kinds))
    )


def _is_short_unpunctuated(text: str) -> bool:
    return not _ends_like_prose(text) and len(textutil.words(text)) <= CAPTION_MAX_WORDS


def _spread_captions(raw: list[RawSegment], kinds: list[Kind | None]) -> None:
    """A line in the same block as a caption is a caption too if it shares its credit or is caption-short."""
    changed = True
    while changed:
        changed = False
        for i, kind in enumerate(kinds):
            if kind is not None:
                continue
            for j in (i - 1, i + 1):
                if not (0 <= j < len(raw)) or kinds[j] is not Kind.CAPTION or raw[j].block != raw[i].block:
                    continue
                shared = lexicon.credit_keys(raw[i].text) & lexicon.credit_keys(raw[j].text)
                if shared or _is_short_unpunctuated(raw[i].text):
                    kinds[i] = Kind.CAPTION
                    changed = True
                    break
