"""The write path: articles and the facts extracted from them into the store, many articles per transaction.

:func:`_write` is everything one batch does, top to bottom, in one transaction that holds the
store's writer lock (:meth:`Store.writing`); merge/ decides (names, fact keys, fusion, conflicts)
and this module and its helpers persist (``nametable``, ``fusion``, ``bulk``):

1. which articles are new, changed (same URL, new text) or already stored (same URL or content);
2. near-duplicates: each article's LSH bands against the stored ones (the database counts shared
   bands) and the batch's earlier articles;
3. names: the batch's name table, loaded once (a few indexed queries);
4. a changed article's old facts, links and bands go; the fused facts they counted are recounted;
5. article rows and bands in bulk; each article's names resolved against the table in memory
   (merge/resolve.py decides), the new entities and aliases written in bulk;
6. facts: their keys, the fused facts they add to, the facts and their entity links in bulk, and
   the conflicts of the (work, season) scopes the batch touched.

A batch stores exactly what its articles stored one at a time would.

Idempotent: an article is known by its URL (else its content hash); the same article again adds
nothing; the same URL with new text replaces its facts; a near-duplicate (MinHash over shared
LSH bands) is linked to its original so it does not count as an independent source.
Crash-safe: a batch commits whole or not at all, so a killed ingest leaves only whole articles and
a rerun stores the rest. Concurrency-safe: writers take turns, and a transaction that fails anyway
(SQLite busy past its timeout, a lost race on PostgreSQL) is retried whole.
"""

from __future__ import annotations

import hashlib
import math
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from queue import Queue
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.extract.pipeline import EXTRACTOR_VERSION
from showfacts.facts import ArticleRecord, Fact
from showfacts.merge.fuse import Source, decision_scope, fact_key, reported, within_article
from showfacts.merge.resolve import Resolver, fact_value, names_in
from showfacts.scale import dedupe
from showfacts.store import fusion, nametable
from showfacts.store.bulk import Bulk
from showfacts.store.db import Store
from showfacts.store.records import Extracted, is_extracted_input, read_extracted

__all__ = ["BATCH_SIZE", "IngestResult", "band_hashes", "ingest", "ingest_batch", "ingest_stream", "is_extracted_input", "read_extracted"]

BATCH_SIZE = 1000
"""Articles per transaction, by measurement (docs/store.md, 20,000 articles): from 100 to 500 the rate
grows by half, to 1,000 by 5-10 % more, to 2,000 by 3-7 % more; 1,000 keeps what a crash or a lost
race costs, and the writer lock's hold, to a second or two."""

BATCH_SECONDS = 2.0
"""A batch being filled from a slow stream (extraction of raw pages) is written after this long anyway."""

MAX_ATTEMPTS = 8

CROWDED_BAND = 50
"""A band bucket holding more stored articles than this is crowded (templated text): see _stored_candidates."""

MIN_SHARED_BANDS = max(1, dedupe.BANDS - (dedupe.NUM_PERM - math.ceil(dedupe.THRESHOLD * dedupe.NUM_PERM)))
"""Two signatures ≥ THRESHOLD alike differ in at most 12 of 64 values, so at least 4 of their 16 bands
are whole: articles sharing fewer bands cannot be near-duplicates (an exact filter, not a sample)."""

_ARTICLE_COLUMNS = (
    "id",
    "source_id",
    "identity",
    "url",
    "content_hash",
    "title",
    "outlet",
    "published",
    "published_source",
    "authors",
    "cited_sources",
    "text",
    "minhash",
    "duplicate_of",
    "extractor_version",
    "ingested_at",
    "contradictions",
)
_FACT_COLUMNS = ("id", "article_id", "type", "value", "fact_key", "evidence_start", "evidence_end", "confidence", "extractor_version")


@dataclass
class IngestResult:
    article_id: int
    outcome: str  # "new", "updated", "unchanged", "reextracted"
    duplicate_of: int | None = None
    record: ArticleRecord | None = None

    @property
    def facts(self) -> list[dict[str, Any]]:
        """The article's extracted facts, in the JSON contract's shape."""
        return [f.to_json() for f in self.record.facts] if self.record else []


@dataclass
class Incoming:
    """An article on its way in, with what can be computed before taking the writer lock."""

    article: Article
    record: ArticleRecord
    identity: str
    content_hash: str
    facts: list[tuple[Fact, dict[str, Any]]]  # each fact with its stored values
    values_json: list[str]  # and those values as JSON
    signature: list[int] | None = None
    reextract: bool = False  # replace the facts of the stored article with these, keeping the article as stored
    _bands: list[tuple[int, str]] | None = None

    @classmethod
    def of(cls, pair: Extracted, reextract: bool = False) -> Incoming:
        article, record = pair[0], pair[1]
        content_hash = article.content_hash
        signature = pair[2] if len(pair) == 3 else None  # type: ignore[misc]
        facts = [(fact, fact_value(fact, article.text)) for fact in record.facts]
        values_json = [Bulk.json(value) for _, value in facts]
        return cls(article, record, article.url or f"sha256:{content_hash}", content_hash, facts, values_json, signature, reextract)

    def sign(self) -> list[int]:
        if self.signature is None:
            self.signature = dedupe.signature(self.article.text)
        return self.signature

    @property
    def bands(self) -> list[tuple[int, str]]:
        if self._bands is None:
            self._bands = list(band_hashes(self.sign()))
        return self._bands


@dataclass
class _Planned:
    """What the transaction decided for one article."""

    item: Incoming
    outcome: str
    article_id: int = 0
    duplicate_of: int | None = None
    published: str | None = None
    ingested_at: datetime | None = None
    contradictions: int = 0  # facts dropped where the article contradicted itself


# ---- entry points -------------------------------------------------------------------------------


def ingest(store: Store, article: Article, record: ArticleRecord, extractor_version: str = EXTRACTOR_VERSION) -> IngestResult:
    """Store one article and its record (a batch of one)."""
    return ingest_batch(store, [(article, record)], extractor_version)[0]


def ingest_batch(
    store: Store, pairs: Iterable[Extracted], extractor_version: str = EXTRACTOR_VERSION, reextract: bool = False
) -> list[IngestResult]:
    """Store articles and their records, in one transaction (two when a URL comes twice), retried
    whole when it loses a race. With ``reextract`` the articles are stored ones whose facts the
    records replace; each article row stays as it is (text, URL, outlet, dates, near-duplicate link)."""
    return write(store, prepare(store, pairs, reextract), extractor_version)


def prepare(store: Store, pairs: Iterable[Extracted], reextract: bool = False) -> list[Incoming]:
    """What can be computed before taking the writer lock: content hashes, stored values, and the
    MinHash signatures and LSH bands of the articles not already stored with the same text."""
    batch = [Incoming.of(pair, reextract) for pair in pairs]
    _sign_unless_stored(store, batch)
    return batch


def write(store: Store, batch: list[Incoming], extractor_version: str = EXTRACTOR_VERSION) -> list[IngestResult]:
    """Write prepared articles: one transaction, or one per run of distinct URLs when a URL comes twice."""
    results: list[IngestResult] = []
    for part in _parts(batch):
        results += _retrying(store, lambda connection, part=part: _write(connection, part, extractor_version))
    return results


def ingest_stream(
    store: Store,
    items: Iterable[Extracted | InputError],
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[str], None] | None = None,
    on_written: Callable[[list[IngestResult]], None] | None = None,
    extractor_version: str = EXTRACTOR_VERSION,
    reextract: bool = False,
) -> Counter[str]:
    """Store a stream of extracted articles a batch at a time, writing on a thread of its own so that
    reading and extraction go on meanwhile. A bad input (an :class:`InputError` in the stream) or an
    article that cannot be stored is passed to ``on_error`` and counted as failed; the others are
    stored. ``on_written`` hears every batch's results. Returns counts of outcomes, "near-duplicate"
    and "failed"."""
    report = on_error or (lambda message: None)
    counts: Counter[str] = Counter()
    queue: Queue[list[Incoming] | None] = Queue(maxsize=2)
    crashed: list[BaseException] = []

    def writer() -> None:
        while (batch := queue.get()) is not None:
            if crashed:
                continue  # drain: the reader stops at its next item
            try:
                results, failed = _write_isolating(store, batch, extractor_version, report)
            except BaseException as exc:  # a store that cannot be written at all: stop the run
                crashed.append(exc)
                continue
            counts["failed"] += failed
            for result in results:
                counts[result.outcome] += 1
                counts["near-duplicate"] += result.duplicate_of is not None and result.outcome in ("new", "updated")
            if on_written is not None:
                on_written(results)

    thread = threading.Thread(target=writer, name="showfacts-writer", daemon=True)
    thread.start()
    input_failed = 0
    batch: list[Extracted] = []
    started = time.monotonic()
    try:
        for item in items:
            if crashed:
                break
            if isinstance(item, InputError):
                report(str(item))
                input_failed += 1
                continue
            if not batch:
                started = time.monotonic()
            batch.append(item)
            if len(batch) >= batch_size or time.monotonic() - started > BATCH_SECONDS:
                queue.put(prepare(store, batch, reextract))  # prepared here while the writer writes the one before
                batch = []
        if batch and not crashed:
            queue.put(prepare(store, batch, reextract))
    finally:
        queue.put(None)
        thread.join()
    if crashed:
        raise crashed[0]
    counts["failed"] += input_failed
    store.refresh_statistics(counts["new"] + counts["updated"] + counts["reextracted"])
    return counts


def _write_isolating(store: Store, batch: list[Incoming], version: str, report: Callable[[str], None]) -> tuple[list[IngestResult], int]:
    """Write a batch; if it fails for a reason other than a race, write its articles one at a time so
    that one bad article does not sink the others (it is reported and counted failed)."""
    if len(batch) > 1:
        try:
            return write(store, batch, version), 0
        except Exception:
            pass  # find the culprit below
    results: list[IngestResult] = []
    failed = 0
    for item in batch:
        try:
            results += write(store, [item], version)
        except Exception as exc:
            report(f"{item.article.origin or item.article.id}: not stored: {_describe(exc)}")
            failed += 1
    return results, failed


def _describe(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


# ---- around the transaction -------------------------------------------------------------------------


def _sign_unless_stored(store: Store, batch: list[Incoming]) -> None:
    """Compute the MinHash signatures of the articles not already stored with the same content (a
    read without the lock: the transaction checks again and signs any it finds missing)."""
    needed = [item for item in batch if not item.reextract and item._bands is None]
    if not needed:
        return
    with store.engine.connect() as connection:
        stored = _stored(Bulk(connection), [item.identity for item in needed])
    for item in needed:
        row = stored.get(item.identity)
        if row is None or row[1] != item.content_hash:
            item.bands  # noqa: B018  (signs the article and hashes its bands)


def _parts(batch: list[Incoming]) -> Iterator[list[Incoming]]:
    """The batch cut where an identity comes again (its second version is written after the first)."""
    part: list[Incoming] = []
    seen: set[str] = set()
    for item in batch:
        if item.identity in seen:
            yield part
            part, seen = [], set()
        part.append(item)
        seen.add(item.identity)
    if part:
        yield part


def _retrying(store: Store, write: Callable[[Connection], list[IngestResult]]) -> list[IngestResult]:
    for attempt in range(MAX_ATTEMPTS):
        try:
            with store.writing() as connection:
                return write(connection)
        except Exception as exc:
            if attempt == MAX_ATTEMPTS - 1 or not _retryable(exc):
                raise
            time.sleep(0.05 * (2**attempt) * (1 + random.random()))
    raise AssertionError("unreachable")


def _retryable(exc: Exception) -> bool:
    """A lost race: a locked SQLite file past its busy timeout, a deadlock, serialization failure or
    lock timeout on PostgreSQL (the driver's own errors reach here from bulk writes). A unique key
    taken meanwhile is not one: writers take turns, so that is a real error."""
    if isinstance(exc, DBAPIError):
        exc = exc.orig or exc  # type: ignore[assignment]
    if isinstance(exc, sqlite3.OperationalError):
        return "locked" in str(exc) or "busy" in str(exc)
    return getattr(exc, "sqlstate", None) in ("40001", "40P01", "55P03")


# ---- the transaction ----------------------------------------------------------------------------


def _write(connection: Connection, batch: list[Incoming], version: str) -> list[IngestResult]:
    bulk = Bulk(connection)
    now = datetime.now(UTC).replace(tzinfo=None)

    # 1. new, changed or already stored
    stored = _stored(bulk, [item.identity for item in batch])
    plans: list[_Planned] = []
    for item in batch:
        row = stored.get(item.identity)
        if row is None:
            plan = _Planned(item, "unchanged" if item.reextract else "new")  # re-extracting an article gone meanwhile: nothing to do
        elif row[1] != item.content_hash:
            plan = _Planned(item, "unchanged" if item.reextract else "updated", row[0])  # re-extracting: new text arrived meanwhile
        else:
            plan = _Planned(item, "reextracted" if item.reextract else "unchanged", row[0], row[2])
        if plan.outcome == "reextracted":
            plan.published, plan.ingested_at = row[3], bulk.to_datetime(row[4])  # the article stays as stored
        elif plan.outcome in ("new", "updated"):
            plan.published, plan.ingested_at = item.record.published or item.article.published, now
        plans.append(plan)
    writing = [p for p in plans if p.outcome != "unchanged"]
    new = [p for p in writing if p.outcome == "new"]
    replaced = [p for p in writing if p.outcome in ("updated", "reextracted")]

    # 2. ids for new articles; near-duplicates among the stored articles (as they stand at each
    #    article's turn: one replaced earlier in the batch is there in its new version) and the
    #    batch's earlier ones
    for plan, article_id in zip(new, bulk.ids("articles", len(new)), strict=True):
        plan.article_id = article_id
    _find_duplicates(bulk, [p for p in writing if p.outcome in ("new", "updated")])

    # 3. names: one name table for the whole batch, loaded before any old fact goes (an article
    #    replaced late in the batch still counts for the articles before it)
    table = nametable.load(bulk, names_in(fact for p in writing for fact in p.item.facts))
    old_facts = _facts_of(bulk, [p.article_id for p in replaced])

    # 4. a replaced article's old facts go (their entity links with them), and its old bands when its
    #    text changed; the fused facts they were sources of are recounted
    touched: fusion.Touched = {}  # the fused facts whose conflicts may change
    if replaced:
        ids = [p.article_id for p in replaced]
        old_keys = sorted({row[0] for row in bulk.select_in("SELECT DISTINCT fact_key FROM facts WHERE article_id IN ({in})", ids)})
        bulk.delete_in("fact_entities", "fact_id", [fact_id for facts in old_facts.values() for fact_id, *_ in facts])
        bulk.delete_in("facts", "article_id", ids)
        bulk.delete_in("article_bands", "article_id", [p.article_id for p in replaced if p.outcome == "updated"])
        touched = fusion.recount(bulk, old_keys)

    # 5. names resolved article by article in memory, new entities and aliases; where an article
    #    contradicts itself, its more confident side stays; article rows and bands
    resolved = []
    for p in writing:
        for _, ftype, value, links in old_facts.get(p.article_id, ()):
            table.note_fact(ftype, value, links, sign=-1)  # the article's old facts no longer count
        own = Resolver(table, p.item.article.id).resolve(p.item.facts)
        keys = [fact_key(r.fact.type, r.value, r.links) for r in own]
        kept, p.contradictions = within_article(
            [(decision_scope(r.fact.type, r.value, r.links), r.fact.type, r.value, key, r.fact.confidence) for r, key in zip(own, keys, strict=True)]
        )
        resolved += [(p, own[i], keys[i]) for i in kept]
    nametable.save(bulk, table, now)
    bulk.insert("articles", _ARTICLE_COLUMNS, [_article_row(bulk, p, version) for p in new])
    bulk.execute_many(
        "UPDATE articles SET " + ", ".join(f"{c} = ?" for c in _ARTICLE_COLUMNS[1:]) + " WHERE id = ?",
        [(*_article_row(bulk, p, version)[1:], p.article_id) for p in writing if p.outcome == "updated"],
    )
    bulk.execute_many(
        "UPDATE articles SET title = ?, authors = ?, cited_sources = ?, extractor_version = ?, contradictions = ? WHERE id = ?",
        [_reextracted_row(bulk, p, version) for p in writing if p.outcome == "reextracted"],
    )
    bulk.insert(
        "article_bands",
        ("article_id", "band", "hash"),
        [(p.article_id, band, digest) for p in writing if p.outcome != "reextracted" for band, digest in p.item.bands],
    )

    # 6. facts: keys, fused facts, rows and entity links, conflicts
    fact_rows, link_rows, fused = [], [], []
    for fact_id, (plan, r, key) in zip(bulk.ids("facts", len(resolved)), resolved, strict=True):
        fact_rows.append(
            (
                fact_id,
                plan.article_id,
                r.fact.type,
                plan.item.values_json[r.index],
                key,
                r.fact.evidence.start,
                r.fact.evidence.end,
                r.fact.confidence,
                version,
            )
        )
        link_rows += [(fact_id, name, entity_id) for name, entity_id in r.links.items()]
        assert plan.ingested_at is not None
        source = Source(plan.article_id, plan.duplicate_of, reported(plan.published), r.fact.confidence)
        fused.append(fusion.NewFact(key, r.fact.type, r.value, plan.item.values_json[r.index], r.links.get("work"), source))
    fusion.merge(touched, fusion.add_facts(bulk, fused, fresh_origins={p.article_id for p in new}))
    bulk.insert("facts", _FACT_COLUMNS, sorted(fact_rows, key=lambda row: row[4]))  # in key order: the key index grows at fewer places
    bulk.insert("fact_entities", ("fact_id", "field", "entity_id"), link_rows)
    fusion.refresh_conflicts(bulk, touched)

    return [IngestResult(p.article_id, p.outcome, p.duplicate_of, p.item.record) for p in plans]


def _facts_of(bulk: Bulk, article_ids: list[int]) -> dict[int, list[tuple[int, str, dict[str, Any], dict[str, int]]]]:
    """article id → its stored facts as (id, type, value, entity links)."""
    facts: dict[int, tuple[int, str, dict[str, Any], dict[str, int]]] = {}
    for fact_id, article_id, ftype, value, field, entity_id in bulk.select_in(
        "SELECT f.id, f.article_id, f.type, f.value, fe.field, fe.entity_id FROM facts f "
        "LEFT JOIN fact_entities fe ON fe.fact_id = f.id WHERE f.article_id IN ({in})",
        article_ids,
    ):
        entry = facts.setdefault(fact_id, (article_id, ftype, bulk.loads(value), {}))
        if field is not None:
            entry[3][field] = entity_id
    out: dict[int, list[tuple[int, str, dict[str, Any], dict[str, int]]]] = {}
    for fact_id, (article_id, ftype, value, links) in sorted(facts.items()):
        out.setdefault(article_id, []).append((fact_id, ftype, value, links))
    return out


def _stored(bulk: Bulk, identities: list[str]) -> dict[str, tuple[Any, ...]]:
    """identity → (id, content_hash, duplicate_of, published, ingested_at) of the stored articles among these."""
    rows = bulk.select_in(
        "SELECT identity, id, content_hash, duplicate_of, published, ingested_at FROM articles WHERE identity IN ({in})",
        sorted(set(identities)),
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def _find_duplicates(bulk: Bulk, plans: list[_Planned]) -> None:
    """Set each article's ``duplicate_of``: the original of the lowest-id article, stored or earlier in
    the batch, whose signature is ~80 % the same. Only articles sharing :data:`MIN_SHARED_BANDS` LSH
    bands can be (fewer shared bands means too many differing values), so the database counts shared
    bands and returns only those: templated stories that share one or two bands with thousands of
    others cost a join in the database, not a signature comparison each."""
    bands = {id(p): p.item.bands for p in plans}
    stored = _stored_candidates(bulk, plans, bands)
    replaced_before: set[int] = set()  # stored articles already replaced by their new text at this point of the batch
    signatures: dict[int, tuple[list[int], int | None]] = {}
    for article_id, minhash, duplicate_of in bulk.select_in(
        "SELECT id, minhash, duplicate_of FROM articles WHERE id IN ({in})", sorted(set().union(*stored.values()))
    ):
        signatures[article_id] = (bulk.loads(minhash), duplicate_of)
    earlier: dict[tuple[int, str], list[_Planned]] = {}
    for p in plans:
        signature = p.item.sign()
        candidates = {c: signatures[c] for c in stored[id(p)] if c in signatures and c not in replaced_before}
        shared = Counter(id(other) for band_hash in bands[id(p)] for other in earlier.get(band_hash, ()))
        for band_hash in bands[id(p)]:
            for other in earlier.get(band_hash, ()):
                if shared[id(other)] >= MIN_SHARED_BANDS:
                    candidates[other.article_id] = (other.item.sign(), other.duplicate_of)
        p.duplicate_of = None
        for candidate in sorted(candidates):
            other_signature, other_original = candidates[candidate]
            if (other_original or candidate) == p.article_id:
                continue  # a copy of this very article (its new text is like its copy's): it stays the original
            if dedupe.similarity(signature, other_signature) >= dedupe.THRESHOLD:
                p.duplicate_of = other_original or candidate
                break
        for band_hash in bands[id(p)]:
            earlier.setdefault(band_hash, []).append(p)
        if p.outcome == "updated":
            replaced_before.add(p.article_id)


def _stored_candidates(bulk: Bulk, plans: list[_Planned], bands: dict[int, list[tuple[int, str]]]) -> dict[int, set[int]]:
    """id(plan) → the stored articles sharing at least :data:`MIN_SHARED_BANDS` bands with it.

    Templated stories fill a few band buckets with a large share of the base, and reading those
    whole would make each article cost more as the base grows. So the buckets are first counted up
    to :data:`CROWDED_BAND` + 1 (index probes of bounded length), up to ``MIN_SHARED_BANDS - 1`` of
    an article's crowded buckets are left out, and each one left out lowers by one the number of
    shared bands asked of the others: a near-duplicate shares at least 4 bands, at most 3 of them
    left out, so it still shows (exact, whatever is skipped). The database does the joins and counts."""
    out: dict[int, set[int]] = {id(p): set() for p in plans}
    step = 2000 if bulk.postgres else 100  # SQLite binds each value: stay under its parameter limit
    for start in range(0, len(plans), step):
        chunk = plans[start : start + step]
        probes = [(n, band, digest) for n, p in enumerate(chunk) for band, digest in bands[id(p)]]
        crowded: dict[int, set[int]] = {}
        for n, band in _crowded(bulk, probes):
            if len(crowded.setdefault(n, set())) < MIN_SHARED_BANDS - 1:
                crowded[n].add(band)
        wanted = [
            (n, band, digest, MIN_SHARED_BANDS - len(crowded.get(n, ()))) for n, band, digest in probes if band not in crowded.get(n, ())
        ]
        if bulk.postgres:  # four arrays, not thousands of parameters; a lateral join keeps each lookup in the index
            columns = [list(c) for c in zip(*wanted, strict=True)] if wanted else [[], [], [], []]
            rows = bulk.run(
                "SELECT q.n, b.article_id FROM unnest(?::int[], ?::int[], ?::text[], ?::int[]) AS q(n, band, hash, need) CROSS JOIN LATERAL "
                "(SELECT article_id FROM article_bands WHERE band = q.band AND hash = q.hash) AS b GROUP BY q.n, b.article_id HAVING count(*) >= min(q.need)",
                columns,
            )
        else:
            rows = (
                bulk.run(
                    "WITH q(n, band, hash, need) AS (VALUES "
                    + ", ".join(["(?, ?, ?, ?)"] * len(wanted))
                    + ") SELECT q.n, b.article_id FROM q "
                    "JOIN article_bands b ON b.band = q.band AND b.hash = q.hash GROUP BY q.n, b.article_id HAVING count(*) >= min(q.need)",
                    [v for row in wanted for v in row],
                )
                if wanted
                else []
            )
        for n, article_id in rows:
            if article_id != chunk[n].article_id:
                out[id(chunk[n])].add(article_id)
    return out


def _crowded(bulk: Bulk, probes: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(n, band) of the probed buckets holding more than :data:`CROWDED_BAND` stored articles."""
    count = "(SELECT count(*) FROM (SELECT 1 FROM article_bands b WHERE b.band = q.band AND b.hash = q.hash LIMIT ?) AS x)"
    if bulk.postgres:
        columns = [list(c) for c in zip(*probes, strict=True)]
        sql = f"SELECT n, band FROM (SELECT q.n, q.band, {count} AS size FROM unnest(?::int[], ?::int[], ?::text[]) AS q(n, band, hash)) AS s WHERE size > ?"
        return [tuple(row) for row in bulk.run(sql, [CROWDED_BAND + 1, *columns, CROWDED_BAND])]  # type: ignore[misc]
    values = ", ".join(["(?, ?, ?)"] * len(probes))
    sql = f"WITH q(n, band, hash) AS (VALUES {values}) SELECT n, band FROM (SELECT q.n, q.band, {count} AS size FROM q) WHERE size > ?"
    return [tuple(row) for row in bulk.run(sql, [*(v for row in probes for v in row), CROWDED_BAND + 1, CROWDED_BAND])]  # type: ignore[misc]


def band_hashes(signature: list[int]) -> Iterator[tuple[int, str]]:
    """The signature's LSH bands: (band, hash of its values as a JSON list)."""
    for band in range(dedupe.BANDS):
        values = signature[band * dedupe.ROWS : (band + 1) * dedupe.ROWS]
        yield band, hashlib.blake2b(_int_list(values).encode(), digest_size=12).hexdigest()


def _int_list(values: list[int]) -> str:
    return "[" + ", ".join(map(str, values)) + "]"  # what json.dumps writes for a list of ints, faster


def _article_row(bulk: Bulk, plan: _Planned, version: str) -> tuple[Any, ...]:
    article, record = plan.item.article, plan.item.record
    assert plan.ingested_at is not None
    return (
        plan.article_id,
        article.id,
        plan.item.identity,
        article.url,
        plan.item.content_hash,
        record.title,
        article.outlet,
        plan.published,
        _published_source(article, record),
        bulk.json(list(record.authors)),
        bulk.json(list(record.cited_sources)),
        article.text,
        _int_list(plan.item.sign()),
        plan.duplicate_of,
        version,
        bulk.timestamp(plan.ingested_at),
        plan.contradictions,
    )


def _published_source(article: Article, record: ArticleRecord) -> str | None:
    """Where the stored date came from (see showfacts.sources.provenance): the reader's mark, or the
    text when only extraction found one."""
    if article.published:
        return getattr(article, "published_source", None)
    return "text" if record.published else None


def _reextracted_row(bulk: Bulk, plan: _Planned, version: str) -> tuple[Any, ...]:
    article, record = plan.item.article, plan.item.record
    return (
        record.title or article.title,
        bulk.json(list(record.authors or article.authors)),
        bulk.json(list(record.cited_sources)),
        version,
        plan.contradictions,
        plan.article_id,
    )
