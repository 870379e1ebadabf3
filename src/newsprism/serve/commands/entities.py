"""``newsprism entities``, ``entity`` and ``resolve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsprism.config import Settings
from newsprism.errors import NotFound
from newsprism.resolve.stage import resolve_store
from newsprism.serve import console
from newsprism.store import Store
from newsprism.store.entities import (
    EntityStats,
    entity_mentions,
    entity_stats,
    find_entities,
    quotes_by_speaker,
)
from newsprism.types import Entity

TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def entity_summary(e: Entity, reports: int = 0, mentions: int = 0,
                   stories: int = 0) -> dict[str, object]:
    return {"id": e.id, "name": e.name, "type": e.type, "reports": reports,
            "mentions": mentions, "stories": stories, "aliases": list(e.aliases),
            "roles": list(e.roles), "country": e.country, "latitude": e.latitude,
            "longitude": e.longitude}


def register(app: typer.Typer) -> None:
    @app.command("entities")
    def entities_cmd(
        db: console.DbOption = None,
        type_: Annotated[str | None, typer.Option(
            "--type", help=f"Only this type ({', '.join(TYPES)}).")] = None,
        limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
        as_json: console.JsonOption = False,
    ) -> None:
        """List entities, most reported first, with their type and the number of reports
        that name them."""
        with console.open_store(db, readonly=True) as store:
            stats = entity_stats(store)
            found = [e for e in store.entities()
                     if type_ is None or e.type == type_.upper()]
        found.sort(key=lambda e: (-_reports(stats, e.id), e.name.casefold(), e.id))
        shown = found[:limit]
        if as_json:
            console.print_json({"total": len(found), "entities": [
                entity_summary(e, *_counts(stats, e.id)) for e in shown]})
            return
        table = Table("id", "type", "reports", "name", "also written", box=None,
                      pad_edge=False)
        for e in shown:
            table.add_row(e.id[:12], e.type, str(_reports(stats, e.id)),
                          console.short(e.name, 36),
                          console.short(", ".join(e.aliases[:4]), 48))
        console.out.print(table)
        console.err.print(f"{len(shown)} of {len(found)} entities", markup=False)

    @app.command("entity")
    def entity_cmd(
        name_or_id: Annotated[str, typer.Argument(
            metavar="NAME_OR_ID", help="Entity id (or a unique prefix), name or alias.")],
        db: console.DbOption = None,
        as_json: console.JsonOption = False,
    ) -> None:
        """Show one entity: its names, roles, stories, mentions and quotes."""
        with console.open_store(db, readonly=True) as store:
            e = _one_entity(store, name_or_id)
            stats = entity_stats(store)
            places = entity_mentions(store, e.id)
            quotes = quotes_by_speaker(store, e.id)
        stories = sorted({p.story_id for p in places if p.story_id})
        if as_json:
            console.print_json({
                **entity_summary(e, *_counts(stats, e.id)),
                "story_ids": stories,
                "mentions": [{"report_id": p.report_id, "start": p.start, "end": p.end,
                              "text": p.text, "role": p.role, "story_id": p.story_id,
                              "outlet": p.outlet} for p in places],
                "quotes": [{"id": q.id, "report_id": q.report_id, "start": q.start,
                            "end": q.end, "text": q.text, "kind": q.kind, "cue": q.cue}
                           for q in quotes],
            })
            return
        o = console.out
        o.print(f"{e.name} ({e.type})", style="bold", markup=False)
        for label, value in (("id", e.id), ("also", ", ".join(e.aliases)),
                             ("roles", "; ".join(e.roles)), ("country", e.country),
                             ("at", _coords(e)), ("stories", ", ".join(s[:12] for s in stories)),
                             ("reports", str(_reports(stats, e.id)))):
            if value:
                o.print(f"{label:>8}: {value}", markup=False)
        if places:
            o.print("\nmentions:", style="bold")
            for p in places[:50]:
                o.print(f"  {p.report_id[:12]} {p.start:>6}-{p.end:<6} "
                        f"{console.short(p.text, 40)}"
                        + (f"  [{console.short(p.role, 40)}]" if p.role else ""), markup=False)
        if quotes:
            o.print("\nquotes:", style="bold")
            for q in quotes[:30]:
                o.print(f"  {q.report_id[:12]} {console.short(q.text, 110)}", markup=False)

    @app.command("resolve")
    def resolve_cmd(
        db: console.DbOption = None,
        aliases: Annotated[Path | None, typer.Option(
            "--aliases", help="Alias file (TOML, see docs/aliases.md) to apply from now on.",
            exists=False, dir_okay=False)] = None,
        no_aliases: Annotated[bool, typer.Option(
            "--no-aliases", help="Forget the alias file recorded earlier.")] = False,
        as_json: console.JsonOption = False,
    ) -> None:
        """Resolve the entities of the whole store again (after editing an alias file)."""
        with console.open_store(db) as store:
            count = resolve_store(store, Settings(), aliases=aliases, clear_aliases=no_aliases)
        if as_json:
            console.print_json({"entities": count,
                                "aliases": str(aliases) if aliases is not None else None})
            return
        console.err.print(f"{count} entities", markup=False)


def _one_entity(store: Store, name_or_id: str) -> Entity:
    ids = find_entities(store, name_or_id)
    if not ids:
        raise NotFound(f"no entity named or with id {name_or_id!r}; `newsprism entities` "
                       "lists them")
    if len(ids) > 1:
        raise NotFound(f"{len(ids)} entities are named {name_or_id!r} "
                       f"({', '.join(i[:12] for i in ids[:5])}); give an id")
    return store.entity(ids[0])


def _reports(stats: dict[str, EntityStats], eid: str) -> int:
    s = stats.get(eid)
    return 0 if s is None else s.reports


def _counts(stats: dict[str, EntityStats], eid: str) -> tuple[int, int, int]:
    s = stats.get(eid)
    return (0, 0, 0) if s is None else (s.reports, s.mentions, s.stories)


def _coords(e: Entity) -> str | None:
    if e.latitude is None or e.longitude is None:
        return None
    return f"{e.latitude:.4f}, {e.longitude:.4f}"
