"""Response and request models of the REST API (they make FastAPI's OpenAPI schema)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable: bad_request, not_found, unauthorized, "
                                  "forbidden, input_error, store_error, ...")
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class Notice(BaseModel):
    kind: str
    text: str
    original_outlet: str | None = None
    start: int = -1
    end: int = -1


class ReportSummary(BaseModel):
    id: str
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published_at: str | None = None
    published_precision: str | None = None
    published_source: str | None = None
    source: str
    url: str | None = None
    language: str | None = None
    story_id: str | None = None
    chars: int


class Span(BaseModel):
    start: int = Field(description="Character offset into the report text")
    end: int = Field(description="End offset, exclusive")
    kind: str = Field(description="claim, quote, mention, number or time")
    ref: str | None = Field(None, description="Claim group, quote group or entity id; "
                                              "the claim or quote id when ungrouped")
    label: str = ""
    href: str | None = None
    variant: str = ""


class ReportDetail(ReportSummary):
    text: str
    analyzed: bool
    notices: list[Notice]
    spans: list[Span]
    annotations: dict[str, list[dict[str, Any]]] = Field(
        description="mentions, quotes, numbers, times, events, claims")


class ReportPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ReportSummary]


class OutletCount(BaseModel):
    outlet: str
    reports: int


class StorySummary(BaseModel):
    id: str
    title: str
    size: int
    first_seen: str | None = None
    last_seen: str | None = None
    outlets: list[OutletCount] = []


class StoryPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[StorySummary]


class MatrixColumn(BaseModel):
    report_id: str
    outlet: str
    label: str
    published_at: str | None = None


class MatrixCell(BaseModel):
    report_id: str
    state: str = Field(description="asserted, attributed, quoted, hedged, denied, mentioned "
                                   "(a weak match) or absent")
    omitted: bool = Field(description="Triangulation found the report leaves the claim out")
    text: str = ""
    value: str | None = Field(None, description="The report's values in the disputed fields")
    differs: bool = Field(description="The report states a value in a field where the "
                                      "reports disagree")
    outlier: bool = Field(description="Its value is not the one most reports give")
    hedges: list[str] = []
    attribution: list[str] = []


class MatrixRow(BaseModel):
    group_id: str
    summary: str
    status: str
    disputed: bool
    fields: list[str]
    stance_change: str | None = Field(None, description="How the stance shifts across "
                                      "reports: hedge-dropped, contradiction, ...")
    date: str | None = None
    carried_by: int = Field(0, description="How many reports carry the claim")
    cells: list[MatrixCell]


class ClaimMatrix(BaseModel):
    columns: list[MatrixColumn]
    rows: list[MatrixRow]


class StoryReport(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    label: str = Field(description="The report's column label: its outlet, numbered when "
                                   "one outlet has several reports")
    outlet: str | None = None
    title: str | None = None
    published_at: str | None = None
    url: str | None = None


class StoryDetail(BaseModel):
    """The story dossier's content (see newsprism.dossier) with the claim matrix laid out
    in column order."""

    model_config = ConfigDict(extra="allow")

    story: StorySummary
    reports: list[StoryReport]
    claim_matrix: ClaimMatrix
    claim_groups: list[dict[str, Any]]
    quote_groups: list[dict[str, Any]]
    omissions: list[dict[str, Any]]
    disagreements: list[dict[str, Any]]
    stance_changes: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    reuse: list[dict[str, Any]]
    provenance: dict[str, Any]
    entities: list[dict[str, Any]]


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    country: str | None = None
    mentions: int = 0
    reports: int = 0
    stories: int = 0


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntitySummary]


class EntityDetail(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    country: str | None = None
    spellings: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


class SearchHit(BaseModel):
    report_id: str
    title: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    snippet: str
    rank: float


class SearchResult(BaseModel):
    query: str
    reports: list[SearchHit]
    stories: list[StorySummary]
    entities: list[EntitySummary]


class IngestRequest(BaseModel):
    """Exactly one of ``text``, ``html`` or ``url``; the rest is optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    html: str | None = None
    url: str | None = Field(None, description="Fetched by the server (public addresses only)")
    source_url: str | None = Field(None, description="Where submitted text or HTML came from")
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published_at: str | None = None

    @model_validator(mode="after")
    def one_input(self) -> IngestRequest:
        given = [k for k in ("text", "html", "url") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url"
                             + (f" (got {', '.join(given)})" if given else ""))
        # Ingest treats anything that is not a URL as a local path or glob; over the API only
        # absolute http(s) URLs are accepted, so a client can never make the server read files.
        if self.url is not None and not _is_http_url(self.url):
            raise ValueError(f"url {self.url[:200]!r} is not an absolute http(s) URL")
        return self


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (parts.scheme in ("http", "https") and bool(parts.hostname)
            and value == value.strip() and not any(c.isspace() for c in value))


class IngestResult(BaseModel):
    stored: int
    duplicates: int
    failed: int
    report_ids: list[str]
    errors: list[str]
