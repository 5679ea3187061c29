"""The JSON API under /api: reads open, the one write (POST /api/articles) behind a bearer token."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from showfacts import query
from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.sources.urls import web_url
from showfacts.store.db import Store
from showfacts.web import schemas

router = APIRouter(tags=["api"], responses={400: {"model": schemas.ErrorOut}, 422: {"model": schemas.ErrorOut}})
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Cursor = Annotated[str | None, Query(pattern=r"^o[0-9]{1,9}$", description="next_cursor of the previous page.")]
Sources = Annotated[
    int,
    Query(
        ge=1,
        le=1000,
        description="Sources listed per fact, earliest reported first; source_count is the total, /api/sources lists them all.",
    ),
]


async def store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store)]


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer <SHOWFACTS_TOKEN>``; with no token configured every write is refused."""
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "writes are disabled: no SHOWFACTS_TOKEN is configured")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


@router.get("/works", response_model=schemas.WorkPage, summary="List and filter works")
def list_works(
    s: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Words in the title or an alias.")] = None,
    network: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=40, description="A status reported for the work, e.g. renewed.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Any:
    return query.list_works(s, q=q, network=network, status=status, limit=limit, cursor=cursor)


@router.get(
    "/works/{key}", response_model=schemas.Work, responses={404: {"model": schemas.ErrorOut}}, summary="One work, every fact with sources"
)
async def get_work(
    key: str,
    s: StoreDep,
    request: Request,
    sources: Sources = 5,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only facts whose belief is at least this (and conflicts both of whose sides are).")
    ] = None,
) -> Any:
    """Status timeline, releases, network, cast, crew, related works and quotes of a work (by slug, title or alias),
    each fused across articles with its belief, source counts, first sources and their evidence sentences; conflicts
    are marked and listed with both sides."""

    def compute() -> bytes | None:
        work = query.get_work(s, key[:300], max_sources=sources, min_confidence=min_confidence)
        return None if work is None else schemas.Work.model_validate(work).model_dump_json().encode()

    body = await request.app.state.cache.aget(f"work:{sources}:{min_confidence}:{key[:300]}", compute)
    if body is None:
        raise HTTPException(404, f"no work {key!r}")
    return Response(content=body, media_type="application/json")


@router.get("/people/{key}", response_model=schemas.Person, responses={404: {"model": schemas.ErrorOut}}, summary="One person")
def get_person(key: str, s: StoreDep, sources: Sources = 5) -> Any:
    person = query.get_person(s, key[:300], max_sources=sources)
    if person is None:
        raise HTTPException(404, f"no person {key!r}")
    return person


@router.get("/search", response_model=schemas.SearchResult, summary="Search works, people and quotes")
async def search(
    s: StoreDep,
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Limit = 20,
    cursor: Cursor = None,
    sources: Sources = 5,
) -> Any:
    def compute() -> bytes:
        found = query.search(s, q, limit=min(limit, 100), cursor=cursor, max_sources=sources)
        return schemas.SearchResult.model_validate(found).model_dump_json().encode()

    body = await request.app.state.cache.aget(f"search:{q}:{limit}:{cursor}:{sources}", compute)
    return Response(content=body, media_type="application/json")


@router.get("/conflicts", response_model=schemas.ConflictPage, summary="Facts the sources disagree on")
def conflicts(s: StoreDep, limit: Limit = 50, cursor: Cursor = None, sources: Sources = 5) -> Any:
    return query.list_conflicts(s, limit=limit, cursor=cursor, max_sources=sources)


@router.get("/sources", response_model=schemas.SourcePage, responses={404: {"model": schemas.ErrorOut}}, summary="Every source of one fact")
def fact_sources(
    s: StoreDep,
    key: Annotated[str, Query(min_length=1, max_length=1000, description="The key of a fused fact, as given in its record.")],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Any:
    """The articles that state one fused fact, with their evidence sentences, a page at a time."""
    page = query.fact_sources(s, key, limit=limit, cursor=cursor)
    if page is None:
        raise HTTPException(404, "no fact with this key")
    return page


@router.get("/timeline", response_model=schemas.TimelinePage, summary="Status and release news in reported order")
def timeline(
    s: StoreDep,
    since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    network: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Any:
    return query.timeline(s, since=since, network=network, limit=limit, cursor=cursor)


@router.get(
    "/articles/{article_id}", response_model=schemas.ArticleOut, responses={404: {"model": schemas.ErrorOut}}, summary="One article"
)
def get_article(article_id: int, s: StoreDep) -> Any:
    """The article's text with every fact it gave and the evidence span of each."""
    if not 0 < article_id < 2**62:
        raise HTTPException(404, f"no article {article_id}")
    article = query.get_article(s, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return article


@router.get("/stats", response_model=schemas.Stats, summary="Counts")
def stats(s: StoreDep) -> Any:
    return query.stats(s)


@router.get("/export.jsonld", summary="The knowledge base as JSON-LD (schema.org)")
def export_jsonld(s: StoreDep) -> dict[str, Any]:
    from showfacts.export import to_jsonld

    return to_jsonld(s)


@router.post(
    "/articles",
    response_model=schemas.IngestOut,
    status_code=201,
    dependencies=[Depends(require_token)],
    responses={401: {"model": schemas.ErrorOut}, 403: {"model": schemas.ErrorOut}, 413: {"model": schemas.ErrorOut}},
    summary="Ingest one article",
)
async def post_article(body: schemas.ArticleIn, s: StoreDep) -> Any:
    """Extract the facts of one article (plain text, or HTML with its URL), store them, and answer with them."""
    article = _article(body)
    result = await run_in_threadpool(query.ingest_article, s, article)
    return {"article_id": result.article_id, "outcome": result.outcome, "duplicate_of": result.duplicate_of, "facts": result.facts}


def _article(body: schemas.ArticleIn) -> Article:
    origin = "POST /api/articles"
    if body.url and body.url.strip() and web_url(body.url) is None:
        raise HTTPException(422, "url must be an http or https URL")
    if body.html:
        from showfacts.sources.html import article_from_html

        try:
            article = article_from_html(body.html, origin, url=web_url(body.url), published=body.published, published_source="api")
        except InputError as exc:
            raise HTTPException(422, exc.problem) from None
        if body.outlet:
            article.outlet = body.outlet
        return article
    if not body.text or not body.text.strip():
        raise HTTPException(422, "give the article's text or html")
    text = body.text.strip()
    title = body.title or text.split("\n", 1)[0].strip()
    article = Article(
        id=web_url(body.url) or title[:80],
        text=text,
        title=title,
        published=body.published,
        url=web_url(body.url),
        outlet=body.outlet,
        origin=origin,
    )
    article.published_source = "api" if article.published else None
    return article
