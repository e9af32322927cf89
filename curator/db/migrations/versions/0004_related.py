"""Related stories: term vocabulary with document frequencies, story signatures, headline keys; filled in.

Revision ID: 0004_related
Revises: 0003_factcheck
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

from curator.related.index import RelatedIndex

revision = "0004_related"
down_revision = "0003_factcheck"
branch_labels = None
depends_on = None

_BROKEN = "target_id IS NULL AND target_uuid IS NOT NULL"


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
    bind = op.get_bind()
    RelatedIndex(bind.dialect.name).rebuild(bind)


def downgrade() -> None:
    op.drop_index("ix_related_link_broken", table_name="related_link")
    op.drop_table("related_stats")
    op.drop_table("related_doc")
    op.drop_table("related_signature")
    op.drop_table("related_term")
