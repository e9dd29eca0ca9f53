"""What an audit writes: one findings file and one manifest per partition, each written atomically.

Findings files (``findings/part-NNNNNN.parquet`` or ``.jsonl``) hold one row per finding, and one
row per article that could not be checked (``error`` set, ``rule`` empty). Articles without findings
have no row; the manifest counts them. The columns are ``COLUMNS``, then the archive's other columns,
carried through: with their Parquet types from a Parquet archive, as text (JSON for what is not a
string) from JSON Lines, where rows need not share their keys, so partitions may differ in them. A
carried column whose name is taken is renamed ``input_<name>``.

A partition is complete when its manifest (``manifests/part-NNNNNN.json``) exists: it is written
after the findings file, and both are renamed into place from a temporary file, so a killed run
leaves either a complete partition or none (plus a ``.tmp`` file the next run removes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def remove_temporaries(directory: Path) -> None:
    """Remove what killed runs left half-written."""
    for leftover in directory.rglob(f"*{TEMPORARY_SUFFIX}"):
        leftover.unlink(missing_ok=True)
