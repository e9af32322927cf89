"""Hooks that let other services keep derived data in step with stories, inside the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from curator.services.dto import StoryFields


@dataclass(frozen=True)
class WrittenStory:
    """A story just created or saved: its id and the fields as stored (and, for a save, as they were before)."""

    id: int
    fields: StoryFields
    created: bool
    previous: StoryFields | None = None


class StoryHook(Protocol):
    """Called by the story service inside its write transaction; raising aborts the whole write."""

    def stories_written(self, session: Session, stories: Sequence[WrittenStory]) -> None: ...

    def stories_purged(self, session: Session, story_ids: Sequence[int]) -> None: ...
