"""Read an article file into a :class:`~captioncheck.document.Document`.

The file is opened read-only; every problem that makes it unreadable is an :class:`InputError` whose
message says why (missing, a directory, binary, not UTF-8).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .. import patterns
from ..document import Document
from ..errors import InputError
from .plaintext import read_plaintext
from .structure import Parsed, RawSegment, assign_kinds

__all__ = ["READERS", "assign_kinds", "decode", "format_of", "load", "parse", "read_document", "read_plaintext"]

def read_markdown(text: str) -> Parsed:
    from .markdown import read_markdown as read  # markdown-it and YAML load only for Markdown

    return read(text)


def read_html(text: str) -> Parsed:
    from .html import read_html as read

    return read(text)


READERS: dict[str, Callable[[str], Parsed]] = {"text": read_plaintext, "markdown": read_markdown,
                                               "html": read_html}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 5_000_000
_LONE_CR = patterns.compile(r"\r(?!\n)")


def decode(data: bytes) -> str:
    """UTF-8 text of ``data`` without its byte-order mark; InputError for binary or other encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise InputError("binary file or UTF-16 text (contains NUL bytes), not a UTF-8 article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count:,} bytes"


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes``; InputError says why not.

    A FIFO, device or socket is refused before it is opened: reading one could block forever or
    never end (``/dev/zero``).
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                    or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "special")
            raise InputError(f"not a regular file ({kind}), not read")
        if info.st_size > max_bytes:
            raise InputError(f"{_size(info.st_size)}, larger than the limit of {_size(max_bytes)} "
                             "(--max-file-size)")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    if len(data) > max_bytes:
        raise InputError(f"larger than the limit of {_size(max_bytes)} (--max-file-size)")
    return data


def format_of(path: Path) -> str:
    """The reader for a file name: Markdown and HTML by extension, plain text otherwise."""
    return SUFFIXES.get(path.suffix.lower(), "text")


Segmenter = Callable[[list[RawSegment]], list[RawSegment]]


def parse(text: str, input_format: str, display_path: str, segmenter: Segmenter | None = None) -> Document:
    """The document of ``text``; ``segmenter`` may re-cut the segments before they get their kinds."""
    # A lone CR ends a line too (old Mac files): same length, so every offset stays where it was.
    parsed: Parsed = READERS[input_format](_LONE_CR.sub("\n", text))
    raw = segmenter(parsed.segments) if segmenter is not None else parsed.segments
    return Document(path=display_path, segments=assign_kinds(raw),
                    declared_language=parsed.declared_language, suppressions=parsed.suppressions,
                    source=text, input_format=input_format)


def read_document(path: Path, display_path: str | None = None, input_format: str | None = None,
                  segmenter: Segmenter | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    return parse(decode(load(path, max_bytes)), input_format or format_of(path), display_path or str(path),
                 segmenter)
