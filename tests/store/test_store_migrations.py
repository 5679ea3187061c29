"""Upgrading databases made by older releases: their articles, entities and facts are kept, and
what later revisions add (conflicts, fused facts, the name-word index) is computed from them,
exactly as the write path would have kept it. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import MetaData, insert, select, text

from showfacts import query
from showfacts.article import Article
from showfacts.merge.fuse import belief
from showfacts.store.db import HEAD_REVISION, Store
from showfacts.store.ingest import ingest, ingest_batch
from showfacts.store.models import ArticleRow, FactRow, FusedFactRow
from storetest import ALL, dump, fact, pair, postgres_database, record, synthetic

HEAD = "0004"


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request, tmp_path):
    """A factory of empty database URLs of one kind."""
    contexts: list = []
    made = iter(range(1000))

    def make() -> str:
        if request.param == "sqlite":
            return str(tmp_path / f"kb{next(made)}.db")
        context = postgres_database()
        contexts.append(context)
        return context.__enter__()

    yield make
    for context in contexts:
        context.__exit__(None, None, None)


def test_the_fast_path_knows_the_newest_migration():
    """Store skips Alembic when a database is at HEAD_REVISION: that must be Alembic's own head."""
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("showfacts.store") / "migrations"))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION] == [HEAD]


def test_schema_upgrades_in_place(tmp_path):
    path = tmp_path / "old.db"
    store = Store(str(path), upgrade=False)
    assert store.revision() is None
    store.upgrade()
    assert store.revision() == HEAD
    Store(str(path))  # opening again is a no-op upgrade
    assert store.revision() == HEAD


@pytest.mark.parametrize("revision", ["0001", "0002", "0003"])
def test_an_older_database_upgrades_to_what_the_write_path_keeps(urls, revision):
    """A knowledge base written by an older release (its rows copied into a database at that
    revision) upgrades to exactly the fused facts, conflicts and name index the write path keeps."""
    pairs = [
        (a, replace(r, facts=[replace(f, confidence=None) for f in r.facts])) for a, r in [pair(a) for a in ALL] + synthetic(60, seed=9)
    ]
    fresh = Store(urls())
    ingest_batch(fresh, pairs)  # older releases kept no confidence
    old = Store(urls(), upgrade=False)
    old.upgrade(revision)
    _copy_rows(fresh, old)
    old.dispose()
    upgraded = Store(old.url)
    assert upgraded.revision() == HEAD
    assert dump(upgraded) == dump(fresh)
    assert query.stats(upgraded) == query.stats(fresh) and query.stats(upgraded)["conflicts"] > 0
    # and it goes on taking articles
    ingest(upgraded, *pairs[0])
    assert query.stats(upgraded)["articles"] == query.stats(fresh)["articles"]
    fresh.dispose()
    upgraded.dispose()


# written for this test: an article that dates a premiere and a finale in one sentence, and one
# that contradicts itself on a premiere date (what releases before 0004 stored as they came)
TWO_EVENTS = Article(
    id="two-events",
    url="https://example.test/tollgate-look-back",
    published="2019-02-01",
    text="Looking Back\n\nThe quiz drama Tollgate premiered in April 2012 and its finale aired in June 2017, on BBC Two.",
)
SELF_CONTRADICTING = Article(
    id="self-contradicting",
    url="https://example.test/tollgate-revival",
    published="2024-10-01",
    text=(
        "Tollgate Revival\n\nThe Tollgate revival premieres on March 3, 2025, the broadcaster said. "
        "Elsewhere the same post says the revival premieres on April 14, 2025."
    ),
)


def _trust_pairs() -> list:
    two, own = TWO_EVENTS, SELF_CONTRADICTING
    return [
        (two, record(
            two,
            fact(two, "premiered", "release", 0.8, work="Tollgate", season=None, date="2012-04", network=None),
            fact(two, "premiered", "release", 0.7, work="Tollgate", season=None, date="2017-06", network=None),
        )),
        (own, record(
            own,
            fact(own, "March 3", "release", 0.9, work="Tollgate", season=2, date="2025-03-03", network=None),
            fact(own, "April 14", "release", 0.3, work="Tollgate", season=2, date="2025-04-14", network=None),
        )),
    ]  # fmt: skip


def test_a_0003_database_upgrades_to_belief_events_and_own_contradictions(urls, monkeypatch):
    """A knowledge base written at 0003 (confidence kept, but no release events, no belief, and an
    article's own contradictions stored as they came) keeps its facts and upgrades to what the write
    path keeps now: every fused fact has its belief, the finale is its own fact, and the less
    confident side of an article's contradiction is dropped and counted."""
    pairs = [pair(a) for a in ALL] + synthetic(40, seed=3) + _trust_pairs()
    fresh = Store(urls())
    ingest_batch(fresh, pairs)
    legacy = Store(urls())
    with monkeypatch.context() as m:  # what ingest did before 0004
        m.setattr("showfacts.store.ingest.within_article", lambda facts: (list(range(len(facts))), 0))
        m.setattr("showfacts.merge.resolve.release_event", lambda sentence, date: None)
        ingest_batch(legacy, pairs)
    old = Store(urls(), upgrade=False)
    old.upgrade("0003")
    _copy_rows(legacy, old)
    with old.engine.connect() as c:
        old_facts = c.execute(text("SELECT count(*) FROM facts")).scalar()
        assert c.execute(text("SELECT count(*) FROM facts WHERE fact_key LIKE '%event=%'")).scalar() == 0
    old.dispose()
    upgraded = Store(old.url)
    assert upgraded.revision() == HEAD
    assert dump(upgraded) == dump(fresh)
    with upgraded.session() as s:
        assert s.scalar(select(text("count(*)")).select_from(FactRow)) == old_facts - 1  # only the contradicted fact went
        contradictions = dict(s.execute(select(ArticleRow.identity, ArticleRow.contradictions)).tuples().all())
        facts = s.execute(select(FactRow.fact_key, FactRow.article_id, FactRow.confidence, ArticleRow.duplicate_of).join(ArticleRow)).all()
        fused = s.execute(select(FusedFactRow.fact_key, FusedFactRow.belief, FusedFactRow.value)).all()
    assert sum(contradictions.values()) == 1 and [k for k, n in contradictions.items() if n] == [SELF_CONTRADICTING.url]
    for key, value, _ in fused:
        assert value is not None, key
        expected = belief((duplicate_of or article_id, c) for k, article_id, c, duplicate_of in facts if k == key)
        assert value == pytest.approx(expected), key
    tollgate = query.get_work(upgraded, "Tollgate")
    assert {(f["date"], f.get("event")) for f in tollgate["releases"]} == {("2012-04", None), ("2017-06", "finale"), ("2025-03-03", None)}
    stats = query.stats(upgraded)
    assert stats == query.stats(fresh) and stats["within_article_contradictions"] == 1
    fresh.dispose()
    legacy.dispose()
    upgraded.dispose()


def _copy_rows(source: Store, target: Store) -> None:
    """Every row of the older revision's tables, with the columns that revision has."""
    old = MetaData()
    old.reflect(target.engine)
    new = MetaData()
    new.reflect(source.engine)
    order = ["articles", "article_bands", "entities", "aliases", "facts", "fact_entities"]
    with source.engine.connect() as reading, target.engine.begin() as writing:
        for name in order:
            columns = [c.name for c in old.tables[name].columns if c.name in new.tables[name].columns]
            rows = [dict(row._mapping) for row in reading.execute(select(*[new.tables[name].c[c] for c in columns]))]
            if name == "articles":  # duplicates point to earlier rows: insert in id order
                rows.sort(key=lambda r: r["id"])
            if rows:
                writing.execute(insert(old.tables[name]), rows)
        if target.dialect == "postgresql":
            for name in ("articles", "entities", "aliases", "facts"):
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"))
