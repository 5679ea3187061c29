"""Exporting the knowledge base: JSON Lines of fused facts, CSV, and JSON-LD in the schema.org vocabulary.

JSON-LD: each work is a ``TVSeries`` (it has seasons or airs on a TV network), a ``Movie``
(released by a studio) or a ``CreativeWork``; seasons are ``TVSeason``; cast members are
``PerformanceRole``s around a ``Person``; networks and studios ``Organization``s; quotes
``Quotation``s; and every claim points to the ``NewsArticle``s that state it (``subjectOf``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from showfacts.query import get_work
from showfacts.sources.urls import web_url
from showfacts.store.db import Store
from showfacts.store.models import EntityRow

STUDIOS = {"Warner Bros", "Universal", "Paramount", "Sony Pictures", "Disney", "20th Century Studios", "Lionsgate", "MGM", "Miramax", "DreamWorks",
           "Pixar", "New Line Cinema", "A24", "Neon", "Focus Features", "Searchlight Pictures", "Legendary", "Blumhouse", "Marvel Studios", "Lucasfilm"}  # fmt: skip
CREW_PROPERTY = {"director": "director", "creator": "creator", "producer": "producer", "executive producer": "producer",
                 "showrunner": "producer", "writer": "author", "composer": "musicBy", "cinematographer": "contributor", "editor": "contributor"}  # fmt: skip
CSV_FIELDS = ["work", "type", "season", "status", "date", "event", "network", "person", "character", "role", "related", "relation", "speaker",
              "text", "independent_sources", "belief", "first_reported", "last_reported", "conflict", "sources"]  # fmt: skip


def works(store: Store) -> Iterator[dict[str, Any]]:
    with store.session() as session:
        slugs = list(session.scalars(select(EntityRow.slug).where(EntityRow.kind == "work").order_by(EntityRow.id)))
    for slug in slugs:
        work = get_work(store, slug)
        if work is not None:
            yield work


def fact_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One row per fused fact of every work (quotes once per article)."""
    seen: set[str] = set()
    for work in works(store):
        for group in ("status_timeline", "releases", "network_facts", "cast", "crew", "related", "release_order", "quotes"):
            for fact in work[group]:
                if fact["key"] in seen:
                    continue
                seen.add(fact["key"])
                yield {**{k: v for k, v in fact.items() if k != "key"}, "work_slug": work["slug"]}


def to_jsonl(store: Store) -> Iterator[str]:
    for row in fact_rows(store):
        yield json.dumps(row, ensure_ascii=False) + "\n"


def to_csv(store: Store) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    yield buffer.getvalue()
    for row in fact_rows(store):
        buffer.seek(0)
        buffer.truncate()
        flat = {**row, "sources": " ".join(str(s["article_id"]) for s in row.get("sources", []))}
        writer.writerow(flat)
        yield buffer.getvalue()


def _article(source: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "NewsArticle", "@id": f"showfacts:article/{source['article_id']}", "headline": source.get("title")}
    url = web_url(source.get("url"))
    if url:  # http(s) only: a consumer may well render it as a link
        node["url"] = url
    if source.get("published"):  # an undated article has no datePublished (never the day it was ingested)
        node["datePublished"] = source["published"]
    if source.get("outlet"):
        node["publisher"] = {"@type": "Organization", "name": source["outlet"]}
    return node


def _claimed(node: dict[str, Any], fact: dict[str, Any]) -> dict[str, Any]:
    node["subjectOf"] = [_article(s) for s in fact.get("sources", [])]
    return node


def work_jsonld(work: dict[str, Any]) -> dict[str, Any]:
    seasons = {f.get("season") for f in work["status_timeline"] + work["releases"] if f.get("season")}
    networks = work["networks"]
    kind = "TVSeries" if seasons or (any(n not in STUDIOS for n in networks) and networks) else ("Movie" if networks else "CreativeWork")
    node: dict[str, Any] = {"@type": kind, "@id": f"showfacts:work/{work['slug']}", "name": work["title"], "alternateName": work["aliases"]}
    if networks:
        node["productionCompany" if kind == "Movie" else "publisher"] = [
            _claimed({"@type": "Organization", "name": f["network"]}, f) for f in work["network_facts"]
        ]
    node["actor"] = [
        _claimed({"@type": "PerformanceRole", "actor": {"@type": "Person", "name": f["person"]}, "characterName": f.get("character")}, f)
        for f in work["cast"]
    ]
    for f in work["crew"]:
        node.setdefault(CREW_PROPERTY[f["role"]], []).append(_claimed({"@type": "Person", "name": f["person"], "jobTitle": f["role"]}, f))
    if seasons:
        node["containsSeason"] = [{"@type": "TVSeason", "seasonNumber": n} for n in sorted(seasons)]
    node["event"] = [
        _claimed(
            {
                "@type": "Event",
                "name": f"{f['status']}" + (f" season {f['season']}" if f.get("season") else ""),
                "startDate": f.get("first_reported"),
            },
            f,
        )
        for f in work["status_timeline"]
    ] + [_claimed({"@type": "PublicationEvent", "startDate": f["date"]}, f) for f in work["releases"]]
    node["isRelatedTo"] = [
        _claimed({"@type": "CreativeWork", "name": f["related"], "description": f["relation"]}, f)
        for f in work["related"]
        if f.get("related")
    ]
    node["citation"] = [
        _claimed({"@type": "Quotation", "text": f["text"], "creator": {"@type": "Person", "name": f["speaker"]}}, f) for f in work["quotes"]
    ]
    return node


def to_jsonld(store: Store) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@graph": [work_jsonld(w) for w in works(store)]}
