"""The HTTP service: FastAPI routes over the worker pool, with the size, time and token guards.

Every answer but a 200 is `{"error": "..."}`, one line, the message the CLI would print. The
interactive docs page is off: FastAPI's loads its script and style from a CDN, and nothing here
may load from the network; the OpenAPI description is at /openapi.json.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from concurrent.futures import Future
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from checker import __version__
from checker.errors import Cancelled, CheckerError, InputError, UsageError
from checker.models import Report
from checker.rules import all_rules
from checker.serve.models import CheckOptions, CheckRequest, CheckResponse, ErrorBody, Health, RuleInfo, Rules
from checker.serve.service import check_records, request_options, warm_up
from checker.serve.settings import Settings
from checker.serve.workers import Busy, WorkerPool

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

JSON_TYPE = "application/json"
LOADING_RETRY_S = 5  # a cold start loads the models in about 3 s
CLOSE_WAIT_S = 5.0  # at shutdown, how long to wait for a running check before leaving it
PROTECTED_PREFIX = "/v1/"  # with a token, these need it; /healthz and /openapi.json stay open for probes
DESCRIPTION = (
    "The pre-publication check of `checker check --format json` over HTTP: POST the documents to /v1/check "
    'and get the report with the gate\'s verdict. Every answer other than 200 is {"error": "..."}.'
)
ERROR_STATUSES = (400, 401, 413, 422, 500, 503, 504)
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorBody} for status in ERROR_STATUSES}


class _State:
    """The worker pool and whether the models are loaded, for one app."""

    def __init__(self, settings: Settings, on_fatal: Callable[[str], None] | None) -> None:
        self.settings = settings
        self.on_fatal = on_fatal
        self.pool: WorkerPool | None = None
        self.ready = threading.Event()
        self.failure: str | None = None

    def start(self) -> None:
        self.pool = WorkerPool(self.settings.workers, self.settings.queue)
        self.pool.submit(lambda: warm_up(self.settings)).add_done_callback(self._loaded)

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.close(CLOSE_WAIT_S)

    def _loaded(self, done: Future[None]) -> None:
        error = done.exception()
        if error is None:
            self.ready.set()
            return
        self.failure = _message(error)
        sys.stderr.write(f"checker: error: {self.failure}\n")
        if self.on_fatal is not None:
            self.on_fatal(self.failure)

    def health(self) -> Health:
        load = self.pool.load() if self.pool is not None else None
        status = "ok" if self.ready.is_set() else "failed" if self.failure else "loading"
        return Health(
            status=status,
            running=load.running if load else 0,
            waiting=load.waiting if load else 0,
            workers=self.settings.workers,
            queue=self.settings.queue,
            error=self.failure,
        )


def create_app(settings: Settings, on_fatal: Callable[[str], None] | None = None) -> FastAPI:
    """The service; its models load in the background at start-up, `on_fatal` hears if they cannot."""
    state = _State(settings, on_fatal)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.start()
        yield
        state.stop()

    app = FastAPI(
        title="checker",
        version=__version__,
        summary="Where do the sources quoted in news text contradict each other?",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(_Guard, token=settings.token, max_bytes=settings.max_bytes)
    app.add_exception_handler(StarletteHTTPException, _http_error)

    @app.get("/healthz", response_model=Health, responses={503: {"model": Health}})
    def healthz() -> JSONResponse:
        """200 once the models are loaded (503 while they load, or if they failed to)."""
        health = state.health()
        return JSONResponse(health.model_dump(), status_code=200 if health.status == "ok" else 503)

    @app.get("/v1/rules", response_model=Rules, responses=ERRORS)
    def rules() -> Rules:
        """The conflict rules, as `checker rules` lists them."""
        return Rules(rules=[RuleInfo(id=r.id, description=r.description) for r in all_rules()])

    @app.get("/v1/schema", responses=ERRORS)
    def schema() -> Response:
        """The JSON Schema of the report, as `checker schema` prints it."""
        return Response(json.dumps(Report.model_json_schema(), indent=2) + "\n", media_type=JSON_TYPE)

    @app.post("/v1/check", responses={200: {"model": CheckResponse}, **ERRORS})
    async def check(request: Request) -> Response:
        """Check the documents together, as `checker check --format json` would check them as one JSONL file."""
        deadline = time.monotonic() + settings.timeout_s
        try:
            records, given = _parse(await request.body())
            options = request_options(given, settings.options)
        except _Refused as refused:
            return _error(refused.status, str(refused))
        except CheckerError as error:
            return _error(422, _message(error))
        if not state.ready.is_set() or state.pool is None:
            return _error(503, state.failure or "The models are still loading; retry shortly.", LOADING_RETRY_S)
        try:
            job = state.pool.submit(
                lambda: check_records(
                    records, options, settings.cache, lambda: time.monotonic() > deadline, settings.archive
                )
            )
        except Busy as busy:
            return _error(503, str(busy), busy.retry_after_s)
        return await _answer(job, deadline, settings.timeout_s)

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


async def _answer(job: Future[bytes], deadline: float, timeout_s: float) -> Response:
    late = _error(504, f"The check took longer than the server's limit of {timeout_s:g} s; split the input.")
    try:
        body = await asyncio.wait_for(asyncio.wrap_future(job), max(0.0, deadline - time.monotonic()))
    except (TimeoutError, Cancelled):
        # Still waiting: it never starts. Running: it stops after its current document, or before the rules.
        job.cancel()
        return late
    except (InputError, UsageError) as error:
        return _error(422, _message(error))
    except CheckerError as error:
        return _error(500, _message(error))
    except Exception as error:  # the edge of the service: one line, never a traceback
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        message = f"internal error ({detail}); please report it."
        sys.stderr.write(f"checker: error: {_message(message)}\n")
        return _error(500, message)
    return Response(body, media_type=JSON_TYPE)


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _parse(body: bytes) -> tuple[list[Any], CheckOptions]:
    """The request's documents (still raw records) and its options."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Refused(
            400, f"The request body is not valid UTF-8 text (byte {error.start}); send JSON in UTF-8."
        ) from None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Refused(
            400, f"The request body is not valid JSON ({error.msg}: line {error.lineno} column {error.colno})."
        ) from None
    except RecursionError:
        raise _Refused(400, "The request body is not valid JSON (nested too deeply).") from None
    if not isinstance(parsed, dict):
        raise _Refused(422, "The request body must be a JSON object with a 'documents' list.")
    records = parsed.pop("documents", None)
    if not isinstance(records, list):
        raise _Refused(422, "field 'documents': give a list of documents, each with 'id' and 'text'.")
    try:
        return records, CheckOptions.model_validate(parsed)
    except ValidationError as error:
        raise _Refused(422, _option_problem(error)) from None


def _option_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        known = ", ".join(sorted(CheckRequest.model_fields))
        return f"unknown field '{field}' (known fields: {known})."
    return f"field '{field}': {first['msg']}."


def _message(error: BaseException | str) -> str:
    """One line, as the CLI prints it: messages can quote input or a library's multi-line text."""
    return " ".join(str(error).split())


def _error(status: int, message: str, retry_after_s: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after_s)} if retry_after_s is not None else None
    return JSONResponse({"error": _message(message)}, status_code=status, headers=headers)


async def _http_error(_: Request, error: Exception) -> Response:
    """Starlette's own refusals (no such path, wrong method) in the service's error shape."""
    if not isinstance(error, StarletteHTTPException):
        raise error
    return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)


class _Guard:
    """Before anything reads a request: the bearer token for /v1/ paths (401) and the body size (413).

    The body is read here, at most one byte over the limit, and handed on whole: a body with no
    Content-Length (chunked) is held to the same limit as one that declares its size.
    """

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int) -> None:
        self.app = app
        self.token = token.encode() if token is not None else None
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.token is not None and scope["path"].startswith(PROTECTED_PREFIX) and not self._authorised(scope):
            refusal = _error(401, "Missing or wrong bearer token: send the header 'Authorization: Bearer TOKEN'.")
            refusal.headers["WWW-Authenticate"] = "Bearer"
            await refusal(scope, receive, send)
            return
        body = await self._body(scope, receive)
        if body is None:
            message = (
                f"The request body is larger than {self.max_bytes:,} bytes, the server's limit; "
                "split the documents into several requests."
            )
            await _error(413, message)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _authorised(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name.lower() == b"authorization":
                scheme, _, given = bytes(value).partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token or b"")
        return False

    async def _body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None once it is over the limit (declared or counted)."""
        for name, value in scope["headers"]:
            if name.lower() == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()  # after the body: the disconnect, whenever it comes
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's description, plus the request body of /v1/check, which the route parses itself."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, summary=app.summary, description=DESCRIPTION, routes=app.routes
    )
    request = CheckRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(request.pop("$defs", {}))
    components["CheckRequest"] = request
    schema["paths"]["/v1/check"]["post"]["requestBody"] = {
        "required": True,
        "content": {JSON_TYPE: {"schema": {"$ref": "#/components/schemas/CheckRequest"}}},
    }
    app.openapi_schema = schema
    return schema
