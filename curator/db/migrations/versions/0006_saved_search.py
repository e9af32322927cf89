"""Saved searches: a query under a name, shared with the desk or one person's, in the sidebar's order.

Revision ID: 0006_saved_search
Revises: 0005_desk
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_saved_search"
down_revision = "0005_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search")),
        sa.UniqueConstraint("owner", "key", name="uq_saved_search_owner_key"),
    )


def downgrade() -> None:
    op.drop_table("saved_search")
