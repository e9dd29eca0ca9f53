"""``captioncheck daemon start|stop|status``: models kept loaded, so a check starts in a blink.

A check from the command line spends most of its 0.6 s starting: the interpreter, numpy, the
modules, mapping the models, warming their caches; checking the seed article takes 0.05 s. Editors
and pre-commit hooks run it again and again, as ``dmypy`` or ``eslint_d`` users run theirs: a
daemon started once keeps one warmed-up process, and each ``captioncheck ...`` then only hands it
its work.

How a check goes through the daemon:

- the console entry point (:mod:`captioncheck.launcher`), before importing anything heavy, looks for
  the daemon's socket (:func:`socket_path`: one per installation, version and source state, in a
  folder only the user can enter) and, if one answers, sends its arguments, working folder and
  environment, with its standard input, output and error themselves (file descriptors passed over
  the Unix socket);
- the daemon forks a child, which takes those descriptors, folder and environment, and runs the
  very same command line (:func:`captioncheck.cli.main`); output goes straight to the caller's
  terminal or pipe, byte for byte what a check in its own process writes;
- the child sends back the exit status, and the caller exits with it.

No daemon, another version, or a socket nobody answers: the check runs in its own process, as
always, and then starts a daemon in the background for the next checks (:func:`autostart`, as Gradle
and Bazel start theirs), unless ``CAPTIONCHECK_AUTOSTART=0``, ``CAPTIONCHECK_NO_DAEMON=1`` or ``CI`` is
set: a CI job checks once and leaves no process behind. Two daemons of one installation never run
together: a second one finds the first's lock and exits. ``serve``, ``audit`` and ``daemon`` never go through it. The daemon exits after
``--idle-timeout`` seconds without a request (30 minutes by default), on ``daemon stop`` or SIGTERM.
"""

from __future__ import annotations

import os
import sys

# Every check pays for importing this module before it knows whether a daemon runs: the modules that
# talking to one needs (socket, json, hashlib, signal: some 15 ms) are imported only then.
_INT = 4  # bytes of a length, pid or exit status on the socket (big-endian, signed)
BYPASS = ("serve", "audit", "daemon")
DEFAULT_IDLE_TIMEOUT = 1800.0
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def _identity() -> str:
    """This installation and state of the code: another version or an edited source file is another
    daemon."""
    import hashlib

    from . import __version__

    latest = 0
    for folder, _, files in os.walk(_PACKAGE):
        for name in files:
            if name.endswith(".py"):
                latest = max(latest, os.stat(os.path.join(folder, name)).st_mtime_ns)
    key = f"{__version__}|{_PACKAGE}|{sys.prefix}|{latest}"
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def socket_folder() -> str:
    configured = os.environ.get("CAPTIONCHECK_DAEMON_DIR")
    if configured:
        return configured
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "captioncheck")
    return os.path.join("/tmp", f"captioncheck-{os.getuid()}")


def socket_path() -> str:
    return os.path.join(socket_folder(), f"daemon-{_identity()}.sock")


def _private(folder: str) -> bool:
    """Whether ``folder`` belongs to this user and nobody else can enter it."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


def _send(connection: socket.socket, message: dict, fds: list[int] | None = None) -> None:
    import json
    import socket

    body = json.dumps(message).encode()
    data = len(body).to_bytes(_INT, "big") + body
    if fds:
        sent = socket.send_fds(connection, [data], fds)
        connection.sendall(data[sent:])
    else:
        connection.sendall(data)


def _receive(connection: socket.socket, max_fds: int = 0) -> tuple[dict, list[int]]:
    import json
    import socket

    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, max_fds) if max_fds else (connection.recv(1 << 16), [], 0, None)
    while len(data) < _INT or len(data) < _INT + int.from_bytes(data[:_INT], "big"):
        more = connection.recv(1 << 16)
        if not more:
            raise ConnectionError("the message ended early")
        data += more
    length = int.from_bytes(data[:_INT], "big")
    return json.loads(data[_INT:_INT + length]), fds


def delegate(arguments: list[str]) -> int | None:
    """Run ``captioncheck ARGUMENTS`` in the daemon: its exit status, or None when there is no daemon
    to run it (the caller then checks in its own process)."""
    if arguments[:1] and arguments[0] in BYPASS or os.environ.get("CAPTIONCHECK_NO_DAEMON"):
        return None
    folder = socket_folder()
    if not os.path.isdir(folder):
        return None
    path = os.path.join(folder, f"daemon-{_identity()}.sock")
    if not os.path.exists(path) or not _private(folder):
        return None
    import signal
    import socket

    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        _send(connection, {"argv": arguments, "cwd": os.getcwd(), "env": dict(os.environ)}, [0, 1, 2])
    except OSError:
        connection.close()
        return None  # nobody answers: a daemon that died; check here
    try:
        child = _read_int(connection)
        status = None
        while status is None:
            try:
                status = _read_int(connection)
            except KeyboardInterrupt:  # Ctrl-C reaches this process only: pass it on to the check
                if child is not None:
                    os.kill(child, signal.SIGINT)
            if child is None:
                break
    finally:
        connection.close()
    if status is None:
        print("captioncheck: error: the daemon stopped while checking; run again "
              "(or set CAPTIONCHECK_NO_DAEMON=1)", file=sys.stderr)
        return 2
    return status


def _read_int(connection: socket.socket) -> int | None:
    data = b""
    while len(data) < _INT:
        more = connection.recv(_INT - len(data))
        if not more:
            return None
        data += more
    return int.from_bytes(data, "big", signed=True)


# --- the daemon itself --------------------------------------------------------------------------

def _warm_up() -> None:
    """Load what a check uses, so that every forked child finds it ready."""
    from . import cli
    from .api import check_text

    check_text("Titre de l'article\n\nAFP - El presidente habla con los periodistas en Madrid\n"
               "AFP - Le président parle aux journalistes à Madrid\n\nLe texte de l'article, en français.\n")
    cli.main(["--version"])


def _run_child(connection: socket.socket, served: int) -> None:
    """In the forked child: become the caller's command line, run it, send back its pid, then the status."""
    import signal

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the command line may wait for worker processes
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    message, fds = _receive(connection, max_fds=3)
    if message.get("command"):
        _answer_command(connection, message["command"], served)
        return
    connection.sendall(os.getpid().to_bytes(_INT, "big", signed=True))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(message["cwd"])
    os.environ.clear()
    os.environ.update(message["env"])
    sys.argv = ["captioncheck", *message["argv"]]
    from .cli import main

    try:
        status = main(message["argv"])
        sys.stdout.flush()
    except BrokenPipeError:  # as the console entry point: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 2
    try:
        sys.stderr.flush()
    except OSError:
        pass
    connection.sendall(int(status).to_bytes(_INT, "big", signed=True))


def _answer_command(connection: socket.socket, command: str, served: int) -> None:
    import signal

    from . import __version__

    _send(connection, {"pid": os.getppid(), "version": __version__, "served": served})
    if command == "stop":
        os.kill(os.getppid(), signal.SIGTERM)


def serve_forever(path: str, idle_timeout: float) -> None:
    """Listen on ``path`` until idle for ``idle_timeout`` seconds or told to stop; return at once when
    another daemon of this installation holds the lock."""
    import fcntl
    import signal
    import socket

    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not _private(folder):
        raise SystemExit(f"captioncheck daemon: {folder} is not private to this user; not starting")
    lock = os.open(f"{path}.lock", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # another daemon serves this installation, or is starting
        os.close(lock)
        return
    _warm_up()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    temporary = f"{path}.{os.getpid()}"
    listener.bind(temporary)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    listener.listen(64)
    listener.settimeout(idle_timeout)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    served = 0  # connections accepted before this one
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except socket.timeout:
                break
            connection.settimeout(None)
            if os.fork() == 0:
                listener.close()
                try:
                    _run_child(connection, served)
                finally:
                    os._exit(0)
            connection.close()
            served += 1
    except KeyboardInterrupt:
        pass
    finally:
        try:
            if os.path.exists(path) and os.stat(path).st_ino == os.fstat(listener.fileno()).st_ino:
                os.unlink(path)
        except OSError:
            pass
        listener.close()


def _ask(command: str) -> dict | None:
    import socket

    path = socket_path()
    if not os.path.exists(path):
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
        _send(connection, {"command": command})
        return _receive(connection)[0]
    except (OSError, ValueError, ConnectionError):
        return None
    finally:
        connection.close()


def _spawn(path: str, idle_timeout: float) -> None:
    """A daemon on ``path``, in a session of its own, holding none of the caller's files."""
    import subprocess

    # -P and cwd="/": the caller's folder is not searched for modules, so a "captioncheck" folder
    # where a check runs (a checkout, a content repository) is never what the daemon imports. Each
    # check moves into its caller's folder (see _run_child).
    subprocess.Popen([sys.executable, "-P", "-m", "captioncheck.daemon", path, str(idle_timeout)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, cwd="/", env={**os.environ, "CAPTIONCHECK_NO_DAEMON": "1"})


def autostart(arguments: list[str]) -> None:
    """After a check that ran in its own process: start a daemon for the next ones, without waiting
    (see the module's docstring for when it does not)."""
    if (arguments[:1] and arguments[0] in BYPASS or os.environ.get("CI")
            or os.environ.get("CAPTIONCHECK_NO_DAEMON") or os.environ.get("CAPTIONCHECK_AUTOSTART") == "0"):
        return
    path = socket_path()
    folder = os.path.dirname(path)
    if os.path.exists(folder) and not _private(folder):
        return  # the daemon would refuse it (see serve_forever): spawning one would only cost a start
    try:
        _spawn(path, DEFAULT_IDLE_TIMEOUT)
    except OSError:  # no process to spare: the next check runs in its own process too
        pass


def start(idle_timeout: float = DEFAULT_IDLE_TIMEOUT, wait: float = 60.0) -> str:
    """Start the daemon in the background (if none runs) and wait until it answers."""
    import time

    running = _ask("status")
    if running is not None:
        return f"captioncheck daemon already running (pid {running['pid']}, {socket_path()})"
    path = socket_path()
    _spawn(path, idle_timeout)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        answer = _ask("status")
        if answer is not None:
            return f"captioncheck daemon started (pid {answer['pid']}, {path})"
        time.sleep(0.05)
    raise RuntimeError(f"the daemon did not answer on {path} within {wait:g} s")


def stop() -> str:
    answer = _ask("stop")
    return f"captioncheck daemon stopped (pid {answer['pid']})" if answer else "no captioncheck daemon running"


def status() -> str:
    answer = _ask("status")
    if answer is None:
        return "no captioncheck daemon running"
    return (f"captioncheck daemon running (pid {answer['pid']}, version {answer['version']}, "
            f"{answer['served']} connections served, {socket_path()})")


if __name__ == "__main__":
    serve_forever(sys.argv[1], float(sys.argv[2]))
