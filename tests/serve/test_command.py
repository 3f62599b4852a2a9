"""`checker serve` as a real process on a loopback port: started, probed, loaded with work, stopped.

Most servers here run with the fake embedder (patched in before the CLI starts); one runs the real
models and is compared with `checker check --format json` run as a process of its own.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from checker.cli import app as cli
from checker.config import Options
from checker.errors import ModelError
from checker.serve import Settings, create_app
from checker.serve.service import check_records
from tests.conftest import RIVERSIDE, ROOT, SEED
from tests.fakes import FakeEmbedder

START_WAIT_S = 120.0  # a cold start imports torch and loads both models; the machine may be busy
REQUEST_WAIT_S = 120.0
STOP_WAIT_S = 30.0
POLL_S = 0.1
LISTENING = re.compile(r"checker: listening on http://127\.0\.0\.1:(\d+)")
# The same command line, with the fake embedder patched in first.
FAKE = (
    "import sys, checker.pipeline; from tests.fakes import FakeEmbedder; "
    "checker.pipeline.MiniLMEmbedder = FakeEmbedder; from checker.cli import main; main()"
)
RIVERSIDE_TEXT = RIVERSIDE.read_text(encoding="utf-8")
PLACES = ["Riverside", "Lakeside", "Hillcrest", "Oakwood", "Fairview", "Brookfield", "Maple", "Cedar"]


class Server:
    """A `checker serve --port 0` process; stderr is drained by a thread so the access log never blocks it."""

    def __init__(self, launch: list[str], args: list[str], directory: Path, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        command = [sys.executable, *launch, "serve", "--port", "0", *args]
        self.process = subprocess.Popen(
            command, cwd=directory, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.lines: list[str] = []
        self._port: int | None = None
        self._heard = threading.Condition()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            with self._heard:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                found = LISTENING.search(self.lines[-1])
                if found:
                    self._port = int(found.group(1))
                self._heard.notify_all()

    @property
    def port(self) -> int:
        with self._heard:
            assert self._heard.wait_for(lambda: self._port is not None or self.process.poll() is not None, START_WAIT_S)
            assert self._port is not None, "\n".join(self.lines)
            return self._port

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_WAIT_S
        while request(self.port, "GET", "/healthz")[0] != 200:
            assert self.process.poll() is None, "\n".join(self.lines)
            assert time.monotonic() < deadline, "\n".join(self.lines)
            time.sleep(POLL_S)

    def stop(self, stop: signal.Signals = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(stop)
        code = self.process.wait(STOP_WAIT_S)
        assert self.process.stdout is not None
        assert self.process.stdout.read() == b""  # data on stdout, diagnostics on stderr: a server prints no data
        return code


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | Iterator[bytes] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_WAIT_S)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    except ConnectionRefusedError:
        return 0, {}, b""
    finally:
        connection.close()


def check_body(documents: list[dict[str, Any]], **options: Any) -> bytes:
    return json.dumps({"documents": documents, **options}).encode()


def story(place: str) -> dict[str, Any]:
    return {"id": place.lower(), "text": RIVERSIDE_TEXT.replace("Riverside", place)}


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", FakeEmbedder)


TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Three workers sharing one embedding cache file, a token, and a 200 kB body limit; stopped by SIGTERM."""
    directory = tmp_path_factory.mktemp("guarded")
    (directory / "token").write_text(f"{TOKEN}\n", encoding="utf-8")
    args = ["--workers", "3", "--queue", "20", "--token-file", "token", "--max-bytes", "200000"]
    server = Server(["-c", FAKE], args, directory, {"XDG_CACHE_HOME": str(directory / "cache")})
    try:
        server.wait_ready()
        yield server
    finally:
        assert server.stop(signal.SIGTERM) == 0, "\n".join(server.lines)
    assert (directory / "cache" / "checker" / "embeddings.sqlite3").is_file()


def test_concurrent_requests_each_get_their_own_report(guarded: Server) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    expected = {p: check_records([story(p)], Options(), None) for p in PLACES}
    with ThreadPoolExecutor(max_workers=len(PLACES) * 2) as clients:
        answers = list(
            clients.map(
                lambda p: (p, request(guarded.port, "POST", "/v1/check", check_body([story(p)]), auth)), PLACES * 2
            )
        )
    for place, (status, _, body) in answers:
        assert status == 200
        assert body == expected[place]


def test_the_token_and_the_size_limit_hold_over_real_http(guarded: Server) -> None:
    small = check_body([story("Riverside")])
    status, headers, body = request(guarded.port, "POST", "/v1/check", small)
    assert (status, headers["www-authenticate"]) == (401, "Bearer")
    assert "bearer token" in json.loads(body)["error"]
    assert request(guarded.port, "GET", "/healthz")[0] == 200
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = check_body([{"id": "big", "text": "The mayor said the bridge is closed. " * 6000}])
    status, _, body = request(guarded.port, "POST", "/v1/check", big, auth)
    assert status == 413
    assert json.loads(body)["error"].startswith("The request body is larger than 200,000 bytes")
    chunks = iter([big[:150_000], big[150_000:]])
    status, _, _ = request(guarded.port, "POST", "/v1/check", chunks, auth)  # sent chunked: no length declared
    assert status == 413
    assert request(guarded.port, "POST", "/v1/check", small, auth)[0] == 200


@contextmanager
def in_thread(settings: Settings) -> Iterator[int]:
    """uvicorn serving the app on a loopback port from a thread of this process (the fake embedder patched in)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    try:
        deadline = time.monotonic() + START_WAIT_S
        while request(port, "GET", "/healthz")[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        yield port
    finally:
        server.should_exit = True
        thread.join(STOP_WAIT_S)
        listener.close()


def test_time_limit_and_full_queue_over_real_http(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def held(*args: Any) -> bytes:  # a check that holds its worker until the test lets it go
        release.wait(REQUEST_WAIT_S)
        return b"{}"

    monkeypatch.setattr("checker.serve.app.check_records", held)
    with in_thread(Settings(workers=1, queue=0, timeout_s=0.2)) as port:
        status, _, body = request(port, "POST", "/v1/check", check_body([story("Riverside")]))
        assert status == 504
        assert "limit of 0.2 s" in json.loads(body)["error"]
        assert json.loads(request(port, "GET", "/healthz")[2])["running"] == 1
        status, headers, body = request(port, "POST", "/v1/check", check_body([story("Lakeside")]))
        assert status == 503
        assert int(headers["retry-after"]) >= 1
        assert json.loads(body)["error"].startswith("The server is busy")
        release.set()


def test_models_that_cannot_load_stop_the_server_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(settings: Settings) -> None:
        raise ModelError("The English parsing model is not installed: pip install x")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("checker.serve.app.warm_up", broken)
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert "checker: error: The English parsing model is not installed: pip install x\n" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.model
def test_a_real_server_answers_what_the_cli_prints(tmp_path: Path) -> None:
    seed = {"id": "seed", "text": SEED.read_text(encoding="utf-8")}
    server = Server(["-m", "checker"], [], tmp_path)
    (tmp_path / "seed.jsonl").write_text(json.dumps(seed) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "checker", "check", "seed.jsonl", "--format", "json", "--published", "2024-10-28"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    printed = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=False)
    try:
        server.wait_ready()
        status, _, body = request(server.port, "POST", "/v1/check", check_body([seed], published="2024-10-28"))
    finally:
        assert server.stop() == 0, "\n".join(server.lines)
    assert status == 200
    assert printed.stdout.decode().rstrip("\n") in body.decode()
    answer = json.loads(body)
    assert answer["report"] == json.loads(printed.stdout)
    assert answer["gate"] == {"fail_on": "medium", "verdict": "fail", "exit_code": printed.returncode}
    assert printed.returncode == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--token-file", "missing-token"], "missing-token: no such token file."),
        (["--token-file", "empty-token"], "empty-token: the token file must hold one token, without spaces."),
        (["--config", "nli.toml"], "checker serve does not run the nli rule"),
        (["--cache", "x.sqlite3", "--no-cache"], "--cache and --no-cache contradict each other"),
        (["--host", "no-such-host.invalid"], "--host no-such-host.invalid: cannot listen there"),
        (["--workers", "0"], "Invalid value for '--workers'"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty-token").write_text("\n", encoding="utf-8")
    (tmp_path / "nli.toml").write_text('nli_model = "models/nli"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--port", "0", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"checker: error: 127.0.0.1:{port}: cannot listen there (Address already in use)."
