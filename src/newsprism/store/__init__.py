"""Persistence: the SQLite store (WAL, FTS5, migrations)."""

from newsprism.store.sqlite import SearchHit, Store, StoredItem

__all__ = ["SearchHit", "Store", "StoredItem"]
