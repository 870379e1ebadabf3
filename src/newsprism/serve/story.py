"""The story page's content: claim-by-outlet matrix, quote groups, omissions, timeline,
reuse and entities, laid out for display from what triangulation stored for the story."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsprism.serve import queries
from newsprism.serve.views import path_id, report_summary
from newsprism.store import Store
from newsprism.types import Report, Story

STANCES = ("asserted", "attributed", "quoted", "hedged", "denied")


@dataclass(slots=True)
class Cell:
    report_id: str
    state: str  # one of STANCES, or "absent"
    omitted: bool = False  # triangulation says the report leaves this claim out
    text: str = ""
    href: str | None = None
    values: list[str] = field(default_factory=list)  # this report's value where rows differ
    differs: bool = False
    hedges: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "state": self.state, "omitted": self.omitted,
                "text": self.text, "values": self.values, "differs": self.differs,
                "hedges": self.hedges, "attribution": self.attribution}


@dataclass(slots=True)
class Row:
    group_id: str
    summary: str
    status: str
    disputed: bool
    fields: list[str]
    cells: list[Cell]
    stance_change: str = ""  # e.g. "hedge-dropped", "contradiction"

    def as_dict(self) -> dict[str, Any]:
        return {"group_id": self.group_id, "summary": self.summary, "status": self.status,
                "disputed": self.disputed, "fields": self.fields,
                "stance_change": self.stance_change or None,
                "cells": [c.as_dict() for c in self.cells]}


@dataclass(slots=True)
class Column:
    report_id: str
    outlet: str
    label: str
    published_at: str | None
    title: str | None


def columns_for(reports: list[Report]) -> list[Column]:
    """One column per report, labelled by outlet; an outlet with several reports in the
    story gets its reports told apart by date."""
    per_outlet = Counter(r.outlet or "?" for r in reports)
    cols = []
    for r in reports:
        outlet = r.outlet or "?"
        label = outlet
        if per_outlet[outlet] > 1:
            label = f"{outlet} ({(r.published_at or r.id)[:10]})"
        cols.append(Column(r.id, outlet, label, r.published_at, r.title))
    return cols


def _value_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def matrix_rows(groups: list[dict[str, Any]], columns: list[Column]) -> list[Row]:
    rows = []
    for g in groups:
        omitted = {str(r) for r in g.get("omitted_by") or []}
        cells = [_cell(g, c.report_id, c.report_id in omitted) for c in columns]
        by_report = {c.report_id: c for c in cells}
        disagreements = [d for d in g.get("disagreements") or [] if isinstance(d, dict)]
        for d in disagreements:
            _mark_differences(d, by_report)
        change = g.get("stance_change")
        status = str(g.get("status") or "")
        rows.append(Row(str(g.get("id")), str(g.get("summary") or ""), status,
                        bool(disagreements) or status == "disputed",
                        [_field_label(d) for d in disagreements], cells,
                        str(change.get("kind") or "") if isinstance(change, dict) else ""))
    return rows


def _field_label(d: dict[str, Any]) -> str:
    unit = d.get("unit")
    return f"{d.get('field')} ({unit})" if unit else str(d.get("field"))


def _mark_differences(d: dict[str, Any], cells: dict[str, Cell]) -> None:
    """Show each report's value for a disputed field; mark the cells that deviate from the
    value most reports give (all of them when no value has a plurality)."""
    values = {str(k): _value_text(v) for k, v in (d.get("values") or {}).items()}
    common = Counter(values.values()).most_common()
    plurality = common[0][0] if common and (
        len(common) == 1 or common[0][1] > common[1][1]) else None
    for rid, text in values.items():
        cell = cells.get(rid)
        if cell is not None:
            cell.values.append(f"{_field_label(d)}: {text}")
            cell.differs = cell.differs or text != plurality


def _cell(g: dict[str, Any], report_id: str, omitted: bool) -> Cell:
    """One report's cell: its stance for the claim group (the group's per-report summary
    when triangulation gives one, else the report's first member claim)."""
    members = [m for m in g.get("members") or []
               if isinstance(m, dict) and str(m.get("report_id")) == report_id]
    summary = (g.get("by_report") or {}).get(report_id)
    if not members and not isinstance(summary, dict):
        return Cell(report_id, "absent", omitted=omitted)
    first = members[0] if members else {}
    info = summary if isinstance(summary, dict) else first
    claim_ids = list(info.get("claim_ids") or []) or [first.get("claim_id")]
    href = f"/reports/{path_id(report_id)}"
    if claim_ids[0]:
        href += f"#c-{path_id(str(claim_ids[0]))}"
    stance = str(info.get("stance") or first.get("stance") or "asserted")
    return Cell(report_id, stance if stance in STANCES else "asserted",
                text=" … ".join(str(m.get("text") or "") for m in members), href=href,
                hedges=[str(h) for h in info.get("hedges") or []],
                attribution=[str(a) for a in info.get("attribution") or []])


def story_page(store: Store, story_id: str) -> dict[str, Any]:
    """Everything the story page and ``GET /api/v1/stories/{id}`` show."""
    story = store.story(story_id)
    reports = store.reports(story_id=story.id)
    columns = columns_for(reports)
    groups = [dict(g) for g in store.claim_groups(story.id)]
    rows = matrix_rows(groups, columns)
    quote_groups = [dict(g) for g in store.quote_groups(story.id)]
    ids = [r.id for r in reports]
    inside = set(ids)
    reuse = [e for e in store.reuse(ids)
             if e.from_report_id in inside and e.to_report_id in inside]
    return {
        "story": _story_head(story, reports),
        "reports": [report_summary(r, story.id) for r in reports],
        "columns": columns,
        "rows": rows,
        "claim_groups": groups,
        "quote_groups": quote_groups,
        "omissions": _omissions(rows, columns),
        "timeline": _timeline(store, reports, groups),
        "reuse": [{"from_report_id": e.from_report_id, "to_report_id": e.to_report_id,
                   "shared_chars": e.shared_chars, "share_from": e.share_from,
                   "share_to": e.share_to, "kind": e.kind,
                   "direction_basis": e.direction_basis,
                   "passages": [list(p) for p in e.passages]} for e in reuse],
        "entities": _story_entities(store, ids),
    }


def _story_head(story: Story, reports: list[Report]) -> dict[str, Any]:
    outlets = Counter(r.outlet or "?" for r in reports)
    return {"id": story.id, "title": story.title, "size": len(story.report_ids),
            "first_seen": story.first_seen, "last_seen": story.last_seen,
            "outlets": [{"outlet": o, "reports": n} for o, n in outlets.most_common()]}


def _omissions(rows: list[Row], columns: list[Column]) -> list[dict[str, Any]]:
    out = []
    for col in columns:
        left_out = [{"group_id": r.group_id, "summary": r.summary} for r in rows
                    for c in r.cells if c.report_id == col.report_id and c.omitted]
        if left_out:
            out.append({"report_id": col.report_id, "outlet": col.outlet,
                        "label": col.label, "claims": left_out})
    return out


def _timeline(store: Store, reports: list[Report], groups: list[dict[str, Any]]
              ) -> list[dict[str, Any]]:
    """Dated points: each report's publication, and the dates claim groups are about."""
    points: list[dict[str, Any]] = [{"lane": r.outlet or "?", "when": r.published_at, "kind": "published",
               "label": r.title or r.id, "report_id": r.id}
              for r in reports if r.published_at]
    for g in groups:
        when = g.get("date")
        if isinstance(when, str) and when:
            points.append({"lane": "claimed dates", "when": when, "kind": "claim",
                           "label": str(g.get("summary") or ""), "group_id": g.get("id")})
    points.sort(key=lambda p: str(p["when"]))
    return points


def _story_entities(store: Store, report_ids: list[str]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    reports_of: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for m in store.mentions(report_ids):
        if m.entity_id:
            counts[m.entity_id] += 1
            reports_of[m.entity_id].add(m.report_id)
            spellings[m.entity_id][m.text] += 1
    names = queries.entity_names(store, list(counts))
    types = queries.entity_types(store, list(counts))
    return [{"id": eid, "name": names.get(eid, eid), "type": types.get(eid),
             "mentions": n, "reports": len(reports_of[eid]),
             "spellings": [t for t, _ in spellings[eid].most_common()]}
            for eid, n in counts.most_common() if eid in names]


def story_api(store: Store, story_id: str) -> dict[str, Any]:
    """The story page's content as JSON for ``GET /api/v1/stories/{id}``."""
    page = story_page(store, story_id)
    return {
        "story": page["story"],
        "reports": page["reports"],
        "claim_matrix": {
            "columns": [{"report_id": c.report_id, "outlet": c.outlet, "label": c.label,
                         "published_at": c.published_at} for c in page["columns"]],
            "rows": [r.as_dict() for r in page["rows"]],
        },
        "claim_groups": page["claim_groups"],
        "quote_groups": page["quote_groups"],
        "omissions": page["omissions"],
        "timeline": page["timeline"],
        "reuse": page["reuse"],
        "entities": page["entities"],
    }
