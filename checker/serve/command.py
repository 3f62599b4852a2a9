"""`checker serve`: the command; FastAPI, uvicorn and the models load only once it runs.

The socket is bound here, before uvicorn starts, so that a port in use is one line and exit code 2
like any other error, and so that `--port 0` (any free port) can say which port it got.
"""

from __future__ import annotations

import copy
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from checker.embed import Backend, cache_path
from checker.errors import CheckerError, UsageError
from checker.serve.settings import (
    DEFAULT_HOST,
    DEFAULT_MAX_BYTES,
    DEFAULT_PORT,
    DEFAULT_QUEUE,
    DEFAULT_TIMEOUT_S,
    DEFAULT_WORKERS,
    Settings,
    read_token,
    server_options,
)

if TYPE_CHECKING:
    from fastapi import FastAPI

EXIT_ERROR = 2
MAX_PORT = 65535
LOOPBACK = ("127.", "::1", "localhost")
EXTRA = "serve"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback is reachable by others.")] = (
        DEFAULT_HOST
    ),
    port: Annotated[int, typer.Option(min=0, max=MAX_PORT, help="Port to listen on; 0 picks a free one.")] = (
        DEFAULT_PORT
    ),
    archive: Annotated[
        Path | None,
        typer.Option(help="Check each request's documents as drafts against this archive (see `checker archive`)."),
    ] = None,
    token_file: Annotated[
        Path | None, typer.Option(help="Require 'Authorization: Bearer TOKEN' on /v1/ requests; the file holds TOKEN.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Checks that run at once.")] = DEFAULT_WORKERS,
    queue: Annotated[int, typer.Option(min=0, help="Requests that may wait for a worker; more get 503.")] = (
        DEFAULT_QUEUE
    ),
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a request may take, waiting included; past it, 504.")
    ] = DEFAULT_TIMEOUT_S,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest request body, in bytes; larger gets 413.")] = (
        DEFAULT_MAX_BYTES
    ),
    config: Annotated[
        Path | None,
        typer.Option(help="Config file for the requests' defaults (default: as `checker check` finds it)."),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(help="Embedding cache file (default: ${XDG_CACHE_HOME:-~/.cache}/checker/embeddings.sqlite3)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the embedding cache.")] = False,
    embedder: Annotated[
        Backend | None,
        typer.Option(help="How MiniLM runs: torch (default), onnx (faster; exported once) or sentence-transformers."),
    ] = None,
) -> None:
    """Serve the check over HTTP: POST /v1/check answers what `checker check --format json` prints.

    The models load once, at start-up; GET /healthz answers 200 once they have.
    """
    try:
        settings = Settings(
            options=server_options(config, Path.cwd(), embedder.value if embedder else None),
            cache=cache_path(cache, no_cache),
            workers=workers,
            queue=queue,
            timeout_s=timeout,
            max_bytes=max_bytes,
            token=read_token(token_file) if token_file is not None else None,
            archive=archive,
        )
        create_app = _factory()
        listener = _listen(host, port)
    except CheckerError as error:
        _fail(str(error))
    raise typer.Exit(_run(create_app, settings, listener, host))


def _factory() -> Callable[[Settings, Callable[[str], None]], FastAPI]:
    try:
        import uvicorn  # noqa: F401  (only whether it is installed)

        from checker.serve.app import create_app
    except ImportError as error:
        raise UsageError(f"checker serve needs its extra ({error}): pip install 'checker[{EXTRA}]'.") from None
    return create_app


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listener = socket.socket(family, kind, protocol)
    except OSError as error:
        raise UsageError(f"--host {host}: cannot listen there ({error.strerror or error}).") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
    except OSError as error:
        listener.close()
        raise UsageError(f"{host}:{port}: cannot listen there ({error.strerror or error}).") from None
    return listener


def _run(
    create_app: Callable[[Settings, Callable[[str], None]], FastAPI],
    settings: Settings,
    listener: socket.socket,
    host: str,
) -> int:
    """Serve until interrupted (exit 0) or until the models fail to load (exit 2, the message on stderr)."""
    import uvicorn

    failures: list[str] = []

    def fatal(message: str) -> None:
        failures.append(message)
        server.should_exit = True

    server = uvicorn.Server(uvicorn.Config(create_app(settings, fatal), log_config=_log_config(), lifespan="on"))
    bound_host, bound_port = listener.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    typer.echo(f"checker: listening on http://{shown}:{bound_port} (models loading; GET /healthz)", err=True)
    if not host.startswith(LOOPBACK):
        typer.echo(
            f"checker: warning: {host} is reachable from other machines; protect it with --token-file.", err=True
        )
    # uvicorn stops gracefully on SIGINT or SIGTERM, then raises the signal again for the default
    # handler to end the process by it; here a requested stop is the normal end, with exit code 0.
    previous = {stop: signal.signal(stop, _stopped) for stop in STOP_SIGNALS}
    try:
        server.run(sockets=[listener])
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
    return EXIT_ERROR if failures else 0


def _stopped(signum: int, frame: FrameType | None) -> None:
    """The signal that stopped the server, raised again once it has stopped: nothing more to do."""


def _log_config() -> dict[str, object]:
    """uvicorn's logging with the access log on stderr too: stdout carries no data here."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def _fail(message: str) -> NoReturn:
    typer.echo(f"checker: error: {' '.join(message.split())}", err=True)
    raise typer.Exit(EXIT_ERROR)
