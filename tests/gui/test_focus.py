"""Focus that follows the work: a new story's headline takes the typing, Tab walks the fields in reading order,
the panel keys show and raise their panel, and a gated status is asked about when it is chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator.core.status import Status
from curator.domain.stories import StoryFields
from curator.gui.dialogs.status_gate import StatusGateDialog
from tests.gui.conftest import library_of, open_slug, wait_writes

BODY = "According to Reuters, the ministers met in Geneva on Tuesday.\n\nFreight rates fell by a third."
STORY = StoryFields(headline="Corridor talks", body=BODY)


def _gate_dialog(qtbot, window: Any) -> StatusGateDialog:
    found: list[StatusGateDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(StatusGateDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def test_a_new_story_takes_the_typing_in_its_headline(qtbot, make_window) -> None:
    window = make_window(stories=[STORY])
    old = open_slug(qtbot, window, "corridor-talks")
    window.list.setFocus()
    window.activateWindow()
    with qtbot.waitSignal(window.editing.opened, timeout=20_000):
        window.actions["new"].trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.fields.headline, timeout=10_000)
    qtbot.keyClicks(window.fields.headline, "Wheat prices rise")
    assert window.editing.story_id != old
    assert window.fields.headline.text() == "Wheat prices rise"
    # The list highlights the new story, not the one shown before.
    qtbot.waitUntil(lambda: window.model.row_of(window.editing.story_id) is not None, timeout=10_000)
    assert window.list.currentIndex().row() == window.model.row_of(window.editing.story_id)
    assert window.search.text() == ""


def test_tab_walks_the_fields_in_reading_order_to_the_body(qtbot, make_window) -> None:
    window = make_window(stories=[STORY])
    open_slug(qtbot, window, "corridor-talks")
    window.fields.set_details_visible(True)
    f = window.fields
    expected = [f.dek, f.byline, f.original_author, f.status, f.language, f.tags, f.outlet_name, f.outlet_url]
    expected += [f.photo, f.browse, f.photo_credit, f.photo_caption, window.editor]
    f.headline.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is f.headline)
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        seen.append(focused.parent() if focused is not None and focused.parent() is f.language else focused)
    assert [w.objectName() or type(w).__name__ for w in seen] == [w.objectName() or type(w).__name__ for w in expected]
    assert seen == expected
    assert f.toggle not in seen and window.search not in seen


def test_panel_keys_show_and_raise_and_hide_only_a_panel_in_front(qtbot, make_window) -> None:
    window = make_window()
    fc, related = window.factcheck, window.related
    fc.dock.show()
    related.dock.show()
    fc.dock.raise_()
    qtbot.waitUntil(fc.in_front)
    assert not related.in_front()
    related.toggle_action.trigger()  # behind the fact check: brought to the front, not hidden
    qtbot.waitUntil(related.in_front)
    assert not related.dock.isHidden() and not fc.in_front()
    related.toggle_action.trigger()  # in front: now it hides
    assert related.dock.isHidden()
    related.toggle_action.trigger()
    qtbot.waitUntil(related.in_front)
    fc.dock.hide()
    fc.toggle_action.trigger()
    qtbot.waitUntil(fc.in_front)
    assert fc.toggle_action.isChecked()


def test_choosing_a_gated_status_asks_at_once_and_cancel_restores_everything(qtbot, make_window) -> None:
    window = make_window(stories=[STORY])
    story_id = open_slug(qtbot, window, "corridor-talks")
    qtbot.waitUntil(lambda: window.factcheck.check is not None, timeout=20_000)
    box = window.fields.status
    box.setCurrentIndex(list(Status).index(Status.READY))  # as the user's choice does
    assert window.editing.is_dirty()
    assert story_id in window.model._modified
    dialog = _gate_dialog(qtbot, window)  # before any save
    assert len(library_of(window).revisions.history(story_id)) == 1
    dialog.reject()
    qtbot.wait(50)
    assert Status(box.currentData()) is Status.DRAFT
    assert not window.editing.is_dirty()
    # The list's unsaved mark goes with the change.
    qtbot.waitUntil(lambda: story_id not in window.model._modified)
    row = window.model.row_of(story_id)
    assert not window.model.index(row, 0).data().startswith("●")
    assert library_of(window).stories.get(story_id).status is Status.DRAFT


def test_choosing_a_gated_status_with_a_reason_saves_the_move(qtbot, make_window) -> None:
    window = make_window(stories=[STORY])
    story_id = open_slug(qtbot, window, "corridor-talks")
    window.fields.status.setCurrentIndex(list(Status).index(Status.PUBLISHED))
    dialog = _gate_dialog(qtbot, window)
    dialog.reason.setText("Agency copy, checked upstream")
    with qtbot.waitSignal(window.editing.saved, timeout=10_000):
        dialog.ok.click()
    wait_writes(qtbot, window)
    lib = library_of(window)
    assert lib.stories.get(story_id).status is Status.PUBLISHED
    assert "Agency copy, checked upstream" in lib.revisions.history(story_id)[0].note
    assert not [d for d in window.findChildren(StatusGateDialog) if d.isVisible()]
