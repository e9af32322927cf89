"""Story library: stories, tags, related links and revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("dek", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_rank", sa.SmallInteger(), nullable=False),
        sa.Column("byline", sa.Text(), nullable=False),
        sa.Column("original_author", sa.Text(), nullable=False),
        sa.Column("outlet_name", sa.Text(), nullable=False),
        sa.Column("outlet_url", sa.Text(), nullable=False),
        sa.Column("photo", sa.Text(), nullable=False),
        sa.Column("photo_credit", sa.Text(), nullable=False),
        sa.Column("photo_caption", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("sort_key", sa.String(length=200), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("render_key", sa.String(length=64), nullable=True),
        # Long text last, so that list queries never read the body's overflow pages.
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story")),
        sa.UniqueConstraint("seq", name=op.f("uq_story_seq")),
        sa.UniqueConstraint("slug", name=op.f("uq_story_slug")),
        sa.UniqueConstraint("uuid", name=op.f("uq_story_uuid")),
    )
    op.create_index(op.f("ix_story_deleted_at"), "story", ["deleted_at"])
    op.create_index("ix_story_sort_key_id", "story", ["sort_key", "id"])
    op.create_index("ix_story_status_rank_seq", "story", ["status_rank", sa.text("seq DESC")])
    if op.get_bind().dialect.name == "postgresql":
        # Change sequence numbers for story.seq; SQLite takes max(seq)+1 under its write lock instead.
        op.execute("CREATE SEQUENCE story_change_seq")

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("key", name=op.f("uq_tag_key")),
    )
    op.create_table(
        "story_tag",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_story_tag_story_id_story"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["tag_id"], ["tag.id"], name=op.f("fk_story_tag_tag_id_tag"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", "tag_id", name=op.f("pk_story_tag")),
    )
    op.create_index("ix_story_tag_tag_id_story_id", "story_tag", ["tag_id", "story_id"])

    op.create_table(
        "related_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_uuid", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_related_link_story_id_story"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["story.id"], name=op.f("fk_related_link_target_id_story"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_related_link")),
    )
    op.create_index("ix_related_link_story_id_position", "related_link", ["story_id", "position"])
    op.create_index("ix_related_link_target_id", "related_link", ["target_id"])

    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("story_version", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_revision_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
    )
    op.create_index("ix_revision_story_id_id", "revision", ["story_id", "id"])


def downgrade() -> None:
    op.drop_table("revision")
    op.drop_table("related_link")
    op.drop_table("story_tag")
    op.drop_table("tag")
    op.drop_table("story")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS story_change_seq")
