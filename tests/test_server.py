"""``captioncheck serve`` end to end: the real server in a child process, called over HTTP on loopback."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DATA, run_cli

pytestmark = pytest.mark.server

ARTICLE = DATA / "fr-caption-es.txt"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body, {"Content-Type": "application/json", **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read()


def _start(*options: str) -> tuple[int, subprocess.Popen]:
    """The real server on a free port, once ``/health`` answers."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "captioncheck", "serve", "--port", str(port), "--workers", "1",
                                *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/health")[0] == 200:
                return port, process
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.2)
    process.kill()
    pytest.fail("the server never became healthy")


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, subprocess.Popen]]:
    port, process = _start("--max-request-size", "200kB", "--timeout", "20")
    yield port, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=60)


def test_health_and_openapi(server):
    port, _ = server
    status, body = _request(port, "GET", "/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, body = _request(port, "GET", "/openapi.json")
    schema = json.loads(body)
    assert status == 200 and "/v1/check" in schema["paths"]


@pytest.mark.parametrize("name", ["fr-caption-es.txt", "fr-caption-es.md", "fr-caption-es.html"])
def test_check_answers_exactly_the_json_report_of_the_command_line(server, name):
    port, _ = server
    path = DATA / name
    input_format = {".txt": "text", ".md": "markdown", ".html": "html"}[path.suffix]
    request = {"text": path.read_text(encoding="utf-8"), "format": input_format, "path": str(path)}
    status, body = _request(port, "POST", "/v1/check", json.dumps(request).encode())
    assert status == 200
    assert body.decode() == run_cli("--format", "json", str(path)).stdout.decode()


def test_options_are_applied(server):
    port, _ = server
    request = {"text": ARTICLE.read_text(encoding="utf-8"), "options": {"allow-language": ["es"]}}
    status, body = _request(port, "POST", "/v1/check", json.dumps(request).encode())
    rules = [f["rule"] for f in json.loads(body)["files"][0]["findings"]]
    assert status == 200 and "untranslated-segment" not in rules


def test_max_file_size_and_timeout_per_file_apply_per_request(server):
    port, _ = server
    text = ARTICLE.read_text(encoding="utf-8")
    status, body = _request(port, "POST", "/v1/check",
                            json.dumps({"text": text, "options": {"max-file-size": "1kB"}}).encode())
    assert status == 200 and "larger than the limit of 1000 bytes" in json.loads(body)["files"][0]["error"]
    status, body = _request(port, "POST", "/v1/check", json.dumps(
        {"text": text + "\n\n" + "Le ministre a parlé. " * 3000, "options": {"timeout-per-file": 0.001}}).encode())
    assert status == 200 and "took longer than 0.001 s" in json.loads(body)["files"][0]["error"]
    status, body = _request(port, "POST", "/v1/check", json.dumps({"text": text}).encode())
    assert status == 200 and "error" not in json.loads(body)["files"][0]  # the worker is still there


def test_the_server_returns_fixes_and_the_fixed_text_on_request(server, tmp_path):
    port, _ = server
    text = ARTICLE.read_text(encoding="utf-8")
    status, body = _request(port, "POST", "/v1/check", json.dumps({"text": text}).encode())
    edits = [e for f in json.loads(body)["files"][0]["findings"] if f["fix"] for e in f["fix"]["edits"]]
    assert status == 200 and edits
    status, body = _request(port, "POST", "/v1/check", json.dumps({"text": text, "fix": True}).encode())
    fixed = json.loads(body)["fixed"]
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    run_cli("--fix", str(article))
    assert status == 200 and fixed["text"] == article.read_text(encoding="utf-8") and fixed["fixes_applied"] == len(edits)
    assert all(f["fix"] is None for f in json.loads(body)["files"][0]["findings"])  # what remains has no fix


@pytest.mark.parametrize(("body", "status"), [
    (b"{not json", 422),
    (json.dumps({"text": 5}).encode(), 422),
    (json.dumps({"format": "text"}).encode(), 422),
    (json.dumps({"text": "x", "format": "pdf"}).encode(), 422),
    (json.dumps({"text": "x", "options": {"fail-on": "never"}}).encode(), 400),
    (json.dumps({"text": "x", "options": {"no-such-key": 1}}).encode(), 400),
])
def test_bad_requests_get_a_4xx_with_one_line(server, body, status):
    port, _ = server
    got, answer = _request(port, "POST", "/v1/check", body)
    assert got == status
    message = json.loads(answer)["error"]
    assert message and "\n" not in message


@pytest.mark.parametrize(("method", "path", "body", "headers", "status", "said"), [
    ("POST", "/v1/check", json.dumps({"text": "Un texte.", "formt": "html"}).encode(), {}, 422, "formt: unknown field"),
    ("POST", "/v1/check", json.dumps({"text": "Un texte."}).encode(), {"Content-Type": "text/plain"}, 415,
     "content type text/plain"),
    ("POST", "/v1/check", b'{"text": "caf\xe9"}', {}, 400, "not JSON in UTF-8"),
    ("GET", "/v1/check", None, {}, 405, "method GET not allowed"),
    ("DELETE", "/health", None, {}, 405, "method DELETE not allowed"),
    ("GET", "/v2/check", None, {}, 404, "no such endpoint: /v2/check"),
], ids=["unknown-field", "content-type", "invalid-utf8", "get-check", "delete-health", "unknown-path"])
def test_every_malformed_request_gets_one_error_shape(server, method, path, body, headers, status, said):
    port, _ = server
    got, answer = _request(port, method, path, body, headers)
    document = json.loads(answer)
    assert got == status and list(document) == ["error"], document
    assert said in document["error"] and "\n" not in document["error"]


def test_the_server_says_when_it_listens_and_when_it_stops():
    port, process = _start()
    process.terminate()
    process.wait(timeout=60)
    lines = process.stderr.read().decode().splitlines()
    assert any(line.startswith("captioncheck serve: listening on http://127.0.0.1:") and f":{port} " in line
               for line in lines), lines
    assert lines[-1] == "captioncheck serve: stopped", lines


def test_too_large_bodies_get_413_announced_or_streamed(server):
    port, _ = server
    big = json.dumps({"text": "a" * 300_000}).encode()
    assert _request(port, "POST", "/v1/check", big)[0] == 413
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest("POST", "/v1/check")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    for start in range(0, len(big), 65536):
        chunk = big[start:start + 65536]
        try:
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            break
    try:
        connection.send(b"0\r\n\r\n")
    except OSError:
        pass
    assert connection.getresponse().status == 413


def test_hostile_text_is_a_report_not_a_crash(server):
    port, _ = server
    hostile = "<div>" * 20_000 + "\x00\u202e\ud800"
    status, body = _request(port, "POST", "/v1/check",
                            json.dumps({"text": hostile, "format": "html"}).encode())
    assert status == 200
    assert json.loads(body)["summary"]["files"] == 1
    assert _request(port, "GET", "/health")[0] == 200


def test_sigterm_stops_the_server_gracefully():
    _, process = _start()
    os.kill(process.pid, signal.SIGTERM)
    # uvicorn shuts down (workers stopped, requests answered), then re-raises the signal it caught
    assert process.wait(timeout=60) in (0, -signal.SIGTERM)
    assert b"Traceback" not in process.stderr.read()


def test_a_worker_that_dies_is_replaced():
    port, process = _start()
    try:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        workers = [int(pid) for pid in children
                   if b"captioncheck" in Path(f"/proc/{pid}/cmdline").read_bytes()
                   or b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert workers
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 120
        answered = False
        while time.monotonic() < deadline and not answered:
            try:
                status, body = _request(port, "POST", "/v1/check", json.dumps({"text": "Un texte."}).encode())
                answered = status == 200
            except OSError:
                time.sleep(0.5)
        assert answered
    finally:
        process.terminate()
        process.wait(timeout=60)


# --- what one client can take --------------------------------------------------------------------

@pytest.fixture(scope="module")
def guarded() -> Iterator[tuple[int, subprocess.Popen]]:
    """A server with small limits: 1 s to send a request, 6 connections a worker."""
    port, process = _start("--read-timeout", "1", "--max-connections", "6", "--timeout", "60")
    yield port, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=60)


def _half_sent(port: int, data: bytes = b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: app") -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    client.sendall(data)
    return client


def _answer(client: socket.socket) -> bytes:
    """What the server sent before it closed the connection."""
    received = b""
    while chunk := client.recv(65536):
        received += chunk
    client.close()
    return received


@pytest.mark.parametrize("sent", [b"", b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Ty",
                                  b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  b"Content-Length: 100\r\n\r\n{\"text\": "])
def test_a_request_that_never_arrives_whole_gets_408_and_its_connection_closed(guarded, sent):
    port, _ = guarded
    answer = _answer(_half_sent(port, sent))
    assert answer.startswith(b"HTTP/1.1 408 ") and b'{"error": "the request did not arrive whole within 1 s"}' in answer
    assert _request(port, "GET", "/health")[0] == 200


@pytest.mark.parametrize("sent", [b"GARBAGE\r\n\r\n", b"GET /health HTTP/1.1\r\n\r\n",
                                  b"GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"])
def test_a_request_http_cannot_parse_gets_the_one_error_shape(guarded, sent):
    port, _ = guarded
    answer = _answer(_half_sent(port, sent))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ") and b"content-type: application/json" in head.lower()
    assert list(json.loads(body)) == ["error"]


def test_at_the_connection_limit_the_longest_waiting_half_request_makes_room():
    port, process = _start("--read-timeout", "60", "--max-connections", "6")
    try:
        stalled = [_half_sent(port) for _ in range(12)]  # twice the limit
        status, body = _request(port, "POST", "/v1/check", json.dumps({"text": ARTICLE.read_text()}).encode())
        assert status == 200 and json.loads(body)["files"]
        # the 6 oldest made room for the 6 newest, and the oldest left then for the normal request
        for client in stalled[:7]:
            answer = _answer(client)
            assert answer.startswith(b"HTTP/1.1 503 ") and b"closed to make room for another client" in answer
        for client in stalled[7:]:  # still waiting for the rest of their requests
            client.settimeout(0.2)
            with pytest.raises(TimeoutError):
                client.recv(1)
            client.close()
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_health_answers_while_the_worker_checks_a_long_article(guarded):
    """/health does not wait for a check: it is answered while a long article is being checked."""
    import threading

    port, _ = guarded
    long_text = ARTICLE.read_text() + "\n\n" + "".join(
        f"Le ministre numéro {n} a parlé à Paris avec {n * 7} homologues.\n\n"
        f"El ministro número {n} habló en París con {n * 7} homólogos.\n\n" for n in range(2000))
    finished: list[float] = []
    check = threading.Thread(target=lambda: finished.append(
        _request(port, "POST", "/v1/check", json.dumps({"text": long_text}).encode())[0]))
    check.start()
    time.sleep(0.5)  # the check has started (ordering, not a timing assertion)
    health = [_request(port, "GET", "/health")[0] for _ in range(3)]
    still_checking = check.is_alive()
    check.join(120)
    assert health == [200, 200, 200] and still_checking and finished == [200]


@pytest.mark.parametrize("options", ['{"ignore": ["\\ud800"]}', '{"language": "\\udfff"}', '{"\\ud800": 1}'])
def test_a_lone_surrogate_in_options_is_a_4xx_in_the_one_shape(server, options):
    port, _ = server
    status, body = _request(port, "POST", "/v1/check", f'{{"text": "Un texte.", "options": {options}}}'.encode())
    assert 400 <= status < 500 and list(json.loads(body)) == ["error"], body


def test_without_the_server_extra_serve_says_what_to_install_in_one_line():
    code = ("import sys\n"
            "for name in ('uvicorn', 'fastapi'):\n"
            "    sys.modules[name] = None  # as if the extra were not installed\n"
            "from captioncheck.cli import main\n"
            "print(main(['serve', '--help']) , main(['serve', '--port', '0']))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("0 2"), done.stderr
    assert done.stderr.strip().splitlines() == ["captioncheck: error: the server needs its extra: pip install "
                                                "'captioncheck[server]'"]
