"""Revisions: every explicit save keeps one, and any can be restored."""

from __future__ import annotations

from curator.domain.stories import RelatedLink, StoryFields
from curator.services.library import Library


def test_restore_an_old_revision_as_a_new_save(library: Library) -> None:
    story = library.stories.create(StoryFields(headline="One", body="first", tags=("a",))).story
    story = library.stories.save(story.id, story.fields().replace(body="second", tags=("b",)), base_version=1).story
    story = library.stories.save(story.id, story.fields().replace(body="third"), base_version=2).story
    first = library.revisions.history(story.id)[-1]
    assert first.story_version == 1
    restored = library.revisions.restore(first.id, base_version=story.version, author="ed").story
    assert restored.body == "first"
    assert restored.tags == ("a",)
    assert restored.version == 4
    history = library.revisions.history(story.id)
    assert len(history) == 4
    assert history[0].note.startswith("Restored the revision of")


def test_restore_keeps_links_to_purged_stories_as_broken(library: Library) -> None:
    target = library.stories.create(StoryFields(headline="Target")).story
    story = library.stories.create(StoryFields(headline="S", related=(RelatedLink(target_id=target.id),))).story
    story = library.stories.save(story.id, story.fields().replace(related=()), base_version=1).story
    library.stories.trash([target.id])
    library.stories.purge([target.id])
    first = library.revisions.history(story.id)[-1]
    restored = library.revisions.restore(first.id, base_version=story.version).story
    assert len(restored.related) == 1
    assert restored.related[0].is_broken
    assert restored.related[0].target_uuid == target.uuid
