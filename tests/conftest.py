from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from captioncheck.checker import Checker
from captioncheck.document import Document
from captioncheck.readers import parse
from captioncheck.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "articles"
# Vectors are not kept between runs here: a test's encoder calls and timings do not depend on what
# earlier tests (or the user's own checks) left in the cache folder. tests/test_vector_store.py turns
# the store on in a folder of its own.
os.environ["CAPTIONCHECK_VECTOR_CACHE"] = "0"

def require(present: object, missing: str, variable: str) -> None:
    """Skip the test when something outside the package is ``missing`` (the reason names how to get
    it); fail it instead when CI set ``variable``, since CI installs everything and must run it all."""
    if present:
        return
    if os.environ.get(variable):
        pytest.fail(f"{variable} is set but {missing}")
    pytest.skip(missing)


def shared_dir() -> Path | None:
    """The project's read-only shared folder (seed article, eval data), if this machine has it."""
    for candidate in (os.environ.get("CAPTIONCHECK_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "articles").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def seed_article() -> Path:
    shared = shared_dir()
    require(shared, "the shared folder with the seed article is not on this machine (set CAPTIONCHECK_SHARED)",
            "CAPTIONCHECK_REQUIRE_SHARED")
    assert shared is not None
    return shared / "articles" / "nato-kyiv-fr.txt"


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker(Settings())


@pytest.fixture(scope="session")
def encoder(checker: Checker):
    """The embedded encoder, with the checker's cache."""
    return checker.encoder()


def document_from(text: str, path: str = "test.txt", input_format: str = "text") -> Document:
    return parse(text, input_format, path)


# Runs the command as its own child and reports that child's peak memory on a pipe. The command cannot
# be measured as a direct child of the test process: the kernel keeps the parent's high-water mark
# across fork and exec, so every child of a 500 MB test process would seem to take 500 MB.
_MEASURED = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execv(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "os.write(int(sys.argv[1]), str(usage.ru_maxrss).encode())\n"
    "code = os.waitstatus_to_exitcode(status)\n"
    "sys.exit(code if code >= 0 else 128 - code)\n"
)


def _in_a_child(command: list[str], cwd: Path | None, input_bytes: bytes | None, timeout: float,
                environment: dict[str, str]) -> subprocess.CompletedProcess:
    """``command`` in a child process of its own: the result carries its peak resident memory in KB
    (``peak_kb``); past ``timeout`` seconds it is killed with its process group (TimeoutExpired)."""
    peak_read, peak_write = os.pipe()
    try:
        child = subprocess.Popen([sys.executable, "-c", _MEASURED, str(peak_write), *command], cwd=cwd,
                                 env=environment, pass_fds=(peak_write,), start_new_session=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL)
    finally:
        os.close(peak_write)
    try:
        out, err = child.communicate(input_bytes, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, 9)
        child.communicate()
        os.close(peak_read)
        raise
    with os.fdopen(peak_read, "rb") as peak:
        reported = peak.read()
    result = subprocess.CompletedProcess(command, child.returncode, out, err)
    result.peak_kb = int(reported or 0)  # type: ignore[attr-defined]
    return result


def run_cli(*args: str, cwd: Path | None = None, input_bytes: bytes | None = None, timeout: float = 120,
            env: dict[str, str] | None = None, process: bool = False) -> subprocess.CompletedProcess:
    """The real command line, ``captioncheck ARGS``: its exit status and its standard output and error.

    By default ``captioncheck.cli.main(args)`` runs in this process, with standard input, output and
    error swapped for buffers, the working folder ``cwd`` and the variables ``env`` set for the call.
    With ``process=True`` it runs as ``python -m captioncheck`` in a child process, for what only a
    process shows: the entry point, signals, worker pools, memory, a hang (``timeout`` seconds).
    """
    environment = {"NO_COLOR": "1", **(env or {})}
    if process:
        return _in_a_child([sys.executable, "-m", "captioncheck", *args], cwd, input_bytes, timeout,
                           {**os.environ, **environment})
    from captioncheck.cli import main

    streams = (sys.stdin, sys.stdout, sys.stderr)
    saved = {name: os.environ.get(name) for name in environment}
    folder = Path.cwd()
    out, err = io.BytesIO(), io.BytesIO()
    swapped = (io.TextIOWrapper(io.BytesIO(input_bytes or b""), encoding="utf-8"),
               io.TextIOWrapper(out, encoding="utf-8", write_through=True),
               io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True))
    sys.stdin, sys.stdout, sys.stderr = swapped
    os.environ.update(environment)
    try:
        if cwd is not None:
            os.chdir(cwd)
        status = main(list(args))
    finally:
        os.chdir(folder)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        sys.stdin, sys.stdout, sys.stderr = streams
        for stream in swapped:
            stream.flush()
            stream.detach()  # the buffers stay open to be read
    return subprocess.CompletedProcess(["captioncheck", *args], status, out.getvalue(), err.getvalue())
