"""Exports of the store: the JSON contract, JSONL, CSV, Parquet tables and GraphML."""

from newsprism.exports.contract import CONTRACT_KEYS, build_export
from newsprism.exports.graphml import build_graph, write_graphml
from newsprism.exports.parquet import write_csv_tables, write_parquet_tables
from newsprism.exports.tables import TABLE_NAMES, TABLES, dataframe, records
from newsprism.exports.writers import FORMATS, export, safe_cell, write_csv

__all__ = [
    "CONTRACT_KEYS",
    "FORMATS",
    "TABLES",
    "TABLE_NAMES",
    "build_export",
    "build_graph",
    "dataframe",
    "export",
    "records",
    "safe_cell",
    "write_csv",
    "write_csv_tables",
    "write_graphml",
    "write_parquet_tables",
]
