"""Writing aids: the desk dictionary and the words ignored per story.

Revision ID: 0008_writing
Revises: 0007_library_meta
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_writing"
down_revision = "0007_library_meta"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "writing_desk_word",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_desk_word")),
        sa.UniqueConstraint("word", name=op.f("uq_writing_desk_word_word")),
    )
    op.create_table(
        "writing_ignored_word",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_writing_ignored_word_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", "word", name=op.f("pk_writing_ignored_word")),
    )


def downgrade() -> None:
    op.drop_table("writing_ignored_word")
    op.drop_table("writing_desk_word")
