"""Fact-checking's public side: sources the desk lists on the page, claims' public rationales, hand-added mentions.

Fixed DDL only (frozen: no imports of today's models). Existing sources stay private, existing claims have no public
rationale (so nothing more is published than the desk chooses), existing findings were all detected.

Revision ID: 0009_factcheck_public
Revises: 0008_writing
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_factcheck_public"
down_revision = "0008_writing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("factcheck_source") as batch:
        batch.add_column(sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("factcheck_claim") as batch:
        batch.add_column(sa.Column("public_rationale", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("factcheck_finding") as batch:
        batch.add_column(sa.Column("manual", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("factcheck_finding") as batch:
        batch.drop_column("manual")
    with op.batch_alter_table("factcheck_claim") as batch:
        batch.drop_column("public_rationale")
    with op.batch_alter_table("factcheck_source") as batch:
        batch.drop_column("public")
