"""The TempEval-3 reader and value-F1 scorer, on a fictional TimeML document."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import MalformedInput
from newsprism.eval.tempeval import (
    Predicted,
    TimeMLDoc,
    read_corpus,
    read_timeml,
    score_doc,
    split_halves,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "tempeval3_tbaq"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>FICT001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" functionInDocument="CREATION_TIME">20010504</TIMEX3></DCT>
<TEXT>
The mill <EVENT eid="e1">closed</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-05-03">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of losses, workers said <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml(tmp_path: Path) -> Path:
    path = tmp_path / "FICT001.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_reader_offsets_and_dct(tml: Path) -> None:
    doc = read_timeml(tml)
    assert doc.dct == "2001-05-04"
    assert [t.text for t in doc.timexes] == ["yesterday", "three years", "now"]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert "20010504" not in doc.text  # the DCT is metadata, not a gold mention


def test_score_relaxed_match_and_value(tml: Path) -> None:
    doc = read_timeml(tml)
    y, d = doc.timexes[0], doc.timexes[1]
    predicted = [
        Predicted(y.start, y.end, "2001-05-03"),  # exact, right value
        Predicted(d.start + 6, d.end, "P2Y"),  # overlaps "three years", wrong value
        Predicted(0, 3, "2001"),  # spurious
    ]
    score = score_doc(doc, predicted)
    assert (score.gold, score.predicted, score.matched, score.strict) == (3, 3, 2, 1)
    assert score.value_correct == 1
    p, r, f = score.value()
    assert p == pytest.approx(1 / 3) and r == pytest.approx(1 / 3) and f == pytest.approx(1 / 3)
    kinds = sorted(e[2] == "<spurious>" or e[3] == "<missed>" for e in score.errors)
    assert len(score.errors) == 3 and kinds.count(True) == 2


def test_malformed_file_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(MalformedInput):
        read_timeml(bad)
    with pytest.raises(MalformedInput):
        read_corpus(tmp_path / "empty")


def test_real_corpus_counts() -> None:
    if not DATA.is_dir():
        pytest.skip(f"TempEval-3 data not available at {DATA}")
    docs = read_corpus(DATA / "TBAQ-cleaned" / "AQUAINT")
    assert len(docs) == 73
    assert sum(len(d.timexes) for d in docs) == 652 - 73  # all but the DCTs


def test_split_halves_keeps_groups_together_and_alternates() -> None:
    def doc(doc_id: str) -> TimeMLDoc:
        return TimeMLDoc(doc_id, "2001-05-04", "", ())

    ids = ["AAA20010101.0001", "AAA20010101.0002", "AAA20010102.0001", "BBB20010101.0001",
           "CCC20010105.0003"]
    dev, held = split_halves([doc(i) for i in ids])
    assert [d.doc_id for d in dev] == ids[:2] + ids[3:4]
    assert [d.doc_id for d in held] == [ids[2], ids[4]]
    # the split depends on the ids only, not on the order the documents come in
    dev2, _ = split_halves([doc(i) for i in reversed(ids)])
    assert sorted(d.doc_id for d in dev2) == sorted(d.doc_id for d in dev)
