"""An archive of articles (JSON Lines or Parquet, one article a row), cut into partitions read alone.

A **plan** cuts the archive once, before any checking: JSON Lines at every ``rows`` lines (one pass
over the file counting newlines, vectorised: about 1 s a GB), Parquet within each row group at every
``rows`` rows (from the footer alone). A partition is a few integers, so it travels to any worker, and
reading it touches only its own bytes or row group: the archive is never loaded whole. The plan is
saved with the output, with the archive's size and modification time, so that a resumed audit cuts
the archive the same way or refuses an archive that changed.

Rows are dictionaries; what a row must hold is :func:`captioncheck.audit.worker.article_of`'s business.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CaptionCheckError, one_line, printable

FORMATS = ("jsonl", "parquet")
_SCAN_CHUNK = 16 << 20


@dataclass(frozen=True)
class Partition:
    """Rows ``first_row`` to ``first_row + rows - 1`` of the archive.

    JSON Lines: bytes ``start`` to ``stop`` of the file. Parquet: rows ``start`` to ``stop`` of row
    group ``row_group``."""

    index: int
    first_row: int
    rows: int
    start: int
    stop: int
    row_group: int = 0

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}"


@dataclass(frozen=True)
class Source:
    """What a worker needs to read any partition of the archive (a plan without its partitions)."""

    archive: str
    format: str
    rows_per_partition: int


@dataclass(frozen=True)
class Plan:
    archive: str  # absolute path
    format: str  # jsonl | parquet
    size: int
    mtime_ns: int
    rows_per_partition: int
    rows: int
    partitions: tuple[Partition, ...]

    @property
    def source(self) -> Source:
        return Source(self.archive, self.format, self.rows_per_partition)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "partitions": [asdict(p) for p in self.partitions]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        return cls(**{**data, "partitions": tuple(Partition(**p) for p in data["partitions"])})

    def matches(self, path: Path) -> bool:
        """Whether ``path`` is still the archive this plan cut (same place, size and time)."""
        stat = path.stat()
        return (str(path.resolve()) == self.archive and stat.st_size == self.size
                and stat.st_mtime_ns == self.mtime_ns)


def archive_format(path: Path) -> str:
    suffixes = "".join(path.suffixes[-1:]).lower()
    if suffixes in (".parquet", ".pq"):
        return "parquet"
    if suffixes in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise CaptionCheckError(f"{path}: not an archive captioncheck reads (give a .jsonl or .parquet file)")


def make_plan(path: Path, rows_per_partition: int) -> Plan:
    """Cut the archive at ``path`` into partitions of ``rows_per_partition`` rows."""
    if not path.is_file():
        raise CaptionCheckError(f"{path}: no such archive file")
    kind = archive_format(path)
    stat = path.stat()
    if kind == "jsonl":
        partitions = _jsonl_partitions(path, rows_per_partition)
    else:
        partitions = _parquet_partitions(path, rows_per_partition)
    rows = sum(p.rows for p in partitions)
    return Plan(str(path.resolve()), kind, stat.st_size, stat.st_mtime_ns, rows_per_partition, rows,
                tuple(partitions))


def _jsonl_partitions(path: Path, rows_per_partition: int) -> list[Partition]:
    """Cut after every ``rows_per_partition``-th line (a last line without a newline counts too)."""
    cuts = [0]  # byte offsets where partitions start
    lines = 0
    offset = 0
    last_byte = b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            newlines = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
            # the (k * rows)-th line ends at newline number k * rows - lines - 1 of this chunk
            first = (-lines - 1) % rows_per_partition
            for position in newlines[first::rows_per_partition]:
                cuts.append(offset + int(position) + 1)
            lines += len(newlines)
            offset += len(chunk)
            last_byte = chunk[-1:]
    if last_byte != b"\n":
        lines += 1  # a last line without a newline
    if cuts[-1] != offset:
        cuts.append(offset)
    partitions = []
    for index, (start, stop) in enumerate(zip(cuts, cuts[1:])):
        first_row = index * rows_per_partition
        partitions.append(Partition(index, first_row, min(rows_per_partition, lines - first_row), start, stop))
    return partitions


def _parquet_partitions(path: Path, rows_per_partition: int) -> list[Partition]:
    parquet = _parquet_file(path)
    partitions: list[Partition] = []
    first_row = 0
    for group in range(parquet.metadata.num_row_groups):
        count = parquet.metadata.row_group(group).num_rows
        for start in range(0, count, rows_per_partition):
            rows = min(rows_per_partition, count - start)
            partitions.append(Partition(len(partitions), first_row, rows, start, start + rows, group))
            first_row += rows
    return partitions


def _parquet_file(path: Path):
    import pyarrow.parquet as pq  # present: run_audit asked for it (require_pyarrow)

    try:
        return pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises its own errors for a file that is not Parquet
        raise CaptionCheckError(f"{path}: not a readable Parquet file ({error})") from None


@dataclass(frozen=True)
class Unreadable:
    """A row that holds no article to check: why, and its ``id`` when that much could be read."""

    reason: str
    id: Any = None


Row = dict[str, Any] | Unreadable


def read_partition(plan: Source, partition: Partition, max_row_bytes: int | None = None) -> Iterator[tuple[int, Row]]:
    """(row number, row) for each row of ``partition``, streamed: one line (JSON Lines) or one small
    batch (Parquet) in memory at a time.

    Nothing in the archive stops a partition: a row that cannot be read is :class:`Unreadable` (a
    line that is not a JSON object, a JSON line longer than ``max_row_bytes``, skipped unread, a string
    that is not Unicode, a Parquet page that cannot be decoded: then every row of the partition from
    there on, each with its ``id`` when the ``id`` column can still be read)."""
    if plan.format == "jsonl":
        yield from _read_jsonl(Path(plan.archive), partition, max_row_bytes)
    else:
        yield from _read_parquet(Path(plan.archive), partition)


def _not_unicode(value: Any, where: str = "") -> str | None:
    """Where ``value`` holds a string with a lone surrogate (JSON's ``"\\ud800"``), which no UTF-8
    output can hold; None when it holds none."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where or "a string"
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _not_unicode(key, f"a key of {where}" if where else "a column name") or _not_unicode(
                item, f"{where}.{printable(key)}" if where else f"'{printable(key)}'")
            if found:
                return found
    elif isinstance(value, list):
        for item in value:
            if found := _not_unicode(item, where):
                return found
    return None


def _read_jsonl(path: Path, partition: Partition, max_row_bytes: int | None) -> Iterator[tuple[int, Row]]:
    limit = max_row_bytes or 1 << 62
    with path.open("rb") as handle:
        handle.seek(partition.start)
        for number in range(partition.first_row, partition.first_row + partition.rows):
            line = handle.readline(limit + 1)
            if len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the line unread
                    line = handle.readline(1 << 20)
                yield number, Unreadable(f"line {number + 1} of the archive is larger than {limit} bytes; not read")
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (UnicodeDecodeError, ValueError) as error:
                yield number, Unreadable(f"line {number + 1} of the archive is not JSON ({error})")
                continue
            if not isinstance(row, dict):
                yield number, Unreadable(f"line {number + 1} of the archive is not a JSON object")
                continue
            # Only a \\uD800-\\uDFFF escape makes a lone surrogate: look further only when the line has one.
            where = _not_unicode(row) if b"\\ud" in line or b"\\uD" in line else None
            if where is not None:
                yield number, Unreadable(f"line {number + 1} of the archive holds a lone surrogate escape in {where}, "
                                         "which is not Unicode text", _id_of(row))
                continue
            yield number, row


def _id_of(row: dict[str, Any]) -> str | None:
    identifier = row.get("id")
    return None if identifier is None else printable(identifier)


PARQUET_BATCH = 64  # rows decoded at a time


def _read_parquet(path: Path, partition: Partition) -> Iterator[tuple[int, Row]]:
    parquet = _parquet_file(path)
    number = partition.first_row  # of the next row to yield
    end = partition.first_row + partition.rows
    offset = 0  # of the batch's first row in the row group
    batches = parquet.iter_batches(batch_size=PARQUET_BATCH, row_groups=[partition.row_group])
    while number < end:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except Exception as error:  # pyarrow's OSError or ArrowException for a page it cannot decode
            reason = f"the archive's row group {partition.row_group} cannot be read from here on ({one_line(error)})"
            ids = _ids(parquet, partition, number - partition.first_row + partition.start)
            for position in range(number, end):
                yield position, Unreadable(reason, ids[position - number] if position - number < len(ids) else None)
            return
        begin, stop = max(partition.start - offset, 0), min(partition.stop - offset, batch.num_rows)
        if begin < stop:
            for row in _rows(batch.slice(begin, stop - begin)):
                yield number, row
                number += 1
        offset += batch.num_rows


def _rows(batch) -> list[Row]:
    """A batch's rows; a row whose strings are not UTF-8 is :class:`Unreadable`, the others are read."""
    try:
        return batch.to_pylist()
    except (UnicodeDecodeError, ValueError):
        pass
    rows: list[Row] = []
    for index in range(batch.num_rows):
        try:
            rows.append(batch.slice(index, 1).to_pylist()[0])
        except (UnicodeDecodeError, ValueError) as error:
            rows.append(Unreadable(f"a string of this row is not UTF-8 ({one_line(error)})"))
    return rows


def _ids(parquet, partition: Partition, start: int) -> list[Any]:
    """The ``id`` column from row ``start`` of the partition's row group to the partition's end, or
    as many as can still be read (none when it cannot)."""
    if "id" not in parquet.schema_arrow.names:
        return []
    try:
        column = parquet.read_row_group(partition.row_group, columns=["id"]).column("id")
        return [printable(v) if v is not None else None for v in column.slice(start, partition.stop - start).to_pylist()]
    except Exception:  # that page is broken too
        return []


def parquet_schema(plan: Source):
    """The archive's Arrow schema (Parquet), for carrying its other columns through with their types."""
    return _parquet_file(Path(plan.archive)).schema_arrow if plan.format == "parquet" else None


def save_plan(plan: Plan, path: Path) -> None:
    from ..atomic import write_atomically

    write_atomically(path, json.dumps(plan.to_json(), indent=1).encode())


def load_plan(path: Path) -> Plan | None:
    try:
        return Plan.from_json(json.loads(path.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError):
        return None


__all__ = ["FORMATS", "Partition", "Plan", "Source", "archive_format", "load_plan", "make_plan", "parquet_schema",
           "read_partition", "save_plan", "Row", "Unreadable"]
