"""The web UI's routes: server-rendered pages, cached per store version."""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from jinja2 import Environment
from starlette.concurrency import run_in_threadpool

from newsprism.serve import svg, views
from newsprism.serve.access import PageCache, StoreAccess
from newsprism.serve.errors import ApiError
from newsprism.serve.story import story_page
from newsprism.serve.web import exports
from newsprism.serve.web.render import highlight, render
from newsprism.store import Store

PAGE_SIZE = 50
# Pages smaller than this go out uncompressed: gzip saves little on them.
GZIP_MIN_BYTES = 4096
# Level 6 takes ~10 ms for a 400 kB story page, once per render, and shrinks it ~10 times.
GZIP_LEVEL = 6
# Stories drawn in the outlets-per-story chart on the front page; more bars stop being legible.
CHART_STORIES = 20
HTML = "text/html; charset=utf-8"

router = APIRouter(include_in_schema=False)


def _env(request: Request) -> Environment:
    env: Environment = request.app.state.env
    return env


def _access(request: Request) -> StoreAccess:
    access: StoreAccess = request.app.state.access
    return access


async def cached(request: Request, build: Callable[[Store], bytes],
                 media_type: str = HTML, headers: dict[str, str] | None = None) -> Response:
    """Serve from the page cache, rendering in a worker thread on a miss. The key holds the
    store's version, so any commit makes a fresh render. Large pages are also kept gzipped
    (compressed once per render) for clients that accept it."""
    access = _access(request)
    cache: PageCache = request.app.state.cache
    key = (request.url.path, request.url.query, access.version())
    gzip_ok = "gzip" in request.headers.get("accept-encoding", "")
    out_headers = {**(headers or {}), "vary": "Accept-Encoding"}
    if gzip_ok and (zipped := cache.lookup((*key, "gzip"))) is not None:
        return Response(zipped, media_type=media_type,
                        headers={**out_headers, "content-encoding": "gzip"})
    body = cache.lookup(key)
    if body is None:
        body = await run_in_threadpool(lambda: build(access.reader()))
        cache.put(key, body)
        if len(body) >= GZIP_MIN_BYTES:
            zipped = await run_in_threadpool(gzip.compress, body, GZIP_LEVEL)
            cache.put((*key, "gzip"), zipped)
            if gzip_ok:
                return Response(zipped, media_type=media_type,
                                headers={**out_headers, "content-encoding": "gzip"})
    return Response(body, media_type=media_type, headers=out_headers)


def _page_no(page: int, total: int) -> tuple[int, int]:
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:
        raise ApiError(404, "not_found", f"page {page} is past the last page ({pages})")
    return page, pages


@router.get("/")
async def stories_index(request: Request, page: int = Query(1, ge=1)) -> Response:
    def build(store: Store) -> bytes:
        stories = views.story_list(store)
        number, pages = _page_no(page, len(stories))
        outlets = store.outlets()
        top = stories[:CHART_STORIES]
        order = _outlet_order(top)
        bars = [svg.StoryBar(f"/stories/{views.path_id(s['id'])}", s["title"] or "(untitled)",
                             tuple((o["outlet"], o["reports"]) for o in s["outlets"]))
                for s in top]
        return render(_env(request), "stories.html", nav="stories",
                      stories=stories[(number - 1) * PAGE_SIZE:number * PAGE_SIZE],
                      total=len(stories), n_reports=store.count_reports(),
                      n_outlets=len(outlets), chart=svg.outlets_per_story(bars, order),
                      chart_count=len(top), page=number, pages=pages, pager_query="")
    return await cached(request, build)


def _outlet_order(stories: list[dict[str, Any]]) -> list[str]:
    total: Counter[str] = Counter()
    for s in stories:
        for o in s["outlets"]:
            total[o["outlet"]] += o["reports"]
    return [o for o, _ in total.most_common()]


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: str) -> Response:
    def build(store: Store) -> bytes:
        data = story_page(store, story_id)
        data.pop("dossier")
        label_of = {c.report_id: c.label for c in data["columns"]}
        points, lanes = _timeline_points(data)
        nodes = [svg.ReuseNode(c.report_id, c.label, f"/reports/{views.path_id(c.report_id)}")
                 for c in data["columns"]
                 if any(c.report_id in (e["from_report_id"], e["to_report_id"])
                        for e in data["reuse"])]
        arcs = [svg.ReuseArc(e["from_report_id"], e["to_report_id"], float(e["share_to"]),
                             f"{label_of.get(e['from_report_id'])} → "
                             f"{label_of.get(e['to_report_id'])}: {e['shared_chars']} chars")
                for e in data["reuse"]]
        n_omitted = sum(len(o["missing"]) for o in data["omissions"])
        return render(_env(request), "story.html", nav="stories", **data,
                      label_of=label_of, n_omitted=n_omitted,
                      timeline_svg=svg.timeline(points, lanes),
                      reuse_svg=svg.reuse_arcs(nodes, arcs))
    return await cached(request, build)


def _timeline_points(data: dict[str, Any]) -> tuple[list[svg.TimelinePoint], list[str]]:
    """One lane per outlet for publication dates, then lanes for the dated claims and
    events the reports describe."""
    points = [svg.TimelinePoint(c.outlet, c.published_at, c.title or c.label,
                                f"/reports/{views.path_id(c.report_id)}")
              for c in data["columns"] if c.published_at]
    for t in data["timeline"]:
        lane = "claims" if t.get("kind") == "claim" else "events"
        href = f"#cg-{views.path_id(str(t['group_id']))}" if t.get("group_id") else None
        points.append(svg.TimelinePoint(lane, str(t.get("date")), str(t.get("text") or ""),
                                        href))
    lanes = list(dict.fromkeys(p.lane for p in points))
    return points, lanes


@router.get("/stories/{story_id}/claims.csv")
async def claims_csv(request: Request, story_id: str) -> Response:
    def build(store: Store) -> bytes:
        return exports.claims_csv(store, story_id).encode("utf-8")
    return await cached(request, build, "text/csv; charset=utf-8",
                        exports.attachment(story_id, "claims.csv"))


@router.get("/stories/{story_id}/dossier.{fmt}")
async def dossier(request: Request, story_id: str, fmt: str) -> Response:
    if fmt not in exports.DOSSIER_TYPES:
        raise ApiError(404, "not_found", f"no dossier format {fmt!r}; use html, md or json")

    def build(store: Store) -> bytes:
        return exports.dossier(store, story_id, fmt)
    return await cached(request, build, exports.DOSSIER_TYPES[fmt],
                        exports.attachment(story_id, f"dossier.{fmt}"))


@router.get("/reports")
async def reports_index(request: Request, page: int = Query(1, ge=1),
                        outlet: str | None = None) -> Response:
    def build(store: Store) -> bytes:
        total = store.count_reports(outlet=outlet)
        number, pages = _page_no(page, total)
        found = store.reports(outlet=outlet, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        story_of = views.stories_of(store, [r.id for r in found])
        return render(_env(request), "reports.html", nav="reports", total=total,
                      outlet=outlet, outlets=store.outlets(),
                      reports=[views.report_summary(r, story_of.get(r.id)) for r in found],
                      page=number, pages=pages,
                      pager_query=urlencode({"outlet": outlet}) + "&" if outlet else "")
    return await cached(request, build)


@router.get("/reports/{report_id}")
async def report(request: Request, report_id: str) -> Response:
    def build(store: Store) -> bytes:
        data = views.report_detail(store, report_id)
        spans = data["_spans"]
        counts = Counter(s.kind for s in spans)
        names: Counter[tuple[str, str, str | None]] = Counter(
            (m["text"], m["type"], m["entity_id"]) for m in data["annotations"]["mentions"])
        story_title = store.story(data["story_id"]).title if data["story_id"] else None
        group_href = {s.anchor[2:]: s.href for s in spans
                      if s.kind == "claim" and s.href and s.anchor}
        return render(_env(request), "report.html", nav="reports", r=data,
                      story_title=story_title, group_href=group_href,
                      text_html=highlight(data["text"], spans),
                      counts={k: counts.get(k, 0) for k in views.SPAN_KINDS},
                      names=[{"text": t, "type": ty, "entity_id": e, "count": n}
                             for (t, ty, e), n in names.most_common()])
    return await cached(request, build)


@router.get("/entities")
async def entities_index(request: Request, page: int = Query(1, ge=1),
                         kind: str | None = Query(None, alias="type")) -> Response:
    def build(store: Store) -> bytes:
        everything = views.entity_list(store)
        found = [e for e in everything if not kind or e["type"] == kind]
        number, pages = _page_no(page, len(found))
        return render(_env(request), "entities.html", nav="entities", kind=kind,
                      types=sorted({e["type"] for e in everything}),
                      entities=found[(number - 1) * PAGE_SIZE:number * PAGE_SIZE],
                      page=number, pages=pages,
                      pager_query=urlencode({"type": kind}) + "&" if kind else "")
    return await cached(request, build)


@router.get("/entities/{entity_id}")
async def entity(request: Request, entity_id: str) -> Response:
    def build(store: Store) -> bytes:
        data = views.entity_detail(store, entity_id)
        outlet_of = views.report_outlets(store, [m["report_id"] for m in data["mentions"]])
        return render(_env(request), "entity.html", nav="entities", e=data,
                      outlet_of=outlet_of)
    return await cached(request, build)


@router.get("/search")
async def search(request: Request, q: str = "") -> Response:
    def build(store: Store) -> bytes:
        result, message = None, None
        if q.strip() and any(c.isalnum() for c in q):
            result = views.search(store, q, 50)
        elif q.strip():
            message = "Type some words to search for."
        return render(_env(request), "search.html", query=q, result=result, message=message)
    return await cached(request, build)


@router.get("/api")
async def api_reference(request: Request) -> Response:
    from newsprism.serve.api import MAX_LIMIT
    from newsprism.serve.web.apidoc import operations

    body = render(_env(request), "api.html", nav="api",
                  operations=operations(request.app.openapi()), max_limit=MAX_LIMIT)
    return Response(body, media_type=HTML)


def error_page(env: Environment) -> Callable[[Request, int, str, str], Response]:
    def page(request: Request, status: int, code: str, message: str) -> Response:
        body = render(env, "error.html", nav="", status=status, code=code, message=message)
        return Response(body, status_code=status, media_type=HTML)
    return page
