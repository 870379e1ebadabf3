"""``newsprism ingest`` and ``newsprism demo``."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from newsprism.config import Settings
from newsprism.pipeline import IngestSummary, ProgressFn, ingest
from newsprism.scale import Engine, engine_for
from newsprism.serve import console
from newsprism.store import Store


@contextmanager
def _progress(enabled: bool) -> Iterator[ProgressFn | None]:
    if not enabled:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console.err, transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        yield lambda n: bar.advance(task, n)


def run_ingest(sources: Sequence[str], store: Store, settings: Settings, *, quiet: bool,
               analyze: bool = True, engine: Engine | None = None,
               resume: bool = False) -> IngestSummary:
    show_bar = not quiet and console.err.is_terminal

    def on_error(message: str) -> None:
        console.err.print(f"error: {message}", markup=False)

    with _progress(show_bar) as progress:
        stdin = sys.stdin.buffer if "-" in sources else None
        return ingest(sources, store, settings, stdin=stdin, analyze=analyze,
                      progress=progress, on_error=on_error, engine=engine, resume=resume)


def _print_summary(summary: IngestSummary, db: Path, as_json: bool) -> None:
    if as_json:
        console.print_json({**summary.as_dict(), "timings": summary.timings_dict(),
                            "db": str(db)})
        return
    console.err.print(
        f"stored {summary.stored}, skipped {summary.duplicates} as duplicate, "
        f"failed {summary.failed} → {db}", markup=False)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        sources: Annotated[list[str], typer.Argument(
            help="Files, directories, globs, '-' for stdin, http(s) URLs, RSS/Atom feeds, "
                 "WARC(.gz) or JSONL files.")],
        db: console.DbOption = None,
        workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                             help="Worker processes for per-report stages.")] = 1,
        model: Annotated[str | None, typer.Option(
            "--model", help="Installed spaCy pipeline to analyze with.")] = None,
        no_analyze: Annotated[bool, typer.Option(
            "--no-analyze", help="Only ingest and normalize; analyze later.")] = False,
        allow_private: Annotated[bool, typer.Option(
            "--allow-private", help="Allow fetching loopback/private/link-local addresses.")
        ] = False,
        max_bytes: Annotated[int | None, typer.Option(
            "--max-bytes", help="Refuse inputs larger than this many bytes.")] = None,
        engine: Annotated[str, typer.Option(
            "--engine", help="Where per-report stages run: 'local' (process pool) or 'dask'.")
        ] = "local",
        scheduler: Annotated[str | None, typer.Option(
            "--scheduler", help="Dask scheduler address (tcp://host:8786); without it a "
                                "LocalCluster of --workers workers is started.")] = None,
        resume: Annotated[bool, typer.Option(
            "--resume", help="Skip input files an earlier run stored completely.")] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        as_json: Annotated[bool, typer.Option(
            "--json", help="Print the summary as JSON for scripts, with each phase's wall and "
                           "CPU seconds under 'timings'.")] = False,
    ) -> None:
        """Read reports into the store; exit 1 if any input failed (the others are stored)."""
        settings = Settings(workers=workers, allow_private=allow_private)
        if model:
            settings = replace(settings, model=model)
        if max_bytes:
            settings = replace(settings, max_input_bytes=max_bytes)
        eng = engine_for(engine, workers, scheduler, settings.model)
        try:
            with console.open_store(db) as store:
                summary = run_ingest(sources, store, settings, quiet=quiet or as_json,
                                     analyze=not no_analyze, engine=eng, resume=resume)
                _print_summary(summary, store.path, as_json)
        finally:
            eng.close()
        if not summary.ok:
            raise typer.Exit(console.EXIT_INPUT_FAILED)

    @app.command("demo")
    def demo_cmd(
        db: Annotated[str, typer.Option("--db", help="Store to build.")] = "newsprism-demo.db",
        workers: Annotated[int, typer.Option("--workers", "-w", min=1)] = 1,
    ) -> None:
        """Ingest the bundled fictional demo corpus and say what to look at next."""
        from newsprism.demo import corpus_files

        settings = Settings(workers=workers)
        with Store(Path(db)) as store:
            summary = run_ingest([str(p) for p in corpus_files()], store, settings,
                                 quiet=False)
            _print_summary(summary, store.path, False)
            _print_demo_overview(store)
        if not summary.ok:
            raise typer.Exit(console.EXIT_INPUT_FAILED)


def _print_demo_overview(store: Store) -> None:
    out = console.out
    n_reports = store.count_reports()
    outlets = store.outlets()
    stories = store.stories()
    out.print(f"\nThe demo store {store.path} holds {n_reports} reports from "
              f"{len(outlets)} outlets in {len(stories)} stories.", markup=False)
    for s in stories:
        out.print(f"  story {s.id}  {len(s.report_ids):>2} reports  {s.title}", markup=False,
                  soft_wrap=True)
    db = store.path
    biggest = stories[0].id if stories else "STORY_ID"
    # Name the program as it was run (`make demo` runs .venv/bin/newsprism), so every line
    # below can be pasted as it is.
    prog = sys.argv[0] if Path(sys.argv[0]).name == "newsprism" else "newsprism"
    out.print("\nNext:", markup=False)
    for line in (
        f"{prog} serve --db {db}          # browse it: open http://127.0.0.1:8750",
        f"{prog} stories --db {db}        # stories with outlets and dates",
        f"{prog} story {biggest} --db {db}   # reports and who copied whom",
        f"{prog} dossier {biggest} --format html -o dossier.html --db {db}",
        f"{prog} entities --db {db}       # who is who, across spellings",
        f"{prog} search ministry --db {db}   # full-text search",
        f"{prog} export --format json out.json --db {db}",
    ):
        out.print(f"  {line}", markup=False, soft_wrap=True)
