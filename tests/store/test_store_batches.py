"""The batched write path: many articles per transaction store exactly what one article at a time
stores; the fused facts and conflicts kept incrementally equal a recomputation from the facts;
one bad article does not sink its batch. On a real SQLite file and a real PostgreSQL server, with
records built by hand (whatever the extractor finds)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from showfacts import query
from showfacts.article import Article
from showfacts.store import fusion
from showfacts.store.bulk import Bulk
from showfacts.store.db import Store
from showfacts.store.ingest import ingest, ingest_batch, ingest_stream
from showfacts.store.reextract import stored_articles
from storetest import DATE_A, RENEWAL, dump, fact, pair, postgres_database, record, synthetic


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    """A factory of empty stores of one kind."""
    made: list[Store] = []

    def make() -> Store:
        if request.param == "sqlite":
            store = Store(str(tmp_path / f"kb{len(made)}.db"))
        else:
            context = postgres_database()
            url = context.__enter__()
            contexts.append(context)
            store = Store(url)
        made.append(store)
        return store

    contexts: list = []
    yield make
    for store in made:
        store.dispose()
    for context in contexts:
        context.__exit__(None, None, None)


CORPUS = synthetic(160)


def rebuilt(store: Store) -> dict:
    """The fused facts and conflicts recomputed from the facts, from scratch."""
    with store.writing() as connection:
        fusion.rebuild(Bulk(connection))
    data = dump(store)
    return {"fused": data["fused"], "conflicts": data["conflicts"]}


def test_batches_store_what_one_article_at_a_time_stores(stores):
    one, batched, streamed = stores(), stores(), stores()
    for article, rec in CORPUS:
        ingest(one, article, rec)
    for start in range(0, len(CORPUS), 23):
        ingest_batch(batched, CORPUS[start : start + 23])
    counts = ingest_stream(streamed, iter(CORPUS), batch_size=50)
    expected = dump(one)
    assert dump(batched) == expected
    assert dump(streamed) == expected
    assert counts["failed"] == 0 and counts["new"] + counts["updated"] == len(CORPUS)
    assert counts["updated"] > 0 and counts["near-duplicate"] > 0
    assert expected["conflicts"] and expected["fused"]


def test_the_corpus_exercises_every_rule(stores):
    store = stores()
    ingest_batch(store, CORPUS)
    data = dump(store)
    reasons = " ".join(reason for entity in data["entities"] for _, reason in entity[-1])
    assert "surname" in reasons and "owner" in reasons and "first seen" in reasons and "share the key" in reasons
    assert any("remake" in reason for entity in data["entities"] for _, reason in entity[-1])
    assert any(f[6] > 1 for f in data["fused"]) and any(f[5] > f[6] for f in data["fused"])  # several sources, some not independent
    stats = query.stats(store)
    assert stats["near_duplicates"] > 0 and stats["conflicts"] == len(data["conflicts"]) > 0


def test_incremental_fusion_equals_a_recount(stores):
    store = stores()
    for start in range(0, len(CORPUS), 40):
        ingest_batch(store, CORPUS[start : start + 40])
    changed = [(replace(a, text=a.text + " Corrected."), r) for a, r in CORPUS[:30] if a.url]  # new text: their facts are replaced
    ingest_batch(store, changed)
    ingest_batch(store, CORPUS[:30])  # and back
    stored = list(stored_articles(store, everything=True))[:40]  # re-extracted: other facts, the same articles
    others = [(article, CORPUS[n + 40][1]) for n, article in enumerate(stored)]
    assert {r.outcome for r in ingest_batch(store, others, reextract=True)} == {"reextracted"}
    data = dump(store)
    assert {"fused": data["fused"], "conflicts": data["conflicts"]} == rebuilt(store)


def test_a_url_twice_in_one_batch_is_stored_then_updated(stores):
    store = stores()
    first = pair(RENEWAL)
    second = pair(replace(RENEWAL, text=RENEWAL.text.replace("second season", "third season").replace("Season 2", "Season 3")))
    results = ingest_batch(store, [first, second, first])
    assert [r.outcome for r in results] == ["new", "updated", "updated"]
    assert len({r.article_id for r in results}) == 1
    assert query.stats(store)["articles"] == 1
    assert [f["season"] for f in query.get_work(store, "Harbor Lights")["status_timeline"]] == [2]


def test_near_duplicates_within_one_batch(stores):
    store = stores()
    copies = [(replace(DATE_A, id=f"copy-{n}", url=f"https://site{n}.test/a", text=DATE_A.text + f" ({n})"), None) for n in range(3)]
    pairs = [pair(DATE_A)] + [(a, record(a, *pair(DATE_A)[1].facts)) for a, _ in copies]
    results = ingest_batch(store, pairs)
    assert results[0].duplicate_of is None
    assert [r.duplicate_of for r in results[1:]] == [results[0].article_id] * 3
    release = query.get_work(store, "Harbor Lights")["releases"][0]
    assert release["source_count"] == 4 and release["independent_sources"] == 1


def test_one_bad_article_does_not_sink_its_batch(stores, monkeypatch):
    import showfacts.store.ingest as ingest_module

    store = stores()
    bad = Article(id="bad", text="Broken\n\nThis record breaks the write path.", url="https://example.test/bad")
    real = ingest_module.fact_key

    def breaking(ftype, value, links):
        if value.get("work") == "Broken Show":
            raise ValueError("a record the store cannot take")
        return real(ftype, value, links)

    monkeypatch.setattr(ingest_module, "fact_key", breaking)
    pairs = [*CORPUS[:10], (bad, record(bad, fact(bad, "breaks", "network", work="Broken Show", network="HBO"))), *CORPUS[10:20]]
    errors: list[str] = []
    counts = ingest_stream(store, iter(pairs), batch_size=8, on_error=errors.append)
    assert counts["failed"] == 1 and len(errors) == 1 and errors[0].startswith("bad: not stored: ValueError")
    assert query.stats(store)["articles"] == len({a.url or a.content_hash for a, _ in CORPUS[:20]})


def test_confidence_and_date_origin_are_stored_per_source(stores):
    store = stores()
    article = replace(RENEWAL, published_source="feed")
    undated = replace(DATE_A, published=None)
    ingest_batch(store, [pair(article), (undated, record(undated, fact(undated, "premiere", "release", 0.25, work="Harbor Lights",
                                                                       season=2, date="2025-06-12", network=None)))])  # fmt: skip
    from sqlalchemy import select

    from showfacts.store.models import ArticleRow, FactRow

    with store.session() as session:
        confidences = dict(session.execute(select(FactRow.type, FactRow.confidence)).tuples().all())
        origins = dict(session.execute(select(ArticleRow.source_id, ArticleRow.published_source)).tuples().all())
    assert confidences["status"] == 0.97 and confidences["quote"] is None and confidences["release"] == 0.25
    assert origins == {"renewal": "feed", "date-a": None}


def test_signatures_from_the_spark_job_are_not_computed_again(stores, tmp_path, monkeypatch):
    """Records carrying their MinHash signature (the Spark job's ``minhash`` column) are stored with it."""
    import json

    from showfacts.scale import dedupe
    from showfacts.store.records import read_extracted
    from storetest import write_records

    path = write_records(tmp_path / "records.jsonl", [pair(a) for a in (RENEWAL, DATE_A)])
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    signatures = [dedupe.signature(line["text"]) for line in lines]
    path.write_text("".join(json.dumps({**line, "minhash": sig}) + "\n" for line, sig in zip(lines, signatures, strict=True)))
    monkeypatch.setattr(dedupe, "signature", lambda text: pytest.fail("signature computed again"))
    store = stores()
    ingest_batch(store, read_extracted(path))
    from sqlalchemy import select

    from showfacts.store.models import ArticleRow

    with store.session() as session:
        assert list(session.scalars(select(ArticleRow.minhash).order_by(ArticleRow.id))) == signatures


@pytest.mark.parametrize("crowded", [0, 2])
def test_leaving_out_crowded_band_buckets_finds_the_same_near_duplicates(stores, monkeypatch, crowded):
    """Buckets counted as crowded are left out of the near-duplicate search with the bar lowered to
    match: the same duplicates are found (here with every bucket, or every one over 2, crowded)."""
    import showfacts.store.ingest as ingest_module

    expected = stores()
    ingest_batch(expected, CORPUS)
    monkeypatch.setattr(ingest_module, "CROWDED_BAND", crowded)
    store = stores()
    for start in range(0, len(CORPUS), 30):
        ingest_batch(store, CORPUS[start : start + 30])
    assert dump(store)["articles"] == dump(expected)["articles"]


def test_a_large_load_refreshes_postgresql_statistics(monkeypatch):
    """Planner statistics after a load: analyzed when the load is large against what is stored,
    left alone for a small one (a real PostgreSQL server; SQLite needs none)."""
    import showfacts.store.db as db

    monkeypatch.setattr(db, "ANALYZE_AFTER", 30)
    with postgres_database() as url:
        store = Store(url)
        try:

            def analyzed() -> bool:
                with store.engine.connect() as c:
                    when = c.exec_driver_sql("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'facts'").scalar()
                return when is not None

            ingest_stream(store, iter(synthetic(10, updates=False)))
            assert not analyzed()  # 10 articles: below the bar
            ingest_stream(store, iter(synthetic(60, seed=9, updates=False)))
            assert analyzed()
            monkeypatch.setattr(db, "ANALYZE_AFTER", 1)
            assert not store.refresh_statistics(5)  # 5 new of some 70 stored: under a tenth, the statistics stand
            assert store.refresh_statistics(10)
        finally:
            store.dispose()
