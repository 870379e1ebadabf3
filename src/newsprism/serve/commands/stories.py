"""``newsprism stories`` and ``newsprism story ID``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsprism.serve import console
from newsprism.store import Store
from newsprism.types import Report, Story


def story_summary(store: Store, s: Story) -> dict[str, object]:
    return story_summary_from(s, store.get_reports(s.report_ids))


def register(app: typer.Typer) -> None:
    @app.command("stories")
    def stories_cmd(
        db: console.DbOption = None,
        min_size: Annotated[int, typer.Option("--min-size", min=1,
                                              help="Only stories with this many reports.")] = 1,
        limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 100,
        as_json: console.JsonOption = False,
    ) -> None:
        """List stories, largest first, with their outlets and dates."""
        with console.open_store(db, readonly=True) as store:
            found = [s for s in store.stories() if len(s.report_ids) >= min_size][:limit]
            rows = [story_summary(store, s) for s in found]
        if as_json:
            console.print_json(rows)
            return
        table = Table("id", "reports", "first", "last", "outlets", "title", box=None,
                      pad_edge=False)
        for r in rows:
            outlets = r["outlets"]
            assert isinstance(outlets, list)
            table.add_row(str(r["id"])[:12], str(r["size"]), str(r["first_seen"] or "?")[:10],
                          str(r["last_seen"] or "?")[:10],
                          console.short(", ".join(outlets), 40),
                          console.short(str(r["title"]), 60))
        console.out.print(table)

    @app.command("story")
    def story_cmd(
        story_id: Annotated[str, typer.Argument(help="Story id or a unique prefix of it.")],
        db: console.DbOption = None,
        as_json: console.JsonOption = False,
    ) -> None:
        """One story: its reports and who copied whom (shared passages)."""
        with console.open_store(db, readonly=True) as store:
            s = store.story(story_id)
            found = store.get_reports(s.report_ids)
            reports = {rid: found[rid] for rid in s.report_ids}
            edges = store.reuse(list(s.report_ids))
        if as_json:
            console.print_json({
                **story_summary_from(s, reports),
                "reports": [{"id": r.id, "outlet": r.outlet, "title": r.title,
                             "published_at": r.published_at,
                             "published_source": r.published_source}
                            for r in reports.values()],
                "reuse": [{"from_report_id": e.from_report_id, "to_report_id": e.to_report_id,
                           "shared_chars": e.shared_chars, "kind": e.kind,
                           "share_from": e.share_from, "share_to": e.share_to,
                           "direction_basis": e.direction_basis,
                           "passages": [list(p) for p in e.passages]} for e in edges],
            })
            return
        o = console.out
        o.print(s.title, style="bold", markup=False)
        o.print(f"story {s.id}: {len(reports)} reports, {s.first_seen or '?'} to "
                f"{s.last_seen or '?'}", markup=False)
        for r in reports.values():
            o.print(f"  {r.id[:12]}  {_date(r):<22} {console.short(r.outlet, 24):<24} "
                    f"{console.short(r.title, 60)}", markup=False)
        if edges:
            o.print("\nshared passages (who copied whom):", markup=False)
        for e in edges:
            src, dst = reports.get(e.from_report_id), reports.get(e.to_report_id)
            o.print(f"  {_name(src, e.from_report_id)} → {_name(dst, e.to_report_id)}: "
                    f"{e.shared_chars} chars in {len(e.passages)} passages ({e.kind}, "
                    f"{e.share_to:.0%} of the copy; direction from {e.direction_basis})",
                    markup=False)


def story_summary_from(s: Story, reports: dict[str, Report]) -> dict[str, object]:
    return {"id": s.id, "title": s.title, "size": len(s.report_ids),
            "outlets": sorted({r.outlet for r in reports.values() if r.outlet}),
            "first_seen": s.first_seen, "last_seen": s.last_seen,
            "report_ids": list(s.report_ids)}


def _date(r: Report) -> str:
    if not r.published_at:
        return "undated"
    mark = " (estimated)" if r.published_source == "estimated" else ""
    return r.published_at[:10] + mark


def _name(r: Report | None, rid: str) -> str:
    return f"{r.outlet or rid[:12]}" if r is not None else rid[:12]
