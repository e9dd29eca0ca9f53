"""unknown-suppression (CC901, warning): a suppression comment names a rule that does not exist.

``captioncheck: ignore[number-missmatch]`` or ``<!-- captioncheck: disable=CC999 -->`` suppresses
nothing: the name is neither a rule's id nor its code (``captioncheck --list-rules``). Left
unreported, the typo would hide nothing while the editor believes the line is checked on purpose.
The finding points at the comment's line.

Example::

    captioncheck: ignore[number-missmatch]
    El ministro anunció 40 millones.

``number-missmatch`` is reported: did you mean ``number-mismatch`` (CC202)?
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Finding
from .. import catalog

RULE = catalog.rule("unknown-suppression")


def _suggestion(name: str) -> str:
    guess = catalog.closest(name)
    return f"; did you mean '{guess}'?" if guess else " (see captioncheck --list-rules)"


def check(context: Context) -> Iterator[Finding]:
    reported: set[tuple[int, str]] = set()
    for suppression in context.document.suppressions:
        for name in suppression.unknown:
            if (suppression.directive_line, name) in reported or suppression.directive_line < 1:
                continue
            reported.add((suppression.directive_line, name))
            yield Finding(rule=RULE.id, code=RULE.code, severity=RULE.severity,
                          line=suppression.directive_line, column=1, end_line=suppression.directive_line,
                          end_column=1, segment=None,
                          message=f"suppression names no rule: '{name}' suppresses nothing{_suggestion(name)}")
