"""Saved searches in the app: saved from the search field's menu, listed in the sidebar with live counts,
filtering the list, renamed, reordered and deleted from the sidebar's menu."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from curator.core.status import Status
from curator.domain.stories import StoryFields
from curator.gui.saved_searches import SaveSearchDialog
from tests.gui.conftest import library_of, wait_writes

STORIES = [
    StoryFields(headline="Grain exports rise", tags=("Kazakhstan",), status=Status.FACT_CHECK),
    StoryFields(headline="Wheat trains wait", tags=("Kazakhstan",)),
    StoryFields(headline="Drone strike on terminal", tags=("Energy",), status=Status.FACT_CHECK),
]


def saved_rows(window) -> list[str]:
    return [item.text(0) for item in window.sidebar.saved_items]


def test_a_search_saved_from_the_field_menu_shows_in_the_sidebar_with_a_live_count(
    qtbot, make_window, monkeypatch
) -> None:
    window = make_window(stories=STORIES)
    assert window.sidebar.saved_group.isHidden()  # nothing saved yet
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.search.setText("tag:kazakhstan status:fact-check")
    menu = window.search.search_menu()
    assert menu.actions()[-1] is window.search.save_action and window.search.save_action.isEnabled()

    def answer(dialog: SaveSearchDialog) -> int:
        dialog.name.setText("KZ, to check")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SaveSearchDialog, "exec", answer)
    window.search.save_action.trigger()
    qtbot.waitUntil(lambda: saved_rows(window) == ["KZ, to check  (1)"], timeout=10_000)
    assert not window.sidebar.saved_group.isHidden()
    stored = library_of(window).saved_searches.get("kz, to check")
    assert stored.query == "tag:kazakhstan status:fact-check" and not stored.personal

    # Choosing it filters the list; the count follows changes made in the app.
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.search.clear()
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.sidebar.setCurrentItem(window.sidebar.saved_items[0])
    assert [window.model.summary(r).headline for r in range(window.model.rowCount())] == ["Grain exports rise"]
    wheat = library_of(window).search.page('"Wheat trains"', limit=1).items[0]
    window.bridge.write(lambda lib: lib.stories.set_status([wheat.id], Status.FACT_CHECK))
    qtbot.waitUntil(lambda: saved_rows(window) == ["KZ, to check  (2)"], timeout=10_000)


def test_saved_searches_are_renamed_reordered_and_deleted_from_the_sidebar(qtbot, make_window, monkeypatch) -> None:
    window = make_window(stories=STORIES)
    saved = library_of(window).saved_searches
    saved.save("Energy", "tag:energy")
    saved.save("To check", "status:fact-check")
    window.saved_searches.refresh()
    qtbot.waitUntil(lambda: saved_rows(window) == ["Energy  (1)", "To check  (2)"], timeout=10_000)
    assert "tag:energy" in window.sidebar.saved_items[0].toolTip(0)

    window.sidebar.move_saved.emit("To check", 0)
    qtbot.waitUntil(lambda: saved_rows(window) == ["To check  (2)", "Energy  (1)"], timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Checks", True))
    window.sidebar.rename_saved.emit("To check")
    qtbot.waitUntil(lambda: saved_rows(window) == ["Checks  (2)", "Energy  (1)"], timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.sidebar.delete_saved.emit("Energy")
    qtbot.waitUntil(lambda: saved_rows(window) == ["Checks  (2)"], timeout=10_000)
    wait_writes(qtbot, window)
    assert [s.name for s in saved.list()] == ["Checks"]
