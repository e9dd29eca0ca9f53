"""Cold start: wall time and peak memory of the command line on one article, models included.

Runs ``captioncheck ARTICLE`` as a user would (the console script of this environment): once with
an empty model store (the first run after installing; FIRST_RUNS times, each on an emptied store;
it says whether the installed wheel carries the models unpacked, as ``pip install .`` builds it, and
what the first run had to unpack into the store), then REPEAT times with the store in place, each
time twice: every text encoded (``CAPTIONCHECK_VECTOR_CACHE=0``, as for an article never checked) and
with the vectors the run before kept (the article checked again); and, in the same loop,
``python -c "import numpy"`` as the machine's yardstick. Prints medians,
the ratio to the yardstick and the peak resident memory of the checker. The package is byte-compiled
first, as ``pip install`` leaves it (numpy, the yardstick, is too).

    python bench/cli_speed.py [ARTICLE] [--repeat 15] [--first-runs 3]
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


def run_once(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command[0]} exited {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--first-runs", type=int, default=3, help="first runs, each on an empty model store")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("captioncheck")
    checker = [str(script) if script.exists() else sys.executable, *([] if script.exists() else ["-m", "captioncheck"]),
               str(args.article)]
    yardstick = [sys.executable, "-c", "import numpy"]
    compiled = compile_bytecode()
    store = Path(tempfile.mkdtemp(prefix="captioncheck-bench-"))
    environment = {**os.environ, "CAPTIONCHECK_CACHE_DIR": str(store)}
    try:
        firsts = []
        for _ in range(args.first_runs):
            shutil.rmtree(store, ignore_errors=True)
            firsts.append(run_once(checker, environment))
        unpacked = sorted(entry.name.rsplit("-", 1)[0] for entry in store.iterdir()
                          if not entry.name.startswith("vectors.")) if store.is_dir() else []
        first, first_peak = statistics.median(t for t, _ in firsts), max(p for _, p in firsts)
        warm, peaks, encoded, encoded_peaks, numpy = [], [], [], [], []
        unkept = {**environment, "CAPTIONCHECK_VECTOR_CACHE": "0"}
        for _ in range(args.repeat):
            elapsed, peak = run_once(checker, environment)
            warm.append(elapsed)
            peaks.append(peak)
            elapsed, peak = run_once(checker, unkept)
            encoded.append(elapsed)
            encoded_peaks.append(peak)
            numpy.append(run_once(yardstick, environment)[0])
    finally:
        shutil.rmtree(store, ignore_errors=True)
    print(f"command: python {' '.join(sys.argv)}")
    print(f"cores: {os.cpu_count()}; checker: {' '.join(checker)}")
    print(f"models packaged in the installed wheel: {packaged_models()}; bytecode: {compiled}")
    print(f"first run (empty model store, {args.first_runs} times): median {first:.2f} s "
          f"(min {min(t for t, _ in firsts):.2f}, max {max(t for t, _ in firsts):.2f}), peak {first_peak:.0f} MB; "
          f"unpacked into the store: {', '.join(unpacked) or 'nothing'}")
    print(f"later runs, every text encoded (CAPTIONCHECK_VECTOR_CACHE=0, as for a new article) ({args.repeat}): "
          f"median {statistics.median(encoded):.3f} s (min {min(encoded):.2f}, max {max(encoded):.2f}), "
          f"peak {max(encoded_peaks):.0f} MB")
    print(f"later runs, vectors kept from the run before (the article checked again) ({args.repeat}): "
          f"median {statistics.median(warm):.3f} s (min {min(warm):.2f}, max {max(warm):.2f}), peak {max(peaks):.0f} MB")
    print(f'python -c "import numpy": median {statistics.median(numpy):.2f} s; '
          f"ratio {statistics.median(encoded) / statistics.median(numpy):.1f} (every text encoded), "
          f"{statistics.median(warm) / statistics.median(numpy):.1f} (vectors kept)")

def compile_bytecode() -> str:
    """Byte-compile the installed package, as ``pip install`` does: an editable install (or a shell with
    PYTHONDONTWRITEBYTECODE=1) would otherwise compile every module from source on every run (70 ms)."""
    probe = "import captioncheck, pathlib; print(pathlib.Path(captioncheck.__file__).parent)"
    folder = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=tempfile.gettempdir()).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True)
    return f"compiled in {folder} (as pip install does)"


def packaged_models() -> str:
    """Whether the installation's wheel carries the models unpacked (captioncheck/packaged_models.py)."""
    probe = ("from captioncheck import model_store, packaged_models as p; "
             "m = p.missing(model_store.PACKAGED); print(f'no (lacks {len(m)} of {len(p.models())})' if m else 'yes')")
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=tempfile.gettempdir()).stdout.strip() or "unknown"  # not this checkout's package


if __name__ == "__main__":
    main()
