"""The desk: people and roles, the feed of changes, presence, assignments and comments.

Revision ID: 0005_desk
Revises: 0004_related
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_desk"
down_revision = "0004_related"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("initials", sa.String(length=8), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("login", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("key", name=op.f("uq_person_key")),
    )
    op.create_table(
        "change_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("story_ids", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_event")),
    )
    op.create_table(
        "presence",
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_presence_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("client", name=op.f("pk_presence")),
    )
    op.create_index("ix_presence_story_id", "presence", ["story_id"])
    op.create_table(
        "assignment",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("person_key", sa.String(length=200), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("assigned_by", sa.Text(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_assignment_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", "role", name=op.f("pk_assignment")),
    )
    op.create_index("ix_assignment_person_key", "assignment", ["person_key"])
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("anchor", sa.JSON(), nullable=True),
        sa.Column("orphaned", sa.Boolean(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_comment_story_id_story"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["comment.id"], name=op.f("fk_comment_parent_id_comment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
    )
    op.create_index("ix_comment_story_id", "comment", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_comment_story_id", table_name="comment")
    op.drop_table("comment")
    op.drop_index("ix_assignment_person_key", table_name="assignment")
    op.drop_table("assignment")
    op.drop_index("ix_presence_story_id", table_name="presence")
    op.drop_table("presence")
    op.drop_table("change_event")
    op.drop_table("person")
