"""The FastAPI application: settings, the store, limits on request size and time, security headers,
errors as JSON, and the two routers (``api`` for JSON, ``pages`` for HTML)."""

from __future__ import annotations

import asyncio
import logging
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from showfacts import __version__
from showfacts.query import open_store
from showfacts.web.cache import ReadCache
from showfacts.web.settings import Settings

CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com"


def create_app(db_url: str | None = None, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the application over the store at ``db_url`` (default ./showfacts.db or $SHOWFACTS_DB)."""
    from showfacts.web import api, pages

    settings = settings or Settings.from_env(db_url, token)
    app = FastAPI(
        title="showfacts",
        version=__version__,
        description="Sourced facts about TV series and films, merged from news articles. Every fact lists the articles "
        "and the sentences that state it. Reads are open; writes need `Authorization: Bearer <SHOWFACTS_TOKEN>`.",
    )
    app.state.settings = settings
    app.state.store = open_store(settings.db_url)
    app.state.cache = ReadCache(app.state.store)
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("showfacts.web") / "static")), name="static")

    @app.middleware("http")
    async def limits_and_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > settings.max_body_bytes):
            return JSONResponse({"detail": f"request body over {settings.max_body_bytes} bytes"}, status_code=413)
        try:
            response = await asyncio.wait_for(call_next(request), timeout=settings.request_timeout_s)
        except TimeoutError:
            return JSONResponse({"detail": "the request took too long"}, status_code=503)
        is_docs = request.url.path in ("/docs", "/redoc")
        response.headers["Content-Security-Policy"] = DOCS_CSP if is_docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):  # type: ignore[no-untyped-def]
        logging.getLogger("showfacts.web").exception("error answering %s", request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):  # type: ignore[no-untyped-def]
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in exc.errors()]
