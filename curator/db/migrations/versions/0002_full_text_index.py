"""Full-text index of stories (FTS5 on SQLite, tsvector on PostgreSQL), created empty and marked stale.

Frozen: fixed DDL only, no call into today's index code. The services fill the index from the stories the
first time the upgraded library is opened (``curator.services.indexes.rebuild_stale_indexes``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The same statement in 0002, 0004 and 0007: whichever runs first makes the table.
LIBRARY_META = (
    "CREATE TABLE IF NOT EXISTS library_meta ("
    " key VARCHAR(100) NOT NULL, value TEXT NOT NULL, CONSTRAINT pk_library_meta PRIMARY KEY (key))"
)
KEY = "index.fulltext"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS story_fts USING fts5(headline, dek, body, byline, outlet,"
            " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
        )
    else:
        op.execute(
            "CREATE TABLE IF NOT EXISTS story_fts ("
            " seq BIGINT PRIMARY KEY, document TSVECTOR NOT NULL, headline TSVECTOR NOT NULL,"
            " byline TSVECTOR NOT NULL, outlet TSVECTOR NOT NULL)"
        )
        for name in ("document", "headline", "byline", "outlet"):
            op.execute(f"CREATE INDEX IF NOT EXISTS ix_story_fts_{name} ON story_fts USING GIN ({name})")
    op.execute(LIBRARY_META)
    op.execute(sa.text("DELETE FROM library_meta WHERE key = :key").bindparams(key=KEY))
    op.execute(sa.text("INSERT INTO library_meta (key, value) VALUES (:key, 'stale')").bindparams(key=KEY))


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS story_fts")
    op.execute("DROP TABLE IF EXISTS library_meta")
