"""Fact-checking: sources (with offline snapshots), detected findings, claims and their evidence.

Revision ID: 0003_factcheck
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_factcheck"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "factcheck_state",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("detector_version", sa.Integer(), nullable=False),
        sa.Column("analysed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_factcheck_state_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_factcheck_state")),
    )
    op.create_table(
        "factcheck_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("checked_by", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("detected", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_factcheck_source_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factcheck_source")),
        sa.UniqueConstraint("story_id", "key", name="uq_factcheck_source_story_id_key"),
    )
    op.create_table(
        "factcheck_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(), nullable=True),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["factcheck_source.id"],
            name=op.f("fk_factcheck_snapshot_source_id_factcheck_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factcheck_snapshot")),
        sa.UniqueConstraint("source_id", name=op.f("uq_factcheck_snapshot_source_id")),
    )
    op.create_table(
        "factcheck_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("pattern", sa.String(length=40), nullable=False),
        sa.Column("exact", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("anchor_start", sa.Integer(), nullable=False),
        sa.Column("anchor_end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("checked_by", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["factcheck_source.id"],
            name=op.f("fk_factcheck_finding_source_id_factcheck_source"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_factcheck_finding_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factcheck_finding")),
    )
    op.create_index("ix_factcheck_finding_story_id_anchor_start", "factcheck_finding", ["story_id", "anchor_start"])
    op.create_index("ix_factcheck_finding_source_id", "factcheck_finding", ["source_id"])
    op.create_table(
        "factcheck_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("exact", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("anchor_start", sa.Integer(), nullable=False),
        sa.Column("anchor_end", sa.Integer(), nullable=False),
        sa.Column("orphaned", sa.Boolean(), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewed_text", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("checked_by", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_factcheck_claim_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factcheck_claim")),
    )
    op.create_index("ix_factcheck_claim_story_id_anchor_start", "factcheck_claim", ["story_id", "anchor_start"])
    op.create_table(
        "factcheck_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["factcheck_claim.id"],
            name=op.f("fk_factcheck_evidence_claim_id_factcheck_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["factcheck_source.id"],
            name=op.f("fk_factcheck_evidence_source_id_factcheck_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factcheck_evidence")),
        sa.UniqueConstraint("claim_id", "source_id", name="uq_factcheck_evidence_claim_id_source_id"),
    )
    op.create_index("ix_factcheck_evidence_source_id", "factcheck_evidence", ["source_id"])


def downgrade() -> None:
    op.drop_table("factcheck_evidence")
    op.drop_table("factcheck_claim")
    op.drop_table("factcheck_finding")
    op.drop_table("factcheck_snapshot")
    op.drop_table("factcheck_source")
    op.drop_table("factcheck_state")
