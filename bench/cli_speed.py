"""Cold start: wall time and peak memory of the command line on one article, models included.

Runs ``captioncheck ARTICLE`` as a user would (the console script of this environment): once with
an empty model store (the first run after installing; FIRST_RUNS times, each on an emptied store;
it says whether the installed wheel carries the models unpacked, as ``pip install .`` builds it, and
what the first run had to unpack into the store), then REPEAT times with the store in place,
and, in the same loop, ``python -c "import numpy"`` as the machine's yardstick. Prints medians,
the ratio to the yardstick and the peak resident memory of the checker. With ``--daemon``, then
starts ``captioncheck daemon`` and times REPEAT runs through it (the caller's wall time and peak
memory, and the daemon's resident memory), checking that their output equals a run's without it.
That daemon is the one a check run as installed starts for the next checks (``CAPTIONCHECK_AUTOSTART``
unset): the script runs one check, waits for the daemon it started to answer, then times the runs.

    python bench/cli_speed.py [ARTICLE] [--repeat 15] [--first-runs 3] [--daemon]
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
    parser.add_argument("--daemon", action="store_true", help="also time runs through captioncheck daemon")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("captioncheck")
    checker = [str(script) if script.exists() else sys.executable, *([] if script.exists() else ["-m", "captioncheck"]),
               str(args.article)]
    yardstick = [sys.executable, "-c", "import numpy"]
    store = Path(tempfile.mkdtemp(prefix="captioncheck-bench-"))
    environment = {**os.environ, "CAPTIONCHECK_CACHE_DIR": str(store), "CAPTIONCHECK_NO_DAEMON": "1"}
    try:
        firsts = []
        for _ in range(args.first_runs):
            shutil.rmtree(store, ignore_errors=True)
            firsts.append(run_once(checker, environment))
        unpacked = sorted(entry.name.rsplit("-", 1)[0] for entry in store.iterdir()) if store.is_dir() else []
        first, first_peak = statistics.median(t for t, _ in firsts), max(p for _, p in firsts)
        warm, peaks, numpy = [], [], []
        for _ in range(args.repeat):
            elapsed, peak = run_once(checker, environment)
            warm.append(elapsed)
            peaks.append(peak)
            numpy.append(run_once(yardstick, environment)[0])
        if args.daemon:
            through = daemon_runs(checker, environment, store, args.repeat)
    finally:
        shutil.rmtree(store, ignore_errors=True)
    print(f"command: python {' '.join(sys.argv)}")
    print(f"cores: {os.cpu_count()}; checker: {' '.join(checker)}")
    print(f"models packaged in the installed wheel: {packaged_models()}")
    print(f"first run (empty model store, {args.first_runs} times): median {first:.2f} s "
          f"(min {min(t for t, _ in firsts):.2f}, max {max(t for t, _ in firsts):.2f}), peak {first_peak:.0f} MB; "
          f"unpacked into the store: {', '.join(unpacked) or 'nothing'}")
    print(f"later runs ({args.repeat}): median {statistics.median(warm):.2f} s "
          f"(min {min(warm):.2f}, max {max(warm):.2f}), peak {max(peaks):.0f} MB")
    print(f'python -c "import numpy": median {statistics.median(numpy):.2f} s; '
          f"ratio {statistics.median(warm) / statistics.median(numpy):.1f}")
    if args.daemon:
        times, peaks, daemon_mb, same = through
        print(f"as installed, through the daemon the first check started ({args.repeat}): median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f}), caller's peak {max(peaks):.0f} MB, daemon "
              f"{daemon_mb:.0f} MB resident; same output as without it: {'yes' if same else 'NO'}")


def packaged_models() -> str:
    """Whether the installation's wheel carries the models unpacked (captioncheck/packaged_models.py)."""
    probe = ("from captioncheck import model_store, packaged_models as p; "
             "m = p.missing(model_store.PACKAGED); print(f'no (lacks {len(m)} of {len(p.models())})' if m else 'yes')")
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=tempfile.gettempdir()).stdout.strip() or "unknown"  # not this checkout's package


def daemon_runs(checker: list[str], environment: dict[str, str], store: Path,
                repeat: int) -> tuple[list[float], list[float], float, bool]:
    """Times and peaks of runs through a daemon started for them, its memory, and whether the output
    equals a run's in its own process."""
    folder = store / "daemon"
    folder.mkdir(mode=0o700, parents=True)
    with_daemon = {**environment, "CAPTIONCHECK_DAEMON_DIR": str(folder)}
    for name in ("CAPTIONCHECK_NO_DAEMON", "CAPTIONCHECK_AUTOSTART", "CI"):
        with_daemon.pop(name, None)
    command = [*checker[:-1], "daemon"]  # the same installation as the checker's
    subprocess.run(checker, env=with_daemon, capture_output=True)  # starts a daemon for the next checks
    deadline = time.monotonic() + 60
    while not (status := subprocess.run([*command, "status"], env=with_daemon, capture_output=True,
                                        text=True).stdout).startswith("captioncheck daemon running"):
        if time.monotonic() > deadline:
            raise SystemExit("the first check started no daemon within 60 s")
        time.sleep(0.1)
    pid = int(status.split("pid ")[1].split(",")[0])
    try:
        times, peaks = [], []
        for _ in range(repeat):
            elapsed, peak = run_once(checker, with_daemon)
            times.append(elapsed)
            peaks.append(peak)
        resident = 0.0
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                resident = int(line.split()[1]) / 1024
        same = (subprocess.run(checker, env=with_daemon, capture_output=True).stdout
                == subprocess.run(checker, env=environment, capture_output=True).stdout)
    finally:
        subprocess.run([*command, "stop"], env=with_daemon, capture_output=True)
    return times, peaks, resident, same


if __name__ == "__main__":
    main()
