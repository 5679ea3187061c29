"""Conflicts kept in a table, maintained at ingest, instead of recomputed over every work on read.

Revision ID: 0002
Revises: 0001

(A database made before this revision gets its conflicts computed by 0003, which rebuilds them.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("work_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("about", sa.String(40), nullable=False),
        sa.Column("key_a", sa.String(1000), nullable=False),
        sa.Column("key_b", sa.String(1000), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conflicts")
