"""Upgrading databases made by older releases: their articles, entities and facts are kept, and
what later revisions add (conflicts, fused facts, the name-word index) is computed from them,
exactly as the write path would have kept it. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData, insert, select, text

from showfacts import query
from showfacts.store.db import Store
from showfacts.store.ingest import ingest, ingest_batch
from storetest import ALL, dump, pair, postgres_database, synthetic

HEAD = "0003"


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


def test_schema_upgrades_in_place(tmp_path):
    path = tmp_path / "old.db"
    store = Store(str(path), upgrade=False)
    assert store.revision() is None
    store.upgrade()
    assert store.revision() == HEAD
    Store(str(path))  # opening again is a no-op upgrade
    assert store.revision() == HEAD


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_an_older_database_upgrades_to_what_the_write_path_keeps(urls, revision):
    """A knowledge base written by an older release (its rows copied into a database at that
    revision) upgrades to exactly the fused facts, conflicts and name index the write path keeps."""
    pairs = [pair(a) for a in ALL] + synthetic(60, seed=9)
    fresh = Store(urls())
    ingest_batch(fresh, pairs)
    with fresh.engine.begin() as connection:
        connection.execute(text("UPDATE facts SET confidence = NULL"))  # older releases kept none
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
