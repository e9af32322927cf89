"""Searching and filtering the list, the sidebar's counts, story operations and tag management."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from curator.core.status import Status
from curator.domain.stories import StoryFields
from tests.gui.conftest import library_of, open_slug, wait_writes

STORIES = [
    StoryFields(headline="Grain exports rise", body="Wheat and grain.", tags=("Economy",), status=Status.READY),
    StoryFields(headline="Переговоры в Эр-Рияде", body="Переговоры завершились.", tags=("Diplomacy",)),
    StoryFields(headline="Drone strike on terminal", body="A drone hit the terminal.", tags=("Energy", "Economy")),
]


def visible_headlines(window) -> list[str]:
    return [window.model.summary(r).headline for r in range(window.model.rowCount())]


def search(qtbot, window, text: str) -> None:
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.search.setText(text)


def test_search_filters_the_list_as_you_type(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    assert len(visible_headlines(window)) == 4  # with the welcome story
    window.search.setFocus()
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        qtbot.keyClicks(window.search, "gra")
        qtbot.keyClicks(window.search, "in*")
    assert visible_headlines(window) == ["Grain exports rise"]
    search(qtbot, window, "заверш*")
    assert visible_headlines(window) == ["Переговоры в Эр-Рияде"]
    search(qtbot, window, "tag:economy -drone")
    assert visible_headlines(window) == ["Grain exports rise"]
    search(qtbot, window, "")
    assert len(visible_headlines(window)) == 4


def test_a_bad_query_marks_the_field_and_keeps_the_list(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    with qtbot.waitSignal(window.model.query_failed, timeout=10_000):
        window.search.setText("status:nonsense")
    assert window.search.property("invalid") is True
    assert len(visible_headlines(window)) == 4
    search(qtbot, window, "drone")
    assert window.search.property("invalid") is False


def test_sidebar_filters_and_counts(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    qtbot.waitUntil(lambda: "Economy" in window.sidebar.tag_names(), timeout=10_000)
    assert window.sidebar.tag_items["economy"].text(0) == "Economy  (2)"
    assert window.sidebar.status_items[Status.READY].text(0) == "Ready  (1)"
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.sidebar.setCurrentItem(window.sidebar.tag_items["economy"])
    assert sorted(visible_headlines(window)) == ["Drone strike on terminal", "Grain exports rise"]
    search(qtbot, window, "drone")  # the search narrows the sidebar's filter
    assert visible_headlines(window) == ["Drone strike on terminal"]
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.sidebar.setCurrentItem(window.sidebar.status_items[Status.READY])
    assert visible_headlines(window) == []
    assert window.fields.tags.completer_.model().stringList()[:1] == ["Curator"]


def test_new_duplicate_trash_and_restore(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    with qtbot.waitSignal(window.editing.opened, timeout=10_000):
        window.actions["new"].trigger()
    new_id = window.editing.story_id
    qtbot.waitUntil(lambda: window.model.row_of(new_id) == 0, timeout=10_000)
    assert window.fields.headline.text() == ""
    open_slug(qtbot, window, "grain-exports-rise")
    with qtbot.waitSignal(window.editing.opened, timeout=10_000):
        window.actions["duplicate"].trigger()
    assert window.fields.headline.text() == "Grain exports rise (copy)"
    copy_id = window.editing.story_id
    qtbot.waitUntil(lambda: window.model.row_of(copy_id) is not None, timeout=10_000)
    window.list.selectRow(window.model.row_of(copy_id))
    with qtbot.waitSignal(window.model.rowsRemoved, timeout=10_000):
        window.actions["trash"].trigger()
    assert library_of(window).stories.get(copy_id).is_trashed
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.sidebar.setCurrentItem(window.sidebar.trash_item)
    assert window.model.ids() == [copy_id]
    window.list.selectRow(0)
    with qtbot.waitSignal(window.model.rowsRemoved, timeout=10_000):
        window.actions["restore"].trigger()
    assert not library_of(window).stories.get(copy_id).is_trashed


def test_status_change_from_the_menu(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    story_id = open_slug(qtbot, window, "drone-strike-on-terminal")
    window.list.selectRow(window.model.row_of(story_id))
    with qtbot.waitSignal(window.model.dataChanged, timeout=10_000):
        window.actions.status[Status.FACT_CHECK].trigger()
    assert library_of(window).stories.get(story_id).status == Status.FACT_CHECK
    qtbot.waitUntil(lambda: window.fields.status.currentText() == "Fact-check", timeout=10_000)
    assert not window.editing.is_dirty()  # the open story reloaded with the change


def test_tag_rename_and_merge_from_the_sidebar(qtbot, make_window, monkeypatch) -> None:
    window = make_window(stories=STORIES)
    qtbot.waitUntil(lambda: "Energy" in window.sidebar.tag_names(), timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Power", True))
    window.operations.rename_tag("Energy")
    qtbot.waitUntil(lambda: "Power" in window.sidebar.tag_names(), timeout=10_000)
    assert "Energy" not in window.sidebar.tag_names()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Economy", True))
    window.operations.merge_tags(["Power", "Diplomacy"], window.sidebar.tag_names())
    qtbot.waitUntil(lambda: "Power" not in window.sidebar.tag_names(), timeout=10_000)
    wait_writes(qtbot, window)
    assert window.sidebar.tag_items["economy"].text(0) == "Economy  (3)"
    # Rows already listed show the new tags without a reload.
    search(qtbot, window, "tag:economy")
    assert len(visible_headlines(window)) == 3
