"""Read an article file into a :class:`~captioncheck.document.Document`.

The file is opened read-only; every problem that makes it unreadable is an :class:`InputError` whose
message says why (missing, a directory, binary, not UTF-8).
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError
from .plaintext import read_plaintext
from .structure import assign_kinds

__all__ = ["ARTICLE_SUFFIXES", "assign_kinds", "decode", "load", "read_document", "read_plaintext"]

ARTICLE_SUFFIXES = (".txt",)
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


def read_document(path: Path, display_path: str | None = None) -> Document:
    text = decode(load(path))
    raw = read_plaintext(text)
    return Document(path=display_path or str(path), segments=assign_kinds(raw))
