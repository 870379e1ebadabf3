"""Run per-report work in this process or in a local process pool.

An engine maps a function over batches and yields the results in input order, keeping at most a
few batches in flight so a large corpus never sits in memory whole.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Batches submitted ahead of the one being collected, per worker: enough to keep every worker
# busy while the parent writes results, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    """What the pipeline needs from an execution engine."""

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs everything in the calling process: the reference engine, used for one worker."""

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        for batch in batches:
            yield fn(batch)

    def close(self) -> None:
        return None


class ProcessPoolEngine:
    """A pool of worker processes started with ``spawn`` (no inherited threads or locks)."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=initializer,
        )

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        pending: deque[Future[R]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for batch in batches:
            pending.append(self._pool.submit(fn, batch))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def make_engine(workers: int, initializer: Callable[[], None] | None = None) -> Engine:
    """Inline for one worker, else a pool of ``workers`` processes, each running
    ``initializer`` first (inline work runs in this process, which it does not touch)."""
    if workers <= 1:
        return InlineEngine()
    return ProcessPoolEngine(workers, initializer)
