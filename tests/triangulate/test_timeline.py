from __future__ import annotations

from typing import Any

from newsprism.triangulate.timeline import build_timeline
from newsprism.types import Analysis, Event, Report


def test_timeline_orders_claims_and_events(velmora: Any, velmora_groups: Any) -> None:
    _, reports, analyses = velmora
    claims, _ = velmora_groups
    extra = Report(id="rep-x", source="x", text="Talks were held on 2 March.", outlet="Post")
    ev = Event("rep-x", 0, 27, "CONSULT", "held", time="2031-03-02")
    undated = Event("rep-x", 0, 27, "CONSULT", "held")
    analyses = {**analyses, "rep-x": Analysis("rep-x", events=(ev, undated))}
    entries = build_timeline(claims, [*reports, extra], analyses)
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates, key=lambda d: d)  # all day precision here
    assert entries[0]["kind"] == "event" and entries[0]["outlets"] == ["Post"]
    strike = next(e for e in entries if e["kind"] == "claim")
    assert (strike["date"], strike["precision"]) == ("2031-03-14", "day")
    assert strike["report_ids"] == ["rep-a", "rep-b", "rep-c"]
