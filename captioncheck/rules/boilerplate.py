"""boilerplate (CC302, warning): navigation or footer leftovers kept as if they were content.

A short segment of its own that is a section link (``Plus dans Politique``, ``Más en Internacional``,
``More in World``), a "read more" link (``Lire aussi``, ``Leer más``, ``Read more: ...``,
``Related:``), an advertising label or a newsletter prompt is reported over its whole span.

Not reported: the same words inside a sentence ("Plus de 40 drones ont été abattus").

Example: the last line of an article that reads ``Plus dans Politique``.

Fix (safe): the leftover goes with its line, or its HTML element, when nothing else is on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..document import Kind
from ..edits import remove_segment
from ..findings import Finding
from .. import catalog
from .base import finding_at, quote

FIX = "safe"  # what --fix can do for its findings (see the docstring)
RULE = catalog.rule("boilerplate")


def check(context: Context) -> Iterator[Finding]:
    for segment in context.document.segments:
        if segment.kind is Kind.BOILERPLATE:
            yield finding_at(RULE, segment, 0, len(segment.text),
                             f"navigation leftover {quote(segment.text)} is not part of the article",
                             fix=remove_segment(context.document, segment, f"remove {quote(segment.text)}"))
