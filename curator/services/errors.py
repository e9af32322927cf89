"""Errors the services raise; each message is written for the user."""

from __future__ import annotations

from curator.core.errors import CuratorError
from curator.services.dto import Story, StoryFields


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

    def __init__(self, mine: StoryFields, theirs: Story, base_version: int) -> None:
        super().__init__(
            f"“{theirs.headline or theirs.slug}” was changed elsewhere (now version {theirs.version}, "
            f"you edited version {base_version}); nothing was overwritten"
        )
        self.mine = mine
        self.theirs = theirs
        self.base_version = base_version


class BusyError(CuratorError):
    """The database stayed locked by another program for too long."""
