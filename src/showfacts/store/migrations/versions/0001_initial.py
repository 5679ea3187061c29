"""Initial schema: articles, LSH bands, entities, aliases, facts, fact-entity links.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.String(500), nullable=False),
        sa.Column("identity", sa.String(2100), nullable=False, unique=True),
        sa.Column("url", sa.String(2000)),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(300)),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("cited_sources", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("minhash", sa.JSON, nullable=False),
        sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL"), index=True),
        sa.Column("extractor_version", sa.String(20), nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False, index=True),
    )
    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("hash", sa.String(40), nullable=False),
    )
    op.create_index("ix_article_bands_band_hash", "article_bands", ["band", "hash"])
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("key", sa.String(500), nullable=False),
        sa.Column("slug", sa.String(520), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_entities_kind_key", "entities", ["kind", "key"])
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("alias", sa.String(500), nullable=False),
        sa.Column("key", sa.String(500), nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("entity_id", "alias", name="uq_alias_entity_alias"),
    )
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("type", sa.String(20), nullable=False, index=True),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("fact_key", sa.String(1000), nullable=False, index=True),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("extractor_version", sa.String(20), nullable=False),
    )
    op.create_table(
        "fact_entities",
        sa.Column("fact_id", sa.Integer, sa.ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("field", sa.String(20), primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    )


def downgrade() -> None:
    for table in ("fact_entities", "facts", "aliases", "entities", "article_bands", "articles"):
        op.drop_table(table)
