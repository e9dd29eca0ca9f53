"""captioncheck daemon: checks run in a warmed-up process give exactly what a check in its own process gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA

EXAMPLES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".html"))


def _captioncheck(*args: str, env: dict, cwd: Path | None = None, stdin: bytes | None = None,
                  daemon: bool = True) -> subprocess.CompletedProcess:
    environment = {**env, "CAPTIONCHECK_NO_DAEMON": "1"}
    if daemon:
        del environment["CAPTIONCHECK_NO_DAEMON"]
    return subprocess.run([sys.executable, "-m", "captioncheck", *args], capture_output=True, cwd=cwd,
                          input=stdin, env=environment, timeout=120)


@pytest.fixture(scope="module")
def daemon_env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("daemon")
    folder.chmod(0o700)
    env = {**os.environ, "CAPTIONCHECK_DAEMON_DIR": str(folder), "NO_COLOR": "1"}
    env.pop("CAPTIONCHECK_NO_DAEMON", None)
    started = _captioncheck("daemon", "start", env=env)
    assert started.returncode == 0, started.stderr
    assert b"daemon started" in started.stdout
    yield env
    _captioncheck("daemon", "stop", env=env)


def _status(env: dict) -> tuple[int, int]:
    """The daemon's pid and how many connections it accepted before this status request."""
    status = _captioncheck("daemon", "status", env=env)
    assert status.stdout.startswith(b"captioncheck daemon running"), status.stdout
    served = int(status.stdout.split(b"connections served")[0].split(b", ")[-1])
    return int(status.stdout.split(b"pid ")[1].split(b",")[0]), served


def _pid(env: dict) -> int:
    return _status(env)[0]


@pytest.mark.parametrize("arguments", [[str(p)] for p in EXAMPLES] + [
    ["--format", "json", str(EXAMPLES[0]), str(EXAMPLES[1])], ["--format", "sarif", str(EXAMPLES[2])],
    ["--version"], ["--explain", "CC201"], ["--no-such-option"], ["does-not-exist.txt"]],
    ids=lambda a: " ".join(Path(x).name for x in a))
def test_same_output_and_status_as_a_check_in_its_own_process(daemon_env, arguments):
    through = _captioncheck(*arguments, env=daemon_env)
    alone = _captioncheck(*arguments, env=daemon_env, daemon=False)
    assert (through.returncode, through.stdout, through.stderr) == (alone.returncode, alone.stdout, alone.stderr)


def test_checks_go_through_the_daemon_unless_told_not_to(daemon_env):
    pid, before = _status(daemon_env)
    assert _captioncheck(str(EXAMPLES[0]), env=daemon_env).returncode in (0, 1)
    assert _status(daemon_env) == (pid, before + 2)  # the status request, then the check
    assert _captioncheck(str(EXAMPLES[0]), env=daemon_env, daemon=False).returncode in (0, 1)
    assert _status(daemon_env) == (pid, before + 3)  # only the status request


def test_standard_input_folder_configuration_and_environment_are_the_callers(daemon_env, tmp_path):
    article = (DATA / "fr-caption-es.txt").read_bytes()
    (tmp_path / ".captioncheck.toml").write_text('ignore = ["ui-artifact"]\n', encoding="utf-8")
    for environment in (daemon_env, {**daemon_env, "NO_COLOR": "1", "TERM": "dumb"}):
        through = _captioncheck("-", "--stdin-filename", "piece.txt", env=environment, cwd=tmp_path, stdin=article)
        alone = _captioncheck("-", "--stdin-filename", "piece.txt", env=environment, cwd=tmp_path, stdin=article,
                              daemon=False)
        assert through.returncode == alone.returncode == 1
        assert through.stdout == alone.stdout
        assert b"piece.txt:" in through.stdout and b"ui-artifact" not in through.stdout


def test_a_dead_daemon_means_checking_in_process(tmp_path):
    folder = tmp_path / "daemon"
    folder.mkdir(mode=0o700)
    env = {**os.environ, "CAPTIONCHECK_DAEMON_DIR": str(folder), "NO_COLOR": "1"}
    assert _captioncheck("daemon", "start", env=env).returncode == 0
    os.kill(_pid(env), signal.SIGKILL)
    time.sleep(0.2)
    [stale] = list(folder.glob("*.sock"))  # the socket file is left behind
    done = _captioncheck(str(EXAMPLES[0]), env=env)
    alone = _captioncheck(str(EXAMPLES[0]), env=env, daemon=False)
    assert (done.returncode, done.stdout) == (alone.returncode, alone.stdout)
    assert stale.exists()


def test_a_folder_others_can_write_is_not_trusted(tmp_path):
    folder = tmp_path / "daemon"
    folder.mkdir(mode=0o700)
    env = {**os.environ, "CAPTIONCHECK_DAEMON_DIR": str(folder), "NO_COLOR": "1"}
    assert _captioncheck("daemon", "start", env=env).returncode == 0
    try:
        _, before = _status(env)
        folder.chmod(0o777)
        done = _captioncheck(str(EXAMPLES[0]), env=env)
        assert done.returncode in (0, 1)
        folder.chmod(0o700)
        assert _status(env)[1] == before + 1  # the check did not go through the daemon
    finally:
        folder.chmod(0o700)
        assert b"stopped" in _captioncheck("daemon", "stop", env=env).stdout


def _private_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    return folder


def _wait_for_status(env: dict, seconds: float = 60.0) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = _captioncheck("daemon", "status", env=env).stdout
        if status.startswith(b"captioncheck daemon running"):
            return status
        time.sleep(0.2)
    return b""


def test_a_check_in_its_own_process_starts_a_daemon_for_the_next_ones(tmp_path):
    env = {**os.environ, "CAPTIONCHECK_DAEMON_DIR": str(_private_folder(tmp_path)), "NO_COLOR": "1"}
    for name in ("CAPTIONCHECK_NO_DAEMON", "CAPTIONCHECK_AUTOSTART", "CI"):
        env.pop(name, None)
    first = _captioncheck(str(EXAMPLES[0]), env=env)
    try:
        assert _wait_for_status(env)
        _, served = _status(env)
        second = _captioncheck(str(EXAMPLES[0]), env=env)
        assert _status(env)[1] == served + 2  # the check, then this status request
        assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    finally:
        _captioncheck("daemon", "stop", env=env)


def test_the_daemon_a_check_starts_never_imports_a_captioncheck_folder_of_the_callers(tmp_path):
    """Checking inside a checkout or a content repository that holds a ``captioncheck`` folder: the
    daemon started for the next checks runs the installed package, not that folder's code."""
    planted = tmp_path / "repository" / "captioncheck"
    planted.mkdir(parents=True)
    marker = tmp_path / "planted-code-ran"
    for module in ("__init__.py", "daemon.py", "__main__.py"):
        (planted / module).write_text(f"open({str(marker)!r}, 'w').close()\n")
    env = {**os.environ, "CAPTIONCHECK_DAEMON_DIR": str(_private_folder(tmp_path)), "NO_COLOR": "1"}
    for name in ("CAPTIONCHECK_NO_DAEMON", "CAPTIONCHECK_AUTOSTART", "CI"):
        env.pop(name, None)
    script = Path(sys.executable).with_name("captioncheck")  # the console script, as a user runs it
    subprocess.run([str(script), str(EXAMPLES[0])], cwd=planted.parent, env=env, capture_output=True, timeout=120)
    try:
        assert _wait_for_status(env)
        assert not marker.exists()
    finally:
        _captioncheck("daemon", "stop", env=env)


@pytest.mark.parametrize("switch", [{"CI": "true"}, {"CAPTIONCHECK_AUTOSTART": "0"}])
def test_no_daemon_is_started_in_ci_or_when_turned_off(tmp_path, switch):
    folder = _private_folder(tmp_path)
    env = {**os.environ, "CAPTIONCHECK_DAEMON_DIR": str(folder), "NO_COLOR": "1", **switch}
    env.pop("CAPTIONCHECK_NO_DAEMON", None)
    _captioncheck(str(EXAMPLES[0]), env=env)
    time.sleep(2.0)  # a daemon takes its lock within a few tenths of a second of starting
    assert not list(folder.glob("*.lock"))
    assert b"no captioncheck daemon running" in _captioncheck("daemon", "status", env=env).stdout


def test_a_second_daemon_of_one_installation_exits_at_once(daemon_env):
    pid = _pid(daemon_env)
    path = next(Path(daemon_env["CAPTIONCHECK_DAEMON_DIR"]).glob("*.lock")).with_suffix("")
    second = subprocess.run([sys.executable, "-m", "captioncheck.daemon", str(path), "60"], env=daemon_env,
                            capture_output=True, timeout=30)
    assert second.returncode == 0 and _pid(daemon_env) == pid


def test_no_daemon_is_started_in_a_folder_others_can_enter(tmp_path, monkeypatch):
    from captioncheck import daemon

    spawned = []
    monkeypatch.setattr(daemon, "_spawn", lambda path, idle: spawned.append(path))
    for name in ("CAPTIONCHECK_NO_DAEMON", "CAPTIONCHECK_AUTOSTART", "CI"):
        monkeypatch.delenv(name, raising=False)
    folder = _private_folder(tmp_path)
    monkeypatch.setenv("CAPTIONCHECK_DAEMON_DIR", str(folder))
    daemon.autostart([str(EXAMPLES[0])])
    assert len(spawned) == 1  # a private folder: started
    folder.chmod(0o777)
    daemon.autostart([str(EXAMPLES[0])])
    assert len(spawned) == 1  # others can enter it: the daemon would refuse it, so none is started
    daemon.autostart(["serve"])
    assert len(spawned) == 1
