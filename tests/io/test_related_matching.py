"""Import-time matching of related headlines uses the library's own headline lookup, whatever the quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.domain.stories import StoryFields
from curator.io.importer import import_paths
from curator.io.parsed import headline_key
from curator.services.library import Library

STORED = "«Трудный диалог»: США и Россия завершили переговоры — без заявления"


@pytest.mark.parametrize(
    "typed",
    [
        '"Трудный диалог": США и Россия завершили переговоры - без заявления',
        "“ТРУДНЫЙ ДИАЛОГ”: США и Россия  завершили переговоры – без заявления.",
        "Трудный диалог: США и Россия завершили переговоры без заявления",
    ],
)
def test_one_normalisation_for_import_and_lookup(library: Library, tmp_path: Path, typed: str) -> None:
    stored = library.stories.create(StoryFields(headline=STORED, body="Переговоры завершились.")).story.id
    assert headline_key(typed) == headline_key(STORED)
    assert library.related.find_stories_by_headline([typed]) == {typed: stored}

    story = tmp_path / "story.txt"
    story.write_text(f"Kazakh grain exports rise\n\nExports rose in March.\n\nLatest news\n\n- {typed}\n", "utf-8")
    assert import_paths(library, [story]).ok
    imported = library.stories.get(library.stories.resolve("kazakh-grain-exports-rise"))
    assert [link.target_id for link in imported.related] == [stored]


def test_a_different_headline_is_not_matched(library: Library, tmp_path: Path) -> None:
    library.stories.create(StoryFields(headline=STORED, body="Переговоры завершились."))
    other = "Трудный диалог: США и Россия продолжат переговоры"
    assert headline_key(other) != headline_key(STORED)
    assert library.related.find_stories_by_headline([other]) == {}
