"""What an audit writes: one findings file and one manifest per partition, each written atomically.

Findings files (``findings/part-NNNNNN.parquet`` or ``.jsonl``) hold one row per finding, and one
row per article that could not be checked (``error`` set, ``rule`` empty). Articles without findings
have no row; the manifest counts them. The columns are ``COLUMNS``, then the archive's other columns,
carried through: with their Parquet types from a Parquet archive, as text (JSON for what is not a
string) from JSON Lines, where rows need not share their keys, so partitions may differ in them. A
carried column whose name is taken is renamed ``input_<name>``.

A partition is complete when its manifest (``manifests/part-NNNNNN.json``) exists: it is written
after the findings file, and both are renamed into place from a temporary file, so a killed run
leaves either a complete partition or none (plus a ``.tmp`` file the next run removes). An audit
removes only what it wrote: its own files, by name (:func:`owned_files`), and their temporary files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import regex

from .. import patterns
from ..errors import CaptionCheckError
from ..atomic import TEMPORARY_SUFFIX, replacing, write_atomically  # noqa: F401 - the writers of this module

COLUMNS: dict[str, str] = {  # name: Arrow type
    "id": "string", "row": "int64", "path": "string", "article_language": "string",
    "rule": "string", "code": "string", "severity": "string",
    "line": "int64", "column": "int64", "end_line": "int64", "end_column": "int64",
    "language": "string", "message": "string", "score": "float64",
    "segment_text": "string", "related_line": "int64", "related_text": "string", "error": "string",
}
OUTPUT_FORMATS = ("parquet", "jsonl")


def require_pyarrow() -> None:
    """Parquet is read and written with pyarrow, the ``audit`` extra (about 40 MB): a one-line error
    names it when it is missing. JSON Lines needs nothing more."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CaptionCheckError("Parquet needs the audit extra: pip install 'captioncheck[audit]' "
                                "(or --output-format jsonl with a JSON Lines archive)") from None


def carried_name(name: str) -> str:
    return f"input_{name}" if name in COLUMNS else name


def as_text(value: Any) -> str | None:
    """A carried JSON Lines value as text: strings as they are, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_findings(path: Path, rows: Sequence[dict[str, Any]], output_format: str, carried_schema=None) -> int:
    """Write ``rows`` to ``path`` atomically; returns the file's size. ``carried_schema``: the Arrow
    schema of the archive's carried columns (Parquet archives), else they are text."""
    if output_format == "jsonl":
        data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
        write_atomically(path, data)
        return len(data)
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(name, getattr(pa, kind)()) for name, kind in COLUMNS.items()]
    carried = sorted({key for row in rows for key in row} - set(COLUMNS))
    typed = {carried_name(f.name): f.type for f in carried_schema} if carried_schema is not None else {}
    fields += [pa.field(name, typed.get(name, pa.string())) for name in carried]
    table = pa.Table.from_pylist(list(rows), schema=pa.schema(fields))
    with replacing(path) as temporary:
        pq.write_table(table, temporary, compression="zstd")
    return path.stat().st_size


def read_findings(path: Path) -> list[dict[str, Any]]:
    """The rows of a findings file (either format)."""
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


SUMMARY_FILES = ("summary.json", "summary.html", "articles.csv")
FOLDERS = ("findings", "manifests", "fixed")
_TEMPORARY = patterns.compile(rf"\.(?P<name>.+)\.[0-9a-f]{{8}}{regex.escape(TEMPORARY_SUFFIX)}")


def owned_files(directory: Path, partition_names: list[str], top: tuple[str, ...]) -> set[Path]:
    """Every file an audit with these partitions can write in ``directory`` (``top``: its own files
    at the top, the plan and options)."""
    owned = {directory / name for name in (*top, *SUMMARY_FILES)}
    for name in partition_names:
        owned |= {directory / "findings" / f"{name}.{suffix}" for suffix in OUTPUT_FORMATS}
        owned |= {directory / "manifests" / f"{name}.json", directory / "fixed" / f"{name}.jsonl"}
    return owned


def _temporary_of(path: Path) -> Path | None:
    """The file a temporary file (``.NAME.1a2b3c4d.tmp``) was being written as, if it is one."""
    match = _TEMPORARY.fullmatch(path.name)
    return path.with_name(match.group("name")) if match else None


def foreign_files(directory: Path, owned: set[Path]) -> list[Path]:
    """What ``directory`` holds that an audit did not write: neither one of ``owned`` nor a
    temporary file of one, nor one of the audit's folders."""
    folders = {directory / name for name in FOLDERS}
    foreign = []
    for path in sorted(directory.rglob("*")):
        if path in owned or path in folders or _temporary_of(path) in owned:
            continue
        foreign.append(path)
    return foreign


def remove_temporaries(directory: Path, owned: set[Path]) -> None:
    """Remove what killed runs left half-written: the temporary files of the audit's own files only."""
    for folder in (directory, *(directory / name for name in FOLDERS)):
        if folder.is_dir():
            for leftover in folder.glob(f".*{TEMPORARY_SUFFIX}"):
                if _temporary_of(leftover) in owned:
                    leftover.unlink(missing_ok=True)
