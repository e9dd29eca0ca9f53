"""ui-artifact (CC301, warning): interface text that leaked into the article's content.

Copying a page out of a content management system drags along the words of its furniture: the
ligature names of icon fonts (``photo_camera``, ``play_arrow``, ``zoom_in``), and labels such as
``Image caption``, ``Pie de foto``, ``Légende``, ``Partager`` or ``Share`` at the start of a segment.
Each one is reported with its exact span.

Example::

    photo_camera Sergei SUPINSKY / AFP - Le président ukrainien Volodymyr Zelensky (à droite)

``photo_camera`` is reported.

Fix (safe): the interface text goes, with the space after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..vocabulary import lexicon
from ..context import Context
from ..edits import remove_words
from ..findings import Finding
from .. import catalog
from .base import finding_at

FIX = "safe"  # what --fix can do for its findings (see the docstring)
RULE = catalog.rule("ui-artifact")


def check(context: Context) -> Iterator[Finding]:
    for segment in context.document.segments:
        for start, end in sorted(lexicon.find_icons(segment.text) + lexicon.find_ui_labels(segment.text)):
            label = segment.text[start:end]
            fix = remove_words(context.document, segment, start, end, f"remove '{label}'")
            yield finding_at(RULE, segment, start, end, f"interface text '{label}' left in the {segment.kind.value}",
                             fix=fix)
