"""A read cache for the busiest answers (a work, a search), valid while the data is unchanged.

The data version is read from the store on each request (one indexed query); any write, by
this process, another server worker or an `ingest` run, changes it and so empties the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import func, select

from showfacts.store.db import Store
from showfacts.store.models import ArticleRow, FactRow


class ReadCache:
    def __init__(self, store: Store, size: int = 4096) -> None:
        self.store = store
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._version: tuple[object, ...] | None = None
        self._lock = threading.Lock()

    def version(self) -> tuple[object, ...]:
        with self.store.session() as session:
            # three index look-ups: any new article, new fact or re-ingested article changes one of them
            articles = session.execute(select(func.max(ArticleRow.id), func.max(ArticleRow.ingested_at))).one()
            facts = session.scalar(select(func.max(FactRow.id)))
        return (*articles, facts)

    def get(self, key: str, compute: Callable[[], bytes | None]) -> bytes | None:
        version = self.version()
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._version = version
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        value = compute()
        if value is not None:
            with self._lock:
                if self._version == version:
                    self._items[key] = value
                    if len(self._items) > self.size:
                        self._items.popitem(last=False)
        return value
