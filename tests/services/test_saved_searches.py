"""Saved searches on a real database: shared and personal ones, names, order, counts, and what they find."""

from __future__ import annotations

import pytest

from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.stories import StoryFields
from curator.search.query import QuerySyntaxError
from curator.services.library import Library


def _stories(library: Library) -> None:
    library.stories.create(StoryFields(headline="Wheat harvest breaks records", tags=("Grain",)))
    library.stories.create(StoryFields(headline="Tenge falls again", status="fact-check"))  # type: ignore[arg-type]
    library.stories.create(StoryFields(headline="Grain trains wait at the border", tags=("grain",)))


def test_saved_searches_are_shared_or_personal_and_keep_their_order(db_url: str) -> None:
    with Library.open(db_url, actor="Aliya") as aliya, Library.open(db_url, actor="Marat") as marat:
        _stories(aliya)
        grain = aliya.saved_searches.save("Grain desk", "tag:grain")
        mine = aliya.saved_searches.save("My checks", "status:fact-check", personal=True)
        assert not grain.personal and mine.personal and mine.owner == "Aliya" and mine.label == "My checks (Aliya)"
        # Marat sees the shared search, not Aliya's own; his own personal one may reuse her name.
        assert [s.name for s in marat.saved_searches.list()] == ["Grain desk"]
        marat.saved_searches.save("My checks", "status:draft", personal=True)
        assert [s.query for s in aliya.saved_searches.list()] == ["tag:grain", "status:fact-check"]

        assert aliya.saved_searches.counts() == {grain.id: 2, mine.id: 1}
        order = aliya.saved_searches.move("my checks", 0)
        assert [s.name for s in order] == ["My checks", "Grain desk"]
        assert [s.name for s in aliya.saved_searches.list()] == ["My checks", "Grain desk"]
        renamed = aliya.saved_searches.rename("GRAIN  desk", "Grain")
        assert renamed.id == grain.id and marat.saved_searches.get("grain").query == "tag:grain"
        aliya.saved_searches.delete("grain")
        with pytest.raises(NotFoundError, match="no saved search named “grain”"):
            marat.saved_searches.get("grain")


def test_names_and_queries_are_checked_when_saved(library: Library) -> None:
    saved = library.saved_searches
    saved.save("Checked this week", "status:ready after:2025-03")
    with pytest.raises(ValidationError, match="exists already"):
        saved.save("checked  THIS week", "status:published")
    assert saved.save("Checked this week", "status:published", replace=True).query == "status:published"
    with pytest.raises(ValidationError, match="needs a name"):
        saved.save("   ", "tag:grain")
    with pytest.raises(ValidationError, match="empty query"):
        saved.save("Everything", "  ")
    with pytest.raises(QuerySyntaxError):
        saved.save("Bad date", "after:someday")
    with pytest.raises(ValidationError, match="between 1 and 1"):
        saved.move("Checked this week", 3)
    assert [s.name for s in saved.list()] == ["Checked this week"]


def test_a_personal_search_needs_someone_to_belong_to(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("curator.services.saved_searches.getpass.getuser", lambda: "desk3")
    assert library.saved_searches.save("Mine", "tag:x", personal=True).owner == "desk3"  # the login name
    monkeypatch.setattr("curator.services.saved_searches.getpass.getuser", lambda: (_ for _ in ()).throw(KeyError()))
    with pytest.raises(ValidationError, match="needs your name"):
        library.saved_searches.save("Also mine", "tag:y", personal=True)
