"""The story page's content, laid out for display from the story dossier
(``newsprism.dossier.build_dossier``): the claim-by-outlet matrix, quote groups, omissions,
timeline, reuse, sources and entities. Triangulation logic lives in the dossier; this module
only shapes it for the templates and the API."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsprism.dossier import build_dossier
from newsprism.serve.views import path_id
from newsprism.store import Store

# Cell states the page knows how to draw; anything else is shown as "unknown".
STATES = ("asserted", "attributed", "quoted", "hedged", "denied", "mentioned", "absent")


@dataclass(slots=True)
class Cell:
    report_id: str
    state: str
    omitted: bool = False  # triangulation says the report leaves this claim out
    text: str = ""
    href: str | None = None
    value: str | None = None  # the report's value in the fields where the reports differ
    differs: bool = False  # it states a value in a field where the reports disagree
    outlier: bool = False  # ... and its value is not the one most reports give
    hedges: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "state": self.state, "omitted": self.omitted,
                "text": self.text, "value": self.value, "differs": self.differs,
                "outlier": self.outlier, "hedges": self.hedges,
                "attribution": self.attribution}


@dataclass(slots=True)
class Row:
    group_id: str
    summary: str
    status: str
    disputed: bool
    fields: list[str]
    cells: list[Cell]
    stance_change: str = ""  # e.g. "hedge-dropped", "contradiction"
    date: str | None = None
    carried_by: int = 0  # how many reports carry the claim

    def as_dict(self) -> dict[str, Any]:
        return {"group_id": self.group_id, "summary": self.summary, "status": self.status,
                "disputed": self.disputed, "fields": self.fields,
                "carried_by": self.carried_by,
                "stance_change": self.stance_change or None, "date": self.date,
                "cells": [c.as_dict() for c in self.cells]}


@dataclass(slots=True)
class Column:
    report_id: str
    outlet: str
    label: str
    published_at: str | None
    title: str | None


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return "" if value is None else str(value)


def _field_label(d: dict[str, Any]) -> str:
    unit = d.get("unit")
    return f"{d.get('field')} ({unit})" if unit else str(d.get("field"))


def _outliers(group: dict[str, Any]) -> set[str]:
    """Reports whose value in a disputed field is not the one most reports give (every
    report stating a value when no value has a plurality)."""
    out: set[str] = set()
    for d in group.get("disagreements") or []:
        values = {str(k): _text(v) for k, v in (d.get("values") or {}).items()}
        common = Counter(values.values()).most_common()
        plurality = common[0][0] if len(common) == 1 or (
            common and common[0][1] > common[1][1]) else None
        out |= {rid for rid, v in values.items() if v != plurality}
    return out


def _cell(rid: str, raw: dict[str, Any], group: dict[str, Any], outliers: set[str]) -> Cell:
    state = str(raw.get("stance") or "absent")
    by_report = (group.get("by_report") or {}).get(rid) or {}
    claim_ids = list(by_report.get("claim_ids") or [])
    href = None
    if state not in ("absent", "mentioned"):
        href = f"/reports/{path_id(rid)}"
        if claim_ids:
            href += f"#c-{path_id(str(claim_ids[0]))}"
    return Cell(rid, state if state in STATES else "unknown",
                omitted=rid in (group.get("omitted_by") or []),
                text=_text(raw.get("text")), href=href, value=raw.get("value"),
                differs=bool(raw.get("differs")), outlier=rid in outliers,
                hedges=[str(h) for h in raw.get("hedges") or []],
                attribution=[str(a) for a in raw.get("attribution") or []])


def matrix_rows(dossier: dict[str, Any], columns: list[Column]) -> list[Row]:
    groups = {str(g.get("id")): g for g in dossier.get("claims") or []}
    rows = []
    for r in dossier["matrix"]["rows"]:
        group = groups.get(str(r["group_id"]), {})
        outliers = _outliers(group)
        cells = [_cell(c.report_id, r["cells"].get(c.report_id) or {}, group, outliers)
                 for c in columns]
        diffs = list(group.get("disagreements") or [])
        change = group.get("stance_change")
        status = str(r.get("status") or "")
        rows.append(Row(str(r["group_id"]), str(r.get("summary") or ""), status,
                        bool(diffs) or status == "disputed", [_field_label(d) for d in diffs],
                        cells, str(change.get("kind") or "") if isinstance(change, dict)
                        else "", r.get("date"),
                        int(r.get("carried_by") or sum(c.href is not None for c in cells))))
    return rows


def story_page(store: Store, story_id: str) -> dict[str, Any]:
    """Everything the story page shows (and ``GET /api/v1/stories/{id}`` returns)."""
    d = build_dossier(store, story_id)
    columns = [Column(r["id"], r.get("outlet") or "?", r["label"], r.get("published_at"),
                      r.get("title")) for r in d["reports"]]
    labels = {c.report_id: c.label for c in columns}
    outlets = Counter(c.outlet for c in columns)
    story = d["story"]
    return {
        "story": {"id": story["id"], "title": story["title"],
                  "size": story["report_count"], "first_seen": story["first_seen"],
                  "last_seen": story["last_seen"],
                  "outlets": [{"outlet": o, "reports": n} for o, n in outlets.most_common()]},
        "reports": d["reports"],
        "columns": columns,
        "rows": matrix_rows(d, columns),
        "claim_groups": d["claims"],
        "quote_groups": d["quotes"],
        "omissions": [{**o, "label": labels.get(o["report_id"], o["report_id"])}
                      for o in d["omissions"] if o["missing"]],
        "timeline": d["timeline"],
        "reuse": d["provenance"]["reuse"],
        "sources": [{**p, "label": labels.get(p["report_id"], p["report_id"])}
                    for p in d["provenance"]["reports"] if p["sources"]],
        "entities": d["entities"],
        "dossier": d,
    }


def story_api(store: Store, story_id: str) -> dict[str, Any]:
    """The story page's content as JSON for ``GET /api/v1/stories/{id}``."""
    page = story_page(store, story_id)
    d = page["dossier"]
    return {
        "story": page["story"],
        "reports": d["reports"],
        "claim_matrix": {
            "columns": [{"report_id": c.report_id, "outlet": c.outlet, "label": c.label,
                         "published_at": c.published_at} for c in page["columns"]],
            "rows": [r.as_dict() for r in page["rows"]],
        },
        "claim_groups": d["claims"],
        "quote_groups": d["quotes"],
        "omissions": d["omissions"],
        "disagreements": d["disagreements"],
        "stance_changes": d["stance_changes"],
        "timeline": d["timeline"],
        "reuse": d["provenance"]["reuse"],
        "provenance": d["provenance"],
        "entities": d["entities"],
    }
