"""Import and export from the window: in the background, with progress, cancel and a summary of problems."""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from curator.domain.stories import StoryFields
from curator.gui.dialogs.transfer import SummaryDialog, TaskProgressDialog
from curator.gui.tasks import SerialExecutor, Task
from tests.gui.conftest import library_of


class StopRequestedError(Exception):
    pass


def test_a_task_reports_progress_and_stops_when_cancelled(qtbot) -> None:
    started = threading.Event()

    def job(task: Task) -> int:
        for i in range(10_000):
            started.set()
            task.report(i, 10_000, f"file-{i}.md")
            if task.is_cancelled():
                raise StopRequestedError("cancelled")
            threading.Event().wait(0.001)
        return 10_000

    task = Task(job, cancel_exceptions=(StopRequestedError,))
    dialog = TaskProgressDialog("Importing", task)
    qtbot.addWidget(dialog)
    runner = SerialExecutor("test")
    progress: list[int] = []
    task.signals.progress.connect(lambda done, _total, _item: progress.append(done))
    with qtbot.waitSignal(task.signals.cancelled, timeout=10_000) as blocker:
        runner.start(task)
        dialog.open()
        started.wait(5)
        qtbot.waitUntil(lambda: bool(progress), timeout=5_000)
        dialog.cancel_button.click()
    assert isinstance(blocker.args[0], StopRequestedError)
    assert "file-" in dialog.label.text() or dialog.label.text() == "Cancelling…"
    runner.wait()


def test_a_failing_task_reports_its_error(qtbot) -> None:
    def job(_task: Task) -> None:
        raise ValueError("broken file")

    task = Task(job)
    runner = SerialExecutor("test")
    with qtbot.waitSignal(task.signals.failed, timeout=5_000) as blocker:
        runner.start(task)
    assert str(blocker.args[0]) == "broken file"


def drop_files(view, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(view.viewport().rect().center())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Qt 6.12 marks the only constructor deprecated
        enter = QDragEnterEvent(
            point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)


def test_dropping_files_on_the_list_imports_them(qtbot, make_window, tmp_path: Path) -> None:
    pytest.importorskip("curator.io.importer", reason="the importer (curator.io) is not in this build")
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "talks.md").write_text("# Talks resume in Riyadh\n\nDelegations met again.\n", encoding="utf-8")
    (folder / "grain.txt").write_text("Grain exports rise\n\nShipments grew in March.\n", encoding="utf-8")
    (folder / "broken.md").write_bytes(b"\x00\x01\x02 not a story")
    window = make_window()
    summaries: list[SummaryDialog] = []
    window.transfers.finished.connect(lambda _kind, dialog: summaries.append(dialog))
    with qtbot.waitSignal(window.transfers.finished, timeout=30_000):
        drop_files(window.list, [folder])
    summary = summaries[0]
    assert "Imported 2 stories" in summary.summary
    assert any("broken.md" in p for p in summary.problems)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)
    headlines = {window.model.summary(r).headline for r in range(3)}
    assert {"Talks resume in Riyadh", "Grain exports rise"} <= headlines


def test_an_export_cancelled_midway_leaves_no_output(qtbot, make_window, tmp_path: Path) -> None:
    pytest.importorskip("curator.io.export_site", reason="the exporters (curator.io) are not in this build")
    stories = [StoryFields(headline=f"Story {i}", body=f"Body {i}. " * 200) for i in range(60)]
    window = make_window(stories=stories)
    out = tmp_path / "site"
    summaries: list[SummaryDialog] = []
    window.transfers.finished.connect(lambda _kind, dialog: summaries.append(dialog))
    with qtbot.waitSignal(window.transfers.finished, timeout=60_000):
        task = window.transfers.export_many("site", "all", out)
        # Cancelled from the worker's own first progress report: a queued cancel could arrive after the last page.
        task.signals.progress.connect(lambda *_a: task.cancel(), Qt.ConnectionType.DirectConnection)
    assert summaries[0].summary.startswith("Export cancelled.")  # (the folder name itself says "cancelled")
    assert not out.exists() or not any(out.iterdir())
    assert not any(p.name.startswith("site") for p in tmp_path.iterdir() if p != out)


def test_exporting_one_story_writes_one_html_file(qtbot, make_window, tmp_path: Path) -> None:
    pytest.importorskip("curator.io.export_html", reason="the exporters (curator.io) are not in this build")
    window = make_window()
    out = tmp_path / "welcome.html"
    with qtbot.waitSignal(window.transfers.finished, timeout=30_000):
        window.transfers.export_story_to(window.editing.story_id, out)
    html = out.read_text(encoding="utf-8")
    assert library_of(window).stories.get(window.editing.story_id).headline in html


def test_republish_exports_the_last_site_again_in_the_background(qtbot, make_window, tmp_path: Path) -> None:
    pytest.importorskip("curator.io.export_site", reason="the exporters (curator.io) are not in this build")
    window = make_window(stories=[StoryFields(headline=f"Story {i}", body=f"Body {i}.") for i in range(5)])
    republish = window.actions["republish"]
    assert not republish.isEnabled()  # nothing exported yet
    out = tmp_path / "site"
    summaries: list[SummaryDialog] = []
    window.transfers.finished.connect(lambda _kind, dialog: summaries.append(dialog))
    with qtbot.waitSignal(window.transfers.finished, timeout=60_000):
        window.transfers.export_many("site", "all", out)
    assert summaries[-1].summary.startswith("Exported 6 stories as a website")
    qtbot.waitUntil(republish.isEnabled, timeout=5_000)
    library = library_of(window)
    story = library.stories.get(library.stories.resolve("story-3"))
    library.stories.save(story.id, story.fields().replace(body="Corrected body."), base_version=story.version)
    with qtbot.waitSignal(window.transfers.finished, timeout=60_000):
        republish.trigger()
    assert summaries[-1].summary.startswith("Republished 6 stories as a website")
    assert "unchanged" in summaries[-1].summary
    assert "Corrected body." in (out / "stories" / "story-3.html").read_text(encoding="utf-8")
    # The app remembers the folder across runs.
    window.settings.sync()
    again = make_window()
    assert again.actions["republish"].isEnabled()
    assert again.transfers.last_site is not None and again.transfers.last_site[3] == out


def test_files_of_unclear_encoding_are_imported_again_in_the_one_chosen(qtbot, make_window, tmp_path: Path) -> None:
    pytest.importorskip("curator.io.importer", reason="the importer (curator.io) is not in this build")
    folder = tmp_path / "wires"
    folder.mkdir()
    story = "Pub prices climb past £6 a pint\n\nBrewers in Leeds said a pint would cost £6.20 from Monday.\n"
    (folder / "pints.txt").write_bytes(story.encode("latin-1"))
    (folder / "rain.txt").write_text("Rain at last\n\nFarmers welcomed the rain.\n", encoding="utf-8")
    window = make_window()
    summaries: list[SummaryDialog] = []
    window.transfers.finished.connect(lambda _kind, dialog: summaries.append(dialog))
    with qtbot.waitSignal(window.transfers.finished, timeout=30_000):
        window.transfers.import_paths([folder])
    summary = summaries[0]
    assert "Imported 1 story" in summary.summary and any("pints.txt" in p for p in summary.problems)
    box, preview, button = summary.encoding_box, summary.encoding_preview, summary.encoding_button
    assert box is not None and preview is not None and button is not None
    choices = [box.itemData(i) for i in range(box.count())]
    assert {"cp1252", "cp1250", "iso-8859-1", "koi8-r"} <= set(choices)
    # Each choice shows the file's first lines read in it.
    box.setCurrentIndex(choices.index("cp1250"))
    assert preview.toPlainText().startswith("Pub prices climb past Ł6")
    box.setCurrentIndex(choices.index("iso-8859-1"))
    assert preview.toPlainText().startswith("Pub prices climb past £6 a pint")
    assert button.text() == "Import this file as iso-8859-1"
    with qtbot.waitSignal(window.transfers.finished, timeout=30_000):
        button.click()
    assert "Imported 1 story" in summaries[1].summary and summaries[1].encoding_box is None
    headlines = [s.headline for s in library_of(window).search.page("", limit=10).items]
    assert "Pub prices climb past £6 a pint" in headlines
