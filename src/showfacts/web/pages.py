"""Server-rendered pages (Jinja2, autoescaped): home, search, work, person, conflicts, a fact's sources, article,
timeline, and the API documentation.

Everything shown comes from untrusted articles: text is autoescaped, every link built from data is
either a path on this site (ids, slugs, url-encoded names) or a URL that passed ``web_url`` (http
or https), and no page carries a script (the CSP forbids them; /docs loads its own from files)."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from showfacts import query
from showfacts.sources.urls import web_url
from showfacts.web.highlight import segments

router = APIRouter(include_in_schema=False)
PAGE_SOURCES = 5  # sources shown beside each fact; a link lists the rest
templates = Jinja2Templates(directory=str(resources.files("showfacts.web") / "templates"))
templates.env.autoescape = True  # article text, titles and quotes are untrusted
templates.env.filters["dated"] = query.date_label  # "2024-05-02 (feed date)", or "undated": never the ingest day
templates.env.filters["date_source"] = lambda source: query.DATE_SOURCES.get(source, source)  # "feed" → "feed date"
templates.env.filters["web_url"] = web_url  # the only way a URL from data becomes an href: http(s) or nothing
SWAGGER_UI = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5"


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status_code=status_code, status=status_code, message=message)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    s = request.app.state.store
    return _render(request, "home.html", stats=query.stats(s), recent=query.recent_works(s, 15))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    results = query.search(request.app.state.store, q, limit=50, max_sources=PAGE_SOURCES) if q.strip() else None
    return _render(request, "search.html", q=q, results=results)


@router.get("/works/{key}", response_class=HTMLResponse)
async def work(request: Request, key: str) -> HTMLResponse:
    def compute() -> bytes | None:
        data = query.get_work(request.app.state.store, key[:300], max_sources=PAGE_SOURCES)
        return None if data is None else bytes(_render(request, "work.html", work=data).body)

    body = await request.app.state.cache.aget("page:work:" + key[:300], compute)
    if body is None:
        raise HTTPException(404, f"no work {key!r}")
    return HTMLResponse(body)


@router.get("/people/{key}", response_class=HTMLResponse)
def person(request: Request, key: str) -> HTMLResponse:
    data = query.get_person(request.app.state.store, key[:300], max_sources=PAGE_SOURCES)
    if data is None:
        raise HTTPException(404, f"no person {key!r}")
    return _render(request, "person.html", person=data)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, cursor: Annotated[str | None, Query(pattern=r"^o[0-9]{1,9}$")] = None) -> HTMLResponse:
    page = query.list_conflicts(request.app.state.store, limit=100, cursor=cursor, max_sources=PAGE_SOURCES)
    return _render(request, "conflicts.html", conflicts=page["items"], next_cursor=page["next_cursor"])


@router.get("/sources", response_class=HTMLResponse)
def sources(
    request: Request,
    key: Annotated[str, Query(min_length=1, max_length=1000)],
    cursor: Annotated[str | None, Query(pattern=r"^o[0-9]{1,9}$")] = None,
) -> HTMLResponse:
    page = query.fact_sources(request.app.state.store, key, limit=100, cursor=cursor)
    if page is None:
        raise HTTPException(404, "no fact with this key")
    return _render(request, "sources.html", page=page)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    since: Annotated[str, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
    network: Annotated[str, Query(max_length=200)] = "",
    cursor: Annotated[str | None, Query(pattern=r"^o[0-9]{1,9}$")] = None,
) -> HTMLResponse:
    page = query.timeline(request.app.state.store, since=since or None, network=network.strip() or None, limit=100, cursor=cursor)
    more = None
    if page["next_cursor"]:
        more = "/timeline?" + urlencode({k: v for k, v in (("since", since), ("network", network), ("cursor", page["next_cursor"])) if v})
    return _render(request, "timeline.html", items=page["items"], since=since, network=network, more=more)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, started by a static script (no inline script: see web/limits.py)."""
    return _render(
        request,
        "docs.html",
        title=request.app.title,
        openapi_url=request.app.openapi_url,
        swagger_css=f"{SWAGGER_UI}/swagger-ui.css",
        swagger_js=f"{SWAGGER_UI}/swagger-ui-bundle.js",
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: int) -> HTMLResponse:
    data = query.get_article(request.app.state.store, article_id) if 0 < article_id < 2**62 else None
    if data is None:
        raise HTTPException(404, f"no article {article_id}")
    return _render(request, "article.html", article=data, segments=segments(data["text"], data["facts"]))
