"""The five seed reports, read from ../shared at run time (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.normalize import normalize, report_id_for
from newsprism.types import RawDocument, Report


def _seed(seeds_dir: Path, prefix: str) -> Report:
    paths = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} not found in {seeds_dir}")
    raw = RawDocument(source=str(paths[0]), data=paths[0].read_bytes())
    return normalize(raw, Settings())


def _lines(report: Report) -> list[str]:
    return [line.strip() for line in report.text.split("\n")]


def test_seed_002_title_and_outlet_from_first_line(seeds_dir: Path) -> None:
    report = _seed(seeds_dir, "002")
    assert report.title == "Iran Seeks To Strengthen Military Ties With China"
    assert report.outlet == "HowPakistan"
    assert "Post a Comment" not in _lines(report)
    assert not report.text.startswith(report.title)


def test_seed_003_header_byline_and_date(seeds_dir: Path) -> None:
    report = _seed(seeds_dir, "003")
    assert report.title == "Iran Wants to Expand Military Cooperation With China"
    assert report.byline == "Gabrielle Stephenson"
    assert report.published_at == "2022-04-28"
    assert report.published_precision == "day"
    assert report.published_source == "text"
    assert report.updated_at == "2022-04-28"
    lines = _lines(report)
    assert "Related Topics" not in lines
    assert "Gabrielle Stephenson" not in lines
    assert not any(line.startswith("By ") for line in lines)
    assert [n.kind for n in report.notices] == ["contribution"]


def test_seed_004_republication_notice_names_the_original(seeds_dir: Path) -> None:
    report = _seed(seeds_dir, "004")
    kinds = {n.kind: n for n in report.notices}
    assert "republication" in kinds
    assert kinds["republication"].original_outlet == "RT"
    assert kinds["republication"].start == kinds["republication"].end == -1
    assert kinds["republication"].text not in report.text
    assert "Read more" not in _lines(report)


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seeds_without_a_date_have_none(seeds_dir: Path, prefix: str) -> None:
    report = _seed(seeds_dir, prefix)
    assert report.published_at is None
    assert report.published_source == "unknown"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_ids_hash_the_normalized_text(seeds_dir: Path, prefix: str) -> None:
    report = _seed(seeds_dir, prefix)
    assert report.id == report_id_for(report.text)
    assert report.language == "en"
    assert "\r" not in report.text and "\n\n\n" not in report.text
