"""A content repository's worth of articles: wall time and core use, serial and in parallel.

Generates N articles (the example articles of ``data/articles`` in turn, each with a numbered
paragraph of its own so no two files are the same) in a temporary directory, then runs
``captioncheck --format json --jobs J DIR`` for each J, and checks that every run gives the same
report, byte for byte, in the same order.

    python bench/batch_speed.py [--articles 500] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"


def generate(directory: Path, count: int) -> None:
    sources = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".html"))
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        extra = f"Mise à jour numéro {n} de cet article, publiée après vérification par la rédaction."
        if source.suffix == ".html":
            text = text.replace("</article>", f"<p>{extra}</p>\n</article>")
        else:
            text = text.rstrip("\n") + f"\n\n{extra}\n"
        folder = directory / f"section-{n % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:04d}-{source.name}").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="captioncheck-batch-"))
    try:
        generate(directory, args.articles)
        outputs = {}
        print(f"{args.articles} articles, {os.cpu_count()} cores\n")
        print("| --jobs | wall s | files/s | CPU s (user+sys) | cores used |")
        print("|---:|---:|---:|---:|---:|")
        for jobs in args.jobs:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "captioncheck", "--format", "json", "--jobs", str(jobs),
                                     str(directory)], capture_output=True)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if result.returncode not in (0, 1):
                raise SystemExit(result.stderr.decode())
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            outputs[jobs] = hashlib.sha256(result.stdout).hexdigest()
            print(f"| {jobs} | {wall:.1f} | {args.articles / wall:.0f} | {cpu:.1f} | {cpu / wall:.2f} |")
        same = len(set(outputs.values())) == 1
        print(f"\nsame report, byte for byte, for every --jobs: {'yes' if same else 'NO'}")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
