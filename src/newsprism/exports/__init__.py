"""Exports of the store: the JSON contract, JSONL and CSV."""

from newsprism.exports.contract import CONTRACT_KEYS, build_export
from newsprism.exports.writers import FORMATS, export, safe_cell, write_csv

__all__ = ["CONTRACT_KEYS", "FORMATS", "build_export", "export", "safe_cell", "write_csv"]
