"""A local store of the models as plain arrays, memory-mapped at start-up.

The models ship inside their pip packages in compact forms that take a second or more to unpack
(LZMA, zip and MessagePack archives). The first run unpacks what it needs into plain arrays in the
user's cache folder; later runs map them into memory (``numpy.memmap``), which costs almost nothing:
only the pages a run touches are ever read. Nothing is downloaded, and nothing is unpickled: an entry
is raw numbers, so a file planted in the cache can at worst hold wrong numbers, never run code.

An entry is a folder ``NAME-DIGEST`` holding ``arrays.bin`` (every array's bytes, 64-byte aligned)
and ``manifest.json`` (each array's dtype, shape and offset; object dtypes refused). The
digest is taken from the model's *content*: the SHA-256 that the installed package's ``RECORD``
lists for each source file (or, without one, the file's own hash), the entry's variant (the
languages it covers, say) and :data:`FORMAT`. Two virtualenvs with the same package versions share
one entry; an upgrade makes a new one, and older entries of the same name that have not been used
for :data:`STALE_SECONDS` are removed, at most :data:`KEEP` kept. Entries are built in a temporary
folder and renamed into place, so a reader never sees half an entry. An entry that is not owned by
the user, is writable by others, or whose arrays do not match its manifest is ignored and rebuilt.

A wheel built by ``setup.py`` carries the entries of the default models in :data:`PACKAGED`
(:mod:`captioncheck.packaged_models`); an entry found there under the same name is mapped first, and
the user's store is not touched. Those entries belong to whoever installed the package, like the
code beside them, and are used only when nobody else can write them.

``CAPTIONCHECK_CACHE_DIR`` moves the store; ``CAPTIONCHECK_NO_CACHE=1`` turns it off (the models
are then unpacked in memory on every run). A store that cannot be written (a read-only home, a full
disk) is skipped the same way.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import mmap
import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .atomic import replacing
from .cache_folder import store_dir, trusted

Arrays = Mapping[str, np.ndarray]

FORMAT = 2  # bump when the layout of any entry changes
KEEP = 3
STALE_SECONDS = 7 * 24 * 3600
ABANDONED_SECONDS = 3600
MANIFEST = "manifest.json"
DATA = "arrays.bin"
ALIGNMENT = 64
PACKAGED = Path(__file__).with_name("models")  # entries built into the wheel (see setup.py)


def content_digest(sources: Sequence[Path], distribution: str | None, variant: str = "") -> str:
    """A digest of the sources' content (from the package's RECORD when it lists them) and ``variant``."""
    recorded = _recorded_hashes(sources[0].parent, distribution) if sources and distribution else {}
    digest = hashlib.sha256(f"{FORMAT}|{variant}".encode())
    for source in sources:
        known = recorded.get(source.resolve())
        digest.update(b"|" + (known.encode() if known else _file_hash(source).encode()))
    return digest.hexdigest()[:20]


def _file_hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _recorded_hashes(folder: Path, distribution: str) -> dict[Path, str]:
    """{installed file: its sha256 from RECORD} for ``distribution``, found above ``folder``."""
    for record in _records(folder, distribution):
        try:
            info = record.stat()
        except OSError:
            continue
        return _parse_record(record, info.st_mtime_ns, info.st_size)
    return {}


@functools.lru_cache(maxsize=32)
def _records(folder: Path, distribution: str) -> tuple[Path, ...]:
    """The RECORD files of ``distribution``'s ``.dist-info`` folders in the first folder above ``folder``
    that has one (memoised: a start loads several models of one package, and listing site-packages
    takes 1-2 ms)."""
    prefix = distribution.replace("-", "_").lower() + "-"
    for parent in folder.resolve().parents:
        try:
            candidates = [entry.path for entry in os.scandir(parent)
                          if entry.name.endswith(".dist-info") and entry.name.lower().startswith(prefix)]
        except OSError:
            continue
        if candidates:
            return tuple(Path(candidate, "RECORD") for candidate in candidates)
    return ()


@functools.lru_cache(maxsize=32)
def _parse_record(record: Path, mtime_ns: int, size: int) -> dict[Path, str]:
    """The hashes a RECORD file lists (memoised per version of the file: several models share one)."""
    try:
        lines = record.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    site = record.parent.parent.resolve()  # the files below it: joined and normalised, not each resolved
    hashes = {}
    for line in lines:
        name, _, rest = line.partition(",")
        recorded, _, _ = rest.partition(",")
        if recorded.startswith("sha256="):
            hashes[Path(os.path.normpath(site / name))] = recorded[len("sha256="):]
    return hashes


@dataclass(frozen=True)
class Model:
    """A model the store keeps: its entry's name, the files it is built from and how."""

    name: str
    sources: tuple[Path, ...]
    build: Callable[[], Arrays]
    distribution: str | None = None
    variant: str = ""

    def entry_name(self) -> str:
        """``NAME-DIGEST``, the digest taken from the sources' content (see :func:`content_digest`)."""
        return f"{self.name}-{content_digest(self.sources, self.distribution, self.variant)}"


def load(model: Model) -> Arrays:
    """The model's arrays: mapped from the installed package's entries or from the store, or built
    (and stored)."""
    try:
        name = model.entry_name()
    except OSError:
        return model.build()
    arrays = _read_entry(PACKAGED / name, owner_only=False)
    if arrays is not None:
        return arrays
    directory = store_dir()
    if directory is None:
        return model.build()
    entry = directory / name
    arrays = _read_entry(entry)
    if arrays is not None:
        return arrays
    arrays = {key: np.ascontiguousarray(value) for key, value in model.build().items()}
    if _write_entry(directory, entry, arrays):
        _prune(directory, model.name, keep=entry.name)
    # The arrays just built, not the entry mapped back: its pages left the page cache when written
    # (see _write_entry), and reading them back from disk cost the first run 0.4 s.
    return arrays


def package(model: Model, directory: Path) -> Path:
    """Write the model's entry into ``directory`` (a wheel's :data:`PACKAGED` folder, at build time)."""
    entry = directory / model.entry_name()
    arrays = {key: np.ascontiguousarray(value) for key, value in model.build().items()}
    if not _write_entry(directory, entry, arrays, private=False):
        raise OSError(f"cannot write {entry}")
    return entry


def _read_entry(entry: Path, owner_only: bool = True) -> dict[str, np.ndarray] | None:
    try:
        if not all(trusted(path, owner_only) for path in (entry, entry / MANIFEST, entry / DATA)):
            return None
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            return None
        data = np.memmap(entry / DATA, dtype=np.uint8, mode="r")
        _random_access(data)
        arrays = {}
        for key, (dtype_name, shape, offset) in manifest["arrays"].items():
            dtype = np.dtype(dtype_name)
            size = dtype.itemsize * int(np.prod(shape, dtype=np.int64))
            if dtype.hasobject or offset < 0 or offset + size > len(data) or offset % ALIGNMENT:
                return None
            arrays[key] = np.ndarray(tuple(shape), dtype=dtype, buffer=data, offset=offset)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if owner_only:
        try:
            os.utime(entry / MANIFEST)  # last use, for pruning
        except OSError:
            pass
    return arrays


def _random_access(data: np.memmap) -> None:
    """Tell the kernel that the pages are read at random (a DFA walk, embedding rows), so a fault
    brings in that page, not its neighbours: less memory and less reading for one article."""
    mapping = getattr(data, "_mmap", None)
    if mapping is not None and hasattr(mmap, "MADV_RANDOM"):
        try:
            mapping.madvise(mmap.MADV_RANDOM)
        except (OSError, ValueError):
            pass


def _write_entry(directory: Path, entry: Path, arrays: Arrays, private: bool = True) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700 if private else 0o755)
        with replacing(entry, directory=True, suffix="") as temporary:  # ".ENTRY.RANDOM": see _prune
            _fill_entry(temporary, arrays, private)
        return True
    except OSError:  # read-only or full, or another process renamed its entry first
        return entry.exists()


def _fill_entry(temporary: Path, arrays: Arrays, private: bool) -> None:
    """The entry's data file and manifest, written into the folder ``temporary``."""
    layout, offset = {}, 0
    with (temporary / DATA).open("wb") as handle:
        for key, value in arrays.items():
            if value.dtype.hasobject:
                raise ValueError(f"{key}: object arrays cannot be stored")
            handle.write(b"\0" * (-offset % ALIGNMENT))
            offset += -offset % ALIGNMENT
            layout[key] = [value.dtype.str, list(value.shape), offset]
            handle.write(np.ascontiguousarray(value).tobytes())
            offset += value.nbytes
        handle.flush()
        # On disk before the rename (a crash leaves no half entry), and out of the page cache: the
        # pages just written sit in large blocks that a later run would map whole; read back from
        # disk they come one page at a time, as random access wants.
        os.fdatasync(handle.fileno())
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    manifest = {"format": FORMAT, "arrays": layout}
    (temporary / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    temporary.chmod(0o700 if private else 0o755)
    if not private:
        for path in (temporary / DATA, temporary / MANIFEST):
            path.chmod(0o644)


def _prune(directory: Path, name: str, keep: str) -> None:
    """Remove older entries of ``name``: unused for STALE_SECONDS, and all but the KEEP latest."""
    now = time.time()
    try:
        siblings = []
        for candidate in directory.iterdir():
            if candidate.name.startswith(f".{name}-"):  # a build that never finished
                try:
                    if now - candidate.stat().st_mtime > ABANDONED_SECONDS:
                        shutil.rmtree(candidate, ignore_errors=True)
                except OSError:
                    pass
            elif candidate.name.startswith(f"{name}-") and candidate.name != keep:
                try:
                    siblings.append(((candidate / MANIFEST).stat().st_mtime, candidate))
                except OSError:
                    siblings.append((0.0, candidate))  # no manifest: an abandoned build
    except OSError:
        return
    siblings.sort(reverse=True)
    for rank, (used, candidate) in enumerate(siblings, start=1):
        if rank >= KEEP or now - used > STALE_SECONDS:
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate, ignore_errors=True)
            else:  # a file of an earlier cache format (NAME-HASH.pickle), or a stray link
                with contextlib.suppress(OSError):
                    candidate.unlink()

