"""How the server reaches the store: one read-only connection per worker thread, one writer
at a time, and a version stamp that changes whenever the store does (for page caching)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsprism.errors import NotFound
from newsprism.store import Store

# Rendered pages kept in memory. A story page is ~50-300 kB, so 256 of them stay well under
# 100 MB; older entries are dropped first.
PAGE_CACHE_ENTRIES = 256


class StoreAccess:
    """Read-only stores per thread (SQLite connections are cheap, and WAL lets readers run
    beside a writer), plus a lock-guarded writer for the ingest endpoint."""

    def __init__(self, path: Path, *, writable: bool) -> None:
        self.path = path
        self.writable = writable
        if writable:
            Store(path).close()  # creates the file and brings its schema up to date
        elif not path.exists():
            raise NotFound(f"no store at {path}: build one with `newsprism ingest` or "
                           "`newsprism demo`, or pass --db")
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._all: list[Store] = []
        self._all_lock = threading.Lock()

    def reader(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            self._local.store = store
            with self._all_lock:
                self._all.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self._write_lock, Store(self.path) as store:
            yield store

    def version(self) -> tuple[int, ...]:
        """Changes whenever a transaction commits: in WAL mode each commit appends to the
        -wal file and a checkpoint rewrites the main file, so their sizes and mtimes move."""
        stamp: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.path}{suffix}")
            except FileNotFoundError:
                stamp += [0, 0]
                continue
            stamp += [st.st_mtime_ns, st.st_size]
        return tuple(stamp)

    def close(self) -> None:
        with self._all_lock:
            for store in self._all:
                store.close()
            self._all.clear()


class PageCache:
    """Rendered responses keyed on (what, store version): a write to the store makes every
    older entry unreachable, so a cached page is never staler than the last commit."""

    def __init__(self, entries: int = PAGE_CACHE_ENTRIES) -> None:
        self.entries = entries
        self._data: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def lookup(self, key: tuple[object, ...]) -> bytes | None:
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
                self.hits += 1
            return found

    def put(self, key: tuple[object, ...], body: bytes) -> None:
        with self._lock:
            self.misses += 1
            self._data[key] = body
            while len(self._data) > self.entries:
                self._data.popitem(last=False)
