"""Wall time of the command line on one article, start-up and model loading included.

Runs ``captioncheck ARTICLE`` as a user would, once with an empty model cache (the first run after
installing) and then REPEAT times with the cache in place, and prints the times.

    python bench/cli_speed.py [ARTICLE] [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "articles" / "nato-kyiv-fr.txt"


def run_once(article: Path, environment: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "captioncheck", str(article)], env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"captioncheck exited {result.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="captioncheck-bench-"))
    environment = {**os.environ, "CAPTIONCHECK_CACHE_DIR": str(cache)}
    try:
        first = run_once(args.article, environment)
        warm = [run_once(args.article, environment) for _ in range(args.repeat)]
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"article: {args.article}")
    print(f"first run (empty model cache): {first:.2f} s")
    print(f"later runs ({args.repeat}): median {statistics.median(warm):.2f} s, "
          f"min {min(warm):.2f} s, max {max(warm):.2f} s")


if __name__ == "__main__":
    main()
