"""A read cache for the busiest answers (a work, a search), valid while the data is unchanged.

The data version is checked on every request, so any write (by this process, another server
worker or an ``ingest`` run) empties the cache before the next answer. On an SQLite file it is
``PRAGMA data_version`` on a connection kept for the purpose (SQLite changes it whenever any
other connection commits): microseconds, no table read. On PostgreSQL it is one indexed query
(the newest article, ingest time and fact).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from starlette.concurrency import run_in_threadpool

from showfacts.store.db import Store
from showfacts.store.models import ArticleRow, FactRow


class ReadCache:
    def __init__(self, store: Store, size: int = 4096) -> None:
        self.store = store
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._version: tuple[object, ...] | None = None
        self._lock = threading.Lock()
        database = make_url(store.url).database if store.dialect == "sqlite" else None
        self._watch: sqlite3.Connection | None = None
        if database and database != ":memory:":
            self._watch = sqlite3.connect(f"file:{database}?mode=ro", uri=True, check_same_thread=False)

    def version(self) -> tuple[object, ...]:
        if self._watch is not None:
            with self._lock:
                return (self._watch.execute("PRAGMA data_version").fetchone()[0],)
        with self.store.session() as session:
            articles = session.execute(select(func.max(ArticleRow.id), func.max(ArticleRow.ingested_at))).one()
            facts = session.scalar(select(func.max(FactRow.id)))
        return (*articles, facts)

    @property
    def version_is_cheap(self) -> bool:
        """True when :meth:`version` reads no table (it may run on the event loop)."""
        return self._watch is not None

    def lookup(self, key: str) -> tuple[bytes | None, tuple[object, ...]]:
        """The cached answer for ``key`` at the current data version (None when absent), and that version."""
        version = self.version()
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._version = version
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        return hit, version

    def store_answer(self, key: str, value: bytes, version: tuple[object, ...]) -> None:
        with self._lock:
            if self._version == version:  # not when the data changed while it was computed
                self._items[key] = value
                if len(self._items) > self.size:
                    self._items.popitem(last=False)

    async def aget(self, key: str, compute: Callable[[], bytes | None]) -> bytes | None:
        """The answer for ``key``, computed by ``compute`` on a miss. A hit is answered on the event
        loop (no thread hop); a miss, and a version that needs a query, run in the thread pool."""
        if self.version_is_cheap:
            hit, version = self.lookup(key)
        else:
            hit, version = await run_in_threadpool(self.lookup, key)
        if hit is not None:
            return hit
        value = await run_in_threadpool(compute)
        if value is not None:
            self.store_answer(key, value, version)
        return value
