"""The works the knowledge base already knows, handed to the extractor as known titles.

Only works that at least ``min_articles`` different articles named are used: a title one
article's extraction got wrong must not teach every later article the same mistake.
"""

from __future__ import annotations

from sqlalchemy import func, select

from showfacts.store.db import Store
from showfacts.store.models import EntityRow, FactEntityRow, FactRow

MIN_ARTICLES = 2
LIMIT = 200_000


def known_work_titles(store: Store, min_articles: int = MIN_ARTICLES) -> list[str]:
    """Names of the works named by at least ``min_articles`` articles (most named first)."""
    articles = func.count(func.distinct(FactRow.article_id))
    query = (
        select(EntityRow.name)
        .join(FactEntityRow, FactEntityRow.entity_id == EntityRow.id)
        .join(FactRow, FactRow.id == FactEntityRow.fact_id)
        .where(EntityRow.kind == "work", FactEntityRow.field == "work")
        .group_by(EntityRow.id, EntityRow.name)
        .having(articles >= min_articles)
        .order_by(articles.desc())
        .limit(LIMIT)
    )
    with store.session() as session:
        return [name for (name,) in session.execute(query)]
