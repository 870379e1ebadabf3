"""Errors as responses: JSON ``{"error": {"code", "message"}}`` under /api, an HTML page
elsewhere, with the status that fits (400 bad parameters, 404 unknown ids, 401/403 token)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsprismError,
    NotFound,
    StoreError,
    StoreLocked,
)

log = logging.getLogger("newsprism.serve")

HtmlErrorPage = Callable[[Request, int, str, str], Response]

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
               422: "bad_request"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def status_of(exc: NewsprismError) -> tuple[int, str]:
    if isinstance(exc, NotFound):
        return 404, "not_found"
    if isinstance(exc, InputError):
        return 400, "input_error"
    if isinstance(exc, StoreLocked):
        return 503, "store_locked"
    if isinstance(exc, StoreError):
        return 500, "store_error"
    if isinstance(exc, ModelError):
        return 500, "model_error"
    if isinstance(exc, ConfigError):
        return 500, "config_error"
    return 400, "bad_request"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI, html_page: HtmlErrorPage) -> None:
    """Register the handlers. ``html_page`` renders an error for browser paths."""

    def respond(request: Request, status: int, code: str, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"code": code, "message": message}},
                                status_code=status)
        return html_page(request, status, code, message)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.code, exc.message)

    @app.exception_handler(NewsprismError)
    async def project_error(request: Request, exc: NewsprismError) -> Response:
        status, code = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, status, code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 400, "bad_request", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "error")
        message = str(exc.detail) if exc.detail else code
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}"
        return respond(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Logged in full for the operator; the client learns nothing about internals.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal_error",
                       "the server failed on this request; see the server log")
