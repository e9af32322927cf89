"""Tags: case-insensitive names; rename and merge keep every link; counts."""

from __future__ import annotations

import pytest

from curator.domain.errors import NotFoundError
from curator.domain.stories import StoryFields
from curator.services.library import Library


def _story(library: Library, headline: str, *tags: str) -> int:
    return library.stories.create(StoryFields(headline=headline, tags=tags)).story.id


def test_names_are_unique_regardless_of_case(library: Library) -> None:
    a = _story(library, "A", "Kazakhstan")
    b = _story(library, "B", "KAZAKHSTAN", "kazakhstan")
    # The name first given wins; later spellings in other cases join it.
    assert library.stories.get(b).tags == ("Kazakhstan",)
    counts = library.tags.counts()
    assert [(t.name, t.count) for t in counts] == [("Kazakhstan", 2)]
    assert library.search.page("tag:kazakhstan").items[0].id in (a, b)


def test_rename_keeps_links_and_can_merge(library: Library) -> None:
    a = _story(library, "A", "Oil")
    b = _story(library, "B", "Energy", "Oil")
    c = _story(library, "C", "Energy")
    changes = library.tags.rename("oil", "Petroleum")
    assert set(changes.updated) == {a, b}
    assert library.stories.get(a).tags == ("Petroleum",)
    # Renaming onto an existing tag merges: b had both and keeps one link.
    library.tags.rename("Petroleum", "energy")
    assert {t.name: t.count for t in library.tags.counts()} == {"energy": 3}
    for sid in (a, b, c):
        assert library.stories.get(sid).tags == ("energy",)


def test_merge_many_into_one(library: Library) -> None:
    a = _story(library, "A", "Russia", "Ukraine")
    b = _story(library, "B", "Ukraine")
    c = _story(library, "C", "Talks")
    library.tags.merge(["Russia", "Ukraine"], "War")
    assert library.stories.get(a).tags == ("War",)
    assert library.stories.get(b).tags == ("War",)
    assert library.stories.get(c).tags == ("Talks",)
    assert {t.name: t.count for t in library.tags.counts()} == {"Talks": 1, "War": 2}
    with pytest.raises(NotFoundError):
        library.tags.merge(["Nope"], "War")


def test_counts_leave_out_trashed_stories_and_delete_untags(library: Library) -> None:
    a = _story(library, "A", "x")
    _story(library, "B", "x")
    library.stories.trash([a])
    assert [(t.name, t.count) for t in library.tags.counts()] == [("x", 1)]
    library.tags.delete("X")
    assert library.tags.counts(include_empty=True) == []
    assert library.stories.get(a).tags == ()


def test_bulk_tagging_and_completion(library: Library) -> None:
    a = _story(library, "A")
    b = _story(library, "B", "Астана")
    library.tags.tag_stories([a, b], ["Астана", "Politics"])
    assert library.stories.get(a).tags == ("Politics", "Астана")
    assert library.tags.complete("аст") == ["Астана"]
    assert library.tags.complete("po") == ["Politics"]
    library.tags.untag_stories([a], ["politics"])
    assert library.stories.get(a).tags == ("Астана",)
