"""The ECB+ reader: detokenizing, the URL line, gold events."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.eval.ecb import detokenize, iter_documents, read_gold

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ECB = SHARED / "datasets" / "ecbplus"


def test_detokenize_rebuilds_printed_forms() -> None:
    tokens = ["The", "U", ".", "S", ".", "agency", "said", "a", "4", ".", "6", "quake", "hit",
              "at", "2", ":", "09", ",", "``", "shaking", "north", "-", "east", "''", "."]
    assert detokenize([tokens]) == (
        'The U.S. agency said a 4.6 quake hit at 2:09, "shaking north-east".'
    )
    assert detokenize([["March", "14", ",", "2013"], ["15", ",", "000", "people"]]) == (
        "March 14, 2013\n15,000 people"
    )


def test_reads_all_documents_without_url_lines() -> None:
    if not ECB.is_dir():
        pytest.skip(f"ECB+ not found at {ECB} (../shared is absent)")
    gold = read_gold(ECB)
    assert len(gold) == 982
    docs = [d for d in iter_documents(ECB) if d.topic in (36, 38)]
    assert {d.event for d in docs} == {"36_ecb", "36_ecbplus", "38_ecb", "38_ecbplus"}
    assert all(d.split == "test" for d in docs)
    plus = [d for d in docs if d.name.endswith("ecbplus")]
    assert plus and not any(d.text.lower().startswith("http") for d in plus)
