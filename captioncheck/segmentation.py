"""Split what a reader joined when its lines turn out to be in different languages.

Readers join hard-wrapped lines into one paragraph from shape alone, without knowing languages. Two
caption lines one under the other, a Spanish one and its French translation, have the shape of a
wrapped paragraph too. This step runs after reading and before segments get their kinds: each line
of a multi-line segment is identified, and the segment is cut where the language changes. A line
too short or too uncertain to judge stays with the line above it, so hard-wrapped prose in one
language is never cut. Short lines cut apart this way are a caption and its translation.
"""

from __future__ import annotations

from collections.abc import Callable

from dataclasses import replace

from .document import Kind, Piece
from .langid import Detection
from .readers.structure import CAPTION_MAX_WORDS, RawSegment
from .text import words

# A line is judged on its own only from this many words: shorter lines follow the line above.
MIN_LINE_WORDS = 4
MIN_LINE_CONFIDENCE = 0.9


def _line_starts(segment: RawSegment) -> list[int]:
    """Offsets in the segment text where a new file line starts."""
    starts, line = [], None
    for piece in segment.pieces:
        if piece.line != line:
            starts.append(piece.offset)
            line = piece.line
    return starts


def _cut(segment: RawSegment, start: int, end: int) -> RawSegment:
    """The part of ``segment`` from the line starting at ``start`` to ``end`` (a line start or the end)."""
    pieces = tuple(Piece(p.offset - start, p.line, p.column) for p in segment.pieces if start <= p.offset < end)
    return RawSegment(segment.text[start:end].rstrip(), pieces, segment.block, segment.kind)


def split_by_language(segments: list[RawSegment], detect: Callable[[str], Detection]) -> list[RawSegment]:
    """``segments`` with every multi-line segment cut where its lines change language."""
    result: list[RawSegment] = []
    for segment in segments:
        starts = _line_starts(segment)
        if len(starts) < 2:
            result.append(segment)
            continue
        bounds = list(zip(starts, starts[1:] + [len(segment.text)]))
        cuts, current = [0], None
        for start, end in bounds:
            line = segment.text[start:end]
            detection = detect(line)
            if detection.words < MIN_LINE_WORDS or not detection.determined \
                    or detection.confidence < MIN_LINE_CONFIDENCE:
                continue
            if current is not None and detection.language != current:
                cuts.append(start)
            current = detection.language
        if len(cuts) == 1:
            result.append(segment)
            continue
        parts = [_cut(segment, start, end) for start, end in zip(cuts, cuts[1:] + [len(segment.text)])]
        if segment.kind is None and all(len(words(p.text)) <= CAPTION_MAX_WORDS for p in parts):
            # Short lines stacked in two languages are a caption and its translation.
            parts = [replace(p, kind=Kind.CAPTION) for p in parts]
        result.extend(parts)
    return result
