"""Build the extraction stages once and run them in order over an Article."""

from __future__ import annotations

from functools import lru_cache

from showfacts.article import Article
from showfacts.facts import ArticleRecord

EXTRACTOR_VERSION = "0.1.0"
"""Bumped whenever extraction output may change; the store keeps it with every fact."""


class Pipeline:
    """The extraction stages, built once (lexicons loaded, matchers compiled), reused per article."""

    def __call__(self, article: Article) -> ArticleRecord:
        title = article.title or article.text.split("\n", 1)[0].strip() or None
        return ArticleRecord(article.id, title, list(article.authors), article.published, [], [])


@lru_cache(maxsize=1)
def get_pipeline() -> Pipeline:
    """The process-wide default pipeline (built on first use)."""
    return Pipeline()


def extract(article: Article) -> ArticleRecord:
    """Extract the record for one article with the default pipeline."""
    return get_pipeline()(article)
