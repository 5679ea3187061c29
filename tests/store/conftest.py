"""The store every knowledge-base test runs against twice: a real SQLite file and a fresh
database on the real PostgreSQL server (skipped where none runs; see storetest.postgres_database)."""

from __future__ import annotations

import pytest

from showfacts.store.db import Store
from storetest import postgres_database, sqlite_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store(sqlite_url(tmp_path))
        yield s
        s.dispose()
    else:
        with postgres_database() as url:
            s = Store(url)
            yield s
            s.dispose()
