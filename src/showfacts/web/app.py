"""The FastAPI application: settings, the store, limits on request size and time, security headers,
errors as JSON, and the two routers (``api`` for JSON, ``pages`` for HTML)."""

from __future__ import annotations

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
from showfacts.web.limits import LimitsAndHeaders
from showfacts.web.settings import Settings


def create_app(db_url: str | None = None, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the application over the store at ``db_url`` (default ./showfacts.db or $SHOWFACTS_DB)."""
    from showfacts.web import api, pages

    settings = settings or Settings.from_env(db_url, token)
    app = FastAPI(
        title="showfacts",
        version=__version__,
        description="Sourced facts about TV series and films, merged from news articles. Every fact lists the articles "
        "and the sentences that state it. Reads are open; writes need `Authorization: Bearer <SHOWFACTS_TOKEN>`.",
        docs_url=None,  # served by pages.api_docs: FastAPI's own page starts Swagger UI with an inline script
        swagger_ui_oauth2_redirect_url=None,  # no OAuth here, and that page is an inline script too
    )
    app.state.settings = settings
    app.state.store = open_store(settings.db_url)
    app.state.cache = ReadCache(app.state.store)
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("showfacts.web") / "static")), name="static")

    app.add_middleware(LimitsAndHeaders, max_body_bytes=settings.max_body_bytes, timeout_s=settings.request_timeout_s)

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
