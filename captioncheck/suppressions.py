"""Suppression comments in an article: which rules they silence, on which lines.

In Markdown and HTML, ``<!-- captioncheck: disable=RULE[,RULE] -->`` ... ``<!-- captioncheck: enable=RULE -->``
suppress a range of lines (``disable`` alone: every rule). In plain text, a line
``captioncheck: ignore[RULE]`` suppresses the next line, and the same marker at the end of a line
suppresses that line (``ignore`` alone: every rule). A rule is named by its id or its code
(``number-mismatch`` or ``CC202``, any case); a name that is neither suppresses nothing and is
reported (``unknown-suppression``). The readers parse the comments; the policy
(:mod:`captioncheck.policy`) applies them once, after the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from . import patterns
from .findings import Finding
from .catalog import resolve


@dataclass(frozen=True)
class Suppression:
    """Findings of ``rules`` (all rules when None) on lines ``first_line`` to ``last_line`` are dropped."""

    rules: frozenset[str] | None
    first_line: int
    last_line: int
    directive_line: int = 0  # where the comment is (0: not known)
    unknown: tuple[str, ...] = ()  # names in the comment that are no rule's id or code

    def covers(self, finding: Finding) -> bool:
        return ((self.rules is None or finding.rule in self.rules)
                and self.first_line <= finding.line <= self.last_line)


_DIRECTIVE = patterns.compile(
    r"captioncheck:\s*(?P<action>disable|enable|ignore)\s*(?:=\s*(?P<list>[^\n\]\[]*?)|\[(?P<bracket>[^\]\n]*)\])?\s*$",
    regex.IGNORECASE,
)


def parse_directive(comment: str) -> tuple[str, frozenset[str] | None] | None:
    """``("disable", {"number-mismatch"})`` for ``captioncheck: disable=number-mismatch`` (or ``=CC202``);
    None if not one. Names that are no rule stay as written, so they match nothing; see :func:`unknown`."""
    match = _DIRECTIVE.search(comment.strip())
    if match is None:
        return None
    listed = match.group("list") if match.group("list") is not None else match.group("bracket")
    if listed is None:
        return match.group("action").lower(), None
    # "ignore[;]" or "ignore[]" names no rule: it suppresses nothing (never everything).
    rules = frozenset(resolve(r) or r.lower() for r in regex.split(r"[\s,;]+", listed) if r)
    return match.group("action").lower(), rules


def unknown(rules: frozenset[str] | None) -> tuple[str, ...]:
    """The names of a directive that are no rule."""
    return tuple(sorted(r for r in rules or () if resolve(r) is None))


def ranges(directives: Iterable[tuple[int, str, frozenset[str] | None]], last_line: int) -> list[Suppression]:
    """Suppressions from ``(line, disable|enable, rules)`` directives in file order.

    ``disable`` starts a range at its line, the matching ``enable`` ends it; a range left open runs
    to the end of the file. ``rules`` None means every rule.
    """
    open_at: dict[str | None, int] = {}
    found: list[Suppression] = []
    for line, action, rules in directives:
        keys: list[str | None] = [None] if rules is None else sorted(rules)
        if action == "disable" and unknown(rules):
            found.append(Suppression(frozenset(), line, line, line, unknown(rules)))  # reported, suppresses nothing
        for key in keys:
            if action == "disable":
                open_at.setdefault(key, line)
            elif action == "enable":
                if key is None:
                    for other, start in sorted(open_at.items(), key=lambda item: str(item[0])):
                        found.append(Suppression(None if other is None else frozenset({other}), start, line, start))
                    open_at.clear()
                elif key in open_at:
                    start = open_at.pop(key)
                    found.append(Suppression(frozenset({key}), start, line, start))
    for key, start in sorted(open_at.items(), key=lambda item: str(item[0])):
        found.append(Suppression(None if key is None else frozenset({key}), start, last_line, start))
    return found
