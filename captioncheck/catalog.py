"""The rule catalog: every rule's id, code and default severity, in the order rules report.

A rule is named by its id or its code on the command line, in configuration files and in the
suppression comments of an article; this table resolves those names without loading any rule (the
readers, which parse suppression comments, and the configuration stay light). Each rule module takes
its identity from here (``RULE = catalog.rule("number-mismatch")``), and the registry
(:mod:`captioncheck.rules.registry`) lists the modules in the same order.
"""

from __future__ import annotations

import difflib

from .findings import RuleInfo, Severity

CATALOG: tuple[RuleInfo, ...] = (
    RuleInfo(id="untranslated-segment", code="CC101", severity=Severity.ERROR),
    RuleInfo(id="untranslated-fragment", code="CC102", severity=Severity.ERROR),
    RuleInfo(id="meaning-divergence", code="CC201", severity=Severity.WARNING),
    RuleInfo(id="number-mismatch", code="CC202", severity=Severity.ERROR),
    RuleInfo(id="name-mismatch", code="CC203", severity=Severity.WARNING),
    RuleInfo(id="position-mismatch", code="CC204", severity=Severity.ERROR),
    RuleInfo(id="credit-mismatch", code="CC205", severity=Severity.WARNING),
    RuleInfo(id="ui-artifact", code="CC301", severity=Severity.WARNING),
    RuleInfo(id="boilerplate", code="CC302", severity=Severity.WARNING),
    RuleInfo(id="unknown-suppression", code="CC901", severity=Severity.WARNING),
    RuleInfo(id="unused-suppression", code="CC902", severity=Severity.WARNING),
)
BY_ID: dict[str, RuleInfo] = {info.id: info for info in CATALOG}
BY_CODE: dict[str, RuleInfo] = {info.code.lower(): info for info in CATALOG}


def rule(rule_id: str) -> RuleInfo:
    """The identity of the rule ``rule_id`` (a KeyError for a name no rule has: a typo in a rule module)."""
    return BY_ID[rule_id]


def resolve(name: str) -> str | None:
    """The rule id that ``name`` means: an id or a code, in any case (``CC202`` is number-mismatch)."""
    key = name.strip().lower()
    info = BY_ID.get(key) or BY_CODE.get(key)
    return info.id if info is not None else None



def closest(name: str) -> str | None:
    """The rule name most like ``name`` (a typo's correction, as written: id or upper-case code), or None."""
    close = difflib.get_close_matches(name.strip(), list(BY_ID) + [code.upper() for code in BY_CODE], n=1,
                                      cutoff=0.75)
    return close[0] if close else None


def unknown_rule(name: str) -> str:
    """What to tell a user who named no rule: "unknown rule 'numbers-mismatch': did you mean
    number-mismatch? (see captioncheck --list-rules)"."""
    guess = closest(name)
    hint = f": did you mean {guess}?" if guess else ""
    return f"unknown rule {name!r}{hint} (see captioncheck --list-rules)"
