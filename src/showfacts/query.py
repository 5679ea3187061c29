"""The read side of the knowledge base, shared by the CLI, the JSON API and the web pages.

Every function takes a :class:`~showfacts.store.db.Store` and returns JSON-ready dicts.
Lists are paginated with an opaque ``cursor`` (pass ``next_cursor`` back for the next page).

Shapes (stable; new keys may be added):

- work: ``{"id", "slug", "title", "kind": "work", "aliases", "networks", "status", "status_timeline",
  "releases", "release_order", "cast", "crew", "related", "quotes", "conflicts", "why"}`` where each
  fact is its SCHEMA.md fields plus ``"sources": [{"article_id", "title", "outlet", "published",
  "published_source", "url", "duplicate_of", "reported", "evidence": {"start", "end", "text"}}]``,
  ``"source_count"``, ``"independent_sources"``, ``"belief"`` (in [0, 1]: the noisy-OR of the
  independent sources' confidences, ``showfacts.merge.fuse.belief``), ``"first_reported"``,
  ``"first_reported_source"``, ``"last_reported"``, ``"conflict"``, ``"key"``; each source also has
  its ``"confidence"`` (the extractor's, or null). With ``max_sources`` only the first sources (in
  reported order) are listed; ``source_count`` is always the total and :func:`fact_sources` pages
  through all of them. ``conflicts`` (of a work, and :func:`list_conflicts`): ``{"about", "season",
  "sides": [side, side]}``, each side the fused facts giving one answer (its sources merged), from
  two different articles.
- person: ``{"id", "slug", "name", "aliases", "cast", "crew", "quotes", "why"}``.
- article: ``{"id", "source_id", "title", "url", "outlet", "published", "published_source", "authors",
  "cited_sources", "duplicate_of", "text", "facts": [fact + "evidence"]}``.

Dates are the articles' own: ``reported`` is the publication date of the source, ``None`` for an
article without one (never the day it was ingested), and undated sources and facts sort after
dated ones. ``published_source`` says where a date came from, when the store keeps it (values
and labels: ``showfacts.sources.provenance``). A URL is given only when it is http(s)
(``showfacts.sources.urls.web_url``), whatever the database holds.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, defer

from showfacts.article import Article
from showfacts.extract import extract
from showfacts.merge.fuse import DECISIONS, claims, conflicts, fuse, parse_side, side_key
from showfacts.merge.names import entity_key, fold
from showfacts.sources.provenance import DATE_SOURCES, date_label
from showfacts.sources.urls import web_url
from showfacts.store.db import Store
from showfacts.store.ingest import IngestResult, ingest
from showfacts.store.models import AliasRow, ArticleRow, ConflictRow, EntityRow, FactEntityRow, FactRow, FusedFactRow

CURSOR = re.compile(r"o[0-9]{1,9}")
"""Cursors are opaque to clients; this is their whole shape (the API documents it as a pattern)."""

__all__ = [
    "DATE_SOURCES",
    "date_label",
    "fact_sources",
    "get_article",
    "get_person",
    "get_work",
    "ingest_article",
    "list_conflicts",
    "list_works",
    "open_store",
    "recent_works",
    "search",
    "stats",
    "timeline",
    "why",
]


def open_store(url: str | None = None) -> Store:
    """Open (and on first use create or upgrade) the store at ``url`` (default ./showfacts.db or $SHOWFACTS_DB)."""
    return Store(url)


def ingest_article(store: Store, article: Article) -> IngestResult:
    """Extract one article and store it (the API's write path)."""
    return ingest(store, article, extract(article))


# ---- pagination ---------------------------------------------------------------------------------


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not CURSOR.fullmatch(cursor):
        raise ValueError("invalid cursor: pass back the next_cursor of the previous page")
    return int(cursor[1:])


def _cursor(offset: int) -> str:
    return f"o{offset}"


def _page(items: list[Any], offset: int, limit: int) -> dict[str, Any]:
    more = len(items) > limit
    return {"items": items[:limit], "next_cursor": _cursor(offset + limit) if more else None}


# ---- entities -----------------------------------------------------------------------------------


def find_entity(session: Session, key: str, kind: str | None = None) -> EntityRow | None:
    """An entity by slug, exact name, or any alias (folded), preferring works, then people."""
    entity = session.scalar(select(EntityRow).where(EntityRow.slug == key))
    if entity is not None and (kind is None or entity.kind == kind):
        return entity
    kinds = [kind] if kind else ["work", "person", "network", "character", "outlet"]
    for k in kinds:
        hit = session.scalar(
            select(EntityRow).join(AliasRow).where(EntityRow.kind == k, AliasRow.key == entity_key(k, key)).order_by(EntityRow.id)
        )
        if hit is not None:
            return hit
    if kind in (None, "person") and len(key.split()) == 1:
        # a surname alone finds the one person who has it
        folded = fold(key)
        people = session.scalars(select(EntityRow).where(EntityRow.kind == "person", EntityRow.key.like(f"% {folded}"))).all()
        if len(people) == 1:
            return people[0]
    return None


def _facts_of(session: Session, entity_id: int, fields: tuple[str, ...] | None = None) -> list[tuple[FactRow, ArticleRow]]:
    """The facts naming an entity, with their articles (article texts are not loaded: see :func:`_fused`)."""
    query = (
        select(FactRow, ArticleRow)
        .join(FactEntityRow, FactEntityRow.fact_id == FactRow.id)
        .join(ArticleRow, ArticleRow.id == FactRow.article_id)
        .where(FactEntityRow.entity_id == entity_id)
        .options(defer(ArticleRow.text), defer(ArticleRow.minhash))
    )
    if fields:
        query = query.where(FactEntityRow.field.in_(fields))
    return [(f, a) for f, a in session.execute(query).all()]


def _facts_where(session: Session, column: Any, values: list[Any], *conditions: Any) -> list[tuple[FactRow, ArticleRow]]:
    """The facts whose ``column`` is one of ``values`` (and that meet ``conditions``), with their
    articles (texts not loaded), 500 values a query."""
    out: list[tuple[FactRow, ArticleRow]] = []
    for i in range(0, len(values), 500):
        out += (
            session.execute(
                select(FactRow, ArticleRow)
                .join(ArticleRow, ArticleRow.id == FactRow.article_id)
                .where(column.in_(values[i : i + 500]), *conditions)
                .options(defer(ArticleRow.text), defer(ArticleRow.minhash))
            )
            .tuples()
            .all()
        )
    return out


def _fused(session: Session, rows: list[tuple[FactRow, ArticleRow]], max_sources: int | None = None) -> list[dict[str, Any]]:
    """Fuse article facts, keep the first ``max_sources`` sources of each, and read the evidence
    sentences of those only (one query per 500 articles, not every source's article text)."""
    facts = _dated(fuse(rows, text_of=False), rows)
    if max_sources is not None:
        for fact in facts:
            fact["sources"] = fact["sources"][:max_sources]
    _fill_evidence(session, [source for fact in facts for source in fact["sources"]])
    return facts


def published_source(article: ArticleRow) -> str | None:
    """Where an article's date came from, when the store keeps it (``articles.published_source``,
    read if the schema has it)."""
    return getattr(article, "published_source", None) if article.published else None


def _dated(facts: list[dict[str, Any]], rows: list[tuple[FactRow, ArticleRow]]) -> list[dict[str, Any]]:
    """Give fused facts their sources' own dates: an undated source reports no date (not the day it
    was ingested) and sorts after the dated ones, and so does a fact none of whose sources is dated.
    Each source also gets its date's origin and keeps its URL only when that is http(s)."""
    origins = {article.id: published_source(article) for _, article in rows}
    for fact in facts:
        sources = fact["sources"]
        for source in sources:
            source["reported"] = source.get("published") or None
            source["published_source"] = origins.get(source["article_id"])
            source["url"] = web_url(source.get("url"))
        sources.sort(key=lambda s: (s["reported"] is None, s["reported"] or "", s["article_id"]))
        dated = [s for s in sources if s["reported"]]
        first = min(dated, key=lambda s: s["reported"]) if dated else None
        fact["first_reported"] = first["reported"] if first else None
        fact["first_reported_source"] = first["published_source"] if first else None
        fact["last_reported"] = max(s["reported"] for s in dated) if dated else None
    facts.sort(key=_reported_order)
    return facts


def _reported_order(fact: dict[str, Any]) -> tuple[bool, str, str]:
    return fact.get("first_reported") is None, fact.get("first_reported") or "", str(fact.get("key", ""))


def _fill_evidence(session: Session, sources: list[dict[str, Any]]) -> None:
    ids = sorted({s["article_id"] for s in sources})
    texts: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        texts.update(session.execute(select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id.in_(ids[i : i + 500]))).tuples().all())
    for source in sources:
        evidence = source["evidence"]
        evidence["text"] = texts.get(source["article_id"], "")[evidence["start"] : evidence["end"]]


def _aliases(session: Session, entity_id: int) -> list[dict[str, str]]:
    rows = session.scalars(select(AliasRow).where(AliasRow.entity_id == entity_id).order_by(AliasRow.id))
    return [{"alias": r.alias, "reason": r.reason} for r in rows]


def get_work(store: Store, key: str, max_sources: int | None = None, min_confidence: float | None = None) -> dict[str, Any] | None:
    """Everything known about one work, fused across articles, with sources, beliefs and conflicts
    (the first ``max_sources`` sources of each fact, or all). With ``min_confidence`` only the
    facts whose belief is at least that are listed (and the conflicts both of whose sides are)."""
    with store.session() as session:
        entity = find_entity(session, key, "work")
        if entity is None:
            return None
        rows = _facts_of(session, entity.id)
        facts = _fused(session, rows, max_sources)
        own = [f for f in facts if _is_about(f, entity, session)]
        rows_by_key: dict[str, list[tuple[FactRow, ArticleRow]]] = {}
        for row in rows:
            rows_by_key.setdefault(row[0].fact_key, []).append(row)
        by_key = {f["key"]: f for f in own}
        found = []
        for c in conflicts(own):
            sides = [_side(session, keys, rows_by_key, by_key, max_sources) for keys in c["keys"]]
            if None not in sides:
                found.append({"about": c["about"], "season": c["season"], "sides": sides})
        _fill_sides(session, [side for c in found for side in c["sides"]])
        by_type: dict[str, list[dict[str, Any]]] = {}
        for f in facts:
            by_type.setdefault(f["type"], []).append(f)
        timeline = sorted([f for f in own if f["type"] == "status"], key=lambda f: (*_reported_order(f)[:2], f.get("season") or 0))
        if min_confidence is not None:
            by_type = {t: _believed(fs, min_confidence) for t, fs in by_type.items()}
            own, timeline = _believed(own, min_confidence), _believed(timeline, min_confidence)
            found = [c for c in found if all(side["belief"] >= min_confidence for side in c["sides"])]
        current = [f for f in timeline if not f.get("superseded_by")]
        dated = [f for f in current if f.get("first_reported")]  # undated news has no place in time: the latest dated one is current
        aliases = _aliases(session, entity.id)
        quotes = _quotes_for(session, rows, max_sources)
        return {
            "id": entity.id,
            "slug": entity.slug,
            "title": entity.name,
            "kind": "work",
            "aliases": [a["alias"] for a in aliases],
            "networks": sorted({f["network"] for f in by_type.get("network", []) if f.get("work") and _same(f["work"], entity)}),
            "status": (dated or current)[-1] if current else None,
            "status_timeline": timeline,
            "releases": [f for f in own if f["type"] == "release"],
            "release_order": by_type.get("release_order", []),
            "network_facts": [f for f in by_type.get("network", []) if _same(f.get("work", ""), entity)],
            "cast": by_type.get("cast", []),
            "crew": by_type.get("crew", []),
            "related": by_type.get("related", []),
            "quotes": quotes if min_confidence is None else _believed(quotes, min_confidence),
            "conflicts": found,
            "why": aliases,
        }


def _believed(facts: list[dict[str, Any]], min_confidence: float) -> list[dict[str, Any]]:
    return [f for f in facts if f["belief"] >= min_confidence]


SIDE_FIELDS = ("sources", "source_count", "independent_sources", "belief", "first_reported", "first_reported_source", "last_reported")


def _side(
    session: Session,
    keys: list[str],
    rows_by_key: dict[str, list[tuple[FactRow, ArticleRow]]],
    by_key: dict[str, dict[str, Any]],
    max_sources: int | None,
) -> dict[str, Any] | None:
    """One side of a conflict: the fused facts giving one answer (several when they differ elsewhere,
    e.g. a renewal with and without its network), shown as the best-supported of them with all
    their sources merged and counted together. The merged sources' evidence is read afterwards, for
    every side at once (:func:`_fill_sides`)."""
    facts = [by_key[k] for k in keys if k in by_key]
    if not facts:
        return None
    main = max(facts, key=lambda f: (f["source_count"], f["belief"]))
    if len(facts) == 1:
        return {**main, "keys": [main["key"]]}
    members = [row for k in keys for row in rows_by_key.get(k, ())]
    merged = _dated(fuse(members, text_of=False, group=lambda _fact: main["key"]), members)[0]
    if max_sources is not None:
        merged["sources"] = merged["sources"][:max_sources]
    return {**main, **{name: merged[name] for name in SIDE_FIELDS}, "keys": [f["key"] for f in facts], "conflict": True}


def _fill_sides(session: Session, sides: list[dict[str, Any]]) -> None:
    """Read the evidence sentences of conflict sides' merged sources, one query per 500 articles."""
    _fill_evidence(session, [s for side in sides for s in side["sources"] if s["evidence"].get("text") is None])


def _same(name: str, entity: EntityRow) -> bool:
    return entity_key("work", name) == entity.key


def _is_about(fact: dict[str, Any], entity: EntityRow, session: Session) -> bool:
    return fact["type"] in ("status", "release") and _same(str(fact.get("work", "")), entity)


def _quotes_for(session: Session, rows: list[tuple[FactRow, ArticleRow]], max_sources: int | None = None) -> list[dict[str, Any]]:
    """Quotes from the articles that state facts about the work. The articles' facts are read by
    article (a handful each) and the quotes kept here: a condition on the type would let a planner
    walk the type index over every quote in the base instead."""
    article_ids = sorted({a.id for _, a in rows})
    quotes = [row for row in _facts_where(session, FactRow.article_id, article_ids) if row[0].type == "quote"]
    return _fused(session, quotes, max_sources)


def get_person(store: Store, key: str, max_sources: int | None = None) -> dict[str, Any] | None:
    with store.session() as session:
        entity = find_entity(session, key, "person")
        if entity is None:
            return None
        facts = _fused(session, _facts_of(session, entity.id, ("person", "speaker")), max_sources)
        aliases = _aliases(session, entity.id)
        return {
            "id": entity.id,
            "slug": entity.slug,
            "name": entity.name,
            "aliases": [a["alias"] for a in aliases],
            "cast": [f for f in facts if f["type"] == "cast"],
            "crew": [f for f in facts if f["type"] == "crew"],
            "quotes": [f for f in facts if f["type"] == "quote"],
            "why": aliases,
        }


def why(store: Store, key: str) -> dict[str, Any] | None:
    """Why each name of an entity was linked to it (the merge decisions)."""
    with store.session() as session:
        entity = find_entity(session, key)
        if entity is None:
            return None
        return {"id": entity.id, "slug": entity.slug, "kind": entity.kind, "name": entity.name, "aliases": _aliases(session, entity.id)}


# ---- lists --------------------------------------------------------------------------------------


def _work_summary(session: Session, entity: EntityRow) -> dict[str, Any]:
    count = session.scalar(select(func.count()).select_from(FactEntityRow).where(FactEntityRow.entity_id == entity.id)) or 0
    return {"id": entity.id, "slug": entity.slug, "title": entity.name, "facts": count}


def list_works(
    store: Store, q: str | None = None, network: str | None = None, status: str | None = None, limit: int = 50, cursor: str | None = None
) -> dict[str, Any]:
    limit = max(1, min(limit, 200))
    offset = _offset(cursor)
    with store.session() as session:
        query = select(EntityRow).where(EntityRow.kind == "work")
        if q:
            query = query.where(EntityRow.id.in_(select(AliasRow.entity_id).where(AliasRow.key.contains(fold(q)))))
        for field_value, ftype in ((network, "network"), (status, "status")):
            if field_value:
                facts = (
                    select(FactEntityRow.entity_id).join(FactRow, FactRow.id == FactEntityRow.fact_id).where(FactEntityRow.field == "work")
                )
                if ftype == "network":
                    net = find_entity(session, field_value, "network")
                    net_facts = select(FactEntityRow.fact_id).where(FactEntityRow.entity_id == (net.id if net else -1))
                    facts = facts.where(FactRow.id.in_(net_facts))
                else:
                    facts = facts.where(FactRow.type == "status", FactRow.fact_key.contains(f"status={field_value}"))
                query = query.where(EntityRow.id.in_(facts))
        entities = session.scalars(query.order_by(EntityRow.name, EntityRow.id).offset(offset).limit(limit + 1)).all()
        return _page([_work_summary(session, e) for e in entities], offset, limit)


def recent_works(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """Works most recently reported on (by their newest article)."""
    with store.session() as session:
        newest = func.max(func.coalesce(ArticleRow.published, "")).label("newest")
        query = (
            select(EntityRow, newest)
            .join(FactEntityRow, FactEntityRow.entity_id == EntityRow.id)
            .join(FactRow, FactRow.id == FactEntityRow.fact_id)
            .join(ArticleRow, ArticleRow.id == FactRow.article_id)
            .where(EntityRow.kind == "work")
            .group_by(EntityRow.id)
            .order_by(newest.desc(), EntityRow.id.desc())
            .limit(max(1, min(limit, 100)))
        )
        return [{**_work_summary(session, e), "last_reported": n or None} for e, n in session.execute(query).all()]


def search(store: Store, q: str, limit: int = 20, cursor: str | None = None, max_sources: int | None = None) -> dict[str, Any]:
    """Works and people whose names contain ``q``, and quotes whose text does."""
    limit = max(1, min(limit, 100))
    offset = _offset(cursor)
    key = fold(q)
    with store.session() as session:
        if not key:
            return {"works": [], "people": [], "quotes": [], "next_cursor": None}
        names = select(AliasRow.entity_id).where(AliasRow.key.contains(key))
        works = session.scalars(
            select(EntityRow)
            .where(EntityRow.kind == "work", EntityRow.id.in_(names))
            .order_by(EntityRow.name)
            .offset(offset)
            .limit(limit + 1)
        ).all()
        people = session.scalars(
            select(EntityRow)
            .where(EntityRow.kind == "person", EntityRow.id.in_(names))
            .order_by(EntityRow.name)
            .offset(offset)
            .limit(limit + 1)
        ).all()
        pattern = f"%{q.replace('%', '').replace('_', '')}%"
        quote_rows = (
            session.execute(
                select(FactRow, ArticleRow)
                .join(ArticleRow, ArticleRow.id == FactRow.article_id)
                .where(FactRow.type == "quote", cast(FactRow.value, String).ilike(pattern))  # the quote's own words and speaker
                .order_by(FactRow.id)
                .offset(offset)
                .limit(limit * 4 + 1)
                .options(defer(ArticleRow.text), defer(ArticleRow.minhash))
            )
            .tuples()
            .all()
        )
        quotes = [
            f
            for f in _fused(session, list(quote_rows), max_sources)
            if key in fold(str(f.get("text", ""))) or key in fold(str(f.get("speaker", "")))
        ]
        more = len(works) > limit or len(people) > limit or len(quote_rows) > limit * 4
        return {
            "works": [_work_summary(session, e) for e in works[:limit]],
            "people": [{"id": p.id, "slug": p.slug, "name": p.name} for p in people[:limit]],
            "quotes": quotes[:limit],
            "next_cursor": _cursor(offset + limit) if more else None,
        }


def list_conflicts(store: Store, limit: int = 50, cursor: str | None = None, max_sources: int | None = None) -> dict[str, Any]:
    """Conflicts across all works (work, what they disagree on, both sides with their sources, each
    side from another article), oldest first.

    The conflicts are kept in a table by ingest, one row per pair of answers; only the page asked
    for is fused with its sources: the fused facts of each side are found through the work's
    ``fused_facts`` rows, and only their facts are read."""
    limit = max(1, min(limit, 200))
    offset = _offset(cursor)
    out: list[dict[str, Any]] = []
    with store.session() as session:
        rows = session.execute(
            select(ConflictRow, EntityRow)
            .join(EntityRow, EntityRow.id == ConflictRow.work_id)
            .order_by(ConflictRow.id)
            .offset(offset)
            .limit(limit + 1)
        ).all()
        page = rows[:limit]
        wanted = {side for conflict, _ in page for side in (conflict.side_a, conflict.side_b)}
        keys_of: dict[str, list[str]] = {}
        for work_id in sorted({entity.id for _, entity in page}):
            fused = session.execute(
                select(FusedFactRow.fact_key, FusedFactRow.type, FusedFactRow.season, FusedFactRow.value).where(
                    FusedFactRow.work_id == work_id, FusedFactRow.type.in_(DECISIONS)
                )
            ).tuples()
            for key, ftype, season, value in fused:
                for question, answer in claims(ftype, value, key):
                    side = side_key((work_id, season), question, answer)
                    if side in wanted:
                        keys_of.setdefault(side, []).append(key)
        keys = sorted({key for found in keys_of.values() for key in found})
        fact_rows = _facts_where(session, FactRow.fact_key, keys)
        rows_by_key: dict[str, list[tuple[FactRow, ArticleRow]]] = {}
        for row in fact_rows:
            rows_by_key.setdefault(row[0].fact_key, []).append(row)
        by_key = {f["key"]: f for f in _fused(session, fact_rows, max_sources)}
        for conflict, entity in page:
            sides = [
                _side(session, sorted(keys_of.get(side, [])), rows_by_key, by_key, max_sources)
                for side in (conflict.side_a, conflict.side_b)
            ]
            if None in sides:
                continue  # facts replaced since; the next ingest of this work refreshes the row
            for side in sides:
                assert side is not None
                side["conflict"] = True
            out.append(
                {
                    "work": {"id": entity.id, "slug": entity.slug, "title": entity.name},
                    "about": conflict.about,
                    "season": parse_side(conflict.side_a)[1],
                    "sides": sides,
                }
            )
        _fill_sides(session, [side for c in out for side in c["sides"]])
    return {"items": out, "next_cursor": _cursor(offset + limit) if len(rows) > limit else None}


def fact_sources(store: Store, key: str, limit: int = 50, cursor: str | None = None) -> dict[str, Any] | None:
    """Every source of one fused fact (by its ``key``), a page at a time, in reported order."""
    limit = max(1, min(limit, 200))
    offset = _offset(cursor)
    with store.session() as session:
        rows = (
            session.execute(
                select(FactRow, ArticleRow)
                .join(ArticleRow, ArticleRow.id == FactRow.article_id)
                .where(FactRow.fact_key == key[:1000])
                .options(defer(ArticleRow.text), defer(ArticleRow.minhash))
            )
            .tuples()
            .all()
        )
        if not rows:
            return None
        fact = _dated(fuse(list(rows), text_of=False), list(rows))[0]
        page = fact["sources"][offset : offset + limit + 1]
        _fill_evidence(session, page[:limit])
    return {"key": fact["key"], "type": fact["type"], "source_count": fact["source_count"], **_page(page, offset, limit)}


def timeline(
    store: Store, since: str | None = None, network: str | None = None, limit: int = 100, cursor: str | None = None
) -> dict[str, Any]:
    """Status and release news in the order it was reported, undated news last (and left out
    when ``since`` asks for news from a date on: an undated article is not known to be)."""
    limit = max(1, min(limit, 500))
    offset = _offset(cursor)
    with store.session() as session:
        query = (
            select(FactRow, ArticleRow)
            .join(ArticleRow, ArticleRow.id == FactRow.article_id)
            .where(FactRow.type.in_(("status", "release")), ArticleRow.duplicate_of.is_(None))
        )
        if since:
            query = query.where(ArticleRow.published >= since)
        if network:
            net = find_entity(session, network, "network")
            query = query.where(FactRow.id.in_(select(FactEntityRow.fact_id).where(FactEntityRow.entity_id == (net.id if net else -1))))
        rows = session.execute(
            query.order_by(func.coalesce(ArticleRow.published, "9999"), FactRow.id).offset(offset).limit(limit + 1)
        ).all()
        items = []
        for fact, article in rows:
            items.append(
                {
                    **fact.value,
                    "reported": article.published or None,
                    "published_source": published_source(article),
                    "article_id": article.id,
                    "article_title": article.title,
                    "outlet": article.outlet,
                    "evidence": {
                        "start": fact.evidence_start,
                        "end": fact.evidence_end,
                        "text": article.text[fact.evidence_start : fact.evidence_end],
                    },
                }
            )
        return _page(items, offset, limit)


def stats(store: Store) -> dict[str, Any]:
    with store.session() as session:
        kinds = dict(session.execute(select(EntityRow.kind, func.count()).group_by(EntityRow.kind)).all())
        articles = session.scalar(select(func.count()).select_from(ArticleRow)) or 0
        duplicates = session.scalar(select(func.count()).select_from(ArticleRow).where(ArticleRow.duplicate_of.is_not(None))) or 0
        facts = session.scalar(select(func.count()).select_from(FactRow)) or 0
        fused = session.scalar(select(func.count(func.distinct(FactRow.fact_key)))) or 0
        conflict_count = session.scalar(select(func.count()).select_from(ConflictRow)) or 0
        contradictions = session.scalar(select(func.sum(ArticleRow.contradictions)).where(ArticleRow.duplicate_of.is_(None))) or 0
    return {
        "articles": articles,
        "near_duplicates": duplicates,
        "entities": {k: kinds.get(k, 0) for k in ("work", "person", "character", "network")},
        "facts": facts,
        "fused_facts": fused,
        "conflicts": conflict_count,
        "within_article_contradictions": int(contradictions),
    }


def get_article(store: Store, article_id: int) -> dict[str, Any] | None:
    with store.session() as session:
        article = session.get(ArticleRow, article_id)
        if article is None:
            return None
        facts = session.scalars(select(FactRow).where(FactRow.article_id == article_id).order_by(FactRow.evidence_start, FactRow.id)).all()
        return {
            "id": article.id,
            "source_id": article.source_id,
            "title": article.title,
            "url": web_url(article.url),
            "outlet": article.outlet,
            "published": article.published or None,
            "published_source": published_source(article),
            "authors": article.authors,
            "cited_sources": article.cited_sources,
            "duplicate_of": article.duplicate_of,
            "extractor_version": article.extractor_version,
            "text": article.text,
            "facts": [{**f.value, "evidence": {"start": f.evidence_start, "end": f.evidence_end}} for f in facts],
        }
