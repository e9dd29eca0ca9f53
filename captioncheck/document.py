"""The document model: an article as an ordered list of segments with source positions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """What part of an article a segment is."""

    TITLE = "title"
    STANDFIRST = "standfirst"
    CAPTION = "caption"
    CREDIT = "credit"
    BODY = "body"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Piece:
    """A run of segment text copied from one place in the file.

    ``offset`` is where the run starts in the segment text; ``line`` and ``column``
    (1-based, columns counted in characters) are where it starts in the file.
    """

    offset: int
    line: int
    column: int


@dataclass(frozen=True)
class Segment:
    """One unit of an article (a title, a caption, a paragraph...) with its source position."""

    id: int
    kind: Kind
    text: str
    pieces: tuple[Piece, ...]
    block: int = 0  # segments of one block (lines without a blank between, one figure) share it
    titles: tuple[tuple[int, int], ...] = ()  # (start, end) of text the markup sets apart: italics, cite
    alt_text: bool = False  # an HTML image's alt text: checked for its language, never paired
    extent: tuple[int, int] | None = None  # (start, end) in the source of the HTML element that holds it alone

    def position(self, offset: int) -> tuple[int, int]:
        """File (line, column) of the character at ``offset`` in :attr:`text`."""
        starts = [p.offset for p in self.pieces]
        piece = self.pieces[max(bisect.bisect_right(starts, offset) - 1, 0)]
        return piece.line, piece.column + (offset - piece.offset)

    def offset(self, line: int, column: int) -> int:
        """Offset in :attr:`text` of the file position (line, column); the inverse of :meth:`position`."""
        for piece in reversed(self.pieces):
            if (piece.line, piece.column) <= (line, column):
                return min(piece.offset + column - piece.column if piece.line == line else piece.offset,
                           len(self.text))
        return 0

    @property
    def line(self) -> int:
        return self.pieces[0].line

    @property
    def end_line(self) -> int:
        return self.position(max(len(self.text) - 1, 0))[0]

    def offsets(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int]:
        """``(start, end)`` in :attr:`text` of a file span (end inclusive); the inverse of :meth:`span`."""
        return self.offset(line, column), self.offset(end_line, end_column) + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """File (line, column, end_line, end_column) of ``text[start:end]``; end is inclusive."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end - 1, start))
        return line, column, end_line, end_column


@dataclass(frozen=True)
class Document:
    """An article: its path as given, its segments in reading order, and hints from markup."""

    path: str
    segments: tuple[Segment, ...]
    declared_language: str | None = None
    suppressions: tuple = ()  # of captioncheck.suppressions.Suppression, from comments in the article
    source: str = ""  # the text the segments were read from (fixes edit it)
    input_format: str = "text"  # text, markdown or html
