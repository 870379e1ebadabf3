"""Run per-report work on a Dask cluster (or a LocalCluster started here).

Only the pure per-report stages travel to workers; the store stays with the client, so every
report is written exactly once, by one process, whatever happens to the workers. Dask
reschedules the batch of a worker that dies (``distributed.scheduler.allowed-failures``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from newsprism.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

# Batches in flight per worker thread: keeps workers fed without shipping the corpus at once.
IN_FLIGHT_PER_WORKER = 2


class DaskEngine:
    """Map batches over a Dask cluster; results come back in input order."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise ConfigError("the dask engine needs the 'distributed' package") from exc
        self._cluster: Any = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}"
                                  ) from exc
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self.client = Client(self._cluster)
        self.slots = max(1, sum(self.client.nthreads().values()))

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        pending: deque[Any] = deque()
        limit = self.slots * IN_FLIGHT_PER_WORKER
        # pure=False: identical batches are still separate tasks with separate results.
        for batch in batches:
            pending.append(self.client.submit(fn, batch, pure=False))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
