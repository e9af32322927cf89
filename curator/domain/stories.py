"""Frozen dataclasses the services hand out; callers never see an ORM object."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from curator.core.status import Status

TEXT_FIELDS = (
    "headline",
    "dek",
    "body",
    "byline",
    "original_author",
    "outlet_name",
    "outlet_url",
    "photo",
    "photo_credit",
    "photo_caption",
    "language",
)


@dataclass(frozen=True, kw_only=True)
class RelatedLink:
    """A related headline: another story in the library (``target_id``) or an external headline with a URL."""

    title: str = ""
    url: str = ""
    target_id: int | None = None
    # Filled in by the services when reading: who the link points to, and whether that story still exists.
    target_uuid: str | None = None
    target_slug: str | None = None
    target_trashed: bool = False

    @property
    def is_internal(self) -> bool:
        return self.target_id is not None or self.target_uuid is not None

    @property
    def is_broken(self) -> bool:
        """An internal link whose story was purged (and which has no URL to fall back on)."""
        return self.target_uuid is not None and self.target_id is None and not self.url


@dataclass(frozen=True, kw_only=True)
class StoryFields:
    """Everything an editor can change about a story."""

    headline: str = ""
    dek: str = ""
    body: str = ""
    byline: str = ""
    original_author: str = ""
    outlet_name: str = ""
    outlet_url: str = ""
    photo: str = ""
    photo_credit: str = ""
    photo_caption: str = ""
    language: str = "en"
    status: Status = Status.DRAFT
    tags: tuple[str, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    published_at: datetime | None = None
    # None keeps the slug as it is (derived from the headline until the story is published).
    slug: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> StoryFields:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, kw_only=True)
class Story(StoryFields):
    """A stored story as of one version."""

    id: int
    uuid: str
    slug: str
    version: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    word_count: int = 0

    @property
    def is_trashed(self) -> bool:
        return self.deleted_at is not None

    def fields(self) -> StoryFields:
        """The editable part, e.g. to start an edit from."""
        names = {f.name for f in dataclasses.fields(StoryFields)}
        return StoryFields(**{n: getattr(self, n) for n in names})


@dataclass(frozen=True, kw_only=True)
class StorySummary:
    """A light row for lists and search results: no body."""

    id: int
    uuid: str
    slug: str
    headline: str
    status: Status
    byline: str
    outlet_name: str
    tags: tuple[str, ...]
    word_count: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    deleted_at: datetime | None
    version: int
    # The change sequence number ("recently updated" order), so a view can place a changed row where a new
    # query would put it without running one.
    seq: int = 0


class Sort(StrEnum):
    UPDATED = "updated"
    HEADLINE = "headline"
    STATUS = "status"
    RELEVANCE = "relevance"


class Resolution(StrEnum):
    """How a conflicting save is settled (see ``curator.services.conflicts``)."""

    MINE = "mine"  # the edited text wins
    THEIRS = "theirs"  # the other version stays current
    MERGE = "merge"  # a text merged from both


class Scope(StrEnum):
    ACTIVE = "active"
    TRASH = "trash"
    ALL = "all"


@dataclass(frozen=True)
class Page:
    """One page of a listing; pass ``next_cursor`` back to get the next page (None: this was the last)."""

    items: tuple[StorySummary, ...]
    next_cursor: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class ChangeSet:
    """What a change touched, so that views update those rows instead of reloading everything."""

    created: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    deleted: tuple[int, ...] = ()
    # Whoever asked for the change (an editor widget, an import job …), so it can ignore its own echo.
    origin: object | None = None

    @property
    def ids(self) -> tuple[int, ...]:
        return self.created + self.updated + self.deleted

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass(frozen=True)
class SaveResult:
    story: Story
    changes: ChangeSet
    # The version a stale save was merged with (three ways, nothing overlapping); None for a plain save.
    merged_with: int | None = None


@dataclass(frozen=True)
class TagCount:
    name: str
    count: int


@dataclass(frozen=True)
class RevisionInfo:
    """A revision in a history list."""

    id: int
    story_id: int
    created_at: datetime
    author: str
    story_version: int
    note: str
    headline: str


@dataclass(frozen=True)
class Revision:
    """A revision with the story's fields as they were saved."""

    info: RevisionInfo
    fields: StoryFields
