"""GUI test set-up: offscreen Qt, QtWebEngine without its sandbox, and windows on real libraries in tmp_path."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from curator.domain.stories import StoryFields
from curator.gui.app import AppContext
from curator.gui.main_window import MainWindow
from curator.gui.pyside_fixes import keep_none_alive
from curator.paths import AppPaths
from curator.services.library import Library
from tests.conftest import new_sqlite_library

# QtWebEngine is imported after the application exists (as in the app); it needs this set before.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
# As the app does (see curator.gui.pyside_fixes): a long test session would otherwise abort in none_dealloc.
keep_none_alive()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    root = tmp_path / "home"
    return AppPaths(root / "data", root / "config", root / "log", root / "cache")


@pytest.fixture
def library_url(sqlite_template: Path, tmp_path: Path) -> str:
    """An empty library at the newest schema: a copy of the session's template (no migrations per test)."""
    return new_sqlite_library(sqlite_template, tmp_path / "library.sqlite")


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, app_paths: AppPaths, library_url: str) -> Iterator[WindowFactory]:
    """Build a window on the test library (opened on this thread, then attached as the app does)."""
    made: list[tuple[MainWindow, AppContext]] = []

    def make(*, autosave_ms: int = 200, wait_open: bool = True, stories: list[StoryFields] | None = None) -> MainWindow:
        ctx = AppContext.create(app_paths, library_url)
        ctx.settings.set("editor/autosave_ms", autosave_ms)
        library = ctx.open_library()
        if stories:
            library.stories.create_many(stories)
        window = MainWindow(ctx)
        qtbot.addWidget(window, before_close_func=lambda w: w.force_close())
        window.resize(1400, 900)
        window.show()
        made.append((window, ctx))
        if wait_open:
            with qtbot.waitSignal(window.editing.opened, timeout=20_000):
                window.attach_library()
        else:
            window.attach_library()
        return window

    yield make
    for window, ctx in made:
        window.force_close()
        ctx.close()


def library_of(window: MainWindow) -> Library:
    assert window.ctx.library is not None
    return window.ctx.library


def wait_writes(qtbot, window: MainWindow) -> None:
    """Let queued writes finish and their results arrive on the UI thread."""
    assert window.bridge is not None
    window.bridge.wait(20_000)
    qtbot.wait(50)


def open_slug(qtbot, window: MainWindow, slug: str) -> int:
    """Show the story with ``slug`` in ``window`` and wait until it is on screen."""
    story_id = library_of(window).stories.resolve(slug)
    if window.editing.story_id != story_id:
        with qtbot.waitSignal(window.editing.opened, timeout=20_000):
            window.open_story(story_id)
    return story_id
