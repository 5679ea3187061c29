"""The batched write path: fused facts kept in a table, conflicts per (work, season), persons
findable by first and last word, and room for trust: each source's confidence, a date's origin.

Revision ID: 0003
Revises: 0002

Existing facts are kept; the fused facts and conflicts are computed from them by 0004 (the
recount runs today's fusion code, which needs the columns 0004 adds), so a database is upgraded
through to the head before it is used.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facts", sa.Column("confidence", sa.Float))
    op.add_column("articles", sa.Column("published_source", sa.String(20)))
    op.add_column("entities", sa.Column("first_word", sa.String(200)))
    op.add_column("entities", sa.Column("last_word", sa.String(200)))
    op.create_index("ix_entities_first_word", "entities", ["first_word"])
    op.create_index("ix_entities_last_word", "entities", ["last_word"])
    op.add_column("conflicts", sa.Column("season", sa.Integer))
    op.create_index("ix_conflicts_key_a", "conflicts", ["key_a"])
    op.create_index("ix_conflicts_key_b", "conflicts", ["key_b"])
    op.create_table(
        "fused_facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fact_key", sa.String(1000), nullable=False, unique=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("work_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE")),
        sa.Column("season", sa.Integer),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("first_reported", sa.String(10)),
        sa.Column("last_reported", sa.String(10)),
    )
    op.create_index("ix_fused_facts_work_type", "fused_facts", ["work_id", "type"])

    from showfacts.merge.names import name_words
    from showfacts.store.bulk import Bulk

    bulk = Bulk(op.get_bind())
    people = bulk.run("SELECT id, name FROM entities WHERE kind = 'person'")
    bulk.execute_many(
        "UPDATE entities SET first_word = ?, last_word = ? WHERE id = ?",
        [(*name_words("person", name), entity_id) for entity_id, name in people if name_words("person", name)[0]],
    )


def downgrade() -> None:
    op.drop_table("fused_facts")
    op.drop_index("ix_conflicts_key_b", "conflicts")
    op.drop_index("ix_conflicts_key_a", "conflicts")
    op.drop_column("conflicts", "season")
    op.drop_index("ix_entities_last_word", "entities")
    op.drop_index("ix_entities_first_word", "entities")
    op.drop_column("entities", "last_word")
    op.drop_column("entities", "first_word")
    op.drop_column("articles", "published_source")
    op.drop_column("facts", "confidence")
