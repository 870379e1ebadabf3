"""The REST API under /api/v1. Read endpoints are open; ingest needs the server's token.

Every error is JSON ``{"error": {"code", "message"}}`` (see ``newsprism.serve.errors``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse

from newsprism.serve import models, queries, story, views
from newsprism.serve.access import StoreAccess
from newsprism.serve.errors import ApiError
from newsprism.serve.security import bearer_token, token_matches
from newsprism.store import Store

# Page sizes: enough for one screen of results; larger pages would let one request hold a
# reader for long on a big store.
DEFAULT_LIMIT = 50
MAX_LIMIT = 200

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?"
                       r"(Z|[+-]\d{2}:?\d{2})?)?)?)?$")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="How many results to skip")]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorBody, "description": "Bad parameters"},
    404: {"model": models.ErrorBody, "description": "Unknown id"},
}


def _access(request: Request) -> StoreAccess:
    access: StoreAccess = request.app.state.access
    return access


def _store(request: Request) -> Store:
    return _access(request).reader()


def _date(name: str, value: str | None) -> str | None:
    if value is not None and not _ISO_DATE.match(value):
        raise ApiError(400, "bad_request",
                       f"{name}={value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _query_words(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not any(c.isalnum() for c in value):
        raise ApiError(400, "bad_request", f"{name}={value!r} has no words to search for")
    return value


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset:offset + limit]}


router = APIRouter(prefix="/api/v1", responses=ERRORS)


@router.get("/reports", response_model=models.ReportPage, tags=["reports"])
def list_reports(request: Request,
                 outlet: Annotated[str | None, Query(description="Outlet name, exactly")] = None,
                 since: Annotated[str | None, Query(
                     description="Published on or after (ISO date)")] = None,
                 until: Annotated[str | None, Query(
                     description="Published on or before (ISO date, inclusive)")] = None,
                 story: Annotated[str | None, Query(description="Story id")] = None,
                 q: Annotated[str | None, Query(description="Words that must all occur")] = None,
                 limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Reports, oldest first, filtered by outlet, publication dates, story and text."""
    filters = {"outlet": outlet, "story_id": story, "since": _date("since", since),
               "until": _date("until", until), "query": _query_words("q", q)}
    store = _store(request)
    found = store.reports(**filters, limit=limit, offset=offset)
    total = store.count_reports(**filters)
    story_of = {r.id: queries.story_of_report(store, r.id) for r in found}
    return {"total": total, "limit": limit, "offset": offset,
            "items": [views.report_summary(r, story_of[r.id]) for r in found]}


@router.get("/reports/{report_id}", response_model=models.ReportDetail, tags=["reports"])
def get_report(request: Request, report_id: str) -> dict[str, Any]:
    """One report with its text, its annotations and the highlighted spans."""
    return views.report_detail(_store(request), report_id)


@router.get("/stories", response_model=models.StoryPage, tags=["stories"])
def list_stories(request: Request, limit: Limit = DEFAULT_LIMIT,
                 offset: Offset = 0) -> dict[str, Any]:
    """Stories, largest first."""
    return _page(views.story_list(_store(request)), limit, offset)


@router.get("/stories/{story_id}", response_model=models.StoryDetail, tags=["stories"])
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """A story's claim matrix, quote groups, omissions, timeline, reuse edges, entities."""
    return story.story_api(_store(request), story_id)


@router.get("/entities", response_model=models.EntityPage, tags=["entities"])
def list_entities(request: Request,
                  kind: Annotated[str | None, Query(alias="type",
                                                    description="PERSON, ORG, GPE, ...")] = None,
                  limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Resolved entities, most mentioned first."""
    return _page(views.entity_list(_store(request), kind), limit, offset)


@router.get("/entities/{entity_id}", response_model=models.EntityDetail, tags=["entities"])
def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    """An entity with its aliases, roles, spellings, stories and quotes."""
    return views.entity_detail(_store(request), entity_id)


@router.get("/search", response_model=models.SearchResult, tags=["search"])
def search(request: Request, q: Annotated[str, Query(description="Words to find")],
           limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20) -> dict[str, Any]:
    """Full-text search over reports, plus stories and entities whose names match."""
    return views.search(_store(request), _query_words("q", q) or "", limit)


@router.post("/ingest", response_model=models.IngestResult, tags=["ingest"],
             status_code=201,
             responses={401: {"model": models.ErrorBody, "description": "No token given"},
                        403: {"model": models.ErrorBody,
                              "description": "Wrong token, or ingest is off"}})
def ingest(request: Request, body: models.IngestRequest,
           authorization: Annotated[str | None, Header()] = None) -> Any:
    """Run the pipeline on submitted text, HTML or a URL. Off unless the server was started
    with a token; then requires ``Authorization: Bearer TOKEN``."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(403, "ingest_disabled",
                       "ingest over the API is off; start the server with --token "
                       "(or $NEWSPRISM_TOKEN) to enable it")
    given = bearer_token(authorization)
    if given is None:
        raise ApiError(401, "unauthorized",
                       "send the server's token as 'Authorization: Bearer TOKEN'")
    if not token_matches(given, expected):
        raise ApiError(403, "forbidden", "the token does not match the server's token")
    from newsprism.serve import submit  # the pipeline is only loaded when ingest is used

    with _access(request).writer() as store:
        summary = submit.ingest_request(body, store, request.app.state.settings)
    failure = submit.only_failure(summary)
    if failure is not None:
        raise failure
    data = summary.as_dict()
    return JSONResponse(data, status_code=201 if summary.stored else 200)




def openapi_without_422(app: Any) -> dict[str, Any]:
    """FastAPI documents validation failures as 422; this API answers them with 400 (the
    ERRORS entry every route carries), so the 422 entries are dropped from the schema."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    spec = get_openapi(title=app.title, version=app.version, description=app.description,
                       routes=app.routes)
    for methods in spec.get("paths", {}).values():
        for op in methods.values():
            op.get("responses", {}).pop("422", None)
    for name in ("HTTPValidationError", "ValidationError"):
        spec.get("components", {}).get("schemas", {}).pop(name, None)
    app.openapi_schema = spec
    return spec
