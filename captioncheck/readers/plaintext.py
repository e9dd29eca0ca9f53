"""Plain-text articles: one segment per line, or per paragraph when the text is hard-wrapped."""

from __future__ import annotations

import regex

from .. import patterns
from ..document import Piece
from ..suppressions import Suppression, parse_directive, unknown
from .structure import Parsed, RawSegment, is_wrapped_paragraph

_MARKER = patterns.compile(r"^\s*(?:#|//|<!--)?\s*(?P<directive>captioncheck:\s*ignore(?:\[[^\]]*\])?)\s*(?:-->)?\s*$",
                        regex.IGNORECASE)
_TRAILING_MARKER = patterns.compile(
    r"\s+(?:#|//|<!--)?\s*(?P<directive>captioncheck:\s*ignore(?:\[[^\]]*\])?)\s*(?:-->)?\s*$", regex.IGNORECASE)


def _markers(lines: list[str]) -> tuple[list[str], list[Suppression]]:
    """Lines with ``captioncheck: ignore[...]`` markers blanked out, and what the markers suppress."""
    cleaned, suppressions = list(lines), []
    for number, line in enumerate(lines):
        whole = _MARKER.match(line)
        directive = parse_directive(whole.group("directive")) if whole else None
        if whole and directive is not None:
            _, rules = directive
            cleaned[number] = ""
            following = next((n for n in range(number + 1, len(lines)) if lines[n].strip()), None)
            if following is not None:
                suppressions.append(Suppression(rules, following + 1, following + 1, number + 1, unknown(rules)))
            elif unknown(rules):
                suppressions.append(Suppression(frozenset(), 0, -1, number + 1, unknown(rules)))
            continue
        trailing = _TRAILING_MARKER.search(line)
        directive = parse_directive(trailing.group("directive")) if trailing else None
        if trailing and directive is not None:
            _, rules = directive
            cleaned[number] = line[:trailing.start()]
            suppressions.append(Suppression(rules, number + 1, number + 1, number + 1, unknown(rules)))
    return cleaned, suppressions


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` without their end-of-line characters (LF or CRLF)."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _blocks(lines: list[str]) -> list[list[int]]:
    blocks: list[list[int]] = []
    current: list[int] = []
    for number, line in enumerate(lines):
        if line.strip():
            current.append(number)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _piece(lines: list[str], number: int) -> tuple[str, Piece, int]:
    line = lines[number]
    stripped = line.strip()
    column = len(line) - len(line.lstrip()) + 1
    return stripped, Piece(offset=0, line=number + 1, column=column), len(stripped)


def read_plaintext(text: str) -> Parsed:
    lines, suppressions = _markers(split_lines(text))
    raw: list[RawSegment] = []
    for block_number, block in enumerate(_blocks(lines)):
        if is_wrapped_paragraph([lines[n] for n in block]):
            parts, pieces, offset = [], [], 0
            for n in block:
                stripped, piece, length = _piece(lines, n)
                pieces.append(Piece(offset, piece.line, piece.column))
                parts.append(stripped)
                offset += length + 1
            raw.append(RawSegment(" ".join(parts), tuple(pieces), block_number))
        else:
            for n in block:
                stripped, piece, _ = _piece(lines, n)
                raw.append(RawSegment(stripped, (piece,), block_number))
    return Parsed(raw, tuple(suppressions))
