"""Parquet and CSV exports of every table (see tables.py) into a directory, one file each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError
from newsprism.exports.tables import TABLE_NAMES, ColumnType, flat_records, records, table
from newsprism.store import Store


def _arrow_type(kind: ColumnType) -> Any:
    import pyarrow as pa

    return {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
            "bool": pa.bool_(), "list": pa.list_(pa.string()), "json": pa.string()}[kind]


def out_directory(target: str) -> Path:
    """The export directory, created if needed; a file in its place is an error."""
    if target == "-":
        raise ConfigError("this format writes one file per table: give a directory, not '-'")
    path = Path(target)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{path} is a file; this format writes one file per table into a "
                          "directory: give a directory path")
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """Write to ``<path>.part``, then rename: an interrupted export leaves no torn file."""
    tmp = path.with_name(path.name + ".part")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


def write_parquet_tables(store: Store, target: str) -> dict[str, int]:
    """One ``<table>.parquet`` per table; list columns are list<string>, JSON columns text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory = out_directory(target)
    counts = {}
    for name in TABLE_NAMES:
        spec = table(name)
        rows = records(store, name)
        for row in rows:
            for col, kind in spec.columns:
                if kind == "json":
                    row[col] = json.dumps(row[col], ensure_ascii=False, sort_keys=True,
                                          default=str)
        schema = pa.schema([(col, _arrow_type(kind)) for col, kind in spec.columns])
        with atomic(directory / f"{name}.parquet") as tmp:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
        counts[name] = len(rows)
    return counts


def write_csv_tables(store: Store, target: str) -> dict[str, int]:
    """One ``<table>.csv`` per table; list and JSON columns as JSON text, cells made safe
    for spreadsheets."""
    from newsprism.exports.writers import write_csv

    directory = out_directory(target)
    counts = {}
    for name in TABLE_NAMES:
        rows = flat_records(store, name)
        with atomic(directory / f"{name}.csv") as tmp, tmp.open(
                "w", encoding="utf-8", newline="") as out:
            write_csv(out, rows, table(name).column_names)
        counts[name] = len(rows)
    return counts
