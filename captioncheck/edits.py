"""The edits of a fix, in the article's own text: what a rule removes, and never more.

A fix is made only where one correction is obvious and every byte around it can stay as it is:

- :func:`remove_segment`: a segment that stands alone goes whole. In plain text and Markdown, that is
  its lines (with their line ends), when nothing else is on them but credits and markup; a blank line
  beside it goes too when it was a paragraph of its own, so no double blank line is left. In HTML, it
  is the element that holds it and nothing else but credits (``<figcaption>``, ``<p>``, a link), with
  its indentation and line end when it stands on lines of its own.
- :func:`remove_words`: words inside a segment (icon text such as ``photo_camera``) go with the
  spaces that follow them, or precede them at a line's end.

Each edit is checked against the text before it is made: when the source does not read exactly as the
segment says (an HTML entity, a joined line), there is no fix. Written by hand: the positions come from
the readers' pieces, which no library knows.
"""

from __future__ import annotations

import bisect
import functools


from . import patterns
from .document import Document, Kind, Segment
from .findings import Applicability, Edit, Fix

_LINE_END = patterns.compile(r"\r\n|\r|\n")
# What may stand on a caption's line beside it in plain text or Markdown: spaces and markup.
_MARKUP = patterns.compile(r"[\s*_>#+\-|=~`.\d)\\]*")
_SPACES = " \t\u00a0"
_OPENING_TAG = patterns.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>$")


class _Lines:
    """Line starts of a text (``\\r\\n``, ``\\r`` and ``\\n`` end a line, as the readers count them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def start(self, line: int) -> int:
        return self.starts[line - 1] if 1 <= line <= len(self.starts) else len(self.text)

    def end(self, line: int) -> int:
        """Where ``line`` ends, its line end included."""
        return self.start(line + 1)

    def content_end(self, line: int) -> int:
        """Where ``line``'s text ends, before its line end."""
        end = self.end(line)
        return len(self.text[self.start(line):end].rstrip("\r\n")) + self.start(line)

    @property
    def count(self) -> int:
        """The lines of the text (the empty string after a final line end is none)."""
        return len(self.starts) if self.starts[-1] < len(self.text) else len(self.starts) - 1

    def blank(self, line: int) -> bool:
        return 1 <= line <= self.count and not self.text[self.start(line):self.end(line)].strip()


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> _Lines:
    return _Lines(text)


def _edit(lines: _Lines, start: int, end: int, replacement: str = "") -> Edit:
    line, end_line = lines.line_of(start), lines.line_of(max(end - 1, start))
    return Edit(start, end, replacement, line, start - lines.start(line) + 1, end_line,
                max(end - 1, start) - lines.start(end_line) + 1)


def _source_ranges(segment: Segment, lines: _Lines) -> list[tuple[int, int]]:
    """Where the segment's text is in the source, run by run."""
    ranges = []
    for n, piece in enumerate(segment.pieces):
        length = (segment.pieces[n + 1].offset if n + 1 < len(segment.pieces) else len(segment.text)) - piece.offset
        start = lines.offset(piece.line, piece.column)
        ranges.append((start, min(start + length, lines.content_end(piece.line))))
    return ranges


def _whole_lines(lines: _Lines, first: int, last: int) -> tuple[int, int]:
    """The span of lines ``first`` to ``last``, with a blank line beside them when they were a paragraph of
    their own; on the last line of a file without a final line end, the line end before them goes."""
    start, end = lines.start(first), lines.end(last)
    alone_before = first == 1 or lines.blank(first - 1)
    alone_after = last >= lines.count or lines.blank(last + 1)
    if alone_before and alone_after:
        if last < lines.count and lines.blank(last + 1):
            end = lines.end(last + 1)
        elif first > 1:
            start = lines.start(first - 1)
    elif end == len(lines.text) and not lines.text.endswith(("\n", "\r")) and first > 1:
        start = lines.content_end(first - 1)  # keep the file without a final line end
    return start, end


def _segment_lines(document: Document, segment: Segment, lines: _Lines) -> tuple[int, int] | None:
    """The span of the lines ``segment`` stands on, when nothing else is on them but credits and markup."""
    first, last = segment.line, segment.end_line
    covered: list[tuple[int, int]] = []
    for other in document.segments:
        if other.id == segment.id or (other.kind is Kind.CREDIT and first <= other.line <= last):
            covered += _source_ranges(other, lines)
        elif other.line <= last and other.end_line >= first:
            return None  # another caption or paragraph shares a line with it
    for line in range(first, last + 1):
        position, end = lines.start(line), lines.content_end(line)
        for start, stop in sorted(r for r in covered if r[1] > lines.start(line) and r[0] < end):
            if not _MARKUP.fullmatch(lines.text[position:max(start, position)]):
                return None
            position = max(position, stop)
        if not _MARKUP.fullmatch(lines.text[position:end]) or "<" in lines.text[lines.start(line):end]:
            return None
    return _whole_lines(lines, first, last)


def _element(segment: Segment, lines: _Lines) -> tuple[int, int] | None:
    """The span of the HTML element that holds ``segment`` alone, on whole lines when it stands on them."""
    if segment.extent is None:
        return None
    start, end = segment.extent
    first, last = lines.line_of(start), lines.line_of(max(end - 1, start))
    before = lines.text[lines.start(first):start]
    after = lines.text[end:lines.content_end(last)]
    if not before.strip() and not after.strip():
        return lines.start(first), lines.end(last)
    return start, end


def stands_alone(document: Document, segment: Segment) -> bool:
    """Whether ``segment`` is a line or an element of its own that a reader sees (not an image's alt or
    title, not part of a table row): what :func:`remove_segment` can remove whole."""
    if not document.source or segment.alt_text or not segment.pieces:
        return False
    lines = _lines(document.source)
    if document.input_format == "html":
        return segment.extent is not None
    return _segment_lines(document, segment, lines) is not None


def remove_segment(document: Document, segment: Segment, description: str,
                   applicability: Applicability = Applicability.SAFE) -> Fix | None:
    """The fix that removes ``segment`` whole, or None when it does not stand alone."""
    if not document.source or segment.alt_text or not segment.pieces:
        return None
    lines = _lines(document.source)
    span = _element(segment, lines) if document.input_format == "html" else _segment_lines(document, segment, lines)
    if span is None:
        return None
    return Fix(description, applicability, (_edit(lines, *span),))


def remove_words(document: Document, segment: Segment, start: int, end: int, description: str,
                 applicability: Applicability = Applicability.SAFE) -> Fix | None:
    """The fix that removes ``segment.text[start:end]`` and the spaces after it (or before it, at the
    end of a line); None when the source does not read so."""
    if not document.source or end <= start:
        return None
    lines = _lines(document.source)
    line, column = segment.position(start)
    end_line, end_column = segment.position(end - 1)
    source_start, source_end = lines.offset(line, column), lines.offset(end_line, end_column) + 1
    if lines.text[source_start:source_end] != segment.text[start:end]:
        return None
    if document.input_format == "html":  # the words are an element's whole text: the element goes
        opening = _OPENING_TAG.search(lines.text, max(0, source_start - 300), source_start)
        if opening is not None and lines.text.startswith(f"</{opening.group(1)}>", source_end):
            source_start, source_end = opening.start(), source_end + len(opening.group(1)) + 3
    content_end = lines.content_end(end_line)
    after = source_end
    while after < content_end and lines.text[after] in _SPACES:
        after += 1
    if after == content_end:  # the words end their line: the spaces before them go instead
        while source_start > lines.start(line) and lines.text[source_start - 1] in _SPACES:
            source_start -= 1
        if source_start == lines.start(line) and document.input_format != "html":
            start_end = _whole_lines(lines, line, end_line)  # the words were the whole line
            return Fix(description, applicability, (_edit(lines, *start_end),))
    return Fix(description, applicability, (_edit(lines, source_start, after),))
