"""The public Python API (see docs/python-api.md).

```python
import newsprism

with newsprism.open("newsprism.db") as db:
    db.ingest(["articles/", "https://example.org/feed.xml", "A report as plain text ..."])
    for story in db.stories():
        print(story.title, len(story.report_ids))
    matrix = db.claim_matrix(db.stories()[0].id)   # pandas DataFrame: claims x outlets
    quotes = db.quotes_df()                        # any table as a DataFrame

analyses = newsprism.analyze_texts(["Text one ...", "Text two ..."])  # no store needed
```

Records are the frozen dataclasses of ``newsprism.types``; tables are pandas DataFrames with
the columns of the Parquet/CSV exports (``newsprism.exports.tables``).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.config import DEFAULT_MODEL, Settings
from newsprism.errors import ConfigError, StoreError
from newsprism.exports.tables import TABLE_NAMES, dataframe
from newsprism.ingest.sources import is_url
from newsprism.normalize import report_id_for
from newsprism.pipeline import IngestSummary, _analyzer, ingest, ingest_documents
from newsprism.store import SearchHit, Store
from newsprism.types import (
    Analysis,
    ClaimUnit,
    Entity,
    Mention,
    Quote,
    RawDocument,
    Report,
    Reuse,
    Story,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLE_NAMES", "Database", "analyze_texts", "open", "text_document"]

# What ``Database.ingest`` accepts: paths, URLs, texts and RawDocuments, alone or in a list.
Ingestible = str | os.PathLike[str] | RawDocument
# Cell values of ``claim_matrix`` besides the stances of types.Stance.
ABSENT = "absent"
MENTIONED = "mentioned"


def open(path: str | os.PathLike[str], *, readonly: bool = False,
         settings: Settings | None = None) -> Database:
    """Open (or, unless ``readonly``, create) the store at ``path``."""
    return Database(path, readonly=readonly, settings=settings)


class Database:
    """A newsprism store: its records, its tables as DataFrames, and ingest into it.

    Use it as a context manager, or call ``close()``. Iterating yields every report.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False,
                 settings: Settings | None = None) -> None:
        self.store = Store(Path(path), readonly=readonly)
        self.settings = replace(settings or Settings(), db_path=self.store.path)

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Report]:
        return iter(self.store.reports())

    def __len__(self) -> int:
        return self.store.count_reports()

    def __repr__(self) -> str:
        return f"<newsprism.Database {self.path} ({len(self)} reports)>"

    # -- records -----------------------------------------------------------------------------

    def reports(self, *, outlet: str | None = None, story_id: str | None = None,
                since: str | None = None, until: str | None = None,
                query: str | None = None, limit: int | None = None, offset: int = 0
                ) -> list[Report]:
        """Reports, oldest first. ``since``/``until`` are ISO dates (``until`` includes its
        whole day); ``query`` is a full-text search; ``story_id`` may be a unique prefix."""
        sid = self.story(story_id).id if story_id else None
        return self.store.reports(outlet=outlet, story_id=sid, since=since, until=until,
                                  query=query, limit=limit, offset=offset)

    def report(self, report_id: str) -> Report:
        """One report by id or unique id prefix; NotFound otherwise."""
        return self.store.get_report(report_id)

    def analysis(self, report_id: str) -> Analysis | None:
        """Everything the analyze stage found in one report (None if not analyzed)."""
        return self.store.get_analysis(self.report(report_id).id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search, best matches first, with snippets."""
        return self.store.search(query, limit)

    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return self.store.stories()

    def story(self, story_id: str) -> Story:
        """One story by id or unique id prefix."""
        return self.store.story(story_id)

    def entities(self, *, type: str | None = None) -> list[Entity]:
        """Resolved entities by name; ``type`` keeps one type (PERSON, ORG, GPE, ...)."""
        found = self.store.entities()
        return [e for e in found if e.type == type] if type else found

    def entity(self, entity_id: str) -> Entity:
        return self.store.entity(entity_id)

    def mentions(self, story_id: str | None = None, *, report_id: str | None = None,
                 entity_id: str | None = None) -> list[Mention]:
        """Name mentions, of a story or a report, optionally of one entity only."""
        found = self.store.mentions(self._report_ids(story_id, report_id))
        return [m for m in found if m.entity_id == entity_id] if entity_id else found

    def claims(self, story_id: str | None = None, *, report_id: str | None = None
               ) -> list[ClaimUnit]:
        """Claim units (sentences with stance, attribution, hedges, values)."""
        return self.store.claims(self._report_ids(story_id, report_id))

    def claim_groups(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Claims aligned across a story's reports (the JSON contract's ``claims``)."""
        sid = self.story(story_id).id if story_id else None
        return [dict(g) for g in self.store.claim_groups(sid)]

    def quotes(self, story_id: str | None = None, *, report_id: str | None = None,
               speaker_entity_id: str | None = None) -> list[Quote]:
        """Quotes in text order per report; optionally only one speaker's."""
        found = self.store.quotes(self._report_ids(story_id, report_id))
        if speaker_entity_id:
            found = [q for q in found if q.speaker_entity_id == speaker_entity_id]
        return found

    def quote_groups(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """One quote as several reports carry it (verbatim, paraphrased, re-translated)."""
        sid = self.story(story_id).id if story_id else None
        return [dict(g) for g in self.store.quote_groups(sid)]

    def reuse(self, story_id: str | None = None) -> list[Reuse]:
        """Text shared between reports (who copied whom)."""
        return self.store.reuse(self._report_ids(story_id, None))

    def outlets(self) -> dict[str, dict[str, Any]]:
        """Outlet name -> number of reports and what a sources file says about it."""
        info = self.store.outlet_info()
        return {name: {"reports": count, **info.get(name, {})}
                for name, count in self.store.outlets()}

    def dossier(self, story_id: str) -> dict[str, Any]:
        """A story's dossier: claim matrix, omissions, quotes, provenance, timeline."""
        from newsprism.dossier import build_dossier

        return build_dossier(self.store, story_id)

    def _report_ids(self, story_id: str | None, report_id: str | None) -> list[str] | None:
        if report_id is not None:
            return [self.report(report_id).id]
        if story_id is not None:
            return list(self.story(story_id).report_ids)
        return None

    # -- DataFrames --------------------------------------------------------------------------

    def dataframe(self, kind: str) -> pd.DataFrame:
        """One table as a DataFrame: reports, stories, entities, mentions, quotes, numbers,
        times, events, claims, claim_groups, quote_groups or reuse (``TABLE_NAMES``)."""
        return dataframe(self.store, kind)

    def reports_df(self) -> pd.DataFrame:
        return self.dataframe("reports")

    def stories_df(self) -> pd.DataFrame:
        return self.dataframe("stories")

    def entities_df(self) -> pd.DataFrame:
        return self.dataframe("entities")

    def mentions_df(self) -> pd.DataFrame:
        return self.dataframe("mentions")

    def quotes_df(self) -> pd.DataFrame:
        return self.dataframe("quotes")

    def numbers_df(self) -> pd.DataFrame:
        return self.dataframe("numbers")

    def times_df(self) -> pd.DataFrame:
        return self.dataframe("times")

    def events_df(self) -> pd.DataFrame:
        return self.dataframe("events")

    def claims_df(self) -> pd.DataFrame:
        return self.dataframe("claims")

    def claim_groups_df(self) -> pd.DataFrame:
        return self.dataframe("claim_groups")

    def quote_groups_df(self) -> pd.DataFrame:
        return self.dataframe("quote_groups")

    def reuse_df(self) -> pd.DataFrame:
        return self.dataframe("reuse")

    def claim_matrix(self, story_id: str) -> pd.DataFrame:
        """A story's claims (rows, indexed by claim group id and summary) by its reports
        (columns, labelled by outlet). A cell is the report's stance on the claim
        (asserted, attributed, quoted, hedged, denied), "mentioned" for a weak match or
        "absent". ``df.attrs["report_ids"]`` maps column labels to report ids."""
        import pandas as pd

        dossier = self.dossier(story_id)
        labels = {r["id"]: r["label"] for r in dossier["reports"]}
        matrix = dossier["matrix"]
        index = pd.MultiIndex.from_tuples(
            [(row["group_id"], row["summary"]) for row in matrix["rows"]],
            names=["group_id", "claim"])
        frame = pd.DataFrame(
            [[row["cells"][rid]["stance"] or ABSENT for rid in matrix["columns"]]
             for row in matrix["rows"]],
            index=index, columns=[labels[rid] for rid in matrix["columns"]], dtype=object)
        frame.columns.name = "outlet"
        frame.attrs["story_id"] = dossier["story"]["id"]
        frame.attrs["report_ids"] = {labels[rid]: rid for rid in matrix["columns"]}
        return frame

    # -- ingest ------------------------------------------------------------------------------

    def ingest(self, items: Ingestible | Iterable[Ingestible], *, analyze: bool = True,
               workers: int | None = None) -> IngestSummary:
        """Ingest files, directories, globs, http(s) URLs, texts or RawDocuments, then update
        the stories they touch. A ``Path``, an existing path, a glob or a URL is a source; a
        string with whitespace that is none of these is the text of a report; any other
        string is taken as a path (so a mistyped file name is reported missing rather than
        stored as a report). Already-stored inputs are skipped."""
        if self.store.readonly:
            raise StoreError(f"{self.path} was opened read-only; open it with "
                             "readonly=False to ingest")
        settings = self.settings if workers is None else replace(self.settings,
                                                                 workers=workers)
        if isinstance(items, str | os.PathLike | RawDocument):
            items = [items]
        sources: list[str] = []
        documents: list[RawDocument] = []
        for item in items:
            if isinstance(item, RawDocument):
                documents.append(item)
            elif isinstance(item, os.PathLike):
                sources.append(os.fspath(item))
            elif _is_text(item):
                documents.append(text_document(item))
            else:
                sources.append(item)
        summary = IngestSummary()
        if sources:
            _add(summary, ingest(sources, self.store, settings, analyze=analyze))
        if documents:
            _add(summary, ingest_documents(documents, self.store, settings, analyze=analyze))
        return summary


def text_document(text: str, *, source: str = "<text>", outlet: str | None = None,
                  title: str | None = None, published_at: str | None = None) -> RawDocument:
    """A report given as text, ready to ingest (``Database.ingest`` takes it as it is)."""
    return RawDocument(source=source, data=text.encode("utf-8"), kind="text",
                       outlet=outlet, title=title, published_at=published_at,
                       encoding="utf-8")


def _is_text(item: str) -> bool:
    if is_url(item) or os.path.exists(item) or not any(c.isspace() for c in item):
        return False
    return "\n" in item or not glob.glob(item)


def _add(total: IngestSummary, part: IngestSummary) -> None:
    total.stored += part.stored
    total.duplicates += part.duplicates
    total.failed += part.failed
    total.errors += part.errors
    total.new_report_ids += part.new_report_ids


def analyze_texts(texts: Sequence[str], published_at: str | Sequence[str | None] | None = None,
                  *, model: str = DEFAULT_MODEL) -> list[Analysis]:
    """The analyze stage in memory, no store: mentions, quotes, numbers, times, events and
    claims of each text, in order. Offsets are into the text exactly as given; each
    analysis's ``report_id`` is the text's content id (as a stored report of that exact
    text would get). ``published_at`` (one ISO date for all, or one per text) anchors
    relative dates such as "on Tuesday"."""
    dates: Sequence[str | None]
    if published_at is None or isinstance(published_at, str):
        dates = [published_at] * len(texts)
    else:
        dates = published_at
        if len(dates) != len(texts):
            raise ConfigError(f"published_at has {len(dates)} dates for {len(texts)} texts")
    reports = [Report(id=report_id_for(text), source="<text>", text=text, published_at=date)
               for text, date in zip(texts, dates, strict=True)]
    return list(_analyzer(model).analyze_many(reports))
