"""The desk's vocabulary: people and their roles, what each role may do, assignments, comments, presence and the
feed of changes that lets every member of a desk see the others' work as it happens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from curator.domain.factcheck import TextAnchor


class Role(StrEnum):
    REPORTER = "reporter"
    EDITOR = "editor"
    FACT_CHECKER = "fact-checker"
    PRODUCER = "producer"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()

    @classmethod
    def parse(cls, text: str) -> Role:
        key = text.strip().casefold().replace(" ", "-").replace("_", "-")
        for role in cls:
            if key in (role.value, role.value.replace("-", "")):
                return role
        raise ValueError(f"unknown role {text!r} (expected one of: {', '.join(r.value for r in cls)})")


class Right(StrEnum):
    """Things only some roles may do; everyone may draft, comment and check."""

    PUBLISH = "publish"  # move a story to Published
    PURGE = "purge"  # delete stories from the trash for good
    MANAGE_PEOPLE = "manage-people"  # change another person's role


# Defaults; a desk can widen them in settings.toml ([desk] rights = { publish = ["editor", "producer"] }).
DEFAULT_RIGHTS: dict[Right, frozenset[Role]] = {
    Right.PUBLISH: frozenset({Role.EDITOR}),
    Right.PURGE: frozenset({Role.EDITOR}),
    Right.MANAGE_PEOPLE: frozenset({Role.EDITOR}),
}


@dataclass(frozen=True)
class Person:
    id: int
    name: str  # the name everyone sees ("Aliya Nurlanova")
    initials: str
    role: Role
    login: str = ""  # the account it was first seen from, for reference only

    @property
    def key(self) -> str:
        return self.name.casefold()


class AssignmentRole(StrEnum):
    WRITER = "writer"
    EDITOR = "editor"
    CHECKER = "checker"


@dataclass(frozen=True)
class Assignment:
    story_id: int
    role: AssignmentRole
    person: str
    due_at: datetime | None
    assigned_by: str
    assigned_at: datetime


@dataclass(frozen=True)
class Comment:
    id: int
    story_id: int
    parent_id: int | None  # a reply to this comment (threads are one level deep)
    author: str
    body: str
    anchor: TextAnchor | None  # the passage it is about, for a thread's first comment
    orphaned: bool  # its passage was deleted; the comment stays
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str
    mentions: tuple[str, ...] = ()
    replies: tuple[Comment, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


@dataclass(frozen=True)
class ChangeEvent:
    """One committed change, as the feed announces it to the other members of the desk."""

    id: int
    at: datetime
    person: str
    kind: str  # "saved", "merged", "created", "status", "trashed", "restored", "purged", "comment", "assigned", …
    story_ids: tuple[int, ...]
    summary: str  # what happened, in a line ("saved “Talks end in Riyadh” (version 4)")
    client: str = ""  # the process that made it, so a client can ignore its own changes


@dataclass(frozen=True)
class Overlap:
    """A passage two people changed in different ways since the version both started from."""

    field: str
    base: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class Presence:
    person: str
    story_id: int
    since: datetime
    client: str
