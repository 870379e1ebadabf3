"""docs/example.py runs as written (on a copy of the session's demo store, so that its ingest
finds everything stored) and prints the claim matrix."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest

import newsprism

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "example.py"


def test_example_prints_the_claim_matrix(demo_db: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(demo_db, tmp_path / "newsprism-example.db")
    monkeypatch.chdir(tmp_path)
    names = runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    with newsprism.open(demo_db, readonly=True) as db:
        story = db.stories()[0]
        expected = db.claim_matrix(story.id)
        n_reports = len(db)
    assert f"stored 0 new reports, {n_reports} already there" in out
    assert names["matrix"].equals(expected)
    header = f"claim matrix of story {story.id}: {len(expected)} claims x "
    assert header in out
    matrix_text = out.split(header, 1)[1]
    first_line = matrix_text.splitlines()[1]
    assert all(label in first_line for label in expected.columns)
    assert "asserted" in matrix_text and "absent" in matrix_text
