"""Writing aids in the window: underlines that appear and clear, suggestions that replace the word in one undo
step, the desk dictionary shared between two library sessions, the status gate on a misspelling, the Writing
panel (findings, outline, word goal), readability in the status bar, and focus mode."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor

from curator.core.status import Status
from curator.domain.stories import StoryFields
from curator.gui.dialogs.status_gate import StatusGateDialog
from curator.services.library import Library
from tests.gui.conftest import library_of, open_slug, wait_writes

BODY = (
    "## Talks\n\n"
    "The goverment said the talks in Almaty would resume.\n\n"
    "Министр заявил, что перговоры продолжатся.\n\n"
    "## Prices\n\n"
    "Prices fell by a third."
)
STORY = StoryFields(headline="Talks resume", body=BODY, byline="Aliya Nurlanovna")


def _open(qtbot, make_window, story: StoryFields = STORY) -> tuple[Any, int]:
    window = make_window(stories=[story])
    story_id = open_slug(qtbot, window, "talks-resume")
    return window, story_id


def _underlined(window: Any, word: str) -> bool:
    text = window.editor.document().toPlainText()
    start = text.find(word)
    if start < 0:
        return False
    block = window.editor.document().findBlock(start)
    offset = start - block.position()
    for r in block.layout().formats():
        spell = r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
        if spell and r.start <= offset < r.start + r.length:
            return True
    return False


def _point_at(window: Any, word: str) -> QPoint:
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(window.editor.text().index(word) + 2)
    return window.editor.cursorRect(cursor).center()


def test_underline_appears_and_clears_after_the_fix(qtbot, make_window) -> None:
    window, _ = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: _underlined(window, "goverment") and _underlined(window, "перговоры"), timeout=20_000)
    assert not _underlined(window, "Almaty") and not _underlined(window, "Prices")
    assert not window.editing.is_dirty()  # underlining is not an edit
    text = window.editor.text()
    cursor = window.editor.textCursor()
    cursor.setPosition(text.index("goverment") + len("gover"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "n")
    assert "government" in window.editor.text()
    qtbot.waitUntil(lambda: not _underlined(window, "government"), timeout=10_000)
    assert _underlined(window, "перговоры")  # the other block was not touched


def test_suggestion_replaces_the_word_in_one_undo_step(qtbot, make_window) -> None:
    window, _ = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: _underlined(window, "перговоры"), timeout=20_000)
    menu = window.editor.build_context_menu(_point_at(window, "перговоры"))
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Not in the Russian dictionary"
    assert texts[1] == "переговоры"  # the Russian dictionary's first suggestion
    assert "Add “перговоры” to My Dictionary" in texts and "Add “перговоры” to Desk Dictionary" in texts
    assert "Ignore in This Story" in texts
    next(a for a in menu.actions() if a.text() == "переговоры").trigger()
    assert "что переговоры продолжатся" in window.editor.text()
    window.editor.undo()
    assert "что перговоры продолжатся" in window.editor.text()
    window.editor.redo()
    assert "что переговоры продолжатся" in window.editor.text()
    menu.deleteLater()


def test_no_spelling_items_on_a_correct_word(qtbot, make_window) -> None:
    window, _ = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: _underlined(window, "goverment"), timeout=20_000)
    menu = window.editor.build_context_menu(_point_at(window, "Prices"))
    assert not any("Dictionary" in a.text() for a in menu.actions())
    menu.deleteLater()


def test_desk_dictionary_is_shared_with_another_library_session(qtbot, make_window, library_url: str) -> None:
    window, story_id = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: _underlined(window, "goverment"), timeout=20_000)
    menu = window.editor.build_context_menu(_point_at(window, "goverment"))
    next(a for a in menu.actions() if a.text() == "Add “goverment” to Desk Dictionary").trigger()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: not _underlined(window, "goverment"), timeout=10_000)
    assert _underlined(window, "перговоры")
    with Library.open(library_url) as other:  # another desk member's session on the same library
        assert other.writing.desk_words() == ["goverment"]
        _, review = other.writing.review(story_id)
        assert [f.text for f in review.misspellings] == ["перговоры"]
        other.writing.add_desk_word("перговоры", added_by="night desk")
    # The window sees the other session's word once it reads the word lists again (on open, save or a check).
    window.writing.load_word_lists()
    qtbot.waitUntil(lambda: not _underlined(window, "перговоры"), timeout=10_000)
    menu.deleteLater()


def test_ignore_in_this_story_and_my_dictionary(qtbot, make_window, app_paths) -> None:
    window, story_id = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: _underlined(window, "goverment"), timeout=20_000)
    window.writing.add_word("goverment", "story")
    window.writing.add_word("перговоры", "mine")
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: not _underlined(window, "goverment") and not _underlined(window, "перговоры"),
                    timeout=10_000)
    assert library_of(window).writing.ignored_words(story_id) == ["goverment"]
    assert "перговоры" in (app_paths.config_dir / "dictionary.txt").read_text(encoding="utf-8")


def _gate_dialog(qtbot, window: Any) -> StatusGateDialog:
    found: list[StatusGateDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(StatusGateDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def test_gate_holds_ready_on_a_misspelling_and_lets_go_after_the_fix(qtbot, make_window) -> None:
    story = StoryFields(headline="Talks resume", body="The goverment met farmers.", byline="Aliya Nurlanovna")
    window, story_id = _open(qtbot, make_window, story)
    qtbot.waitUntil(lambda: _underlined(window, "goverment"), timeout=20_000)
    window.editing.set_status(Status.READY)
    window.editing.save()
    dialog = _gate_dialog(qtbot, window)
    assert "1 misspelling" in dialog.items.item(0).text()
    dialog.reject()
    qtbot.wait(50)
    lib = library_of(window)
    assert lib.stories.get(story_id).status is Status.DRAFT
    menu = window.editor.build_context_menu(_point_at(window, "goverment"))
    next(a for a in menu.actions() if a.text() == "government").trigger()
    window.editing.set_status(Status.READY)
    with qtbot.waitSignal(window.editing.saved, timeout=10_000):
        window.editing.save()
    wait_writes(qtbot, window)
    assert lib.stories.get(story_id).status is Status.READY
    assert lib.stories.get(story_id).body == "The government met farmers."
    menu.deleteLater()


def test_panel_lists_findings_outline_and_goal(qtbot, make_window) -> None:
    window, _ = _open(qtbot, make_window)
    panel = window.writing.panel
    qtbot.waitUntil(lambda: window.writing.review is not None, timeout=20_000)
    items = [i.text(0) for i in panel.finding_items()]
    assert any("“goverment” is not in the English dictionary" in t for t in items)
    assert "Flesch" in window.writing.readability.text() and "2 misspelt" in window.writing.readability.text()
    assert [panel.outline.item(i).text() for i in range(panel.outline.count())] == ["    Talks", "    Prices"]
    # Clicking a finding selects its text; clicking a heading moves there.
    item = next(i for i in panel.finding_items() if "goverment" in i.text(0))
    assert item.child(0).text(0).startswith("→ ")  # what to change, under the finding
    panel.findings.itemClicked.emit(item, 0)
    assert window.editor.textCursor().selectedText() == "goverment"
    panel.outline.itemClicked.emit(panel.outline.item(1))
    assert window.editor.textCursor().block().text() == "## Prices"
    # A goal per story, kept across openings.
    panel.goal.setValue(500)
    assert panel.progress.isVisible() and "of 500" in panel.progress.text()
    window.writing._opened(window.editing.story)
    assert panel.goal.value() == 500


def test_focus_mode_dims_other_paragraphs_and_follows_the_cursor(qtbot, make_window) -> None:
    window, _ = _open(qtbot, make_window)
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.text().index("Prices fell"))
    editor.setTextCursor(cursor)
    window.writing.focus_action.setChecked(True)
    current = editor.textCursor().block()
    other = editor.document().findBlock(editor.text().index("The goverment"))

    def colour(block: Any) -> Any:
        formats = block.layout().formats()
        return formats[0].format.foreground().color() if formats else None

    dim = window.editor.highlighter._dim
    assert colour(other) == dim and colour(current) != dim
    cursor.setPosition(editor.text().index("The goverment"))
    editor.setTextCursor(cursor)
    assert colour(other) != dim and colour(current) == dim
    window.writing.focus_action.setChecked(False)
    assert colour(current) != dim
    assert not window.editing.is_dirty()


def test_preferences_change_the_gate_and_the_word_lists(qtbot, make_window, app_paths) -> None:
    window, story_id = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: window.writing.review is not None, timeout=20_000)
    window.writing.preferences_action.trigger()
    qtbot.waitUntil(lambda: window.writing.preferences_dialog is not None, timeout=10_000)
    dialog = window.writing.preferences_dialog
    dialog.gate[("ready", "spelling")].setChecked(False)
    dialog.headline_max.setValue(10)
    dialog._add_row("en", "resume", "restart", True)
    dialog.accept()
    wait_writes(qtbot, window)
    text = (app_paths.config_dir / "settings.toml").read_text(encoding="utf-8")
    assert "headline_max = 10" in text and 'ready = []' in text and '"resume" = "restart"' in text
    qtbot.waitUntil(lambda: window.writing.review is not None and any(
        f.code == "banned-word" for f in window.writing.review.findings), timeout=20_000)
    assert any(f.code == "headline-length" for f in window.writing.review.findings)
    lib = library_of(window)
    # Misspellings no longer hold Ready back: only the fact check's open attribution is overridden.
    lib.stories.set_status([story_id], Status.READY, override_reason="checked by phone")
    assert lib.stories.get(story_id).status is Status.READY
    note = lib.revisions.history(story_id)[0].note
    assert "attribution" in note and "misspelling" not in note
