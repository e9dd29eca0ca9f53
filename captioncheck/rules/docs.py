"""A rule's documentation (its module docstring, reStructuredText-light) as plain text and Markdown.

Rule docstrings use two reStructuredText habits only: ````literal```` and a paragraph ending in
``::`` followed by an indented example. ``--explain`` prints the plain text; SARIF carries both.
"""

from __future__ import annotations

import re

_LITERAL = re.compile(r"``(.+?)``")


def plain(doc: str) -> str:
    """Literals unquoted ('x' stays x), "Example::" as "Example:"."""
    return _LITERAL.sub(r"\1", re.sub(r"::\n", ":\n", doc))


def _close(out: list[str]) -> None:
    """End a fenced example: no blank line inside the fence, one after it."""
    while out and not out[-1].strip():
        out.pop()
    out += ["```", ""]


def markdown(doc: str) -> str:
    """Literals as `code`, indented examples as fenced blocks, the first line in bold."""
    lines = doc.splitlines()
    out: list[str] = []
    in_example = False
    for number, line in enumerate(lines):
        if in_example and line.strip() and not line.startswith("    "):
            _close(out)
            in_example = False
        if in_example:
            out.append(line[4:])
            continue
        if line.rstrip().endswith("::"):
            out.append(_LITERAL.sub(r"`\1`", line.rstrip()[:-1]))
            out.append("")
            out.append("```text")
            in_example = True
            continue
        text = _LITERAL.sub(r"`\1`", line)
        out.append(f"**{text}**" if number == 0 and text else text)
    if in_example:
        _close(out)
    cleaned = "\n".join(out)
    return re.sub(r"```text\n\n", "```text\n", cleaned).strip() + "\n"
