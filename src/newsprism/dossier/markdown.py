"""The dossier as Markdown. Article-derived text is escaped: pipes cannot break the tables,
and HTML in a report cannot become markup when the Markdown is rendered."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

STANCE_MARK = {"asserted": "A", "attributed": "At", "quoted": "Q", "hedged": "H",
               "denied": "D", "absent": "—", "mentioned": "~"}
# Longest wording shown in a table cell (characters); the rest is elided.
CELL_CHARS = 140


def esc(text: Any, limit: int | None = None) -> str:
    """Text safe inside Markdown (tables included)."""
    s = " ".join(str(text if text is not None else "").split())
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    s = html.escape(s, quote=False)
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", s)


def render_markdown(d: dict[str, Any]) -> str:
    story = d["story"]
    labels = {r["id"]: f"R{i + 1}" for i, r in enumerate(d["reports"])}
    names = {r["id"]: r["label"] for r in d["reports"]}
    out: list[str] = [f"# {esc(story['title'] or story['id'])}", ""]
    out.append(f"Story `{esc(story['id'])}`: {story['report_count']} reports from "
               f"{story['outlet_count']} outlets, {esc(story['first_seen'] or '?')} to "
               f"{esc(story['last_seen'] or '?')}.")
    out += ["", "## Reports", "", "| | outlet | published | title |", "|---|---|---|---|"]
    for r in d["reports"]:
        when = f"{r['published_at'] or '?'} ({r['published_precision'] or '?'})"
        out.append(f"| {labels[r['id']]} | {esc(r['label'])} | {esc(when)} | "
                   f"{esc(r['title'], 90)} |")
    out += _matrix(d, labels)
    out += _disagreements(d, names)
    out += _stance_changes(d, names)
    out += _omissions(d)
    out += _quotes(d, labels)
    out += _provenance(d, names)
    out += _timeline(d)
    out += _entities(d)
    return "\n".join(out).rstrip() + "\n"


def _matrix(d: dict[str, Any], labels: dict[str, str]) -> list[str]:
    m = d["matrix"]
    cols = m["columns"]
    out = ["", "## Claim matrix", "",
           "Stance of each report: A asserted, At attributed, Q quoted, H hedged, D denied, "
           "~ mentioned without stating it, — absent; ≠ marks a value that differs.", ""]
    out.append("| claim | status | " + " | ".join(labels[c] for c in cols) + " |")
    out.append("|---|---|" + "---|" * len(cols))
    for row in m["rows"]:
        cells = []
        for c in cols:
            cell = row["cells"][c]
            mark = STANCE_MARK.get(cell["stance"], esc(cell["stance"]))
            if cell.get("differs"):
                mark += f" ≠ {esc(cell.get('value'), 60)}"
            cells.append(mark)
        date = f" ({esc(row['date'])})" if row.get("date") else ""
        out.append(f"| {esc(row['summary'], CELL_CHARS)}{date} | {esc(row['status'])} | "
                   + " | ".join(cells) + " |")
    return out


def _disagreements(d: dict[str, Any], names: dict[str, str]) -> list[str]:
    out = ["", "## Disagreements", ""]
    if not d["disagreements"]:
        return [*out, "No grouped claim states different numbers, dates, names or places."]
    for x in d["disagreements"]:
        out.append(f"- **{esc(x['field'])}** in “{esc(x['summary'], 160)}”")
        for rid, value in x["values"].items():
            out.append(f"  - {esc(names.get(rid, rid))}: {esc(value)}")
    return out


def _stance_changes(d: dict[str, Any], names: dict[str, str]) -> list[str]:
    out = ["", "## Stance changes", ""]
    if not d["stance_changes"]:
        return [*out, "Every report that carries a claim takes the same stance on it."]
    for x in d["stance_changes"]:
        out.append(f"- **{esc(x['kind'])}**: “{esc(x['summary'], 200)}”")
        for rid, stance in x["stances"].items():
            chain = x.get("attribution", {}).get(rid) or []
            sources = x.get("sources", {}).get(rid) or []
            via = f"; attributed to {esc(' ← '.join(chain))}" if chain else ""
            named = (f"; names {esc(', '.join(sources))}" if sources
                     else "; names no source")
            out.append(f"  - {esc(names.get(rid, rid))}: {esc(stance)}{via}{named}")
    return out


def _omissions(d: dict[str, Any]) -> list[str]:
    out = ["", "## Omissions", "",
           "Claims carried by other reports that a report leaves out, most widely carried "
           "first.", ""]
    any_missing = False
    for o in d["omissions"]:
        if not o["missing"]:
            continue
        any_missing = True
        out.append(f"- **{esc(o['outlet'] or o['report_id'])}** leaves out:")
        for m in o["missing"][:15]:
            out.append(f"  - {esc(m['summary'], 160)} (carried by {m['carried_by']}: "
                       f"{esc(', '.join(m['outlets']))})")
        if len(o["missing"]) > 15:
            out.append(f"  - … and {len(o['missing']) - 15} more")
    if not any_missing:
        out.append("No report leaves out a claim that another report carries.")
    return out


def _quotes(d: dict[str, Any], labels: dict[str, str]) -> list[str]:
    out = ["", "## Quotes side by side", ""]
    shared = [g for g in d["quotes"] if len({m["report_id"] for m in g["members"]}) > 1]
    single = len(d["quotes"]) - len(shared)
    for g in shared:
        out.append(f"### {esc(g.get('speaker') or 'unknown speaker')}")
        out.append("")
        for m in g["members"]:
            via = f" (via {esc(m['via'])})" if m.get("via") else ""
            out.append(f"- {labels.get(m['report_id'], '?')} {esc(m.get('outlet') or '')}, "
                       f"{esc(m['kind'])}, {esc(m['match'])}{via}: “{esc(m['text'])}”")
        if g.get("omitted_by"):
            out.append(f"- not quoted by: "
                       f"{', '.join(labels.get(r, r) for r in g['omitted_by'])}")
        out.append("")
    if not shared:
        out.append("No remark is quoted by more than one report.")
    if single:
        out.append(f"{single} further quote(s) appear in one report only.")
    return out


def _provenance(d: dict[str, Any], names: dict[str, str]) -> list[str]:
    out = ["", "## Provenance", ""]
    p = d["provenance"]
    for r in p["reports"]:
        sources = ", ".join(f"{esc(s['name'])} ({esc(s['kind'])})" for s in r["sources"])
        out.append(f"- **{esc(names.get(r['report_id'], r['report_id']))}**: "
                   + (f"names {sources}" if sources else "names no source"))
        for n in r["notices"]:
            orig = f" of {esc(n['original_outlet'])}" if n.get("original_outlet") else ""
            out.append(f"  - notice: {esc(n['kind'])}{orig}: {esc(n['text'], 160)}")
    if p["reuse"]:
        out += ["", "Text reuse (who relies on whom):", ""]
        for e in p["reuse"]:
            out.append(f"- {esc(names.get(e['to_report_id'], e['to_report_id']))} relies on "
                       f"{esc(names.get(e['from_report_id'], e['from_report_id']))}: "
                       f"{e['shared_chars']} shared characters, {e['share_to']:.0%} of it "
                       f"({esc(e['kind'])}, direction from {esc(e['direction_basis'])})")
    return out


def _timeline(d: dict[str, Any]) -> list[str]:
    out = ["", "## Timeline", ""]
    if not d["timeline"]:
        return [*out, "No dated claim or event."]
    out += ["| date | precision | what | carried by |", "|---|---|---|---|"]
    for e in d["timeline"]:
        what = e["text"] if e["kind"] == "claim" else f"{e.get('event_type')}: {e['text']}"
        out.append(f"| {esc(e['date'])} | {esc(e['precision'])} | {esc(what, CELL_CHARS)} | "
                   f"{esc(', '.join(e['outlets']))} |")
    return out


def _entities(d: dict[str, Any]) -> list[str]:
    out = ["", "## Entities", ""]
    ents: Sequence[dict[str, Any]] = d["entities"]
    if not ents:
        return [*out, "No named entity."]
    out += ["| name | type | reports | also written |", "|---|---|---|---|"]
    for e in ents[:60]:
        aliases = [a for a in e["aliases"] if a != e["name"]]
        out.append(f"| {esc(e['name'])} | {esc(e['type'])} | {len(e['report_ids'])} | "
                   f"{esc(', '.join(aliases), 120)} |")
    return out
