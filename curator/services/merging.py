"""A save made on top of an older version: merged three ways with what was saved meanwhile, when nothing overlaps.

The base is the version the editor opened, read back from the story's revisions (each save keeps one).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.db import models as m
from curator.desk.merge import merge_fields
from curator.domain.errors import ConflictError
from curator.domain.stories import Story, StoryFields
from curator.services.compare import comparable
from curator.services.convert import fields_from_json


def merge_stale_save(s: Session, current: Story, mine: StoryFields, base_version: int) -> StoryFields:
    """The fields to store for ``mine`` saved over ``base_version`` while ``current`` is stored: a clean merge,
    or :class:`ConflictError` (nothing written) carrying the passages both sides changed."""
    base_row = s.scalar(
        select(m.Revision)
        .where(m.Revision.story_id == current.id, m.Revision.story_version == base_version)
        .order_by(m.Revision.id.desc())
        .limit(1)
    )
    if base_row is None:
        raise ConflictError(mine, current, base_version)
    base = comparable(fields_from_json(base_row.data))
    result = merge_fields(base, comparable(mine), comparable(current.fields()))
    if not result.clean:
        raise ConflictError(mine, current, base_version, result.overlaps)
    return result.fields
