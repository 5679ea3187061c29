"""Trust: each fused fact's belief and one of its stories, conflicts as pairs of disagreeing answers
from independent articles, a release's event, and each article's count of self-contradictions.

Revision ID: 0004
Revises: 0003

The conflicts table is made anew (one row per pair of answers, not per pair of facts). Stored
facts are brought to what ingest now stores: a release that dates a finale, a later part or a
festival screening gets its ``event`` (read from its evidence sentence, as ingest does), and
where an article contradicts itself only its more confident side is kept (the others are
deleted and counted in ``articles.contradictions``). Then the fused facts and conflicts are
recomputed from the facts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("contradictions", sa.Integer, nullable=False, server_default="0"))
    op.add_column("fused_facts", sa.Column("belief", sa.Float))
    op.add_column("fused_facts", sa.Column("origin", sa.Integer))
    op.drop_table("conflicts")
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("work_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("season", sa.Integer),
        sa.Column("about", sa.String(40), nullable=False),
        sa.Column("side_a", sa.String(1000), nullable=False),
        sa.Column("side_b", sa.String(1000), nullable=False),
    )
    op.create_index("ix_conflicts_work_id", "conflicts", ["work_id"])
    op.create_index("ix_conflicts_side_a", "conflicts", ["side_a"])
    op.create_index("ix_conflicts_side_b", "conflicts", ["side_b"])

    from showfacts.store import fusion
    from showfacts.store.bulk import Bulk

    bulk = Bulk(op.get_bind())
    restate(bulk)
    fusion.rebuild(bulk)


def restate(bulk: object) -> None:
    """Release events and within-article contradictions for the stored status and release facts,
    a few hundred articles at a time."""
    from showfacts.merge.fuse import decision_scope, fact_key, release_event, within_article
    from showfacts.store.bulk import Bulk, chunks

    assert isinstance(bulk, Bulk)
    article_ids = [row[0] for row in bulk.run("SELECT DISTINCT article_id FROM facts WHERE type IN ('status', 'release')")]
    for chunk in chunks(sorted(article_ids), 500):
        texts = dict(bulk.select_in("SELECT id, text FROM articles WHERE id IN ({in})", chunk))
        rows = sorted(
            bulk.select_in(
                "SELECT id, article_id, type, value, evidence_start, evidence_end, confidence FROM facts "
                "WHERE type IN ('status', 'release') AND article_id IN ({in})",
                chunk,
            )
        )
        links: dict[int, dict[str, int]] = {}
        for fact_id, name, entity_id in bulk.select_in(
            "SELECT fact_id, field, entity_id FROM fact_entities WHERE fact_id IN ({in})", [row[0] for row in rows]
        ):
            links.setdefault(fact_id, {})[name] = entity_id
        updates, by_article = [], {}
        for fact_id, article_id, ftype, value, start, end, confidence in rows:
            value = bulk.loads(value)
            own = links.get(fact_id, {})
            event = release_event(texts[article_id][start:end], value.get("date")) if ftype == "release" else None
            if event and value.get("event") != event:
                value["event"] = event
                updates.append((bulk.json(value), fact_key(ftype, value, own), fact_id))
            scope = decision_scope(ftype, value, own)
            by_article.setdefault(article_id, []).append((fact_id, (scope, ftype, value, fact_key(ftype, value, own), confidence)))
        bulk.execute_many("UPDATE facts SET value = ?, fact_key = ? WHERE id = ?", updates)
        dropped, counts = [], []
        for article_id, facts in by_article.items():
            kept, count = within_article([f for _, f in facts])
            if count:
                dropped += [fact_id for n, (fact_id, _) in enumerate(facts) if n not in set(kept)]
                counts.append((count, article_id))
        bulk.delete_in("fact_entities", "fact_id", dropped)
        bulk.delete_in("facts", "id", dropped)
        bulk.execute_many("UPDATE articles SET contradictions = ? WHERE id = ?", counts)


def downgrade() -> None:
    op.drop_table("conflicts")
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("work_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("about", sa.String(40), nullable=False),
        sa.Column("key_a", sa.String(1000), nullable=False, index=True),
        sa.Column("key_b", sa.String(1000), nullable=False, index=True),
        sa.Column("season", sa.Integer),
    )
    op.drop_column("fused_facts", "origin")
    op.drop_column("fused_facts", "belief")
    op.drop_column("articles", "contradictions")
