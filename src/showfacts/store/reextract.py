"""Re-extraction: when the extractor changes, run it again over the stored articles and replace their
facts, a batch at a time, keeping each article as it was stored (text, URL, outlet, publication
date, ingest time, near-duplicate link).

The articles come from the database in id order (keyset pages, so memory stays flat), are
extracted on ``jobs`` processes, and go through the write path with ``reextract=True``. Those
already extracted by the current version are skipped unless ``everything`` is asked, so a run
that is killed continues where it stopped when started again.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.extract.pipeline import EXTRACTOR_VERSION
from showfacts.store.bulk import Bulk
from showfacts.store.db import Store
from showfacts.store.ingest import BATCH_SIZE, IngestResult, ingest_stream

CHUNK = 16
"""Articles per task sent to an extraction worker."""


def stale_count(store: Store, everything: bool = False, version: str = EXTRACTOR_VERSION) -> int:
    """How many stored articles a re-extraction would process."""
    with store.engine.connect() as connection:
        where, params = ("", []) if everything else (" WHERE extractor_version <> ?", [version])
        return int(Bulk(connection).run("SELECT count(*) FROM articles" + where, params)[0][0])


def stored_articles(store: Store, everything: bool = False, version: str = EXTRACTOR_VERSION, page: int = BATCH_SIZE) -> Iterator[Article]:
    """The stored articles to re-extract, as the Articles they were ingested from, in id order."""
    last = 0
    while True:
        with store.engine.connect() as connection:
            condition = "" if everything else " AND extractor_version <> ?"
            rows = Bulk(connection).run(
                "SELECT id, source_id, text, title, published, url, outlet, authors FROM articles "
                f"WHERE id > ?{condition} ORDER BY id LIMIT {int(page)}",
                [last] if everything else [last, version],
            )
        if not rows:
            return
        for article_id, source_id, text, title, published, url, outlet, authors in rows:
            yield Article(
                id=source_id,
                text=text,
                title=title,
                published=published,
                url=url,
                outlet=outlet,
                authors=list(Bulk.loads(authors) or []),
                origin=f"article #{article_id}",
            )
        last = rows[-1][0]


def reextract(
    store: Store,
    jobs: int = 1,
    everything: bool = False,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[str], None] | None = None,
    on_written: Callable[[list[IngestResult]], None] | None = None,
    version: str = EXTRACTOR_VERSION,
) -> Counter[str]:
    """Re-extract the stored articles not extracted by ``version`` (all with ``everything``) and
    replace their facts. Returns counts ("reextracted", "unchanged" for articles whose text changed
    meanwhile, "failed")."""
    articles = stored_articles(store, everything, version, batch_size)
    return ingest_stream(store, _extracted(articles, jobs), batch_size, on_error, on_written, extractor_version=version, reextract=True)


def _extracted(articles: Iterator[Article], jobs: int) -> Iterator[Any]:
    if jobs <= 1:
        yield from map(_extract, articles)
        return
    with multiprocessing.get_context().Pool(jobs, initializer=_init_worker) as pool:
        yield from pool.imap(_extract, articles, chunksize=CHUNK)


def _init_worker() -> None:
    from showfacts.extract import get_pipeline

    get_pipeline()


def _extract(article: Article) -> Any:
    from showfacts.scale.parallel import extract_one

    result = extract_one(article)
    if isinstance(result, InputError):  # exceptions do not survive the trip back from a worker whole
        return _Failed(result.origin, result.problem)
    return result


class _Failed(InputError):
    def __reduce__(self) -> tuple[Any, ...]:
        return (_Failed, (self.origin, self.problem))
