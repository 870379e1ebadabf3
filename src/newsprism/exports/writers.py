"""Write the store out: JSON (the contract), JSONL or CSV of reports, and every table as
Parquet or CSV files in a directory, or the entity graph as GraphML."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from newsprism.errors import ConfigError
from newsprism.exports.contract import build_export
from newsprism.exports.graphml import write_graphml
from newsprism.exports.parquet import write_csv_tables, write_parquet_tables
from newsprism.store import Store

FORMATS = ("json", "jsonl", "csv", "parquet", "graphml")
REPORT_CSV_COLUMNS = ("id", "source", "url", "outlet", "title", "byline", "published_at",
                      "published_precision", "published_source", "language", "story_id",
                      "text")


@contextmanager
def _open_out(target: str) -> Iterator[IO[str]]:
    """``-`` is standard output; a file is written whole to a temporary name, then renamed,
    so an interrupted export never leaves a truncated file behind."""
    if target == "-":
        yield sys.stdout
        return
    path = Path(target)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        yield fh
    tmp.replace(path)


def csv_is_one_file(target: str) -> bool:
    """``csv`` to '-' or to a name ending in .csv writes the reports table alone (as it always
    has); any other target is a directory that gets one CSV file per table."""
    return target == "-" or (target.lower().endswith(".csv") and not Path(target).is_dir())


def export(store: Store, fmt: str, target: str) -> dict[str, int]:
    """Write the export; returns how many records of each kind were written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return write_parquet_tables(store, target)
    if fmt == "graphml":
        return write_graphml(store, target)
    if fmt == "csv" and not csv_is_one_file(target):
        return write_csv_tables(store, target)
    data = build_export(store)
    with _open_out(target) as out:
        if fmt == "json":
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif fmt == "jsonl":
            for report in data["reports"]:
                out.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            _write_reports_csv(out, data["reports"])
    return {k: len(v) for k, v in data.items() if isinstance(v, list)}


# Cells starting with these are run as formulas by spreadsheet programs; article text is
# untrusted, so such cells get a leading apostrophe (the OWASP CSV-injection advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(out: IO[str], rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str]
              ) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})


def _write_reports_csv(out: IO[str], reports: list[dict[str, Any]]) -> None:
    write_csv(out, reports, REPORT_CSV_COLUMNS)


def to_csv_string(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    write_csv(buf, rows, columns)
    return buf.getvalue()
