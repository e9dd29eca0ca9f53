"""Read an article file into a :class:`~captioncheck.document.Document`.

The file is opened read-only; every problem that makes it unreadable is an :class:`InputError` whose
message says why (missing, a directory, binary, not UTF-8).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .html import read_html
from .markdown import read_markdown
from .plaintext import read_plaintext
from .structure import Parsed, RawSegment, assign_kinds

__all__ = ["READERS", "assign_kinds", "decode", "format_of", "load", "parse", "read_document", "read_plaintext"]

READERS = {"text": read_plaintext, "markdown": read_markdown, "html": read_html}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_SNIFF_BYTES = 8192


def decode(data: bytes) -> str:
    """UTF-8 text of ``data`` without its byte-order mark; InputError for binary or other encodings."""
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError("binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def load(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def format_of(path: Path) -> str:
    """The reader for a file name: Markdown and HTML by extension, plain text otherwise."""
    return SUFFIXES.get(path.suffix.lower(), "text")


Segmenter = Callable[[list[RawSegment]], list[RawSegment]]


def parse(text: str, input_format: str, display_path: str, segmenter: Segmenter | None = None) -> Document:
    """The document of ``text``; ``segmenter`` may re-cut the segments before they get their kinds."""
    parsed: Parsed = READERS[input_format](text)
    raw = segmenter(parsed.segments) if segmenter is not None else parsed.segments
    return Document(path=display_path, segments=assign_kinds(raw),
                    declared_language=parsed.declared_language, suppressions=parsed.suppressions)


def read_document(path: Path, display_path: str | None = None, input_format: str | None = None,
                  segmenter: Segmenter | None = None) -> Document:
    return parse(decode(load(path)), input_format or format_of(path), display_path or str(path), segmenter)
