"""Library facts as keys and values; here, which version of each derived index the library holds.

Libraries written before this schema by a Curator whose migrations filled the indexes have no row for an
index: they hold version 1 of it. A library upgraded through today's frozen 0002/0004 already has the table
and a 'stale' row for each index it has not filled yet; those rows stay, so the services fill the indexes.

Revision ID: 0007_library_meta
Revises: 0006_saved_search
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_library_meta"
down_revision = "0006_saved_search"
branch_labels = None
depends_on = None

LIBRARY_META = (
    "CREATE TABLE IF NOT EXISTS library_meta ("
    " key VARCHAR(100) NOT NULL, value TEXT NOT NULL, CONSTRAINT pk_library_meta PRIMARY KEY (key))"
)
BUILT_BEFORE = ("index.fulltext", "index.related")


def upgrade() -> None:
    op.execute(LIBRARY_META)
    for key in BUILT_BEFORE:
        op.execute(
            sa.text(
                "INSERT INTO library_meta (key, value) SELECT :key, '1'"
                " WHERE NOT EXISTS (SELECT 1 FROM library_meta WHERE key = :key)"
            ).bindparams(key=key)
        )


def downgrade() -> None:
    # The table stays: 0002 and 0004 keep their rows in it, and 0002's downgrade drops it.
    pass
