"""Related stories: term vocabulary with document frequencies, story signatures, headline keys; marked stale.

Frozen: fixed DDL only, no call into today's index code. The tables are created empty and the index marked
stale; the services fill it from the stories the first time the upgraded library is opened
(``curator.services.indexes.rebuild_stale_indexes``).

Revision ID: 0004_related
Revises: 0003_factcheck
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_related"
down_revision = "0003_factcheck"
branch_labels = None
depends_on = None

_BROKEN = "target_id IS NULL AND target_uuid IS NOT NULL"
# The same statement in 0002, 0004 and 0007: whichever runs first makes the table.
LIBRARY_META = (
    "CREATE TABLE IF NOT EXISTS library_meta ("
    " key VARCHAR(100) NOT NULL, value TEXT NOT NULL, CONSTRAINT pk_library_meta PRIMARY KEY (key))"
)
KEY = "index.related"


def upgrade() -> None:
    op.create_table(
        "related_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_related_term")),
        sa.UniqueConstraint("term", name=op.f("uq_related_term_term")),
    )
    op.create_table(
        "related_signature",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_related_signature_story_id_story"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["related_term.id"], name=op.f("fk_related_signature_term_id_related_term"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", "term_id", name=op.f("pk_related_signature")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_related_signature_term_id_weight", "related_signature", ["term_id", "weight", "story_id"])
    op.create_table(
        "related_doc",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("signed_docs", sa.Integer(), nullable=False),
        sa.Column("headline_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_related_doc_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_related_doc")),
    )
    op.create_index(op.f("ix_related_doc_signed_docs"), "related_doc", ["signed_docs"])
    op.create_index(op.f("ix_related_doc_headline_key"), "related_doc", ["headline_key"])
    op.create_table(
        "related_stats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_related_stats")),
    )
    op.create_index(
        "ix_related_link_broken",
        "related_link",
        ["story_id"],
        sqlite_where=sa.text(_BROKEN),
        postgresql_where=sa.text(_BROKEN),
    )
    op.execute(LIBRARY_META)
    op.execute(sa.text("DELETE FROM library_meta WHERE key = :key").bindparams(key=KEY))
    op.execute(sa.text("INSERT INTO library_meta (key, value) VALUES (:key, 'stale')").bindparams(key=KEY))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM library_meta WHERE key = :key").bindparams(key=KEY))
    op.drop_index("ix_related_link_broken", table_name="related_link")
    op.drop_table("related_stats")
    op.drop_table("related_doc")
    op.drop_table("related_signature")
    op.drop_table("related_term")
