"""The FastAPI application behind ``newsprism serve``: REST API, web UI, static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsprism.config import Settings
from newsprism.serve import api, errors
from newsprism.serve.access import PAGE_CACHE_ENTRIES, PageCache, StoreAccess
from newsprism.serve.security import SecurityMiddleware, allowed_hosts
from newsprism.serve.web import pages
from newsprism.serve.web.render import STATIC, make_env

API_DESCRIPTION = """Read a newsprism store: reports with their annotated spans, stories with
their claim-by-outlet matrix, quote groups, omissions, timeline and reuse, and resolved
entities. Errors are `{"error": {"code", "message"}}`. `POST /api/v1/ingest` is off unless the
server was started with a token."""


def create_app(db_path: Path, *, token: str | None = None, host: str = "127.0.0.1",
               settings: Settings | None = None,
               page_cache_entries: int = PAGE_CACHE_ENTRIES) -> FastAPI:
    """The app over one store. With a token, the store is opened for writing (and created if
    missing) so that ``POST /api/v1/ingest`` works; without one it is only ever read.
    ``page_cache_entries=0`` renders every page afresh (the load test's baseline)."""
    access = StoreAccess(db_path, writable=bool(token))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(title="newsprism", version="1", description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.access = access
    app.state.token = token or None
    app.state.settings = settings or Settings(db_path=db_path)
    app.state.env = make_env()
    app.state.cache = PageCache(page_cache_entries)
    errors.install(app, pages.error_page(app.state.env))
    app.include_router(api.router)
    app.openapi = lambda: api.openapi_without_422(app)  # type: ignore[method-assign]
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityMiddleware, hosts=allowed_hosts(host))
    return app
