"""ORM models of the story library. Only the services touch them; everyone else gets dataclasses."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from curator.db.base import Base, UTCDateTime, utcnow


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements (declarative typing only promises a ``FromClause``)."""
    return cast(Table, model.__table__)


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
    render_key: Mapped[str | None] = mapped_column(String(64), default=None)
    # The big text columns come last: SQLite stores a row's columns in order and spills long values to overflow
    # pages, so list queries that read only the small columns above never touch the body's pages.
    body: Mapped[str] = mapped_column(Text, default="")
    # Sanitised HTML of the body as saved (render_key names the renderer that made it): exports reuse it.
    body_html: Mapped[str | None] = mapped_column(Text, default=None)

    tags: Mapped[list[Tag]] = relationship(secondary=story_tag, back_populates="stories", lazy="selectin")
    related: Mapped[list[RelatedLink]] = relationship(
        back_populates="story",
        foreign_keys="RelatedLink.story_id",
        order_by="RelatedLink.position",
        cascade="all, delete-orphan",
        lazy="selectin",
        passive_deletes=True,
    )

    # Declarative reads it from the class; typed as SQLAlchemy declares it (an instance attribute, not a ClassVar).
    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012
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


# ------------------------------------------------------------------------------------------- fact-checking


class FactCheckState(Base):
    """Which text of a story its findings were last worked out from, so unchanged saves skip the work."""

    __tablename__ = "factcheck_state"

    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), primary_key=True)
    body_hash: Mapped[str] = mapped_column(String(64))
    detector_version: Mapped[int] = mapped_column(Integer)
    analysed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FactCheckSource(Base):
    """A source a story relies on: an outlet, a person, a document."""

    __tablename__ = "factcheck_source"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    # Folded name: what detection matches mentions on; ``aliases`` holds other keys that mean this source.
    key: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    url: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="unverified")
    note: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Created by detection and not touched by anyone since: removed again when the text stops naming it.
    detected: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The desk chose to list it on the story's public page (its name and web address only, never its status).
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (UniqueConstraint("story_id", "key", name="uq_factcheck_source_story_id_key"),)


class FactCheckSnapshot(Base):
    """An offline copy of a source (saved page, PDF, text), in the library or as a path, with its SHA-256."""

    __tablename__ = "factcheck_snapshot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("factcheck_source.id", ondelete="CASCADE"), unique=True)
    filename: Mapped[str] = mapped_column(Text, default="")
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    retrieved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    path: Mapped[str | None] = mapped_column(Text, default=None)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class FactCheckFinding(Base):
    """An attribution or quotation detected in a story's text, and how far checking it has got."""

    __tablename__ = "factcheck_finding"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    pattern: Mapped[str] = mapped_column(String(40))
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    anchor_start: Mapped[int] = mapped_column(Integer)
    anchor_end: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("factcheck_source.id", ondelete="SET NULL"), default=None)
    speaker: Mapped[str] = mapped_column(Text, default="")
    # Identity across saves: kind, pattern, source, speaker, the words and their sentence (hashed).
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="unverified")
    note: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Added by a checker from a selection (detection missed it): kept across saves while its text is there.
    manual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        Index("ix_factcheck_finding_story_id_anchor_start", "story_id", "anchor_start"),
        Index("ix_factcheck_finding_source_id", "source_id"),
    )


class FactCheckClaim(Base):
    """A passage a checker marked as a claim: anchored by its text, judged on the verdict scale."""

    __tablename__ = "factcheck_claim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    anchor_start: Mapped[int] = mapped_column(Integer)
    anchor_end: Mapped[int] = mapped_column(Integer)
    # Its text is no longer in the story; kept (with its last anchor) until someone deals with it.
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False)
    claimant: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str | None] = mapped_column(String(60), default=None)
    note: Mapped[str] = mapped_column(Text, default="")  # the checker's private note, never published
    # Why the verdict, written for readers: published on the story page and as ClaimReview's reviewBody.
    public_rationale: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The claim's text when the verdict was given: a verdict on text edited since then needs another look.
    reviewed_text: Mapped[str | None] = mapped_column(Text, default=None)
    created_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_by: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    __table_args__ = (Index("ix_factcheck_claim_story_id_anchor_start", "story_id", "anchor_start"),)


class FactCheckEvidence(Base):
    """A source that supports or refutes a claim."""

    __tablename__ = "factcheck_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("factcheck_claim.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("factcheck_source.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("claim_id", "source_id", name="uq_factcheck_evidence_claim_id_source_id"),
        Index("ix_factcheck_evidence_source_id", "source_id"),
    )


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


# ------------------------------------------------------------------------------------------------ the desk


class Person(Base):
    """A member of the desk, as everyone on the library sees them."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # the name folded, for look-ups
    initials: Mapped[str] = mapped_column(String(8), default="")
    role: Mapped[str] = mapped_column(String(20))
    login: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChangeEvent(Base):
    """The feed of committed changes, read by the other clients of the library (and `curator watch`)."""

    __tablename__ = "change_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    person: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    story_ids: Mapped[list[int]] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text, default="")
    client: Mapped[str] = mapped_column(String(64), default="")


class Presence(Base):
    """Who has which story open for editing; advisory, kept alive by a heartbeat."""

    __tablename__ = "presence"

    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    person: Mapped[str] = mapped_column(Text)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), nullable=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_presence_story_id", "story_id"),)


class Assignment(Base):
    __tablename__ = "assignment"

    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    person: Mapped[str] = mapped_column(Text)
    person_key: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    assigned_by: Mapped[str] = mapped_column(Text, default="")
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_assignment_person_key", "person_key"),)


class Comment(Base):
    """An editorial comment on a passage of a story (internal: never exported)."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"), nullable=True)
    author: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    anchor: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False)
    mentions: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_by: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_comment_story_id", "story_id"),)


class SavedSearch(Base):
    """A query kept under a name: shared with the desk (``owner`` empty) or one person's (``owner`` their name)."""

    __tablename__ = "saved_search"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_saved_search_owner_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(200))  # the name folded, for look-ups and uniqueness
    query: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LibraryMeta(Base):
    """Facts about the library as a whole, by key: e.g. ``index.fulltext`` → the version of the full-text index
    it holds, or ``stale`` when a migration left the index to be filled (see ``curator.services.indexes``)."""

    __tablename__ = "library_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WritingDeskWord(Base):
    """A word the whole desk's spell checking accepts (the desk dictionary), shared by everyone on the library."""

    __tablename__ = "writing_desk_word"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    word: Mapped[str] = mapped_column(String(100), unique=True)
    added_by: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WritingIgnoredWord(Base):
    """A word spell checking lets pass in one story only ("Ignore in this story")."""

    __tablename__ = "writing_ignored_word"

    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), primary_key=True)
    word: Mapped[str] = mapped_column(String(100), primary_key=True)
