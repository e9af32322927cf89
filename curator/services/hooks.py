"""Hooks that let other services keep derived data in step with stories, inside the same transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from curator.core.status import Status
from curator.domain.desk import Right
from curator.domain.stories import StoryFields

# Moving a story into one of these asks the status gates first.
GATED_STATUSES = frozenset({Status.READY, Status.PUBLISHED})


@dataclass(frozen=True)
class WrittenStory:
    """A story just created or saved: its id and the fields as stored (and, for a save, as they were before)."""

    id: int
    fields: StoryFields
    created: bool
    previous: StoryFields | None = None
    # The writer (a bulk import) lets hooks leave derived data that can be worked out on demand for later.
    deferrable: bool = False
    # The story's related-story terms when the writer had them worked out already (an import's worker).
    terms: Mapping[str, int] | None = None


class StoryHook(Protocol):
    """Called by the story service inside its write transaction; raising aborts the whole write."""

    def stories_written(self, session: Session, stories: Sequence[WrittenStory]) -> None: ...

    def stories_purged(self, session: Session, story_ids: Sequence[int]) -> None: ...


class StatusGate(Protocol):
    """Asked, inside the write transaction and after the hooks, whether a story may move to a gated status."""

    def status_blockers(self, session: Session, story_id: int, status: Status) -> Sequence[str]:
        """What still holds the story back, one short phrase each ("2 unverified attributions"); empty if nothing."""
        ...


class DeskHook(Protocol):
    """The desk, as the story service sees it: who acts, what they may do, and the feed that announces changes."""

    @property
    def actor(self) -> str:
        """Who is acting (their desk name), as revisions and the change feed record it."""
        ...

    def require(self, session: Session, right: Right) -> None:
        """Raise (nothing written) unless the acting person may exercise ``right``."""
        ...

    def record(self, session: Session, kind: str, story_ids: Sequence[int], summary: str) -> None:
        """Announce a change, inside the writer's transaction."""
        ...
