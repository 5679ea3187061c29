"""Build the extraction stages once and run them in order over an Article.

    metadata → candidates → mention_types → names → reference → relations → related → release_order → quotes

Metadata first (it marks the byline tail later stages skip); then where the names are, what
each is (a trained classifier), their canonical forms, the article's topic and the phrases
that point back to works; then the relation models. Related-work phrases, release order and
quotes are rules where they are precise: the related rules add what the relation model missed.
Every fact leaves with a calibrated confidence (``calibration.py``): the model's score mapped
by a curve fitted on out-of-fold facts, or, for a rule's fact, the precision its rule measured
on the training sets (both in ``models/calibration.json``, written by ``python -m showfacts.train fit``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import lru_cache

from showfacts.article import Article
from showfacts.extract.calibration import load_calibration
from showfacts.extract.candidates import CandidateStage
from showfacts.extract.doc import Doc, make_doc
from showfacts.extract.mention_types import MentionTyper
from showfacts.extract.metadata import MetadataStage
from showfacts.extract.names import NameStage
from showfacts.extract.order import OrderStage
from showfacts.extract.quotes import QuoteStage
from showfacts.extract.reference import ReferenceStage
from showfacts.extract.related import RelatedStage
from showfacts.extract.relations import RelationStage
from showfacts.facts import ArticleRecord, Fact
from showfacts.lang import lexicon

EXTRACTOR_VERSION = "0.2.7"
"""Bumped whenever extraction output may change; the store keeps it with every fact."""

Stage = Callable[[Doc], Doc]

class Pipeline:
    """The extraction stages, built once (lexicons and models loaded), reused per article."""

    def __init__(self, lang: str = "en", known_titles: frozenset[str] = frozenset()) -> None:
        lex = lexicon(lang)
        self.known_titles = known_titles
        self.calibration = load_calibration()
        self.stages: list[tuple[str, Stage]] = [
            ("metadata", MetadataStage(lex)),
            ("candidates", CandidateStage(lex)),
            ("mention_types", MentionTyper(lex)),
            ("names", NameStage(lex)),
            ("reference", ReferenceStage()),
            ("relations", RelationStage()),
            ("related", RelatedStage()),
            ("release_order", OrderStage()),
            ("quote", QuoteStage()),
        ]

    def _calibrated(self, fact: Fact) -> Fact:
        return dataclasses.replace(fact, confidence=round(self.calibration(fact.type, fact.confidence), 3))

    def doc(self, article: Article, until: str | None = None) -> Doc:
        """Run the stages over an article (up to and without ``until``) and return the Doc."""
        doc = make_doc(article)
        doc.known_titles = self.known_titles
        for name, stage in self.stages:
            if name == until:
                break
            doc = stage(doc)
        return doc

    def __call__(self, article: Article) -> ArticleRecord:
        doc = self.doc(article)
        facts = sorted(map(self._calibrated, doc.facts), key=lambda f: (f.evidence.start, f.type))
        return ArticleRecord(article.id, doc.title, doc.authors, article.published, doc.cited_sources, facts)


@lru_cache(maxsize=1)
def get_pipeline() -> Pipeline:
    """The process-wide default pipeline (built on first use)."""
    return Pipeline()


def use_known_titles(titles: frozenset[str]) -> None:
    """Make the default pipeline read these (folded) titles as works: a gazetteer, the KB's works."""
    get_pipeline().known_titles = titles


def extract(article: Article) -> ArticleRecord:
    """Extract the record for one article with the default pipeline."""
    return get_pipeline()(article)
