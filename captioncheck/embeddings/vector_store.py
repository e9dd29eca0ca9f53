"""Vectors of texts kept between runs, in the cache folder: a check run again encodes only what changed.

An editor checks an article again after each edit, and a CI job checks a whole repository again on
each commit: most captions, their variants and their words were encoded by an earlier run. A text's
vector is a function of the text and the model alone, bit for bit (see
:func:`captioncheck.embeddings.use_forward.product`), so a vector read back is the one the encoder
would compute and a report is the same, byte for byte, with or without the store.

One SQLite file, ``vectors.sqlite3`` in the cache folder (owner-only, used only if nobody else can
write it), rows keyed by a digest of the model's version and the text; at most ``MAX_VECTORS`` rows,
the oldest removed first. The model's version (:func:`model_version`) covers its weights and
tokenizer (the digests the model store keys them by), the forward pass's source, numpy's version, the
machine's architecture and CPU features: any of them changing makes every earlier vector a stranger. Processes
checking in parallel share the file (write-ahead log); a write that would wait longer than ``WAIT_S``
for another is skipped. Any error of the file (corrupt, not the user's, disk full, read-only) turns
the store off for the process: vectors are then computed, as without it.
``CAPTIONCHECK_VECTOR_CACHE=0`` turns it off; ``CAPTIONCHECK_NO_CACHE=1`` turns off the whole cache
folder.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..cache_folder import store_dir, trusted

FILE = "vectors.sqlite3"
MAX_VECTORS = 50_000  # about 110 MB
DIMENSIONS = 512
_CHUNK = 500  # keys per query (SQLite's limit on parameters is 999 in old versions)
WAIT_S = 0.25  # how long a write waits for another process's (a few milliseconds each); then it is skipped


def enabled() -> bool:
    return os.environ.get("CAPTIONCHECK_VECTOR_CACHE", "1") not in ("0", "false", "no", "off")


class VectorStore:
    """The vectors of one model's texts in ``path`` (see the module's documentation)."""

    def __init__(self, path: Path, version: str, limit: int = MAX_VECTORS) -> None:
        self.path, self.version, self.limit = path, version.encode(), limit
        self._lock = threading.Lock()  # the server checks in a thread and in its event loop
        self._connection: sqlite3.Connection | None = None
        self._inherited: sqlite3.Connection | None = None
        self._pid = 0
        self.broken = False

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(self.version + b"\0" + text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            # A worker forked with its parent's connection opens its own, and leaves the inherited one
            # unclosed: closing it would act on the parent's file handles.
            self._inherited = self._connection
            if self.path.exists():
                if not trusted(self.path):
                    raise sqlite3.DatabaseError(f"{self.path} may be written by others")
            else:  # created owner-only before SQLite writes anything to it
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            connection = sqlite3.connect(self.path, timeout=WAIT_S, check_same_thread=False, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=OFF")  # a lost write is a vector computed again
            connection.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors kept of ``texts``."""
        if self.broken or not texts:
            return {}
        keys = {self._key(text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        with self._lock:
            try:
                connection = self._connect()
                listed = list(keys)
                for first in range(0, len(listed), _CHUNK):
                    chunk = listed[first:first + _CHUNK]
                    rows = connection.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                                              chunk).fetchall()
                    for key, vector in rows:
                        if len(vector) == DIMENSIONS * 4:
                            found[keys[key]] = np.frombuffer(vector, dtype=np.float32)
            except sqlite3.OperationalError:  # locked a moment by another process (its first run): not now
                return {}
            except (sqlite3.Error, OSError):
                self.broken = True
                return {}
        return found

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep ``vectors`` (float32 rows of ``DIMENSIONS``); the oldest go beyond ``limit``."""
        if self.broken or not vectors:
            return
        rows = [(self._key(text), np.ascontiguousarray(vector, dtype=np.float32).tobytes())
                for text, vector in vectors.items()]
        with self._lock:
            try:
                connection = self._connect()
                with connection:  # one transaction
                    connection.execute("BEGIN IMMEDIATE")
                    connection.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)", rows)
                    last = connection.execute("SELECT max(rowid) FROM vectors").fetchone()[0] or 0
                    if last > self.limit:  # rows are numbered in order of arrival: keep the last `limit`
                        connection.execute("DELETE FROM vectors WHERE rowid <= ?", (last - self.limit,))
            except sqlite3.OperationalError:  # another process is writing: these are not kept, that is all
                return
            except (sqlite3.Error, OSError):
                self.broken = True


def model_version(parts: Sequence[str], sources: Sequence[Path]) -> str:
    """A digest of ``parts`` (the model's weights and tokenizer digests), the ``sources`` files (the
    forward pass), numpy's version, the machine's architecture and the CPU features numpy found (BLAS
    kernels differ by them, and so may a vector's last bits: a cache folder shared by two machines)."""
    features = getattr(getattr(getattr(np, "_core", None), "_multiarray_umath", None), "__cpu_features__", {})
    cpu = ",".join(sorted(name for name, present in features.items() if present))
    digest = hashlib.sha256("|".join([*parts, np.__version__, platform.machine(), cpu]).encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def open_store(version: str) -> VectorStore | None:
    """The store of the model of ``version`` in the cache folder, or None when it is turned off."""
    folder = store_dir()
    if folder is None or not enabled():
        return None
    return VectorStore(folder / FILE, version)
