"""``newsprism reports``, ``show`` and ``search``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsprism.serve import console
from newsprism.types import Report


def report_summary(r: Report) -> dict[str, object]:
    return {"id": r.id, "outlet": r.outlet, "title": r.title, "byline": r.byline,
            "published_at": r.published_at, "published_precision": r.published_precision,
            "published_source": r.published_source, "source": r.source, "url": r.url,
            "language": r.language, "chars": len(r.text)}


def register(app: typer.Typer) -> None:
    @app.command("reports")
    def reports_cmd(
        db: console.DbOption = None,
        outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
        story: Annotated[str | None, typer.Option(help="Only this story id.")] = None,
        since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")
                         ] = None,
        until: Annotated[str | None, typer.Option(help="Published on or before (ISO date).")
                         ] = None,
        limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 100,
        offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
        as_json: console.JsonOption = False,
    ) -> None:
        """List stored reports, oldest first."""
        with console.open_store(db, readonly=True) as store:
            found = store.reports(outlet=outlet, story_id=story, since=since, until=until,
                                  limit=limit, offset=offset)
            total = store.count_reports(outlet=outlet, story_id=story, since=since,
                                        until=until)
        if as_json:
            console.print_json({"total": total, "reports": [report_summary(r) for r in found]})
            return
        table = Table("id", "published", "outlet", "title", box=None, pad_edge=False)
        for r in found:
            table.add_row(r.id[:12], (r.published_at or "?")[:10], console.short(r.outlet, 22),
                          console.short(r.title, 60))
        console.out.print(table)
        console.err.print(f"{len(found)} of {total} reports", markup=False)

    @app.command("show")
    def show_cmd(
        report: Annotated[str, typer.Argument(help="Report id or a unique prefix of it.")],
        db: console.DbOption = None,
        as_json: console.JsonOption = False,
    ) -> None:
        """Print one report: its metadata, notices and text."""
        with console.open_store(db, readonly=True) as store:
            r = store.get_report(report)
            analysis = store.get_analysis(r.id)
        if as_json:
            data = {**report_summary(r), "text": r.text,
                    "notices": [{"kind": n.kind, "text": n.text,
                                 "original_outlet": n.original_outlet} for n in r.notices]}
            if analysis is not None:
                data["quotes"] = [{"text": q.text, "speaker": q.speaker_text, "cue": q.cue,
                                   "kind": q.kind, "via": q.via, "start": q.start,
                                   "end": q.end} for q in analysis.quotes]
                data["mentions"] = [{"text": m.text, "type": m.type, "start": m.start,
                                     "end": m.end} for m in analysis.mentions]
            console.print_json(data)
            return
        o = console.out
        o.print(r.title or "(untitled)", style="bold", markup=False)
        for label, value in (("id", r.id), ("outlet", r.outlet), ("byline", r.byline),
                             ("published", _date_line(r)), ("source", r.source),
                             ("language", r.language)):
            if value:
                o.print(f"{label:>10}: {value}", markup=False)
        for n in r.notices:
            o.print(f"{'notice':>10}: {n.kind}"
                    + (f" (original: {n.original_outlet})" if n.original_outlet else ""),
                    markup=False)
        o.print()
        o.print(r.text, markup=False)

    @app.command("search")
    def search_cmd(
        query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
        db: console.DbOption = None,
        limit: Annotated[int, typer.Option(min=1)] = 20,
        as_json: console.JsonOption = False,
    ) -> None:
        """Full-text search over titles, outlets and texts, best matches first."""
        with console.open_store(db, readonly=True) as store:
            hits = store.search(query, limit=limit)
        if as_json:
            console.print_json([{"id": h.report_id, "title": h.title, "outlet": h.outlet,
                                 "published_at": h.published_at, "snippet": h.snippet,
                                 "rank": h.rank} for h in hits])
            return
        for h in hits:
            console.out.print(f"{h.report_id[:12]}  {h.outlet or '?'}  {h.title or ''}",
                              style="bold", markup=False)
            console.out.print(f"    {console.short(h.snippet, 160)}", markup=False)
        if not hits:
            console.err.print(f"no report matches {query!r}", markup=False)
            raise typer.Exit(console.EXIT_NOT_FOUND)


def _date_line(r: Report) -> str | None:
    if not r.published_at:
        return None
    return f"{r.published_at} ({r.published_precision or '?'}, from {r.published_source})"
