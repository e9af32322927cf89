"""Errors the services raise; each message is written for the user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curator.core.errors import CuratorError
from curator.core.status import Status
from curator.domain.stories import Story, StoryFields

if TYPE_CHECKING:
    from curator.domain.desk import Overlap


class NotFoundError(CuratorError):
    pass


class ValidationError(CuratorError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class ConflictError(CuratorError):
    """A save was made on top of a version that is no longer current. Nothing was written.

    ``mine`` holds the text that was being saved, ``theirs`` the story as it now stands, so that neither is lost.
    """

    def __init__(self, mine: StoryFields, theirs: Story, base_version: int, overlaps: Sequence[Overlap] = ()) -> None:
        super().__init__(
            f"“{theirs.headline or theirs.slug}” was changed elsewhere (now version {theirs.version}, "
            f"you edited version {base_version}); nothing was overwritten"
        )
        self.mine = mine
        self.theirs = theirs
        self.base_version = base_version
        # The passages both sides changed (empty when the version both started from is unknown).
        self.overlaps = tuple(overlaps)


class StorageError(CuratorError):
    """The database could not do what was asked, for a reason outside Curator (the environment, not a bug).

    ``retryable`` says whether the same call may succeed if simply tried again a moment later. Nothing was written.
    """

    retryable = False


class BusyError(StorageError):
    """The database stayed locked by another program for too long."""

    retryable = True


class WriteConflictError(StorageError):
    """Another writer changed the same rows at the same moment (serialization failure, deadlock, a unique name
    taken concurrently)."""

    retryable = True


class ReadOnlyLibraryError(StorageError):
    """The library can be read but not written: a read-only file, folder or database, or no write permission."""


class StorageFullError(StorageError):
    """The disk or the database is full."""


class ConnectionLostError(StorageError):
    """The connection to the database server was lost or refused."""

    retryable = True


class DamagedLibraryError(StorageError):
    """The database file is damaged (malformed pages, not a database)."""


@dataclass(frozen=True)
class GateBlock:
    """One story held back from a status, and why."""

    story_id: int
    headline: str
    status: Status
    problems: tuple[str, ...]


class StatusGateError(CuratorError):
    """Stories cannot move to Ready or Published while checks are open. Nothing was written.

    The same call with an ``override_reason`` moves them anyway and records the reason in their history.
    """

    def __init__(self, blocks: Sequence[GateBlock]) -> None:
        first = blocks[0]
        message = (
            f"“{first.headline or 'Untitled story'}” cannot move to {first.status.label}: {', '.join(first.problems)}"
        )
        if len(blocks) > 1:
            message += f" ({len(blocks) - 1} more of the stories are held back too)"
        super().__init__(message + "; resolve them, or give a reason to override the check")
        self.blocks = tuple(blocks)
