"""The window laid out at the screen sizes of real laptops and desktops, with every combination of panes.

Nothing may be drawn narrower than it needs: no field, label or button below its minimum, no preview below
320 px, and no minimum so large that the window would run off the screen.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from curator.gui.app import AppContext
from curator.gui.main_window import MIN_PREVIEW, MainWindow
from curator.gui.widgets.fields import MIN_FIELD_WIDTH
from curator.gui.window_state import fitted_size

SIZES = [(1280, 720), (1366, 768), (1600, 900), (1920, 1080)]
# fact-check panel, related panel, preview, find-and-replace bar, details of the story
COMBINATIONS = list(itertools.product((False, True), repeat=5))


def too_narrow(window: QWidget) -> list[str]:
    """Every visible control or pane drawn smaller than its minimum, described."""
    problems = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        need = QSize(max(w.minimumWidth(), 0), max(w.minimumHeight(), 0))
        control = isinstance(w, (QLineEdit, QComboBox, QAbstractButton, QPlainTextEdit))
        if control or (isinstance(w, QLabel) and w.text() and not w.wordWrap()):
            need = need.expandedTo(w.minimumSizeHint())
        if isinstance(w.parent(), QComboBox):
            continue  # an editable combo box's own line edit: the combo box is checked
        if w.width() < need.width() or w.height() < need.height():
            name = w.objectName() or (w.text() if hasattr(w, "text") and isinstance(w.text(), str) else "")
            problems.append(f"{type(w).__name__} {name!r}: {w.width()}x{w.height()} < {need.width()}x{need.height()}")
    return problems


@pytest.fixture
def bare_window(qtbot, app_paths) -> MainWindow:
    """The window as it is before the library opens (the layout does not depend on the library)."""
    ctx = AppContext.create(app_paths, "sqlite:///unused.sqlite")
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=lambda w: w.force_close())
    window.show()
    return window


def lay_out(window: MainWindow, size: tuple[int, int], combination: tuple[bool, ...]) -> None:
    factcheck, related, preview, find, details = combination
    window.factcheck.dock.setVisible(factcheck)
    window.related.dock.setVisible(related)
    window.actions["toggle_preview"].setChecked(preview)
    window.preview.setVisible(preview)
    window.fields.set_details_visible(details)
    if find:
        window.find_bar.open_find(replace=True)
    else:
        window.find_bar.close_bar()
    for _ in range(2):
        QApplication.processEvents()
        window.resize(*size)
    QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_pane_and_field_keeps_its_minimum(bare_window: MainWindow, size: tuple[int, int]) -> None:
    window = bare_window
    failures = []
    for combination in COMBINATIONS:
        lay_out(window, size, combination)
        label = "fact-check={} related={} preview={} find={} details={}".format(*combination)
        if window.width() > size[0] or window.height() > size[1]:
            failures.append(f"{label}: the window needs {window.width()}x{window.height()}, more than the screen")
        if window.preview.isVisible() and window.preview.width() < MIN_PREVIEW:
            failures.append(f"{label}: the preview is {window.preview.width()} px wide")
        failures += [f"{label}: {p}" for p in too_narrow(window)]
    assert not failures, "\n".join(failures[:40])


def test_fields_go_to_one_column_when_narrow_and_back(bare_window: MainWindow) -> None:
    window = bare_window
    lay_out(window, (1280, 720), (True, False, True, False, True))
    form = window.fields
    narrow = form.width() < form.two_column_width()
    assert form._columns == (1 if narrow else 2)
    window.main_split.setSizes([110, 220, 2000, 320])
    QApplication.processEvents()
    lay_out(window, (1920, 1080), (False, False, False, False, True))
    assert form.width() >= form.two_column_width() and form._columns == 2
    for edit in (form.byline, form.original_author, form.tags, form.outlet_url, form.photo_caption):
        assert edit.width() >= MIN_FIELD_WIDTH


def test_first_start_fits_the_screen() -> None:
    assert fitted_size(QSize(1480, 900), QRect(0, 0, 1366, 740)) == QRect(0, 0, 1366, 740)
    assert fitted_size(QSize(1480, 900), QRect(0, 0, 1920, 1050)) == QRect(220, 75, 1480, 900)
    assert fitted_size(QSize(1480, 900), QRect(1920, 30, 1280, 690)).left() == 1920
