"""What every rule module provides, and the helper that turns a segment span into a finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..compare import names, numbers
from ..compare.numbers import Quantity
from ..context import Context, PairedSegments
from ..document import Segment
from ..findings import Finding, RuleInfo
from ..vocabulary import lexicon


class RuleModule(Protocol):
    """A rule is a module: its docstring is its documentation, ``RULE`` its identity."""

    __doc__: str | None
    RULE: RuleInfo

    def check(self, context: Context) -> Iterator[Finding]: ...


def finding_at(rule: RuleInfo, segment: Segment, start: int, end: int, message: str, **extra) -> Finding:
    """A finding of ``rule`` over ``segment.text[start:end]``."""
    line, column, end_line, end_column = segment.span(start, end)
    return Finding(rule=rule.id, code=rule.code, severity=rule.severity, line=line, column=column,
                   end_line=end_line, end_column=end_column, segment=segment.id, message=message, **extra)


def pair_finding(rule: RuleInfo, view: PairedSegments, target: tuple[int, int], source: tuple[int, int] | None,
                 message: str, **extra) -> Finding:
    """A finding of ``rule`` over ``view.target.text[target]``, about the pair: it names the source and,
    when ``source`` is given, what differs there (``view.source.text[source]``), so every surface can
    show both sides of the difference."""
    related_span = None if source is None else view.source.span(*source)
    return finding_at(rule, view.target, *target, message, related_segment=view.source.id,
                      language=view.target_language, related_span=related_span, **extra)


def find_name(text: str, name: str) -> tuple[int, int] | None:
    """Where ``name`` (as the name comparison returns it) is written in ``text``, credits left out."""
    start = lexicon.without_credits(text).find(name.split()[0])
    return None if start < 0 else (start, min(start + len(name), len(text)))


def place(segment: Segment, *named: Segment) -> str:
    """Where ``segment`` is, for a message that also names the ``named`` segments: "line 5", or "line 3,
    column 31" when one of them starts on the same line (an ``alt`` text and its ``figcaption``)."""
    line, column = segment.position(0)
    if any(other.id != segment.id and other.position(0)[0] == line for other in named):
        return f"line {line}, column {column}"
    return f"line {line}"


def places(view: PairedSegments) -> tuple[str, str]:
    """Where the two sides of a pair are, for a message (see :func:`place`)."""
    return place(view.source, view.target), place(view.target, view.source)


def number_difference(view: PairedSegments) -> tuple[list[Quantity], list[Quantity]]:
    """The numbers of each side the other lacks (``number-mismatch``'s, and a wrong caption's detail)."""
    return numbers.unmatched(numbers.quantities(view.source.text, view.source_language),
                             numbers.quantities(view.target.text, view.target_language))


def name_difference(view: PairedSegments) -> tuple[list[str], list[str]]:
    """The names of each side the other lacks (``name-mismatch``'s, and a wrong caption's detail)."""
    if view.pair.names is not None:  # found when the pair was scored, names' translations excluded
        return list(view.pair.names[0]), list(view.pair.names[1])
    return names.missing(lexicon.without_credits(view.source.text), lexicon.without_credits(view.target.text),
                         view.source_language, view.target_language)


def quote(text: str, limit: int = 60) -> str:
    """``text`` shortened for a message."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit - 1]}…'"


def difference(source_only: list[str], target_only: list[str], view: PairedSegments) -> str:
    """What differs across a pair: "line 5 says 40 where line 6 says 14", or what one side lacks."""
    src, tgt = places(view)
    if source_only and target_only:
        return f"{src} says {', '.join(source_only)} where {tgt} says {', '.join(target_only)}"
    if source_only:
        return f"{', '.join(source_only)} in {src} is missing from {tgt}"
    return f"{', '.join(target_only)} in {tgt} is not in {src}"
