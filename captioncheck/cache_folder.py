"""The user's cache folder for captioncheck (the model store, the compiled patterns, the vectors kept
between runs), and whether a file found there may be trusted. Standard library only: it is read
before anything heavy loads.

``CAPTIONCHECK_CACHE_DIR`` moves the folder; ``CAPTIONCHECK_NO_CACHE=1`` turns it off;
``CAPTIONCHECK_VECTOR_CACHE=0`` keeps no vectors (see :mod:`captioncheck.embeddings.vector_store`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def store_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("CAPTIONCHECK_NO_CACHE"):
        return None
    configured = os.environ.get("CAPTIONCHECK_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "captioncheck"


def trusted(path: Path, owner_only: bool = True) -> bool:
    """Writable by nobody but its owner, and (``owner_only``) owned by the user running the checker.
    A wheel's files belong to whoever installed it, like the code beside them."""
    info = path.stat()
    return (info.st_uid == os.getuid() or not owner_only) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
