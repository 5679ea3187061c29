"""Run extraction over a stream of inputs, on one or more worker processes.

:func:`extract_stream` is what ``extract`` and ``ingest`` iterate: it yields
``(article, record)`` pairs in input order, and the :class:`InputError` of every bad
input in its place, so callers report and go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from showfacts.article import Article
from showfacts.errors import InputError
from showfacts.extract import extract
from showfacts.facts import ArticleRecord
from showfacts.sources import read_paths

Result = tuple[Article, ArticleRecord] | InputError


def extract_one(article: Article) -> Result:
    """Extract one article; an exception becomes an InputError naming the article."""
    try:
        return article, extract(article)
    except Exception as exc:  # one article must not sink the batch
        return InputError(article.origin or article.id, f"extraction failed: {exc.__class__.__name__}: {exc}")


def extract_stream(
    paths: Iterable[str | Path], jobs: int = 1, published: str | None = None, progress: bool = False
) -> Iterator[Result]:
    """Read every path and extract every article. ``published`` fills in articles without a date."""
    for item in read_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if published and not item.published:
            item.published = published
        yield extract_one(item)
