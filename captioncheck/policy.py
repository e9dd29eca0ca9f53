"""Suppressions and severities, applied once, after the rules, in this one place.

A finding is dropped when its rule is ignored (``--ignore``, ``ignore = [...]``), turned ``off``
(``--severity RULE=off``), or suppressed in the article itself by a comment covering its line;
otherwise it takes the configured severity of its rule. Last, a caption's removal is made as safe as
the findings kept about its pair allow (:func:`~captioncheck.rules.untranslated_segment.settle_fixes`).

The comments are read with the article (:mod:`captioncheck.suppressions`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .findings import Finding
from .rules import untranslated_segment, unused_suppression
from .settings import Settings
from .suppressions import Suppression


def apply_policy(findings: Iterable[Finding], settings: Settings,
                 suppressions: Iterable[Suppression] = ()) -> list[Finding]:
    suppressions = tuple(suppressions)
    kept, used = [], set()
    for finding in findings:
        level = settings.level_of(finding.rule, finding.severity)
        if level is None:
            continue
        covering = {i for i, s in enumerate(suppressions) if s.covers(finding)}
        if covering:
            used |= covering
            continue
        kept.append(finding if level is finding.severity else finding.with_severity(level))
    if settings.report_unused_suppressions:
        unused = [s for i, s in enumerate(suppressions) if i not in used and s.rules != frozenset() and s.directive_line]
        for finding in unused_suppression.findings(unused):
            level = settings.level_of(finding.rule, finding.severity)
            if level is not None:
                kept.append(finding if level is finding.severity else finding.with_severity(level))
        kept.sort(key=lambda f: f.sort_key)
    return untranslated_segment.settle_fixes(kept)
