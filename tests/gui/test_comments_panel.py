"""The Comments panel: a thread started on the selection, replies, resolve, and the passage selected on click."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from curator.domain.stories import StoryFields
from tests.gui.conftest import library_of, open_slug

STORIES = [
    StoryFields(headline="Grain talks", body="The grain talks resumed in Astana. Both sides called them useful.")
]


def test_a_thread_on_the_selection_with_a_reply_and_resolve(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    window = make_window(stories=STORIES)
    story_id = open_slug(qtbot, window, "grain-talks")
    text = window.editor.text()
    cursor = window.editor.textCursor()
    start = text.index("called them useful")
    cursor.setPosition(start)
    cursor.setPosition(start + len("called them useful"), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    answers = iter([("Who said so? Needs a name.", True), ("The ministry, on the record.", True)])
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: next(answers))
    panel = window.comments.panel
    window.comments.add_action.trigger()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1, timeout=10_000)
    (thread,) = library_of(window).desk.comments.threads(story_id)
    assert thread.anchor is not None and thread.anchor.exact == "called them useful"
    assert "Who said so?" in panel.tree.topLevelItem(0).text(0)

    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.reply.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).childCount() == 1, timeout=10_000)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.resolve.click()
    qtbot.waitUntil(lambda: "0 open, 1 resolved" in panel.summary.text(), timeout=10_000)

    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.comments.select_passage(library_of(window).desk.comments.threads(story_id)[0])
    assert window.editor.textCursor().selectedText() == "called them useful"
