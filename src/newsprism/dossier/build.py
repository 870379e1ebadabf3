"""The story dossier: everything the CLI dossier and the web UI's story page show, as one dict.

It reads the story's stored claim and quote groups (computing them, without storing, when the
triangulate stage has not run for the story) and lays them out for a reader: a claim matrix of
claim groups by reports, disagreements, stance changes, omissions per report, quote groups side
by side, provenance, timeline and the story's entities. Every text in it comes from reports and
must be escaped by whatever renders it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsprism.store import Store
from newsprism.triangulate.omissions import omissions_by_report
from newsprism.triangulate.provenance import report_sources, reuse_summary
from newsprism.triangulate.stage import load_story, triangulate_reports
from newsprism.triangulate.timeline import build_timeline
from newsprism.types import Analysis, Report

DOSSIER_VERSION = 1


def build_dossier(store: Store, story_id: str) -> dict[str, Any]:
    """The dossier of one story (by id or unique id prefix)."""
    sid, reports, analyses = load_story(store, story_id)
    story = store.story(sid)
    claim_groups: list[dict[str, Any]] = [dict(g) for g in store.claim_groups(sid)]
    quote_groups: list[dict[str, Any]] = [dict(g) for g in store.quote_groups(sid)]
    if not claim_groups and not quote_groups and any(
            a is not None and (a.claims or a.quotes) for a in analyses.values()):
        claim_groups, quote_groups = triangulate_reports(sid, reports, analyses)
    outlets = {r.id: r.outlet for r in reports}
    labels = _labels(reports)
    claim_groups.sort(key=lambda g: _row_order(g, reports))
    story_entities = entities(store, reports, analyses)
    return {
        "version": DOSSIER_VERSION,
        "story": {"id": story.id, "title": story.title, "first_seen": story.first_seen,
                  "last_seen": story.last_seen, "report_count": len(reports),
                  "outlet_count": len({r.outlet or r.id for r in reports})},
        "reports": [_report(r, labels[r.id], analyses.get(r.id)) for r in reports],
        "claims": claim_groups,
        "matrix": claim_matrix(claim_groups, reports),
        "disagreements": [
            {"group_id": g["id"], "summary": g["summary"], **d}
            for g in claim_groups for d in g.get("disagreements") or []],
        "stance_changes": [
            {"group_id": g["id"], "summary": g["summary"], **g["stance_change"]}
            for g in claim_groups if g.get("stance_change")],
        "omissions": omissions_by_report(
            [g for g in claim_groups if len(g.get("report_ids", [])) > 1],
            [r.id for r in reports], outlets),
        "quotes": _quotes(quote_groups, {e["id"]: e["name"] for e in story_entities
                                         if e["id"]}),
        "provenance": provenance(store, reports, analyses),
        "timeline": build_timeline(claim_groups, reports, analyses),
        "entities": story_entities,
    }


def _labels(reports: Sequence[Report]) -> dict[str, str]:
    """Short column labels: the outlet, numbered when one outlet has several reports."""
    names = {r.id: r.outlet or f"report {r.id[:8]}" for r in reports}
    counts = Counter(names.values())
    seen: Counter[str] = Counter()
    out = {}
    for r in reports:
        name = names[r.id]
        seen[name] += 1
        out[r.id] = f"{name} ({seen[name]})" if counts[name] > 1 else name
    return out


def _report(r: Report, label: str, analysis: Analysis | None) -> dict[str, Any]:
    return {"id": r.id, "label": label, "outlet": r.outlet, "title": r.title,
            "byline": r.byline, "url": r.url, "source": r.source,
            "published_at": r.published_at, "published_precision": r.published_precision,
            "language": r.language, "analysed": analysis is not None,
            "claims": len(analysis.claims) if analysis else 0,
            "quotes": len(analysis.quotes) if analysis else 0,
            "notices": [{"kind": n.kind, "text": n.text, "original_outlet": n.original_outlet}
                        for n in r.notices]}


def _row_order(g: dict[str, Any], reports: Sequence[Report]) -> tuple[int, int, int, int]:
    """Claims carried by more reports first; among them the contested; then text order."""
    index = {r.id: i for i, r in enumerate(reports)}
    members = g.get("members") or [{}]
    first = min((index.get(m.get("report_id", ""), 0) * 1_000_000 + int(m.get("start", 0))
                 for m in members), default=0)
    contested = 0 if g.get("status") in ("disputed", "stance-changed") else 1
    return (-len(g.get("report_ids", [])), contested, first, 0)


def claim_matrix(groups: Sequence[dict[str, Any]], reports: Sequence[Report]
                 ) -> dict[str, Any]:
    """Rows: claim groups; columns: reports; a cell holds the report's stance ("absent" when
    it does not carry the claim, "mentioned" for a weak match), its wording and values, and
    whether its values differ from another report's."""
    columns = [r.id for r in reports]
    rows = []
    for g in groups:
        differing: dict[str, list[str]] = {}
        for d in g.get("disagreements") or []:
            for rid, value in d.get("values", {}).items():
                differing.setdefault(rid, []).append(f"{d['field']}: {value}")
        by_report = g.get("by_report") or {}
        weak = g.get("weak_matches") or {}
        cells = {}
        for rid in columns:
            info = by_report.get(rid)
            if info is None:
                stance = "mentioned" if rid in weak else "absent"
                cells[rid] = {"stance": stance, "differs": False,
                              "text": weak.get(rid, {}).get("text")}
                continue
            texts = [m["text"] for m in g.get("members", []) if m.get("report_id") == rid]
            cells[rid] = {"stance": info.get("stance"), "attribution": info.get("attribution"),
                          "sources": info.get("sources"), "hedges": info.get("hedges"),
                          "text": " … ".join(texts), "differs": rid in differing,
                          "value": "; ".join(differing.get(rid, [])) or None}
        rows.append({"group_id": g["id"], "summary": g["summary"], "status": g.get("status"),
                     "carried_by": len(g.get("report_ids", [])), "date": g.get("date"),
                     "date_precision": g.get("date_precision"), "cells": cells})
    return {"columns": columns, "rows": rows}


def _quotes(groups: Sequence[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Quote groups, those carried by several reports first; a resolved speaker is shown by
    the entity's name rather than one report's spelling."""
    out = [{**g, "speaker": names.get(str(g.get("speaker_entity_id")), g.get("speaker"))}
           for g in groups]
    return sorted(out, key=lambda g: (-len({m["report_id"] for m in g.get("members", [])}),
                                      str(g.get("speaker") or "")))


def provenance(store: Store, reports: Sequence[Report],
               analyses: dict[str, Analysis | None]) -> dict[str, Any]:
    outlets = {r.id: r.outlet for r in reports}
    edges = reuse_summary(store.reuse([r.id for r in reports]), outlets)
    per_report = []
    for r in reports:
        per_report.append({
            "report_id": r.id, "outlet": r.outlet,
            "sources": report_sources(r, analyses.get(r.id)),
            "notices": [{"kind": n.kind, "text": n.text, "original_outlet": n.original_outlet}
                        for n in r.notices],
            "relies_on": [e for e in edges if e["to_report_id"] == r.id],
            "relied_on_by": [e for e in edges if e["from_report_id"] == r.id],
        })
    return {"reports": per_report, "reuse": edges}


def entities(store: Store, reports: Sequence[Report],
             analyses: dict[str, Analysis | None]) -> list[dict[str, Any]]:
    """The story's entities with how many of its reports name them; surface names stand in
    for entities when the resolve stage has not run."""
    per_entity: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    types: dict[str, str] = {}
    for r in reports:
        a = analyses.get(r.id)
        for m in a.mentions if a else ():
            key = m.entity_id or f"surface:{m.type}:{m.text.lower()}"
            per_entity.setdefault(key, set()).add(r.id)
            mentions[key] += 1
            surfaces.setdefault(key, Counter())[m.text] += 1
            types.setdefault(key, m.type)
    known = {e.id: e for e in store.entities()} if any(
        not k.startswith("surface:") for k in per_entity) else {}
    out: list[dict[str, Any]] = []
    for key, rids in per_entity.items():
        e = known.get(key)
        spellings = [s for s, _ in surfaces[key].most_common()]
        out.append({"id": None if key.startswith("surface:") else key,
                    "name": e.name if e else spellings[0], "type": e.type if e else types[key],
                    "aliases": sorted(set(e.aliases) | set(spellings)) if e else spellings,
                    "roles": list(e.roles) if e else [], "mentions": mentions[key],
                    "report_ids": [r.id for r in reports if r.id in rids]})
    out.sort(key=lambda d: (-len(d["report_ids"]), -d["mentions"], d["name"]))
    return out
