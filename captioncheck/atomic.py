"""One atomic write: a file (or a folder) is built under a unique temporary name beside its target,
flushed to disk, then renamed onto it, so readers see the old one or the new one whole, never half.

Every door writes this way: the command line's ``--output``, the audit's findings and manifests, the
model store's entries. The temporary file is created with ``O_EXCL`` and mode 0o666, so the caller's
umask applies as to any file it creates, and two writers never share a temporary name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def _create_beside(path: Path, directory: bool, suffix: str) -> Path:
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")
        try:
            if directory:
                temporary.mkdir(mode=0o777)
            else:
                os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666))
            return temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def replacing(path: Path, *, directory: bool = False, suffix: str = TEMPORARY_SUFFIX) -> Iterator[Path]:
    """A new temporary file (``directory``: folder) beside ``path`` to build the content in; when the
    block ends, it is synced and renamed onto ``path``; on an error it is removed and ``path`` untouched.

    A folder in the way of a folder is removed first (``os.replace`` only replaces an empty one).
    """
    temporary = _create_beside(path, directory, suffix)
    try:
        yield temporary
        if directory:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
        else:
            _sync(temporary)
        os.replace(temporary, path)
    except BaseException:
        if directory:
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise


def write_atomically(path: Path, data: bytes | str) -> None:
    """``data`` (text is written as UTF-8) into ``path``, whole or not at all."""
    with replacing(path) as temporary:
        temporary.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
