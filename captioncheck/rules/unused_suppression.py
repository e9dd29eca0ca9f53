"""unused-suppression (CC902, warning): a suppression comment that suppressed nothing.

Reported only on request (``--report-unused-suppressions``, or ``report-unused-suppressions = true``
in the configuration), as ruff and mypy do: once a caption is fixed, the comment that silenced its
finding stays behind and would silence the next, real one. Each rule a comment names is judged on
its own: ``disable=number-mismatch,name-mismatch`` over a range where only names differ reports
``number-mismatch``.

Example::

    captioncheck: ignore[CC202]
    Le ministre a annoncé 40 millions pour la ville.

If line 2 has no number-mismatch finding, line 1 is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..findings import Finding
from .. import catalog

RULE = catalog.rule("unused-suppression")


def findings(unused: Iterable) -> Iterator[Finding]:
    """A finding per unused suppression (``captioncheck.suppressions.Suppression``) with a known comment line."""
    for suppression in unused:
        named = "every rule" if suppression.rules is None else ", ".join(sorted(suppression.rules))
        yield Finding(rule=RULE.id, code=RULE.code, severity=RULE.severity, line=suppression.directive_line,
                      column=1, end_line=suppression.directive_line, end_column=1, segment=None,
                      message=f"the suppression of {named} here suppressed nothing: remove it")


def check(context) -> Iterator[Finding]:
    """Nothing here: unused suppressions are known only once every rule has run (see policy)."""
    return iter(())
