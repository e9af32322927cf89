"""Settling a save that conflicted with a change made elsewhere: the policy, in one place, for every face.

Whatever is chosen, both texts stay in the story's revision history: nothing typed is ever lost to a conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.domain.errors import ConflictError
from curator.domain.stories import ChangeSet, Resolution, SaveResult, StoryFields

if TYPE_CHECKING:
    from curator.services.stories import StoryService


def resolve_conflict(
    stories: StoryService,
    conflict: ConflictError,
    choice: Resolution,
    *,
    merged_body: str | None = None,
    author: str = "",
    origin: object | None = None,
) -> SaveResult:
    """``MINE`` saves the edited text over the other version; ``THEIRS`` records the edited text as a revision and
    then makes the other version current again; ``MERGE`` records the edited text and then saves ``merged_body``
    (the hand-merged text). A further change made meanwhile raises :class:`ConflictError` again."""
    mine, theirs = conflict.mine, conflict.theirs
    story_id = theirs.id

    def save(fields: StoryFields, base: int, note: str) -> SaveResult:
        return stories.save(story_id, fields, base_version=base, author=author, note=note, origin=origin)

    if choice is Resolution.MINE:
        return save(mine, theirs.version, "Saved over a version changed elsewhere (kept in the history)")
    first = save(mine, theirs.version, "Your version, set aside after a conflicting change")
    if choice is Resolution.THEIRS:
        final = save(theirs.fields().replace(slug=None), first.story.version, "Kept the other version")
    else:
        if merged_body is None:
            raise ValueError("a merge needs the merged text")
        final = save(mine.replace(body=merged_body), first.story.version, "Merged by hand after a conflicting change")
    return SaveResult(final.story, ChangeSet(updated=(story_id,), origin=origin))
