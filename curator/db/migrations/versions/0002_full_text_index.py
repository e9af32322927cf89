"""Full-text index of stories (FTS5 on SQLite, tsvector on PostgreSQL), filled from the stories present.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from alembic import op

from curator.search.index import index_for

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    index_for(bind.dialect.name).rebuild(bind)


def downgrade() -> None:
    bind = op.get_bind()
    index_for(bind.dialect.name).drop(bind)
