"""Build a segment's text from pieces of a marked-up file, keeping each word's file position."""

from __future__ import annotations

import bisect

import regex

from .. import patterns
from ..document import Piece
from .structure import RawSegment

_ODD_SPACE = patterns.compile(r"[^\S ]\s*|  +\s*")  # any whitespace but a single plain space


class LineIndex:
    """Converts character offsets in a file's text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class SegmentBuilder:
    """Accumulates text copied from known file offsets; whitespace runs collapse to one space."""

    def __init__(self, index: LineIndex) -> None:
        self.index = index
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0
        self.pending_space = False
        self.titles: list[tuple[int, int]] = []

    def add(self, text: str, offset: int) -> None:
        """``text``, found at ``offset`` in the file (a character offset).

        Words separated by single spaces on one line are one piece: a long paragraph costs a piece
        per line or odd space, not one per word.
        """
        position = 0
        for match in _ODD_SPACE.finditer(text):
            self._add_plain(text[position:match.start()], offset + position)
            self.pending_space = self.length > 0
            position = match.end()
        self._add_plain(text[position:], offset + position)

    def _add_plain(self, chunk: str, offset: int) -> None:
        """A chunk without newlines, tabs or runs of spaces (single spaces only)."""
        if not chunk:
            return
        core = chunk.strip(" ")
        if not core:
            self.pending_space = self.length > 0
            return
        lead = len(chunk) - len(chunk.lstrip(" "))
        if lead:
            self.pending_space = self.length > 0
        if self.pending_space:
            self.parts.append(" ")
            self.length += 1
            self.pending_space = False
        line, column = self.index.position(offset + lead)
        self.pieces.append(Piece(self.length, line, column))
        self.parts.append(core)
        self.length += len(core)
        if chunk.endswith(" "):
            self.pending_space = True

    def add_located(self, content: str, source: str, cursor: int) -> int:
        """Add ``content``, a rendering of ``source`` from ``cursor`` on; return the cursor after it.

        Found verbatim, it is one piece; otherwise (escapes, entities) each character is placed at
        its next occurrence in the source.
        """
        found = source.find(content, cursor)
        if found >= 0 and found - cursor < 200:
            self.add(content, found)
            return found + len(content)
        for char in content:
            at = source.find(char, cursor, cursor + 20)
            if char.isspace() or at < 0:
                self.add(char, cursor)
                continue
            self.add(char, at)
            cursor = at + 1
        return cursor

    def set_apart(self, start: int) -> None:
        """The text added since the builder's length was ``start`` is set apart (italics, a cite)."""
        if self.length > start:
            self.titles.append((start, self.length))

    def space(self) -> None:
        self.pending_space = self.length > 0

    @property
    def empty(self) -> bool:
        return self.length == 0

    def build(self, block: int, kind=None) -> RawSegment | None:
        if self.empty:
            return None
        text = "".join(self.parts)
        titles = []
        for start, end in self.titles:
            while start < end and text[start] == " ":  # the space before the set-apart text
                start += 1
            if start < end:
                titles.append((start, end))
        return RawSegment(text, tuple(self.pieces), block, kind, tuple(titles))
