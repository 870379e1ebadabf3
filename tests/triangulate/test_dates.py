"""Dates in disagreements are compared as resolved values at their precision; a relative date
that could not be resolved (or only against an estimated publication date) disagrees only
where its own words rule the other date out. Fictional texts, tagged by the real normalizer."""

from __future__ import annotations

from typing import Any

from newsprism.analyze.times import resolve_times, tag_text
from newsprism.triangulate.values import (
    ClaimValues,
    DateValue,
    calendar_fields,
    claim_values,
    dates_agree,
    disagreements,
)
from newsprism.types import Analysis, ClaimUnit, TimeExpr


def _times(text: str, anchor: str | None) -> list[TimeExpr]:
    return tag_text(text, anchor)


def _values(rid: str, text: str, times: list[TimeExpr]) -> ClaimValues:
    claim = ClaimUnit(f"{rid}-c0", rid, 0, len(text), text, "asserted")
    return claim_values(claim, Analysis(rid, times=tuple(times), claims=(claim,)), text)


def _report(rid: str, text: str, published: str | None) -> ClaimValues:
    return _values(rid, text, _times(text, published))


def _dates(diffs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in diffs if d["field"] == "date"]


# 2030-05-07 is a Tuesday.
TUESDAY_TEXT = "The ferry line to Osterholm reopened on Tuesday, the harbour office said."
WEDNESDAY_TEXT = "The ferry line to Osterholm reopened on Wednesday, the harbour office said."
DATED_TEXT = "The ferry line to Osterholm reopened on 7 May, the harbour office said."


def test_two_wordings_of_one_resolved_day_agree() -> None:
    # "Tuesday" in a report of Wednesday 8 May and "7 May" in one of Thursday 9 May.
    a = _report("a", TUESDAY_TEXT, "2030-05-08")
    b = _report("b", DATED_TEXT, "2030-05-09")
    assert [d.value for d in a.dates] == ["2030-05-07"]
    assert _dates(disagreements({"a": a, "b": b})) == []


def test_different_resolved_days_disagree_and_show_their_values() -> None:
    # Different weekday names that resolve to different days (published a day apart).
    a = _report("a", TUESDAY_TEXT, "2030-05-08")
    b = _report("b", WEDNESDAY_TEXT, "2030-05-10")
    (diff,) = _dates(disagreements({"a": a, "b": b}))
    assert diff["values"] == {"a": "2030-05-07", "b": "2030-05-08"}
    assert diff["texts"] == {"a": "Tuesday", "b": "Wednesday"}
    assert diff["precision"] == {"a": ["day"], "b": ["day"]}


def test_same_weekday_name_resolved_on_different_days_is_compared_by_value() -> None:
    # Both say "Tuesday", but a week apart: the raw words match, the resolved days do not.
    a = _report("a", TUESDAY_TEXT, "2030-05-08")
    b = _report("b", TUESDAY_TEXT, "2030-05-15")
    (diff,) = _dates(disagreements({"a": a, "b": b}))
    assert diff["normalized"] == {"a": ["2030-05-07"], "b": ["2030-05-14"]}


def test_unresolved_weekday_disagrees_only_with_another_weekday() -> None:
    undated = _report("u", TUESDAY_TEXT, None)
    (d,) = undated.dates
    assert d.value == "" and d.anchor == "unresolved" and not d.firm
    assert calendar_fields(d) == {"weekday": 1}
    tuesday = _report("t", DATED_TEXT, "2030-05-09")  # 7 May 2030, a Tuesday
    assert _dates(disagreements({"u": undated, "t": tuesday})) == []
    wednesday = _report("w", "The ferry line to Osterholm reopened on 8 May, officials said.",
                        "2030-05-09")
    (diff,) = _dates(disagreements({"u": undated, "w": wednesday}))
    assert diff["values"]["u"] == "Tuesday (unresolved)"
    assert diff["values"]["w"] == "2030-05-08"


def test_unresolved_expressions_without_calendar_words_never_disagree() -> None:
    vague = _report("v", "The ferry line to Osterholm reopened last month, the office said.",
                    None)
    assert [d.relative for d in vague.dates] == ["unit|month|-1"]
    for other in ("2030-05-08", "2029-11-30"):
        firm = ClaimValues(dates=(DateValue(other, other, "day"),))
        assert _dates(disagreements({"v": vague, "f": firm})) == []


def test_unresolved_month_and_day_words_are_checked_against_resolved_dates() -> None:
    md = _report("m", "The ferry line reopened on Wednesday, May 8, the office said.", None)
    assert calendar_fields(md.dates[0]) == {"month": 5, "day": 8, "weekday": 2}
    assert dates_agree(md.dates[0], DateValue("8 May", "2030-05-08", "day"))
    assert not dates_agree(md.dates[0], DateValue("9 May", "2030-05-09", "day"))
    # At month precision only the month can be checked.
    assert dates_agree(md.dates[0], DateValue("May", "2030-05", "month"))
    month = _report("n", "The ferry line reopened in March, the office said.", None)
    assert not dates_agree(month.dates[0], DateValue("April", "2030-04", "month"))
    assert dates_agree(month.dates[0], DateValue("2030", "2030", "year"))


def test_a_date_resolved_against_an_estimated_anchor_is_a_guess() -> None:
    # An undated report later given an estimated date: its "Tuesday" is resolved, but
    # against a guess, so it is held only to being a Tuesday.
    times = resolve_times(_times(TUESDAY_TEXT, None), "2030-05-17", "story-estimated")
    guessed = _values("g", TUESDAY_TEXT, times)
    (d,) = guessed.dates
    assert d.value == "2030-05-14" and d.anchor == "story-estimated" and not d.firm
    firm_tuesday = _report("t", DATED_TEXT, "2030-05-09")
    assert _dates(disagreements({"g": guessed, "t": firm_tuesday})) == []
    firm_thursday = ClaimValues(dates=(DateValue("9 May", "2030-05-09", "day"),))
    (diff,) = _dates(disagreements({"g": guessed, "t": firm_thursday}))
    assert "estimated" in diff["values"]["g"]


def test_claim_values_drop_the_stale_times_snapshot() -> None:
    text = TUESDAY_TEXT
    claim = ClaimUnit("x-c0", "x", 0, len(text), text, "asserted",
                      values={"times": [{"text": "Tuesday", "value": None}]})
    times = resolve_times(_times(text, None), "2030-05-09", "story-estimated")
    values = claim_values(claim, Analysis("x", times=tuple(times), claims=(claim,)), text)
    out = values.as_dict()
    assert "times" not in out
    assert out["dates"] == [{"text": "Tuesday", "value": "2030-05-07", "precision": "day",
                             "anchor": "story-estimated"}]
