"""Audit speed: articles per second of ``captioncheck audit`` on the local engine and on Dask.

Makes a synthetic archive (``bench/make_archive.py``: the example articles and Tatoeba sentences of
``../shared/eval``), then audits it with the local engine and with ``--engine dask`` (a
``LocalCluster`` of as many single-threaded workers), each into a fresh output folder, and prints the
wall time, articles per second, the largest peak memory of a worker process (from the manifests),
Dask's rate against the local engine's, and whether both wrote the same findings, byte for byte.

    python bench/audit_speed.py [--rows 100000] [--jobs 2] [--format parquet|jsonl] [--engines local dask]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_archive import write  # noqa: E402


def audit(archive: Path, output: Path, engine: str, jobs: int, output_format: str) -> tuple[float, dict]:
    command = [sys.executable, "-m", "captioncheck", "audit", str(archive), "--output", str(output),
               "--engine", engine, "--jobs", str(jobs), "--output-format", output_format]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return wall, json.loads((output / "summary.json").read_text())


def findings_bytes(output: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted((output / "findings").iterdir())}


def main() -> None:
    os.environ["CAPTIONCHECK_VECTOR_CACHE"] = "0"  # each engine encodes every text (none kept by the other's run)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", choices=("parquet", "jsonl"), default="parquet", help="archive and findings")
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=("local", "dask"))
    args = parser.parse_args()
    print(f"Command: python bench/audit_speed.py --rows {args.rows} --jobs {args.jobs} --format {args.format} "
          f"--engines {' '.join(args.engines)}")
    print(f"{os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory(prefix="captioncheck-audit-") as scratch:
        archive = Path(scratch) / f"archive.{args.format}"
        started = time.perf_counter()
        write(archive, args.rows)
        print(f"archive: {args.rows} articles, {archive.stat().st_size / 1e6:.1f} MB, "
              f"made in {time.perf_counter() - started:.0f} s\n")
        print("| engine | wall s | articles/s | findings | articles not checked | worker peak MB |")
        print("|---|---:|---:|---:|---:|---:|")
        rates, outputs = {}, {}
        for engine in args.engines:
            output = Path(scratch) / f"out-{engine}"
            wall, summary = audit(archive, output, engine, args.jobs, args.format)
            rates[engine] = summary["articles"] / wall
            outputs[engine] = findings_bytes(output)
            label = "local" if engine == "local" else f"dask LocalCluster, {args.jobs} workers"
            print(f"| {label} | {wall:.1f} | {rates[engine]:.0f} | {summary['findings']} | {summary['errors']} "
                  f"| {summary['worker_peak_mb']:.0f} |")
        if len(rates) == 2:
            print(f"\nDask's rate is {100 * rates['dask'] / rates['local']:.0f}% of the local engine's")
            print("same findings files, byte for byte:", "yes" if outputs["local"] == outputs["dask"] else "NO")
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
