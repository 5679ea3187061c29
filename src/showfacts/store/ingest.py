"""The write path: one article (and the facts extracted from it) into the store, in one transaction.

Idempotent: an article is known by its URL (else its content hash); the same URL with new text replaces its facts; a
near-duplicate (MinHash over shared LSH bands) is linked to its original so it does not
count as an independent source. Concurrent writers are safe: a transaction that loses a
race (a unique name or slug created meanwhile, a locked SQLite file) is retried whole.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.extract.pipeline import EXTRACTOR_VERSION
from showfacts.facts import ArticleRecord, Fact
from showfacts.merge.fuse import DECISIONS, refresh_conflicts
from showfacts.merge.names import fold
from showfacts.merge.resolve import Resolver
from showfacts.scale import dedupe
from showfacts.store.db import Store
from showfacts.store.models import ArticleRow, BandRow, FactEntityRow, FactRow

NAME_FIELDS = {
    "work": "work",
    "related": "work",
    "person": "person",
    "speaker": "person",
    "character": "character",
    "network": "network",
}
MAX_ATTEMPTS = 8


@dataclass
class IngestResult:
    article_id: int
    outcome: str  # "new", "updated", "unchanged"
    duplicate_of: int | None = None
    facts: list[dict[str, Any]] = field(default_factory=list)


def ingest(store: Store, article: Article, record: ArticleRecord, extractor_version: str = EXTRACTOR_VERSION) -> IngestResult:
    """Store one article and its record, retrying the whole transaction when a concurrent writer wins a race."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            with store.session() as session, session.begin():
                return _ingest(session, article, record, extractor_version)
        except (IntegrityError, OperationalError) as exc:
            if attempt == MAX_ATTEMPTS - 1 or not _retryable(exc):
                raise
            time.sleep(0.05 * (2**attempt) * (1 + random.random()))
    raise AssertionError("unreachable")


def _retryable(exc: Exception) -> bool:
    message = str(exc).lower()
    return isinstance(exc, IntegrityError) or "locked" in message or "deadlock" in message or "could not serialize" in message


def _ingest(session: Session, article: Article, record: ArticleRecord, version: str) -> IngestResult:
    content_hash = article.content_hash
    identity = article.url or f"sha256:{content_hash}"
    row = session.scalar(select(ArticleRow).where(ArticleRow.identity == identity))
    if row is not None and row.content_hash == content_hash:
        return IngestResult(row.id, "unchanged", row.duplicate_of, [f.to_json() for f in record.facts])
    outcome = "updated" if row is not None else "new"
    signature = dedupe.signature(article.text)
    touched: set[int] = set()  # works whose status or release facts change: their conflicts are recomputed
    if row is None:
        row = ArticleRow(source_id=article.id, url=article.url, identity=identity)
        session.add(row)
    else:
        touched.update(_decision_works(session, row.id))
        session.execute(delete(FactRow).where(FactRow.article_id == row.id))
        session.execute(delete(BandRow).where(BandRow.article_id == row.id))
    row.content_hash = content_hash
    row.title = record.title
    row.outlet = article.outlet
    row.published = record.published or article.published
    row.authors = list(record.authors)
    row.cited_sources = list(record.cited_sources)
    row.text = article.text
    row.minhash = signature
    row.extractor_version = version
    row.ingested_at = datetime.now(UTC).replace(tzinfo=None)
    session.flush()
    row.duplicate_of = _original_of(session, row.id, signature)
    session.add_all(BandRow(article_id=row.id, band=b, hash=h) for b, h in band_hashes(signature))
    resolver = Resolver(session, row)
    for fact in record.facts:  # works first: a one-word name is resolved through the works it shares
        for name in ("work", "related"):
            if fact.type != "quote" and name in dict(fact.values) and fact.get(name):
                resolver.entity("work", str(fact.get(name)), fact)
    for fact in record.facts:
        _store_fact(session, resolver, row, fact, version)
    session.flush()
    touched.update(_decision_works(session, row.id))
    refresh_conflicts(session, touched)
    return IngestResult(row.id, outcome, row.duplicate_of, [f.to_json() for f in record.facts])


def _decision_works(session: Session, article_id: int) -> list[int]:
    """The works an article's status and release facts are about."""
    return list(
        session.scalars(
            select(FactEntityRow.entity_id)
            .join(FactRow, FactRow.id == FactEntityRow.fact_id)
            .where(FactRow.article_id == article_id, FactEntityRow.field == "work", FactRow.type.in_(DECISIONS))
        )
    )


def band_hashes(signature: list[int]) -> Iterator[tuple[int, str]]:
    for band in range(dedupe.BANDS):
        values = signature[band * dedupe.ROWS : (band + 1) * dedupe.ROWS]
        yield band, hashlib.blake2b(json.dumps(values).encode(), digest_size=12).hexdigest()


def _original_of(session: Session, article_id: int, signature: list[int]) -> int | None:
    """The earliest stored article this one is a near-duplicate of (it shares a band and ~80 % of shingles)."""
    if not signature:
        return None
    bands = list(band_hashes(signature))
    candidates: set[int] = set()
    for band, digest in bands:
        candidates.update(
            session.scalars(
                select(BandRow.article_id).where(BandRow.band == band, BandRow.hash == digest, BandRow.article_id != article_id)
            )
        )
    best: int | None = None
    for cand in sorted(candidates):
        other = session.get(ArticleRow, cand)
        if other is None:
            continue
        if dedupe.similarity(signature, other.minhash) >= dedupe.THRESHOLD:
            best = other.duplicate_of or other.id
            break
    return best


def _store_fact(session: Session, resolver: Resolver, article: ArticleRow, fact: Fact, version: str) -> None:
    value = {k: v for k, v in fact.to_json().items() if k != "evidence"}
    required = [value.get(n) for n in ("work", "person", "speaker", "related") if n in value]
    if fact.type == "release_order":
        required += [value["before"].get("work"), value["after"].get("work")]
    if any(not str(v or "").strip() for v in required):
        return  # a fact without its subject's name cannot be merged with anything
    links: dict[str, int] = {}
    for name, kind in NAME_FIELDS.items():
        if value.get(name):
            links[name] = resolver.entity(kind, str(value[name]), fact).id
    if fact.type == "release_order":
        for side in ("before", "after"):
            links[side] = resolver.entity("work", str(value[side]["work"]), fact).id
    row = FactRow(
        article_id=article.id,
        type=fact.type,
        value=value,
        fact_key=fact_key(fact.type, value, links),
        evidence_start=fact.evidence.start,
        evidence_end=fact.evidence.end,
        extractor_version=version,
    )
    row.links = [FactEntityRow(field=f, entity_id=e) for f, e in links.items()]
    session.add(row)


def fact_key(ftype: str, value: dict[str, Any], links: dict[str, int]) -> str:
    """What makes two articles' facts the same claim: entity ids for names, the other values as given."""
    parts: list[str] = [ftype]
    for name in sorted(value):
        if name == "type":
            continue
        if name in links:
            parts.append(f"{name}=#{links[name]}")
        elif name in ("before", "after"):
            parts.append(f"{name}=#{links[name]}/{value[name].get('season')}")
        elif name == "text":
            parts.append("text=" + hashlib.blake2b(fold(str(value[name])).encode(), digest_size=8).hexdigest())
        else:
            parts.append(f"{name}={value[name]}")
    return "|".join(parts)[:1000]


def read_extracted(path: Path) -> Iterator[tuple[Article, ArticleRecord] | InputError]:
    """Pre-extracted records (the Spark job's output): JSONL lines with "facts", or Parquet files/directories."""
    if path.is_dir() or path.suffix == ".parquet":
        yield from _read_parquet(path)
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield _pair(json.loads(line), where)
            except (ValueError, KeyError, TypeError) as exc:
                yield InputError(where, f"not an extracted record ({exc})")


def _read_parquet(path: Path) -> Iterator[tuple[Article, ArticleRecord] | InputError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(str(path), "reading Parquet needs pyarrow: pip install 'showfacts[spark]'")
        return
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    for file in files:
        try:
            table = pq.read_table(file)
        except Exception as exc:  # a broken file is one bad input
            yield InputError(str(file), f"unreadable Parquet ({exc})")
            continue
        for index, row in enumerate(table.to_pylist()):
            try:
                yield _pair(row, f"{file}#{index}")
            except (ValueError, KeyError, TypeError) as exc:
                yield InputError(f"{file}#{index}", f"not an extracted record ({exc})")


def _pair(data: dict[str, Any], where: str) -> tuple[Article, ArticleRecord]:
    facts = data.get("facts")
    if isinstance(facts, str):
        facts = json.loads(facts)
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        raise ValueError("no text")
    record = ArticleRecord.from_json({**data, "facts": facts or []})
    article = Article(
        id=str(data["id"]),
        text=data["text"],
        title=data.get("title"),
        published=data.get("published"),
        url=data.get("url"),
        outlet=data.get("outlet"),
        authors=list(data.get("authors") or []),
        origin=where,
    )
    return article, record


def is_extracted_input(path: Path) -> bool:
    """True for the Spark job's output: Parquet, or JSONL whose first record carries "facts"."""
    if path.is_dir():
        return any(path.rglob("*.parquet"))
    if path.suffix == ".parquet":
        return True
    if path.suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
        try:
            return isinstance(json.loads(first), dict) and "facts" in json.loads(first)
        except ValueError:
            return False
    return False
