"""Load test of `checker serve` with the real models: concurrent clients, bounded, every answer checked.

    python benchmarks/serve_load.py [--clients 8] [--requests 25] [--workers 1] [--inputs 24]

Starts `checker serve` on a free loopback port (a fresh embedding cache in a temporary folder),
waits for /healthz, then runs CLIENTS threads that each send REQUESTS checks, one after another,
cycling through the inputs (the seed article, then FNC-1 dev bodies from ../shared/datasets when
present, else the test fixtures). Every answer is compared with what `checker check FILE.jsonl
--format json` prints for the same document (its report, its exit code as the gate's verdict, or
its error message), then the server is stopped. Prints throughput, latency percentiles and the
server's peak memory, one JSON object on the last line; exits 1 if any answer differs.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one

SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
SEED_PUBLISHED = "2024-10-28"
FIXTURES = [ROOT / "fixtures" / "riverside.txt", ROOT / "fixtures" / "hostile.txt"]
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
LISTENING = re.compile(r"checker: listening on http://127\.0\.0\.1:(\d+)")
START_WAIT_S = 180.0  # a cold start imports torch and loads both models, slower on a busy machine
REQUEST_WAIT_S = 300.0  # longer than the server's own limit: the server answers first
STOP_WAIT_S = 60.0
POLL_S = 0.2
PERCENTILES = 100  # statistics.quantiles cut points: index 49 is p50, 94 is p95


@dataclass(frozen=True)
class Input:
    request: bytes
    expected_status: int
    expected: dict[str, Any]  # the whole answer a correct server gives


def inputs(count: int) -> list[Input]:
    """Documents with the answers the CLI gives for them, each computed by the CLI itself."""
    documents: list[tuple[dict[str, Any], str | None]] = [
        ({"id": "seed", "text": SEED.read_text(encoding="utf-8")}, SEED_PUBLISHED)
    ]
    if FNC_BODIES.is_file():
        with FNC_BODIES.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))[: count - 1]
        documents += [({"id": f"fnc-{row['Body ID']}", "text": row["articleBody"]}, None) for row in rows]
    else:
        documents += [({"id": path.stem, "text": path.read_text(encoding="utf-8")}, None) for path in FIXTURES]
    return [_expected(document, published) for document, published in documents[:count]]


def _expected(document: dict[str, Any], published: str | None) -> Input:
    from typer.testing import CliRunner

    from checker.cli import app

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.jsonl"
        path.write_text(json.dumps(document) + "\n", encoding="utf-8")
        args = ["check", str(path), "--format", "json", "--no-cache"]
        result = CliRunner().invoke(app, args + (["--published", published] if published else []))
    body = {"documents": [document], **({"published": published} if published else {})}
    request = json.dumps(body).encode()
    if result.stdout:
        verdict = {0: "pass", 1: "fail", 2: "indeterminate"}[result.exit_code]
        gate = {"fail_on": "medium", "verdict": verdict, "exit_code": result.exit_code}
        return Input(request, 200, {"gate": gate, "report": json.loads(result.stdout)})
    message = result.stderr.strip().removeprefix("checker: error: ")
    return Input(request, 422, {"error": message})


class Server:
    def __init__(self, args: list[str], directory: Path) -> None:
        command = [sys.executable, "-m", "checker", "serve", "--port", "0", *args]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            command, cwd=directory, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.port: int | None = None
        self.errors: list[str] = []
        self._found = threading.Event()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            found = LISTENING.search(line)
            if found:
                self.port = int(found.group(1))
                self._found.set()
            elif "error" in line.lower() or "Traceback" in line:
                self.errors.append(line)
        self._found.set()

    def wait_ready(self) -> float:
        started = time.monotonic()
        if not self._found.wait(START_WAIT_S) or self.port is None:
            raise SystemExit(f"serve_load: the server did not start: {self.errors}")
        while call(self.port, "GET", "/healthz")[0] != 200:
            if self.process.poll() is not None or time.monotonic() - started > START_WAIT_S:
                raise SystemExit(f"serve_load: the server did not get ready: {self.errors}")
            time.sleep(POLL_S)
        return time.monotonic() - started

    def peak_memory_mib(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
        return kib / 1024

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(STOP_WAIT_S)


def call(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_WAIT_S)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"})
        answer = connection.getresponse()
        return answer.status, answer.read()
    except ConnectionRefusedError:
        return 0, b""
    finally:
        connection.close()


def client(port: int, number: int, requests: int, cases: list[Input]) -> list[tuple[float, bool, int]]:
    """One client's requests, one after another: (latency in s, answer as the CLI's, status)."""
    results = []
    for sent in range(requests):
        case = cases[(number * requests + sent) % len(cases)]
        started = time.monotonic()
        status, body = call(port, "POST", "/v1/check", case.request)
        latency = time.monotonic() - started
        same = status == case.expected_status and json.loads(body) == case.expected
        results.append((latency, same, status))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=25, help="per client")
    parser.add_argument("--workers", type=int, default=1, help="checker serve --workers")
    parser.add_argument("--queue", type=int, default=8, help="checker serve --queue")
    parser.add_argument("--inputs", type=int, default=24, help="distinct documents to cycle through")
    options = parser.parse_args()

    started = time.monotonic()
    cases = inputs(options.inputs)
    print(f"serve_load: {len(cases)} inputs, CLI answers computed in {time.monotonic() - started:.1f} s", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        args = ["--workers", str(options.workers), "--queue", str(options.queue)]
        server = Server([*args, "--cache", str(Path(folder) / "embeddings.sqlite3")], Path(folder))
        try:
            ready_s = server.wait_ready()
            assert server.port is not None
            print(f"serve_load: server ready in {ready_s:.1f} s on port {server.port}", flush=True)
            began = time.monotonic()
            with ThreadPoolExecutor(max_workers=options.clients) as pool:
                runs = pool.map(lambda n: client(server.port or 0, n, options.requests, cases), range(options.clients))
                results = [result for run in runs for result in run]
            wall = time.monotonic() - began
            memory = server.peak_memory_mib()
        finally:
            code = server.stop()
    latencies = [latency for latency, _, _ in results]
    cuts = statistics.quantiles(latencies, n=PERCENTILES, method="inclusive")
    summary = {
        "clients": options.clients,
        "requests": len(results),
        "workers": options.workers,
        "inputs": len(cases),
        "wall_s": round(wall, 2),
        "throughput_rps": round(len(results) / wall, 2),
        "p50_s": round(cuts[49], 3),
        "p95_s": round(cuts[94], 3),
        "max_s": round(max(latencies), 3),
        "different_from_cli": sum(1 for _, same, _ in results if not same),
        "statuses": {str(s): sum(1 for _, _, t in results if t == s) for s in sorted({t for _, _, t in results})},
        "server_ready_s": round(ready_s, 1),
        "server_peak_mib": round(memory),
        "server_exit": code,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(summary))
    if summary["different_from_cli"] or code != 0 or server.errors:
        print(f"serve_load: FAILED ({server.errors[:3]})", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
