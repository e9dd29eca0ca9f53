"""``captioncheck serve``: an HTTP service for CMS pre-publish hooks (FastAPI on uvicorn).

    pip install 'captioncheck[server]'
    captioncheck serve --host 127.0.0.1 --port 8080

- ``POST /v1/check`` with ``{"text": "...", "format": "text" | "markdown" | "html", "path": "name
  (optional)", "language": null, "options": {configuration keys}}`` answers exactly what
  ``captioncheck --format json`` prints for that one file.
- ``GET /health`` answers ``{"status": "ok", "version": ...}`` once the models are loaded.
- ``GET /openapi.json`` (and ``/docs``) describe the API.

The server runs ``--workers`` processes (one per core by default) under uvicorn's supervisor, each
with the models loaded at start-up; a worker that dies or stops answering the supervisor is replaced.
A worker checks one article at a time. A short article (``INLINE_CHARS`` characters at most: a few
milliseconds) is checked right away in the event loop when nothing else is being checked; any other
goes to the worker's checking thread, so that the event loop keeps reading requests and answers
``/health`` at once however long a check takes (the hop to the thread costs a short article about a
fifth of its throughput, so short ones skip it); up to ``MAX_WAITING`` articles wait their turn, and
more get ``503`` with ``Retry-After``. Each check runs under the per-file time
budget (``--timeout``, or a request's lower ``timeout-per-file``), enforced between the pipeline's
steps (:mod:`captioncheck.budget`), past which the report carries an ``error``.

What a client can take is bounded (:mod:`captioncheck.server_connections`): a request must arrive
whole within ``--read-timeout`` (408), a worker holds at most ``--max-connections`` connections and
closes the one waiting longest without a whole request to make room, a body larger than
``--max-request-size`` is refused with 413 before it is read, and each process keeps a few checkers
(one per set of languages, the 8 used last). Bad JSON, unknown or bad fields give 422, a body that
is not JSON 415, bad options 400, an unknown path 404, a wrong method 405, anything unexpected 500:
every error is ``{"error": "one line"}``. It logs one line when it listens and one when it stops.
The server listens on the loopback interface unless told otherwise, and stops gracefully on SIGINT
or SIGTERM (requests in flight are answered).
"""


import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Literal

from .about import __version__
from .errors import CaptionCheckError, one_line
from .server_limits import (DEFAULT_MAX_REQUEST_BYTES, DEFAULT_READ_TIMEOUT, DEFAULT_TIMEOUT, ENVIRONMENT,
                           Limits, default_max_connections, limits_from_environment, to_environment)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
MAX_WAITING = 32  # articles waiting for a worker's checking thread; more get 503
INLINE_CHARS = 10_000  # an article this short, with nothing else being checked, is checked in the event loop


def _check(text: str, input_format: str, path: str | None, language: str | None,
           options: dict[str, Any], timeout: float, fix: bool = False) -> str:
    """The JSON report of the article; with ``fix``, of the fixed article, which the report carries as
    ``fixed`` (``text``, ``fixes_applied``)."""
    from .api import Report, check_text, fix_text
    from .budget import time_limit
    from .errors import FileTimeout
    from .formatters.json_format import dumps
    from .report import FileReport

    try:
        with time_limit(timeout):
            if not fix:
                return check_text(text, format=input_format, path=path, language=language, **options).to_json()
            unsafe = bool(options.pop("unsafe-fixes", False))
            fixed = fix_text(text, format=input_format, path=path, language=language, unsafe_fixes=unsafe,
                             **options)
    except FileTimeout as error:  # the report says so, as for a file
        return Report((FileReport(path=path or "<text>", error=str(error)),)).to_json()
    document = json.loads(fixed.report.to_json())
    document["fixed"] = {"text": fixed.text, "fixes_applied": fixed.fixed}
    return dumps(document) + "\n"


def _check_options(options: dict[str, Any]) -> float | None:
    """Validate the request's options (a ConfigError names a bad one); their timeout-per-file, if given."""
    from .api import settings_for

    settings = settings_for(options, "options")
    return settings.timeout_per_file if "timeout-per-file" in options else None


class BodyLimit:
    """ASGI middleware: a request body above ``limit`` bytes gets 413, announced or streamed; a body
    that does not say it is JSON gets 415 before it is read."""

    def __init__(self, app: Callable, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if scope.get("method") == "POST":
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            media = content_type.split(";")[0].strip().lower()
            if media != "application/json" and not media.endswith("+json"):
                shown = one_line(content_type) if content_type else "missing"
                await _send_error(send, 415, f"content type {shown}: send application/json")
                return
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _send_error(send, 413, f"request body larger than {self.limit} bytes")
            return
        body, more = bytearray(), True
        while more:  # read the body here, bounded, then hand it to the application in one piece
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await _send_error(send, 413, f"request body larger than {self.limit} bytes")
                return
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _send_error(send: Callable, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Any:
    """The application: FastAPI behind the request size limit; the models load at start-up, and the
    checking thread starts with it."""
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from pydantic import BaseModel, ConfigDict, Field
    from starlette.exceptions import HTTPException

    class CheckRequest(BaseModel):
        """One article to check."""

        model_config = ConfigDict(extra="forbid")  # "formt": a typo is an error, never a silent default

        text: str = Field(description="The article's text.")
        format: Literal["text", "markdown", "html"] = Field("text", description="How the text is written.")
        path: str | None = Field(None, description="The name findings are reported under.")
        language: str | None = Field(None, description="The article's language, when known.")
        options: dict[str, Any] = Field(default_factory=dict,
                                        description="Configuration keys, as in .captioncheck.toml.")
        fix: bool = Field(False, description="Apply the safe fixes (and the unsafe ones with the option "
                                             "unsafe-fixes) and return the fixed text as 'fixed'.")

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from concurrent.futures import ThreadPoolExecutor

        from .api import warm_up

        warm_up()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="captioncheck-check") as checking:
            app.state.checking, app.state.waiting = checking, 0
            yield

    app = FastAPI(title="captioncheck", version=__version__, lifespan=lifespan,
                  description="Untranslated captions and mistranslated caption pairs in translated articles.")

    # Every error, from any layer, is one shape: {"error": "one line"} with a 4xx or 5xx status.
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        message = str(first.get("msg"))
        if first.get("type") == "extra_forbidden":
            message = f"unknown field (known: {', '.join(CheckRequest.model_fields)})"
        return JSONResponse({"error": one_line(f"{where}: {message}" if where else message)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else "invalid request"
        if error.status_code == 400 and message.startswith("There was an error parsing the body"):
            message = "the body is not JSON in UTF-8"
        elif error.status_code == 405:
            message = f"method {request.method} not allowed on {request.url.path}"
        elif error.status_code == 404:
            message = f"no such endpoint: {request.url.path} (POST /v1/check, GET /health)"
        return JSONResponse({"error": one_line(message)}, status_code=error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> JSONResponse:
        _log(f"internal error on {request.method} {request.url.path}: {type(error).__name__}: "
             f"{one_line(str(error))}; please report it")
        return JSONResponse({"error": f"internal error: {type(error).__name__}"}, status_code=500)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/v1/check", responses={200: {"description": "The report of `captioncheck --format json`."},
                                      400: {"description": "Bad options."}, 413: {"description": "Too large."},
                                      422: {"description": "Bad request body."}})
    async def check(request: CheckRequest, http: Request) -> Response:
        options = {key.replace("_", "-"): value for key, value in request.options.items()}
        for forbidden in ("jobs", "include", "exclude", "follow-symlinks", "format", "fix"):
            options.pop(forbidden, None)  # about files and the process, not about one article's verdicts
        try:
            asked = _check_options(options)
        except CaptionCheckError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        state = http.app.state
        if state.waiting >= MAX_WAITING:
            return JSONResponse({"error": f"busy: {state.waiting} articles waiting in this worker; retry later"},
                                status_code=503, headers={"Retry-After": "1"})
        options.pop("timeout-per-file", None)
        budget = timeout if asked is None else min(timeout, asked)  # a client may only lower it
        arguments = (request.text, request.format, request.path, request.language, options, budget, request.fix)
        state.waiting += 1
        try:  # one article at a time: in the event loop if short and alone, else in the checking thread
            if state.waiting == 1 and len(request.text) <= INLINE_CHARS:
                report = _check(*arguments)
            else:
                report = await asyncio.get_running_loop().run_in_executor(state.checking, _check, *arguments)
        except CaptionCheckError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        finally:
            state.waiting -= 1
        return Response(report, media_type="application/json")

    return BodyLimit(app, max_request_bytes)


def app_from_environment() -> Any:
    """The application with the options :func:`serve` put in the environment (uvicorn's factory)."""
    limits = limits_from_environment()
    return create_app(limits.max_request_bytes, limits.timeout)


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, workers: int | None = None,
          max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES, timeout: float = DEFAULT_TIMEOUT,
          read_timeout: float = DEFAULT_READ_TIMEOUT, max_connections: int | None = None) -> None:
    """Run the service until SIGINT or SIGTERM."""
    import os

    try:
        import fastapi  # noqa: F401
        import uvicorn
        from uvicorn.supervisors import Multiprocess
    except ImportError:
        raise CaptionCheckError("the server needs its extra: pip install 'captioncheck[server]'") from None
    from .runner import default_jobs

    limits = Limits(max_request_bytes, timeout, read_timeout, max_connections or default_max_connections())
    os.environ[ENVIRONMENT] = to_environment(limits)
    config = uvicorn.Config("captioncheck.server:app_from_environment", factory=True, host=host, port=port,
                            workers=workers or default_jobs(), log_level="warning",
                            http="captioncheck.server_connections:GuardedH11Protocol",
                            timeout_graceful_shutdown=int(timeout) + 5)
    try:
        socket = config.bind_socket()
    except SystemExit:  # uvicorn has logged why (the port is taken, say)
        raise CaptionCheckError(f"cannot listen on {host}:{port}") from None
    # The supervisor even for one worker: a worker that dies or hangs is replaced.
    bound_host, bound_port = socket.getsockname()[:2]
    _log(f"listening on http://{bound_host}:{bound_port} ({config.workers} workers, requests up to "
         f"{max_request_bytes} bytes read within {read_timeout:g} s, {limits.max_connections} connections a "
         f"worker, {timeout:g} s per article); stop with Ctrl-C or SIGTERM")
    try:
        Multiprocess(config, sockets=[socket]).run()
    finally:
        _log("stopped")


def _log(line: str) -> None:
    """One line about the service on standard error (uvicorn's own log is kept to warnings)."""
    import sys

    print(f"captioncheck serve: {line}", file=sys.stderr, flush=True)
