"""A bounded pool of worker threads: at most `workers` checks run at once and `queue` more wait.

A request that finds every worker busy and the queue full is refused at once (the server answers
503 with Retry-After) rather than piling up. A job cancelled while it waits (its request ran out of
time) never starts; a job already running cannot be stopped and finishes in the background.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Retry-After is estimated from the last few checks' durations; before any, a check counts as a second.
RECENT_CHECKS = 20
FIRST_ESTIMATE_S = 1.0


class Busy(Exception):
    """Every worker is busy and the queue is full."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"The server is busy; retry in {retry_after_s} s.")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Load:
    running: int
    waiting: int


class _Job(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self.future: Future[T] = Future()


class WorkerPool:
    """`submit` a function; a worker thread runs it and its Future carries the result or the exception."""

    def __init__(self, workers: int, queue_size: int) -> None:
        self.workers = workers
        self.queue_size = queue_size
        self._jobs: queue.SimpleQueue[_Job[Any] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._admitted = 0  # waiting or running
        self._running = 0
        self._durations: deque[float] = deque(maxlen=RECENT_CHECKS)
        self._threads = [
            threading.Thread(target=self._work, name=f"checker-serve-{n}", daemon=True) for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, work: Callable[[], T]) -> Future[T]:
        """Queue `work`, or raise Busy when `workers + queue_size` jobs are already admitted."""
        job = _Job(work)
        with self._lock:
            if self._admitted >= self.workers + self.queue_size:
                raise Busy(self._retry_after())
            self._admitted += 1
        # Done, failed or cancelled while waiting: its place is free at once.
        job.future.add_done_callback(self._release)
        self._jobs.put(job)
        return job.future

    def load(self) -> Load:
        with self._lock:
            return Load(running=self._running, waiting=self._admitted - self._running)

    def close(self, timeout_s: float) -> None:
        """Stop the workers once their current job is done; wait at most `timeout_s` for them."""
        for _ in self._threads:
            self._jobs.put(None)
        deadline = time.monotonic() + timeout_s
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def _retry_after(self) -> int:
        """Seconds until a place is likely free: a worker's share of the jobs ahead, at the recent pace."""
        pace = sum(self._durations) / len(self._durations) if self._durations else FIRST_ESTIMATE_S
        ahead = self._admitted - self.workers + 1
        return max(1, math.ceil(pace * ahead / self.workers))

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            if not job.future.set_running_or_notify_cancel():
                continue  # cancelled while waiting: never started
            with self._lock:
                self._running += 1
            started = time.monotonic()
            try:
                result = job.work()
            except BaseException as error:
                self._stopped(started)
                job.future.set_exception(error)
            else:
                self._stopped(started)
                job.future.set_result(result)

    def _stopped(self, started: float) -> None:
        with self._lock:
            self._running -= 1
            self._durations.append(time.monotonic() - started)

    def _release(self, _: Future[Any]) -> None:
        with self._lock:
            self._admitted -= 1
