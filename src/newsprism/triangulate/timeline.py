"""A story's timeline: its dated claims and events in calendar order, each with the reports
that carry it and the precision of its date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.triangulate.values import date_interval, precision_of
from newsprism.types import Analysis, Report


def build_timeline(claim_groups: Sequence[dict[str, Any]], reports: Sequence[Report],
                   analyses: dict[str, Analysis | None]) -> list[dict[str, Any]]:
    outlets = {r.id: r.outlet for r in reports}
    entries: list[dict[str, Any]] = []
    for g in claim_groups:
        if not g.get("date") or date_interval(g["date"]) is None:
            continue
        rids = list(g.get("report_ids", []))
        entries.append({"date": g["date"], "precision": g.get("date_precision"),
                        "kind": "claim", "group_id": g["id"], "text": g["summary"],
                        "status": g.get("status"), "report_ids": rids,
                        "outlets": _outlets(rids, outlets)})
    entries += _event_entries(reports, analyses, outlets)
    entries.sort(key=_order)
    return entries


def _event_entries(reports: Sequence[Report], analyses: dict[str, Analysis | None],
                   outlets: dict[str, str | None]) -> list[dict[str, Any]]:
    """Dated events, one entry per (type, actors, date) however many reports carry it."""
    merged: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for r in reports:
        a = analyses.get(r.id)
        if a is None:
            continue
        for e in a.events:
            if not e.time or date_interval(e.time) is None:
                continue
            key = (e.type, _actor(e.source_entity_id, e.source_text),
                   _actor(e.target_entity_id, e.target_text), e.time)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = {
                    "date": e.time, "precision": precision_of(e.time), "kind": "event",
                    "event_type": e.type, "trigger": e.trigger, "source": e.source_text,
                    "target": e.target_text, "place": e.place, "negated": e.negated,
                    "text": r.text[e.start:e.end].strip(), "report_ids": [],
                    "spans": []}
            if r.id not in entry["report_ids"]:
                entry["report_ids"].append(r.id)
            entry["spans"].append({"report_id": r.id, "start": e.start, "end": e.end})
    for entry in merged.values():
        entry["outlets"] = _outlets(entry["report_ids"], outlets)
    return list(merged.values())


def _actor(entity_id: str | None, text: str | None) -> str:
    return entity_id or (text or "").lower()


def _outlets(rids: Sequence[str], outlets: dict[str, str | None]) -> list[str]:
    return list(dict.fromkeys(outlets.get(r) or r for r in rids))


def _order(entry: dict[str, Any]) -> tuple[str, int, int]:
    span = date_interval(entry["date"])
    assert span is not None
    # Earlier start first; at one start, the finer date first; claims before events.
    return span[0].isoformat(), (span[1] - span[0]).days, 0 if entry["kind"] == "claim" else 1
