"""The JSON export contract of DESIGN.md: one object whose keys are stable.

Keys are only ever added, never renamed or dropped. Keys whose stage has produced nothing yet are
present and empty.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsprism.store import Store

CONTRACT_KEYS = ("reports", "stories", "entities", "quotes", "numbers", "times", "events",
                 "claims", "quote_groups", "reuse")


def build_export(store: Store) -> dict[str, Any]:
    """Everything in the store, shaped as the JSON export contract."""
    story_of = {rid: s.id for s in store.stories() for rid in s.report_ids}
    texts: dict[str, str] = {}
    reports = []
    for r in store.reports():
        texts[r.id] = r.text
        reports.append({
            "id": r.id, "source": r.source, "url": r.url, "outlet": r.outlet, "title": r.title,
            "byline": r.byline, "published_at": r.published_at,
            "published_precision": r.published_precision,
            "published_source": r.published_source, "updated_at": r.updated_at,
            "language": r.language, "text": r.text,
            "story_id": story_of.get(r.id),
            "notices": [{"kind": n.kind, "text": n.text, "original_outlet": n.original_outlet,
                         "start": n.start, "end": n.end} for n in r.notices],
        })
    return {
        "reports": reports,
        "stories": [{"id": s.id, "title": s.title, "report_ids": list(s.report_ids),
                     "first_seen": s.first_seen, "last_seen": s.last_seen}
                    for s in store.stories()],
        "entities": _entities(store),
        "quotes": [_quote(row) for row in store.table_rows("quotes")],
        "numbers": [{"report_id": n["report_id"], "start": n["start"], "end": n["end"],
                     "text": n["text"], "value": n["value"], "unit": n["unit"],
                     "kind": n["kind"], "low": n["low"], "high": n["high"],
                     "qualifier": n["qualifier"]} for n in store.table_rows("numbers")],
        "times": [{"report_id": t["report_id"], "start": t["start"], "end": t["end"],
                   "text": t["text"], "value": t["value"], "precision": t["precision"],
                   "anchor": t["anchor"], "kind": t["kind"]}
                  for t in store.table_rows("times")],
        "events": [{"report_id": e["report_id"], "start": e["start"], "end": e["end"],
                    "type": e["type"], "trigger": e["trigger"],
                    "source_entity_id": e["source_entity_id"],
                    "target_entity_id": e["target_entity_id"], "source_text": e["source_text"],
                    "target_text": e["target_text"], "time": e["time"], "place": e["place"],
                    "quantity": e["quantity"], "negated": bool(e["negated"])}
                   for e in store.table_rows("events")],
        "claims": store.claim_groups(),
        "quote_groups": store.quote_groups(),
        "reuse": [{"from_report_id": r.from_report_id, "to_report_id": r.to_report_id,
                   "shared_chars": r.shared_chars, "passages": [list(p) for p in r.passages],
                   "share_from": r.share_from, "share_to": r.share_to, "kind": r.kind,
                   "direction_basis": r.direction_basis} for r in store.reuse()],
    }


def _quote(q: Any) -> dict[str, Any]:
    return {"id": q["id"], "report_id": q["report_id"], "start": q["start"], "end": q["end"],
            "text": q["text"], "kind": q["kind"], "cue": q["cue"],
            "speaker_entity_id": q["speaker_entity_id"], "speaker_text": q["speaker_text"],
            "speaker_start": q["speaker_start"], "speaker_end": q["speaker_end"],
            "via": q["via"], "group_id": q["group_id"]}


def _entities(store: Store) -> list[dict[str, Any]]:
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in store.table_rows("mentions"):
        if m["entity_id"]:
            mentions[m["entity_id"]].append({"report_id": m["report_id"], "start": m["start"],
                                             "end": m["end"], "text": m["text"]})
    return [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
             "roles": list(e.roles), "country": e.country, "latitude": e.latitude,
             "longitude": e.longitude, "mentions": mentions.get(e.id, [])}
            for e in store.entities()]
