"""The rules, in one explicit registry. Each rule is a module; its docstring is its documentation."""

from __future__ import annotations

from ..budget import checkpoint
from ..context import Context
from ..findings import Finding
from . import (
    boilerplate,
    credit_mismatch,
    meaning_divergence,
    name_mismatch,
    number_mismatch,
    position_mismatch,
    ui_artifact,
    unknown_suppression,
    unused_suppression,
    untranslated_fragment,
    untranslated_segment,
)
from .base import RuleModule

RULES: tuple[RuleModule, ...] = (
    untranslated_segment,
    untranslated_fragment,
    meaning_divergence,
    number_mismatch,
    name_mismatch,
    position_mismatch,
    credit_mismatch,
    ui_artifact,
    boilerplate,
    unknown_suppression,
    unused_suppression,
)
BY_ID: dict[str, RuleModule] = {rule.RULE.id: rule for rule in RULES}


def run_rules(context: Context) -> list[Finding]:
    """Every finding of every rule, in a stable order."""
    findings = []
    for rule in RULES:
        checkpoint()
        findings.extend(rule.check(context))
    return sorted(findings, key=lambda f: f.sort_key)


def summary(rule: RuleModule) -> str:
    """The first line of a rule's documentation, after its name: what it reports."""
    first = (rule.__doc__ or "").strip().splitlines()[0]
    return first.split("): ", 1)[1] if "): " in first else first


def fixes(rule: RuleModule) -> str:
    """What ``--fix`` can do for the rule's findings: ``safe``, ``safe or unsafe``, or "" (nothing)."""
    return getattr(rule, "FIX", "")


def documentation(rule: RuleModule) -> str:
    """A rule's whole documentation: its module docstring."""
    return (rule.__doc__ or "").strip()
