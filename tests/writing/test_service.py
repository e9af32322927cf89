"""The writing service on a real library: the three word lists, reviews, and the status gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.status import Status
from curator.domain.errors import StatusGateError, ValidationError
from curator.domain.stories import StoryFields
from curator.services.library import Library
from curator.writing.dictionaries import Dictionaries
from curator.writing.settings import WritingSettings

BODY = "The goverment said the talks would resume. Министр заявил, что перговоры продолжатся."


@pytest.fixture
def lib(db_url: str, tmp_path: Path, dictionaries: Dictionaries):
    with Library.open(db_url, config_dir=tmp_path / "config", dictionaries=dictionaries) as library:
        yield library


def _story(lib: Library, body: str = BODY, **fields: object) -> int:
    defaults: dict[str, object] = {"headline": "Talks resume", "byline": "Aliya Nurlanovna", "body": body}
    defaults.update(fields)
    return lib.stories.create(StoryFields(**defaults)).story.id  # type: ignore[arg-type]


def test_review_lists_misspellings_with_suggestions_from_the_right_dictionary(lib: Library) -> None:
    story_id = _story(lib)
    _, review = lib.writing.review(story_id)
    spelling = review.misspellings
    assert [(f.text, f.lang, f.suggestions[0]) for f in spelling] == [
        ("goverment", "en", "government"),
        ("перговоры", "ru", "переговоры"),
    ]
    assert all(f.blocking for f in spelling)
    assert BODY[spelling[0].start : spelling[0].end] == "goverment"


def test_my_dictionary_is_a_file_in_the_config_folder(lib: Library, tmp_path: Path) -> None:
    story_id = _story(lib, "Zhanbyrbayev spoke.")
    assert [f.text for f in lib.writing.review(story_id)[1].misspellings] == ["Zhanbyrbayev"]
    lib.writing.add_my_word("Zhanbyrbayev")
    assert "Zhanbyrbayev" in (tmp_path / "config" / "dictionary.txt").read_text(encoding="utf-8")
    assert lib.writing.review(story_id)[1].misspellings == ()
    lib.writing.remove_my_word("Zhanbyrbayev")
    assert len(lib.writing.review(story_id)[1].misspellings) == 1
    with pytest.raises(ValidationError, match="one word"):
        lib.writing.add_my_word("two words")


def test_desk_dictionary_is_shared_by_two_sessions_on_the_library(db_url: str, dictionaries: Dictionaries,
                                                                  tmp_path: Path) -> None:
    with (
        Library.open(db_url, config_dir=tmp_path / "a", dictionaries=dictionaries) as first,
        Library.open(db_url, config_dir=tmp_path / "b", dictionaries=dictionaries) as second,
    ):
        story_id = _story(first, "Qaraghandy mines reopened.")
        assert [f.text for f in second.writing.review(story_id)[1].misspellings] == ["Qaraghandy"]
        first.writing.add_desk_word("Qaraghandy", added_by="Aliya")
        first.writing.add_desk_word("Qaraghandy")  # twice is harmless
        assert second.writing.desk_words() == ["Qaraghandy"]
        assert second.writing.review(story_id)[1].misspellings == ()
        second.writing.remove_desk_word("Qaraghandy")
        assert len(first.writing.review(story_id)[1].misspellings) == 1


def test_ignore_in_this_story_only(lib: Library) -> None:
    one = _story(lib, "Shymbulak opened early.")
    two = _story(lib, "Shymbulak closed late.", headline="Other")
    lib.writing.ignore_in_story(one, "Shymbulak")
    assert lib.writing.ignored_words(one) == ["Shymbulak"]
    assert lib.writing.review(one)[1].misspellings == ()
    assert len(lib.writing.review(two)[1].misspellings) == 1
    lib.stories.trash([one])
    lib.stories.purge([one])
    assert lib.writing.ignored_words(one) == []


def test_gate_holds_ready_on_a_misspelling_and_lets_go_after_the_fix(lib: Library) -> None:
    story_id = _story(lib, "The goverment met farmers on Tuesday.")
    with pytest.raises(StatusGateError, match="1 misspelling"):
        lib.stories.set_status([story_id], Status.READY)
    assert lib.stories.get(story_id).status is Status.DRAFT
    story = lib.stories.get(story_id)
    lib.stories.save(story_id, story.fields().replace(body="The government met farmers on Tuesday."),
                     base_version=story.version)
    lib.stories.set_status([story_id], Status.READY)
    assert lib.stories.get(story_id).status is Status.READY


def test_style_findings_do_not_hold_ready_but_required_fields_hold_published(lib: Library) -> None:
    story_id = _story(lib, "Farmers met in order to talk.  It went well.", byline="")
    lib.stories.set_status([story_id], Status.READY)
    with pytest.raises(StatusGateError, match="no byline"):
        lib.stories.set_status([story_id], Status.PUBLISHED)


def test_gate_categories_come_from_settings(db_url: str, dictionaries: Dictionaries) -> None:
    settings = WritingSettings.from_mapping({"gate": {"ready": ["style"]}})
    with Library.open(db_url, writing_settings=settings, dictionaries=dictionaries) as lib:
        story_id = _story(lib, "The goverment  said so.")
        with pytest.raises(StatusGateError, match="1 style finding"):
            lib.stories.set_status([story_id], Status.READY)


def test_gate_reads_the_text_being_saved_not_the_stored_one(lib: Library) -> None:
    story_id = _story(lib, "The goverment met farmers.")
    story = lib.stories.get(story_id)
    fixed = story.fields().replace(body="The government met farmers.", status=Status.READY)
    lib.stories.save(story_id, fixed, base_version=story.version)
    assert lib.stories.get(story_id).status is Status.READY
    story = lib.stories.get(story_id)
    with pytest.raises(StatusGateError, match="1 misspelling"):
        lib.stories.save(story_id, story.fields().replace(body="The goverment met farmers.", status=Status.PUBLISHED),
                         base_version=story.version)
