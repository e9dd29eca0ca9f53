"""Split what a reader joined when its lines turn out to be in different languages.

Readers join hard-wrapped lines into one paragraph from shape alone, without knowing languages. Two
caption lines one under the other, a Spanish one and its French translation, have the shape of a
wrapped paragraph too. This step runs after reading and before segments get their kinds: each line
of a multi-line segment is identified, and the segment is cut where the language changes. A line
too short or too uncertain to judge stays with the line above it, so hard-wrapped prose in one
language is never cut. Short lines cut apart this way are a caption and its translation.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from dataclasses import replace


from . import patterns
from .document import Kind, Piece
from .langid import Detection
from .readers.structure import CAPTION_MAX_WORDS, RawSegment
from .text import words

# A line is judged on its own only from this many words: shorter lines follow the line above.
MIN_LINE_WORDS = 4
MIN_LINE_CONFIDENCE = 0.9
# A caption and its translation joined on one line by a slash or a bar set apart by spaces.
# (Each pattern starts where its spaces start or ends where they end: linear on long runs of spaces.)
_JOIN = patterns.compile(r"(?<![ \t])[ \t]+[/|][ \t]+")
_JOIN_END = patterns.compile(r"(?<![ \t])[ \t]*[/|]$")
MAX_JOINS = 3  # joins in a line beyond which it is not cut at them


def _line_starts(segment: RawSegment) -> list[int]:
    """Offsets in the segment text where a new file line starts."""
    starts, line = [], None
    for piece in segment.pieces:
        if piece.line != line:
            starts.append(piece.offset)
            line = piece.line
    return starts


def _cut(segment: RawSegment, start: int, end: int) -> RawSegment:
    """The part of ``segment`` from ``start`` (a line start, or where a caption joined to the line
    before begins) to ``end``, without the join that ends it."""
    text = _JOIN_END.sub("", segment.text[start:end].rstrip())
    pieces = [Piece(p.offset - start, p.line, p.column) for p in segment.pieces if start <= p.offset < end]
    if not pieces or pieces[0].offset > 0:  # a cut inside a piece: its first character's file position
        before = [p for p in segment.pieces if p.offset <= start]
        if before:
            piece = before[-1]
            pieces.insert(0, Piece(0, piece.line, piece.column + start - piece.offset))
    titles = tuple((s - start, min(e, start + len(text)) - start) for s, e in segment.titles
                   if start <= s < start + len(text))
    return RawSegment(text, tuple(pieces), segment.block, segment.kind, titles, segment.alt_text)


def _units(segment: RawSegment, starts: list[int]) -> list[tuple[int, int]]:
    """The lines of ``segment``, each cut further where a slash or bar joins two captions on one line
    ("Los vecinos limpian el barro. / Les habitants nettoient la boue."): (start, end) offsets."""
    units = []
    for start, end in zip(starts, starts[1:] + [len(segment.text)]):
        joins = list(itertools.islice(_JOIN.finditer(segment.text, start, end), MAX_JOINS + 1))
        if len(joins) <= MAX_JOINS:  # more, and it is a list ("Madrid / Paris / Rome / ..."), not captions
            for join in joins:
                units.append((start, join.start()))
                start = join.end()
        units.append((start, end))
    return units


def split_by_language(segments: list[RawSegment], detect: Callable[[str], Detection]) -> list[RawSegment]:
    """``segments`` with every multi-line segment, or line of two captions joined by a slash or a bar,
    cut where its lines (or captions) change language."""
    result: list[RawSegment] = []
    for segment in segments:
        starts = _line_starts(segment)
        if len(starts) < 2 and not _JOIN.search(segment.text):
            result.append(segment)
            continue
        cuts, current = [0], None
        for start, end in _units(segment, starts):
            line = segment.text[start:end]
            if len(words(line)) < MIN_LINE_WORDS:
                continue
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
