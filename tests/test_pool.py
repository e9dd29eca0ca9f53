"""The one process pool: results by index, a dead worker reported, workers that die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from captioncheck.pool import WorkerDied, completed
from conftest import ROOT


def _square(number: int) -> int:
    return number * number


def _exit_on_three(number: int) -> int:
    if number == 3:
        os._exit(9)
    return number


def _remember(value: str) -> None:
    os.environ["POOL_TEST_INIT"] = value


def _initialised(_: int) -> str:
    return os.environ.get("POOL_TEST_INIT", "")


def test_every_result_comes_back_with_its_index():
    assert sorted(completed(_square, [3, 1, 4, 1, 5], jobs=2)) == [(0, 9), (1, 1), (2, 16), (3, 1), (4, 25)]


def test_the_initializer_runs_in_each_worker():
    assert {value for _, value in completed(_initialised, [1, 2, 3], 2, _remember, ("ready",))} == {"ready"}


def test_a_worker_that_dies_is_reported():
    with pytest.raises(WorkerDied):
        list(completed(_exit_on_three, [1, 2, 3, 4], jobs=2))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_the_process_that_started_them():
    program = (
        "import os, sys, time\n"
        "from captioncheck.pool import completed\n"
        "def pid(_):\n"
        "    os.write(1, f'{os.getpid()}\\n'.encode())  # one write: the two workers' lines never mix\n"
        "    time.sleep(600)\n"
        "list(completed(pid, [1, 2], 2))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
