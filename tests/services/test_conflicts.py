"""The conflict and restore policy lives in the services: every choice keeps both texts in the story's history."""

from __future__ import annotations

import pytest

from curator.domain.errors import ConflictError
from curator.domain.stories import Resolution, StoryFields
from curator.services.library import Library


def _conflict(library: Library) -> ConflictError:
    story = library.stories.create(StoryFields(headline="Talks", body="First text.")).story
    library.stories.save(story.id, story.fields().replace(body="Their text."), base_version=story.version)
    with pytest.raises(ConflictError) as caught:
        library.stories.save(story.id, story.fields().replace(body="My text."), base_version=story.version)
    return caught.value


def _bodies(library: Library, story_id: int) -> list[str]:
    return [library.revisions.get(r.id).fields.body for r in library.revisions.history(story_id)]


@pytest.mark.parametrize(
    ("choice", "current"),
    [(Resolution.MINE, "My text."), (Resolution.THEIRS, "Their text."), (Resolution.MERGE, "Their text. My text.")],
)
def test_every_resolution_keeps_both_texts(library: Library, choice: Resolution, current: str) -> None:
    conflict = _conflict(library)
    result = library.stories.resolve_conflict(conflict, choice, merged_body="Their text. My text.", author="Dana")
    assert result.story.body == current
    assert {"My text.", "Their text."} <= set(_bodies(library, result.story.id))
    assert library.stories.get(result.story.id).body == current


def test_a_merge_without_merged_text_is_refused_before_anything_is_written(library: Library) -> None:
    conflict = _conflict(library)
    with pytest.raises(ValueError, match="merged text"):
        library.stories.resolve_conflict(conflict, Resolution.MERGE)


def test_restoring_a_revision_keeps_the_unsaved_text_in_the_history(library: Library) -> None:
    story = library.stories.create(StoryFields(headline="Talks", body="Version one.")).story
    first_revision = library.revisions.history(story.id)[-1]
    saved = library.stories.save(story.id, story.fields().replace(body="Version two."), base_version=story.version)
    unsaved = saved.story.fields().replace(body="Typed but not saved.")
    result = library.revisions.restore(first_revision.id, base_version=saved.story.version, unsaved=unsaved)
    assert result.story.body == "Version one."
    assert "Typed but not saved." in _bodies(library, story.id)
