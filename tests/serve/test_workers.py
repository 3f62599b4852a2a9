"""The bounded worker pool: results and errors come back, a full pool refuses, a cancelled job never runs."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from checker.serve.workers import Busy, WorkerPool

WAIT_S = 10.0


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Jobs that wait on this event hold their worker until the test opens it."""
    event = threading.Event()
    yield event
    event.set()


def test_results_and_errors_come_back_through_the_future() -> None:
    pool = WorkerPool(workers=2, queue_size=2)
    try:
        assert pool.submit(lambda: 6 * 7).result(WAIT_S) == 42
        failing = pool.submit(lambda: int("x"))
        with pytest.raises(ValueError, match="invalid literal"):
            failing.result(WAIT_S)
        assert pool.load().running == 0
    finally:
        pool.close(WAIT_S)


def test_a_full_pool_refuses_with_a_retry_estimate(gate: threading.Event) -> None:
    pool = WorkerPool(workers=1, queue_size=1)
    try:
        started = threading.Event()
        running = pool.submit(lambda: started.set() or gate.wait(WAIT_S))
        assert started.wait(WAIT_S)
        waiting = pool.submit(lambda: "second")
        assert (pool.load().running, pool.load().waiting) == (1, 1)
        with pytest.raises(Busy) as refused:
            pool.submit(lambda: "third")
        assert refused.value.retry_after_s >= 1
        gate.set()
        assert running.result(WAIT_S) is True
        assert waiting.result(WAIT_S) == "second"
        assert pool.submit(lambda: "room again").result(WAIT_S) == "room again"
    finally:
        pool.close(WAIT_S)


def test_a_job_cancelled_while_waiting_never_runs_and_frees_its_place(gate: threading.Event) -> None:
    pool = WorkerPool(workers=1, queue_size=1)
    ran: list[str] = []
    try:
        started = threading.Event()
        pool.submit(lambda: started.set() or gate.wait(WAIT_S))
        assert started.wait(WAIT_S)
        waiting = pool.submit(lambda: ran.append("cancelled job"))
        assert waiting.cancel()
        gate.set()
        assert pool.submit(lambda: "next").result(WAIT_S) == "next"
        assert ran == []
        assert pool.load().waiting == 0
    finally:
        pool.close(WAIT_S)


def test_no_queue_means_only_the_workers(gate: threading.Event) -> None:
    pool = WorkerPool(workers=2, queue_size=0)
    try:
        first = pool.submit(lambda: gate.wait(WAIT_S))
        second = pool.submit(lambda: gate.wait(WAIT_S))
        with pytest.raises(Busy):
            pool.submit(lambda: True)
        gate.set()
        assert first.result(WAIT_S) and second.result(WAIT_S)
    finally:
        pool.close(WAIT_S)
