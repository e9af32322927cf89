"""Never losing text: drafts across story switches, crash recovery, conflicting saves, revision restore, closing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from curator.domain.stories import StoryFields
from curator.gui.dialogs.conflict import ConflictDialog
from curator.gui.dialogs.history import HistoryDialog
from curator.gui.dialogs.recovery import RecoveryDialog
from tests.gui.conftest import library_of, open_slug, wait_writes

TWO_STORIES = [
    StoryFields(headline="Grain talks", body="The grain talks resumed in Astana."),
    StoryFields(headline="Pipeline repairs", body="Repairs on the pipeline began on Monday."),
]


def append(window: Any, text: str) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText(text)


def save(qtbot, window: Any) -> None:
    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        window.actions["save"].trigger()


def test_switching_stories_keeps_unsaved_text(qtbot, make_window) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    append(window, " Officials said a deal was close — переговоры продолжатся.")
    assert window.editing.is_dirty()
    open_slug(qtbot, window, "pipeline-repairs")
    assert "Repairs on the pipeline" in window.editor.text()
    assert grain in window.editing.unsaved_ids()
    row = window.model.row_of(grain)
    assert window.model.index(row, 0).data().startswith("● ")  # marked unsaved in the list
    open_slug(qtbot, window, "grain-talks")
    assert window.editor.text().endswith("переговоры продолжатся.")
    assert window.editing.is_dirty()
    # Nothing was written to the library behind the user's back…
    assert library_of(window).stories.get(grain).body == "The grain talks resumed in Astana."
    # …until they save.
    save(qtbot, window)
    assert library_of(window).stories.get(grain).body.endswith("переговоры продолжатся.")
    assert not window.editing.is_dirty() and not window.editing.unsaved_ids()


def test_a_crash_offers_the_autosaved_text_back(qtbot, make_window) -> None:
    first = make_window(stories=TWO_STORIES, autosave_ms=100)
    grain = open_slug(qtbot, first, "grain-talks")
    append(first, " Text typed just before the power cut.")
    qtbot.waitUntil(lambda: grain in first.editing.drafts(), timeout=5_000)
    first.editing.flush()  # what the idle timer wrote is on disk
    # The process dies: no close, no save, no clean-up. A new window starts on the same library.
    first.editing._autosave.stop()
    first.hide()

    second = make_window(autosave_ms=100)
    dialog = None

    def find_dialog() -> bool:
        nonlocal dialog
        dialog = second.findChild(RecoveryDialog)
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(find_dialog, timeout=10_000)
    assert "Grain talks" in dialog.list.item(0).text()
    with qtbot.waitSignal(second.editing.opened, timeout=20_000, check_params_cb=lambda s: s.id == grain):
        dialog.restore_button.click()
    assert second.editor.text().endswith("Text typed just before the power cut.")
    assert second.editing.is_dirty()
    assert "Recovered" in second.editing.state_text()
    save(qtbot, second)
    assert library_of(second).stories.get(grain).body.endswith("just before the power cut.")
    assert second.ctx.recovery.orphans() == []


def test_a_conflicting_save_opens_the_dialog_and_keeps_both_texts(qtbot, make_window) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    lib = library_of(window)
    # Someone at another desk saves the same story meanwhile.
    theirs = lib.stories.get(grain)
    lib.stories.save(grain, theirs.fields().replace(body="Their rewrite of the grain story."), base_version=1)
    append(window, " My addition.")
    with qtbot.waitSignal(window.editing.conflict, timeout=20_000):
        window.actions["save"].trigger()
    dialog = window.findChild(ConflictDialog)
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5_000)
    assert dialog.mine_view.toPlainText().endswith("My addition.")
    assert dialog.theirs_view.toPlainText() == "Their rewrite of the grain story."
    assert "Their rewrite" in dialog.diff.toPlainText() and "My addition" in dialog.diff.toPlainText()
    assert lib.stories.get(grain).body == "Their rewrite of the grain story."  # nothing overwritten yet

    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        dialog.keep_theirs.click()
    assert lib.stories.get(grain).body == "Their rewrite of the grain story."
    assert window.editor.text() == "Their rewrite of the grain story."
    assert not window.editing.is_dirty()
    bodies = [lib.revisions.get(r.id).fields.body for r in lib.revisions.history(grain)]
    assert any(b.endswith("My addition.") for b in bodies)  # mine is in the history
    window.editor.undo()  # and one undo away in the editor
    assert window.editor.text().endswith("My addition.")


def test_merging_a_conflict_by_hand(qtbot, make_window) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    lib = library_of(window)
    lib.stories.save(grain, lib.stories.get(grain).fields().replace(body="Theirs."), base_version=1)
    append(window, " Mine.")
    with qtbot.waitSignal(window.editing.conflict, timeout=20_000):
        window.editing.save()
    dialog = window.findChild(ConflictDialog)
    dialog.tabs.setCurrentWidget(dialog.merge_edit)
    merged = dialog.merge_edit.toPlainText()
    assert "Theirs." in merged and "Mine." in merged and "<<<<<<<" in merged
    dialog.merge_edit.setPlainText("Theirs. And mine, merged.")
    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        dialog.merge.click()
    assert lib.stories.get(grain).body == "Theirs. And mine, merged."
    bodies = [lib.revisions.get(r.id).fields.body for r in lib.revisions.history(grain)]
    assert "Theirs." in bodies and any(b.endswith("Mine.") for b in bodies)


def test_restoring_a_revision(qtbot, make_window) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    append(window, " Second draft.")
    save(qtbot, window)
    append(window, " Unsaved third thought.")
    dialog: HistoryDialog = window.show_history()
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=10_000)
    dialog.list.setCurrentRow(1)  # the first revision
    qtbot.waitUntil(lambda: "Second draft" in dialog.diff.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        dialog.restore.click()
    lib = library_of(window)
    assert lib.stories.get(grain).body == "The grain talks resumed in Astana."
    assert window.editor.text() == "The grain talks resumed in Astana."
    assert not window.editing.is_dirty()
    bodies = [lib.revisions.get(r.id).fields.body for r in lib.revisions.history(grain)]
    assert any(b.endswith("Unsaved third thought.") for b in bodies)  # the unsaved text went into history


def test_closing_with_unsaved_changes_asks_and_can_save(qtbot, make_window, monkeypatch) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    append(window, " Closing thought.")
    asked: list[list[str]] = []

    def cancel(headlines: list[str]) -> QMessageBox.StandardButton:
        asked.append(list(headlines))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(window, "ask_unsaved", cancel)
    assert not window.close()
    # The prompt names the story, not just how many there are.
    assert asked == [[window.fields.headline.text()]] and window.isVisible() and window.editing.is_dirty()

    monkeypatch.setattr(window, "ask_unsaved", lambda _n: QMessageBox.StandardButton.Save)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    wait_writes(qtbot, window)
    assert library_of(window).stories.get(grain).body.endswith("Closing thought.")
    assert window.ctx.recovery.mine() == []


def test_saving_with_a_database_error_keeps_the_text(qtbot, make_window) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    append(window, " Kept.")
    messages: list[str] = []
    window.editing.failed.disconnect()
    window.editing.failed.connect(messages.append)
    lib = library_of(window)  # the story vanishes under the editor

    lib.stories.trash([grain])
    lib.stories.purge([grain])
    window.editing.save()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "Not saved" in messages[0]
    assert window.editor.text().endswith("Kept.") and window.editing.is_dirty()


def test_edits_that_do_not_overlap_merge_with_no_dialog(qtbot, make_window) -> None:
    window = make_window(stories=TWO_STORIES)
    grain = open_slug(qtbot, window, "grain-talks")
    lib = library_of(window)
    # Someone at another desk changes the headline and adds a paragraph at the top meanwhile.
    theirs = lib.stories.get(grain)
    lib.stories.save(
        grain,
        theirs.fields().replace(headline="Grain talks resume", body="From our desk.\n\n" + theirs.body),
        base_version=1,
        author="Aliya",
    )
    append(window, "\n\nA second paragraph of mine.")
    with qtbot.waitSignal(window.editing.saved, timeout=20_000):
        window.editing.save()
    assert window.findChild(ConflictDialog) is None
    stored = lib.stories.get(grain)
    assert stored.headline == "Grain talks resume"
    assert stored.body == "From our desk.\n\nThe grain talks resumed in Astana.\n\nA second paragraph of mine."
    assert window.editor.text() == stored.body  # the editor shows the merged text
    assert not window.editing.is_dirty()
    assert "merged with version 2" in lib.revisions.history(grain)[0].note
