"""The composition root and the window's surroundings: command line, saved window state, themes, errors,
the welcome story, PostgreSQL."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from curator.core.status import Status
from curator.domain.stories import Scope, StoryFields
from curator.gui.app import AppContext, prepare_environment
from curator.gui.errors import ErrorReporter
from curator.gui.main_window import MainWindow
from curator.gui.welcome import WELCOME_SLUG
from tests.gui.conftest import library_of, open_slug


def test_curator_without_a_command_opens_the_app(monkeypatch, tmp_path: Path) -> None:
    import curator.gui.app as gui_app
    from curator import cli

    calls = []
    monkeypatch.setenv("CURATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(gui_app, "run_app", lambda url, paths, **kw: calls.append((url, paths)) or 0)
    assert cli.main(["--db", str(tmp_path / "other.sqlite")]) == 0
    assert calls[0][0] == f"sqlite:///{(tmp_path / 'other.sqlite').resolve()}"
    assert calls[0][1].log_dir == tmp_path / "home" / "log"


def test_the_sandbox_is_turned_off_for_root_and_said_so(monkeypatch, caplog) -> None:
    monkeypatch.delenv("QTWEBENGINE_DISABLE_SANDBOX", raising=False)
    monkeypatch.setattr("os.geteuid", lambda: 0)
    with caplog.at_level(logging.WARNING):
        prepare_environment()
    import os

    assert os.environ["QTWEBENGINE_DISABLE_SANDBOX"] == "1"
    assert "sandbox" in caplog.text


def test_a_first_start_shows_the_welcome_story(qtbot, make_window) -> None:
    window = make_window()
    story = window.editing.story
    assert story.slug == WELCOME_SLUG
    assert story.photo_credit and story.original_author and len(story.related) >= 3
    assert "> " in story.body  # a quote
    assert "Ctrl+S" in story.body
    # It is written once: an emptied library does not get it back.
    lib = library_of(window)
    assert lib.search.count(scope=Scope.ALL) == 1


def test_the_window_remembers_its_layout(qtbot, make_window) -> None:
    window = make_window(stories=[StoryFields(headline="Second", status=Status.READY)])
    window.main_split.setSizes([150, 300, 600, 400])
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        window.sidebar.setCurrentItem(window.sidebar.status_items[Status.READY])
    window.list.horizontalHeader().setSortIndicator(0, window.list.horizontalHeader().sortIndicatorOrder())
    qtbot.waitUntil(lambda: window.model.query.sort.value == "headline", timeout=10_000)
    second = open_slug(qtbot, window, "second")
    sizes = window.main_split.sizes()
    window.close()
    again = make_window(wait_open=False)
    qtbot.waitUntil(lambda: again.editing.story_id == second, timeout=10_000)
    assert again.main_split.sizes() == sizes
    assert again.sidebar.current_filter.kind == "status"
    assert again.model.query.sort.value == "headline"


def test_dark_theme_reaches_the_editor_and_the_preview(qtbot, make_window) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: window.preview.loaded, timeout=30_000)
    try:
        window.set_theme("dark")
        assert QApplication.instance().palette().color(QPalette.ColorRole.Base).lightness() < 128
        box: list[str] = []

        def page_is_dark() -> bool:
            window.preview.run_script("getComputedStyle(document.documentElement).colorScheme", box.append)
            return bool(box) and box[-1] == "dark"

        qtbot.waitUntil(page_is_dark, timeout=10_000)
        assert window.editor.highlighter._heading.foreground().color().name() == "#f08080"
    finally:
        window.set_theme("light")


def test_an_unexpected_error_is_logged_and_shown(qtbot, caplog, tmp_path: Path) -> None:
    reporter = ErrorReporter(str(tmp_path / "curator.log"))

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.accept()
        else:
            QTimer.singleShot(50, close_dialog)

    QTimer.singleShot(50, close_dialog)
    try:
        raise RuntimeError("the disk went away")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            reporter.handle(type(exc), exc, exc.__traceback__)
    assert "the disk went away" in caplog.text
    assert "RuntimeError: the disk went away" in reporter.shown[0]
    assert "curator.log" in reporter.shown[0]


def test_the_app_works_on_postgresql(qtbot, pg_url: str, app_paths) -> None:
    ctx = AppContext.create(app_paths, pg_url)
    ctx.open_library()
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=lambda w: w.force_close())
    window.show()
    try:
        with qtbot.waitSignal(window.editing.opened, timeout=20_000):
            window.attach_library()
        window.editor.insertPlainText("Desk edit. ")
        with qtbot.waitSignal(window.editing.saved, timeout=20_000):
            window.editing.save()
        assert ctx.library.stories.get(window.editing.story_id).body.startswith("Desk edit. ")
        qtbot.waitUntil(lambda: window.model.summary(0).version == 2, timeout=10_000)
    finally:
        window.force_close()
        ctx.close()


def test_modules_imported_later_are_not_kept_in_the_line_cache(qtbot, tmp_path, monkeypatch) -> None:
    """PySide6 checks each new module's source; the app keeps that from filling the line cache (~20 MB)."""
    import linecache

    from curator.gui.app import make_application

    make_application()
    module = tmp_path / "freshly_written_module.py"
    module.write_text("from PySide6 import QtCore\nVALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    # An import statement (PySide6 hooks ``builtins.__import__``, which importlib.import_module does not call).
    assert __import__("freshly_written_module").VALUE == 42
    assert str(module) not in linecache.cache


def test_the_window_modules_do_not_load_the_database_layer() -> None:
    """The window paints before the library opens: its modules must not import SQLAlchemy (half a second)."""
    import subprocess
    import sys

    code = "import sys, curator.gui.main_window; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
