"""Build the extraction stages once and run them in order over an Article.

The order matters: metadata first (it marks the byline tail that later stages skip),
then names (every relation stage reads them), then the relation stages, quotes last.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from showfacts.article import Article
from showfacts.extract.cast import CastStage
from showfacts.extract.context import TopicStage
from showfacts.extract.crew import CrewStage
from showfacts.extract.doc import Doc, make_doc
from showfacts.extract.mentions import MentionFinder
from showfacts.extract.metadata import MetadataStage
from showfacts.extract.network import NetworkStage
from showfacts.extract.order import OrderStage
from showfacts.extract.quotes import QuoteStage
from showfacts.extract.related import RelatedStage
from showfacts.extract.release import ReleaseStage
from showfacts.extract.status import StatusStage
from showfacts.facts import ArticleRecord
from showfacts.lang import lexicon

EXTRACTOR_VERSION = "0.1.0"
"""Bumped whenever extraction output may change; the store keeps it with every fact."""

Stage = Callable[[Doc], Doc]


class Pipeline:
    """The extraction stages, built once (lexicons loaded, patterns compiled), reused per article."""

    def __init__(self, lang: str = "en") -> None:
        lex = lexicon(lang)
        self.stages: list[tuple[str, Stage]] = [
            ("metadata", MetadataStage(lex)),
            ("mentions", MentionFinder(lex)),
            ("topic", TopicStage()),
            ("network", NetworkStage()),
            ("status", StatusStage()),
            ("release", ReleaseStage()),
            ("release_order", OrderStage()),
            ("crew", CrewStage()),
            ("cast", CastStage()),
            ("related", RelatedStage()),
            ("quote", QuoteStage()),
        ]

    def __call__(self, article: Article) -> ArticleRecord:
        doc = make_doc(article)
        for _name, stage in self.stages:
            doc = stage(doc)
        facts = sorted(doc.facts, key=lambda f: (f.evidence.start, f.type))
        return ArticleRecord(article.id, doc.title, doc.authors, article.published, doc.cited_sources, facts)


@lru_cache(maxsize=1)
def get_pipeline() -> Pipeline:
    """The process-wide default pipeline (built on first use)."""
    return Pipeline()


def extract(article: Article) -> ArticleRecord:
    """Extract the record for one article with the default pipeline."""
    return get_pipeline()(article)
