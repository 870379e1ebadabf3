"""What the API and the web pages show, assembled from the store. Pure read functions; the
story page's triangulation content comes from the stored groups (or the dossier builder)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from newsprism.serve import queries
from newsprism.store import Store
from newsprism.types import Analysis, ClaimUnit, Entity, Report, Story

SPAN_KINDS = ("claim", "quote", "mention", "number", "time")


def path_id(value: str) -> str:
    """An id as one URL path segment or fragment."""
    return quote(value, safe="")


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of a report's text and what it links to."""

    start: int
    end: int
    kind: str
    ref: str | None = None
    label: str = ""
    href: str | None = None
    variant: str = ""  # a claim's stance, a quote's kind, a mention's type
    anchor: str | None = None  # element id on the report page, for links into the text

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "ref": self.ref,
                "label": self.label, "href": self.href, "variant": self.variant}


def report_summary(r: Report, story_id: str | None = None) -> dict[str, Any]:
    return {"id": r.id, "outlet": r.outlet, "title": r.title, "byline": r.byline,
            "published_at": r.published_at, "published_precision": r.published_precision,
            "published_source": r.published_source, "source": r.source, "url": r.url,
            "language": r.language, "story_id": story_id, "chars": len(r.text)}


def report_spans(store: Store, report: Report, analysis: Analysis | None,
                 story_id: str | None) -> list[Span]:
    """Every span the stages found in the report, each pointing at what it belongs to."""
    if analysis is None:
        return []
    group_of = queries.claim_group_of(store, report.id)
    story_path = f"/stories/{path_id(story_id)}" if story_id else None
    spans: list[Span] = []
    for c in analysis.claims:
        gid = group_of.get(c.id)
        href = f"{story_path}#cg-{path_id(gid)}" if gid and story_path else None
        spans.append(Span(c.start, c.end, "claim", gid or c.id, _claim_label(c), href,
                          c.stance, f"c-{c.id}"))
    for q in analysis.quotes:
        href = f"{story_path}#qg-{path_id(q.group_id)}" if q.group_id and story_path else None
        who = q.speaker_text or "unknown speaker"
        via = f" via {q.via}" if q.via else ""
        spans.append(Span(q.start, q.end, "quote", q.group_id or q.id,
                          f"{q.kind} quote · {who}{via}", href, q.kind, f"q-{q.id}"))
    for m in analysis.mentions:
        href = f"/entities/{path_id(m.entity_id)}" if m.entity_id else None
        label = f"{m.type} · {m.role}" if m.role else m.type
        spans.append(Span(m.start, m.end, "mention", m.entity_id, label, href, m.type,
                          f"m-{m.start}"))
    for n in analysis.numbers:
        label = " ".join(str(x) for x in (n.qualifier, _num(n.value), n.unit) if x)
        spans.append(Span(n.start, n.end, "number", None, label or n.kind, None, n.kind))
    for t in analysis.times:
        spans.append(Span(t.start, t.end, "time", None, t.value or "unresolved", None,
                          t.kind))
    n_chars = len(report.text)
    return sorted((s for s in spans if 0 <= s.start < s.end <= n_chars),
                  key=lambda s: (s.start, -s.end, SPAN_KINDS.index(s.kind)))


def _claim_label(c: ClaimUnit) -> str:
    parts = [f"claim · {c.stance}"]
    if c.attribution:
        parts.append("according to " + " ← ".join(c.attribution))
    if c.hedges:
        parts.append("hedged: " + ", ".join(c.hedges))
    return " · ".join(parts)


def _num(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def annotation_lists(analysis: Analysis | None) -> dict[str, list[dict[str, Any]]]:
    if analysis is None:
        return {k: [] for k in ("mentions", "quotes", "numbers", "times", "events", "claims")}
    return {
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "type": m.type,
                      "role": m.role, "entity_id": m.entity_id} for m in analysis.mentions],
        "quotes": [{"id": q.id, "start": q.start, "end": q.end, "text": q.text,
                    "kind": q.kind, "cue": q.cue, "speaker_text": q.speaker_text,
                    "speaker_entity_id": q.speaker_entity_id, "via": q.via,
                    "group_id": q.group_id} for q in analysis.quotes],
        "numbers": [{"start": n.start, "end": n.end, "text": n.text, "value": n.value,
                     "unit": n.unit, "kind": n.kind, "low": n.low, "high": n.high,
                     "qualifier": n.qualifier} for n in analysis.numbers],
        "times": [{"start": t.start, "end": t.end, "text": t.text, "value": t.value,
                   "precision": t.precision, "anchor": t.anchor, "kind": t.kind}
                  for t in analysis.times],
        "events": [{"start": e.start, "end": e.end, "type": e.type, "trigger": e.trigger,
                    "source_text": e.source_text, "target_text": e.target_text,
                    "source_entity_id": e.source_entity_id,
                    "target_entity_id": e.target_entity_id, "time": e.time,
                    "place": e.place, "quantity": e.quantity, "negated": e.negated}
                   for e in analysis.events],
        "claims": [{"id": c.id, "start": c.start, "end": c.end, "text": c.text,
                    "stance": c.stance, "attribution": list(c.attribution),
                    "hedges": list(c.hedges), "values": c.values} for c in analysis.claims],
    }


def report_detail(store: Store, report_id: str) -> dict[str, Any]:
    report = store.get_report(report_id)
    story_id = queries.story_of_report(store, report.id)
    analysis = store.get_analysis(report.id)
    spans = report_spans(store, report, analysis, story_id)
    return {
        **report_summary(report, story_id),
        "text": report.text,
        "analyzed": analysis is not None,
        "notices": [{"kind": n.kind, "text": n.text, "original_outlet": n.original_outlet,
                     "start": n.start, "end": n.end} for n in report.notices],
        "spans": [s.as_dict() for s in spans],
        "annotations": annotation_lists(analysis),
        "_report": report,
        "_spans": spans,
    }


# -- stories -------------------------------------------------------------------------------


def story_summary(s: Story, outlets: list[tuple[str, int]]) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "size": len(s.report_ids),
            "first_seen": s.first_seen, "last_seen": s.last_seen,
            "outlets": [{"outlet": o, "reports": n} for o, n in outlets]}


def story_list(store: Store) -> list[dict[str, Any]]:
    per_story = queries.story_outlets(store)
    return [story_summary(s, per_story.get(s.id, [])) for s in store.stories()]


# -- entities ------------------------------------------------------------------------------


def entity_summary(e: Entity, stats: queries.EntityStats | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type,
                           "aliases": list(e.aliases), "roles": list(e.roles),
                           "country": e.country}
    if stats is not None:
        out.update(mentions=stats.mentions, reports=stats.reports, stories=stats.stories)
    return out


def entity_detail(store: Store, entity_id: str) -> dict[str, Any]:
    entity = store.entity(entity_id)
    mentions = queries.entity_mentions(store, entity.id)
    spelled = Counter(m.text for m in mentions)
    stories = []
    for sid in queries.entity_story_ids(store, entity.id):
        s = store.story(sid)
        stories.append({"id": s.id, "title": s.title, "size": len(s.report_ids),
                        "first_seen": s.first_seen, "last_seen": s.last_seen})
    stories.sort(key=lambda s: (s["last_seen"] or "", s["id"]), reverse=True)
    quotes: list[dict[str, Any]] = [
        {"id": q.id, "report_id": q.report_id, "start": q.start, "end": q.end,
         "text": q.text, "kind": q.kind, "cue": q.cue, "via": q.via,
         "group_id": q.group_id, "speaker_text": q.speaker_text}
        for q in queries.entity_quotes(store, entity.id)]
    outlets = queries.report_outlets(store, [q["report_id"] for q in quotes])
    for q in quotes:
        q["outlet"] = outlets.get(q["report_id"])
    return {
        **entity_summary(entity),
        "spellings": [{"text": t, "count": n} for t, n in spelled.most_common()],
        "mentions": [{"report_id": m.report_id, "start": m.start, "end": m.end,
                      "text": m.text, "role": m.role} for m in mentions],
        "stories": stories,
        "quotes": quotes,
    }


def entity_list(store: Store, type_: str | None = None) -> list[dict[str, Any]]:
    stats = queries.entity_stats(store)
    empty = queries.EntityStats(0, 0, 0)
    found = [entity_summary(e, stats.get(e.id, empty)) for e in store.entities()
             if type_ is None or e.type == type_]
    found.sort(key=lambda e: (-e["mentions"], e["name"].casefold()))
    return found


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text.casefold()).split()


def _matches(words: list[str], *texts: str | None) -> bool:
    hay = " ".join(t for t in texts if t).casefold()
    return all(w in hay for w in words)


def search(store: Store, q: str, limit: int) -> dict[str, Any]:
    """Reports by full-text search; stories and entities whose names hold every word."""
    words = _words(q)
    hits = [{"report_id": h.report_id, "title": h.title, "outlet": h.outlet,
             "published_at": h.published_at, "snippet": h.snippet, "rank": h.rank}
            for h in store.search(q, limit=limit)]
    stories = [s for s in story_list(store) if _matches(words, s["title"])][:limit]
    entities = [e for e in entity_list(store)
                if _matches(words, e["name"], *e["aliases"])][:limit]
    return {"query": q, "reports": hits, "stories": stories, "entities": entities}


def stories_of(store: Store, report_ids: list[str]) -> dict[str, str]:
    return {rid: sid for rid in report_ids
            if (sid := queries.story_of_report(store, rid)) is not None}


def report_outlets(store: Store, report_ids: list[str]) -> dict[str, str | None]:
    return queries.report_outlets(store, report_ids)
