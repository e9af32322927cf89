"""ORM models of the story library. Only the services touch them; everyone else gets dataclasses."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from curator.db.base import Base, UTCDateTime, utcnow

story_tag = Table(
    "story_tag",
    Base.metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_story_tag_tag_id_story_id", "tag_id", "story_id"),
)


class Story(Base):
    __tablename__ = "story"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    dek: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Workflow position of ``status``, so that sorting by status is an indexed query.
    status_rank: Mapped[int] = mapped_column(SmallInteger, default=0)
    byline: Mapped[str] = mapped_column(Text, default="")
    original_author: Mapped[str] = mapped_column(Text, default="")
    outlet_name: Mapped[str] = mapped_column(Text, default="")
    outlet_url: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[str] = mapped_column(Text, default="")
    photo_credit: Mapped[str] = mapped_column(Text, default="")
    photo_caption: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    # Fields an importer found but Curator has no column for (front matter keys); kept for export.
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Change sequence: a new, larger number on every change. "Recently updated" order is ``seq DESC``,
    # and the full-text index uses it as its rowid so that recency-ordered searches stop early.
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    sort_key: Mapped[str] = mapped_column(String(200), default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    # Sanitised HTML of the body as saved, and the renderer that made it: exports reuse it.
    body_html: Mapped[str | None] = mapped_column(Text, default=None)
    render_key: Mapped[str | None] = mapped_column(String(64), default=None)

    tags: Mapped[list[Tag]] = relationship(secondary=story_tag, back_populates="stories", lazy="selectin")
    related: Mapped[list[RelatedLink]] = relationship(
        back_populates="story",
        foreign_keys="RelatedLink.story_id",
        order_by="RelatedLink.position",
        cascade="all, delete-orphan",
        lazy="selectin",
        passive_deletes=True,
    )

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}
    __table_args__ = (Index("ix_story_sort_key_id", "sort_key", "id"),)


# Status order, newest first within a status: the order the list shows when sorted by status.
Index("ix_story_status_rank_seq", Story.status_rank, Story.seq.desc())


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # Case-folded name: tags are unique regardless of case ("Kazakhstan" is "kazakhstan").
    key: Mapped[str] = mapped_column(String(100), unique=True)

    stories: Mapped[list[Story]] = relationship(secondary=story_tag, back_populates="tags", lazy="raise")


class RelatedLink(Base):
    __tablename__ = "related_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    # An internal link; NULL for an external headline, or once the linked story has been purged.
    target_id: Mapped[int | None] = mapped_column(ForeignKey("story.id", ondelete="SET NULL"), default=None)
    # Remembered so that a link whose story was purged still says which story it pointed to.
    target_uuid: Mapped[str | None] = mapped_column(String(36), default=None)

    story: Mapped[Story] = relationship(back_populates="related", foreign_keys=[story_id])

    __table_args__ = (
        Index("ix_related_link_story_id_position", "story_id", "position"),
        Index("ix_related_link_target_id", "target_id"),
        # Broken links (their story was purged) are few; this keeps listing them from reading every link.
        Index(
            "ix_related_link_broken",
            "story_id",
            sqlite_where=text("target_id IS NULL AND target_uuid IS NOT NULL"),
            postgresql_where=text("target_id IS NULL AND target_uuid IS NOT NULL"),
        ),
    )


class Revision(Base):
    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author: Mapped[str] = mapped_column(Text, default="")
    story_version: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    # Every text field of the story as saved (headline, body, tags, related links …), as JSON.
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_revision_story_id_id", "story_id", "id"),)


# ------------------------------------------------------------------------------------------------ related stories
# Derived data, kept in step with the stories by curator.services.related and rebuilt from them at will.


class RelatedTerm(Base):
    """A term of the related-stories vocabulary, with the number of stories whose text holds it."""

    __tablename__ = "related_term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(64), unique=True)
    df: Mapped[int] = mapped_column(Integer, default=0)


class RelatedSignature(Base):
    """One of a story's most distinctive terms and its weight (an integer out of 10,000, unit-length vector)."""

    __tablename__ = "related_signature"

    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("related_term.id", ondelete="CASCADE"), primary_key=True)
    weight: Mapped[int] = mapped_column(SmallInteger)

    # The posting lists: the stories that have a term, heaviest first, read from the index alone.
    __table_args__ = (
        Index("ix_related_signature_term_id_weight", "term_id", "weight", "story_id"),
        {"sqlite_with_rowid": False},
    )


class RelatedDoc(Base):
    """Per story: the library size its signature was computed at, and its headline normalised for matching."""

    __tablename__ = "related_doc"

    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), primary_key=True)
    signed_docs: Mapped[int] = mapped_column(Integer, index=True)
    headline_key: Mapped[str] = mapped_column(String(200), index=True)


class RelatedStats(Base):
    """A single row: how many stories the document frequencies in related_term count."""

    __tablename__ = "related_stats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)
