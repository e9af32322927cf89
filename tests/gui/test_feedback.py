"""Feedback that says what happened: result counts and "no matches", query errors under the search field, export
and import summaries that count right and offer the next step, the export dialog that keeps every choice, the save
time that is current, messages that name menus as they are, and a quit prompt that names the stories."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from curator.domain.stories import StoryFields
from curator.gui.dialogs.transfer import ExportChoices, ExportDialog, SummaryDialog
from curator.gui.editing import saved_time
from tests.gui.conftest import library_of, open_slug, wait_writes

STORIES = [
    StoryFields(headline="Grain talks", body="The grain talks resumed in Astana.", tags=("Trade",)),
    StoryFields(headline="Pipeline repairs", body="Repairs on the pipeline began on Monday.", tags=("Energy",)),
    StoryFields(headline="Wheat harvest", body="The wheat harvest was early.", tags=("Trade",)),
]


def search(qtbot, window, text: str) -> None:
    window.search.setText(text)
    window.search._fire()


def test_the_list_says_how_many_stories_match_and_when_none_do(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    status = window.search_status
    qtbot.waitUntil(lambda: status.count == 4, timeout=10_000)  # with the welcome story
    search(qtbot, window, "grain")
    qtbot.waitUntil(lambda: status.count == 1, timeout=10_000)
    assert status.isVisible() and "1" in status.text()
    search(qtbot, window, "nothing-like-this")
    qtbot.waitUntil(lambda: status.count == 0, timeout=10_000)
    assert status.text() == "No stories match this search"


def test_query_errors_are_shown_under_the_search_field_with_the_reason(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    status = window.search_status
    for text, reason in (
        ("after:yesterday", "after: expects a date"),
        ("grain tag:", "tag: needs a value"),
        ('"joint statement', "is not closed"),
    ):
        search(qtbot, window, text)
        qtbot.waitUntil(lambda reason=reason: reason in (status.error or ""), timeout=10_000)
        assert status.isVisible() and reason in status.text()
    search(qtbot, window, "grain")
    qtbot.waitUntil(lambda: status.error is None and status.count == 1, timeout=10_000)


def test_the_export_dialog_keeps_every_choice_when_the_folder_is_refused(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window(stories=STORIES)
    busy = tmp_path / "documents"
    busy.mkdir()
    (busy / "letter.txt").write_text("not an export", encoding="utf-8")
    dialog = window.transfers.choose_and_export()
    assert isinstance(dialog, ExportDialog)
    # A new, empty folder is proposed for a first export.
    assert "Curator exports" in dialog.folder.text()
    dialog.title.setText("Steppe Herald")
    dialog.site_url.setText("https://news.example.org")
    dialog.query.setText("tag:trade")
    dialog.folder.setText(str(busy))
    started: list[ExportChoices] = []
    dialog.chosen.connect(started.append)
    dialog.export_button.click()
    assert dialog.isVisible() and not started
    assert "not empty and was not written by a Curator export" in dialog.error.text()
    assert (dialog.title.text(), dialog.site_url.text(), dialog.query.text()) == (
        "Steppe Herald",
        "https://news.example.org",
        "tag:trade",
    )
    dialog.site_url.setText("news.example.org")
    assert not dialog.export_button.isEnabled() and "http" in dialog.error.text()
    dialog.site_url.setText("https://news.example.org")
    out = tmp_path / "site"
    dialog.folder.setText(str(out))
    summaries: list[SummaryDialog] = []
    window.transfers.finished.connect(lambda _kind, d: summaries.append(d))
    opened: list[QUrl] = []
    window.transfers.open_url = opened.append
    with qtbot.waitSignal(window.transfers.finished, timeout=60_000):
        dialog.export_button.click()
    summary = summaries[0]
    # Two stories are tagged Trade: counted as stories, not as the files a site is made of.
    assert summary.summary.startswith("Exported 2 stories as a website")
    assert "Steppe Herald" in (out / "index.html").read_text(encoding="utf-8")
    assert "https://news.example.org" in (out / "feed.atom").read_text(encoding="utf-8")
    summary.action_buttons["openInBrowser"].click()
    assert opened == [QUrl.fromLocalFile(str(out / "index.html"))]
    # The next export proposes the same choices (remembered for this library).
    again = window.transfers.choose_and_export()
    assert (again.title.text(), again.folder.text()) == ("Steppe Herald", str(out))
    again.reject()


def test_an_import_summary_opens_the_story(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    source = tmp_path / "talks.md"
    source.write_text("# Talks resume in Riyadh\n\nDelegations met again.\n", encoding="utf-8")
    summaries: list[SummaryDialog] = []
    window.transfers.finished.connect(lambda _kind, d: summaries.append(d))
    with qtbot.waitSignal(window.transfers.finished, timeout=30_000):
        window.transfers.import_paths([source])
    with qtbot.waitSignal(window.editing.opened, timeout=10_000):
        summaries[0].action_buttons["openStory"].click()
    assert window.fields.headline.text() == "Talks resume in Riyadh"


def test_the_save_time_is_the_stories_own_and_current(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    story_id = open_slug(qtbot, window, "grain-talks")
    window.editor.appendPlainText("More.")
    with qtbot.waitSignal(window.editing.saved, timeout=10_000):
        window.editing.save()
    wait_writes(qtbot, window)
    stored = library_of(window).stories.get(story_id).updated_at
    assert window.status.state.text() == f"Saved {saved_time(stored)}"


def test_the_trash_message_names_the_menu_as_it_is(qtbot, make_window) -> None:
    window = make_window(stories=STORIES)
    open_slug(qtbot, window, "grain-talks")
    messages: list[str] = []
    window.operations.message.connect(messages.append)
    window.list.setFocus()
    window.actions["trash"].trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "Story → Restore from Trash" in messages[0]
    story_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Story")
    assert "Restore from Trash" in [a.text().replace("&", "") for a in story_menu.actions()]


def test_the_quit_prompt_names_the_stories(qtbot, make_window, monkeypatch) -> None:
    window = make_window(stories=STORIES)
    open_slug(qtbot, window, "grain-talks")
    window.editor.appendPlainText("Unsaved line.")
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert not window.close()
    assert "Grain talks" in shown[0]
