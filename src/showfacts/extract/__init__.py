"""Extraction: an Article in, an ArticleRecord (metadata and facts with evidence) out.

``extract(article)`` is the one call the CLI, the store, parallel runs and the Spark job
use. The stages live one per module here; ``pipeline.py`` builds them once and runs them
in order over a shared :class:`~showfacts.extract.doc.Doc`.
"""

from showfacts.extract.pipeline import Pipeline, extract, get_pipeline

__all__ = ["Pipeline", "extract", "get_pipeline"]
