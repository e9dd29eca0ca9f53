"""A local cache of the language and embedding models, ready to load.

The models ship inside their pip packages in compact forms that take a second or more to unpack
(a protobuf parsed in pure Python, LZMA and zip archives). The first run unpacks them and stores the
result with :mod:`pickle` in the user's cache directory; later runs load that in a fraction of the
time. Nothing is downloaded: the cache holds only what the installed packages already contain, and it
is keyed by their versions and files, so an upgrade builds a new entry.

``CAPTIONCHECK_CACHE_DIR`` moves the cache; ``CAPTIONCHECK_NO_CACHE=1`` turns it off. A cache that
cannot be written (a read-only home, a full disk) is silently skipped.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("CAPTIONCHECK_NO_CACHE"):
        return None
    configured = os.environ.get("CAPTIONCHECK_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "captioncheck"


def _key(name: str, sources: list[Path], version: str) -> str:
    digest = hashlib.sha256(f"{name}|{version}|{sys.version_info[:2]}".encode())
    for source in sources:
        stat = source.stat()
        digest.update(f"|{source}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return f"{name}-{digest.hexdigest()[:16]}.pickle"


def cached(name: str, sources: list[Path], version: str, build: Callable[[], T]) -> T:
    """``build()``, or what an earlier ``build()`` for the same sources and version stored."""
    directory = cache_dir()
    if directory is None:
        return build()
    try:
        path = directory / _key(name, sources, version)
    except OSError:
        return build()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    value = build()
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an object that cannot be pickled is simply not cached
        return value
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=f".{name}-", delete=False) as handle:
            handle.write(payload)
        os.replace(handle.name, path)
    except OSError:
        try:
            os.unlink(handle.name)
        except (OSError, UnboundLocalError):
            pass
    return value
