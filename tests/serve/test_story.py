"""The claim matrix laid out from stored claim groups (both stored shapes)."""

from __future__ import annotations

from newsprism.serve.story import Column, matrix_rows

COLUMNS = [Column("r1", "Courier", "Courier", "2025-01-01", None),
           Column("r2", "Ledger", "Ledger", "2025-01-02", None),
           Column("r3", "Wire", "Wire", "2025-01-02", None),
           Column("r4", "Digest", "Digest", None, None)]


def test_per_report_summary_wins_over_members() -> None:
    group = {
        "id": "cg-x", "summary": "The dam gates were opened", "status": "disputed",
        "members": [
            {"claim_id": "c1", "report_id": "r1", "text": "Gates opened.", "stance": "asserted"},
            {"claim_id": "c2a", "report_id": "r2", "text": "They opened, he said.",
             "stance": "asserted"},
            {"claim_id": "c2b", "report_id": "r2", "text": "The firm said so.",
             "stance": "attributed"},
            {"claim_id": "c3", "report_id": "r3", "text": "The firm denied it.",
             "stance": "denied"}],
        "by_report": {"r1": {"stance": "asserted", "claim_ids": ["c1"]},
                      "r2": {"stance": "attributed", "attribution": ["the mayor"],
                             "claim_ids": ["c2b", "c2a"]},
                      "r3": {"stance": "denied", "claim_ids": ["c3"]}},
        "omitted_by": ["r4"],
        "disagreements": [{"field": "number", "unit": "people",
                           "values": {"r1": "1,200", "r2": "1,200", "r3": "1,300"}}],
        "stance_change": {"kind": "contradiction"},
    }
    [row] = matrix_rows([group], COLUMNS)
    assert [c.state for c in row.cells] == ["asserted", "attributed", "denied", "absent"]
    assert row.cells[1].attribution == ["the mayor"]
    assert row.cells[1].href == "/reports/r2#c-c2b"
    assert row.cells[1].text == "They opened, he said. … The firm said so."
    assert [c.differs for c in row.cells] == [False, False, True, False]
    assert row.cells[2].values == ["number (people): 1,300"]
    assert row.cells[3].omitted and row.fields == ["number (people)"]
    assert row.disputed and row.stance_change == "contradiction"


def test_tie_marks_every_stated_value_and_no_disagreement_marks_nothing() -> None:
    tie = {"id": "cg-t", "members": [
        {"claim_id": "a", "report_id": "r1", "stance": "asserted"},
        {"claim_id": "b", "report_id": "r2", "stance": "hedged"}],
        "disagreements": [{"field": "date", "values": {"r1": "Monday", "r2": "Tuesday"}}]}
    agreed = {"id": "cg-a", "status": "consistent", "members": [
        {"claim_id": "a2", "report_id": "r1", "stance": "asserted"},
        {"claim_id": "b2", "report_id": "r3", "stance": "quoted"}]}
    tied, calm = matrix_rows([tie, agreed], COLUMNS)
    assert [c.differs for c in tied.cells] == [True, True, False, False]
    assert not calm.disputed and not any(c.differs for c in calm.cells)
    assert [c.state for c in calm.cells] == ["asserted", "absent", "quoted", "absent"]
    assert not any(c.omitted for c in calm.cells)


def test_unknown_stance_text_is_not_trusted_as_a_css_class() -> None:
    group = {"id": "cg-h", "members": [{"claim_id": "h", "report_id": "r1",
                                        "stance": "x\" onmouseover=\"alert(1)"}]}
    [row] = matrix_rows([group], COLUMNS)
    assert row.cells[0].state == "asserted"
