"""The main window's state across runs: geometry, splitters, list columns, filter and order, panes, theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter

from curator.domain.stories import Sort
from curator.gui.models.story_table import ListQuery
from curator.gui.widgets.sidebar import SidebarFilter

if TYPE_CHECKING:
    from curator.gui.main_window import MainWindow

# The size a first start asks for, cut down to the screen's free area (see fit_to_screen).
PREFERRED_SIZE = (1480, 900)

DEFAULT_SIZES = {"main": [160, 380, 460, 460], "editor": [200, 600]}


def _fit(splitter: QSplitter, sizes: list[int]) -> None:
    """``sizes`` scaled to the splitter's width as laid out (the side panels take their share first)."""
    total = splitter.width() if splitter.orientation() == Qt.Orientation.Horizontal else splitter.height()
    if total > 0:
        splitter.setSizes([round(total * size / sum(sizes)) for size in sizes])


def fitted_size(preferred: QSize, available: QRect) -> QRect:
    """Where a window that would like ``preferred`` goes on a screen whose free area is ``available``: as large
    as it asks or as the screen allows, centred."""
    width = min(preferred.width(), available.width())
    height = min(preferred.height(), available.height())
    left = available.left() + (available.width() - width) // 2
    top = available.top() + (available.height() - height) // 2
    return QRect(left, top, width, height)


def fit_to_screen(window: MainWindow) -> None:
    """Size the window to its screen's free area (the first start, or a screen smaller than last time)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()  # the title bar and borders, once shown
    wanted = window.size() if window.isVisible() else QSize(*PREFERRED_SIZE)
    rect = fitted_size(wanted, available.adjusted(0, 0, -frame.width(), -frame.height()))
    window.resize(rect.size())
    window.move(rect.topLeft())


def restore_window_state(window: MainWindow) -> None:
    s = window.settings
    geometry = s.bytes("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        fit_to_screen(window)
    else:
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None and not screen.availableGeometry().contains(window.geometry()):
            fit_to_screen(window)  # remembered from a larger screen
    docks = s.bytes("window/docks")
    if docks is not None:
        # The side panels: where they are docked, their width, which tab is in front.
        window.restoreState(docks)
    for name, splitter in (("main", window.main_split), ("editor", window.editor_split)):
        state = s.bytes(f"window/split_{name}")
        # A collapsed editor or preview (zero width) would look like a broken window: start afresh.
        if state is None or not splitter.restoreState(state) or 0 in splitter.sizes()[2:]:
            splitter.setSizes(DEFAULT_SIZES[name])
            # Once the window is laid out: until then the splitter does not know how wide it will be.
            QTimer.singleShot(0, lambda sp=splitter, sizes=DEFAULT_SIZES[name]: _fit(sp, sizes))
    header = s.bytes("list/header")
    if header is not None:
        window.list.horizontalHeader().restoreState(header)
    window.sidebar.select_filter(
        SidebarFilter(s.value("list/filter_kind", "all", str), s.value("list/filter_value", "", str))
    )
    try:
        sort = Sort(s.value("list/sort", Sort.UPDATED.value, str))
    except ValueError:
        sort = Sort.UPDATED
    current = window.list_query()
    window.model.set_query(ListQuery(current.text, current.scope, sort, s.value("list/descending", True, bool)))
    section, order = window.model.sort_section()
    window.list.horizontalHeader().setSortIndicator(section, order)
    details = s.value("editor/details", True, bool)
    window.fields.set_details_visible(details)
    window.actions["toggle_details"].setChecked(details)
    preview = s.value("view/preview", True, bool)
    window.actions["toggle_preview"].setChecked(preview)
    window.preview.setVisible(preview)
    window.actions.theme.get(s.theme, window.actions.theme["system"]).setChecked(True)


def save_window_state(window: MainWindow) -> None:
    s = window.settings
    s.set("window/geometry", window.saveGeometry())
    s.set("window/docks", window.saveState())
    s.set("window/split_main", window.main_split.saveState())
    s.set("window/split_editor", window.editor_split.saveState())
    s.set("list/header", window.list.horizontalHeader().saveState())
    f = window.sidebar.current_filter
    s.set("list/filter_kind", f.kind)
    s.set("list/filter_value", f.value)
    s.set("list/sort", window.model.query.sort.value)
    s.set("list/descending", window.model.query.descending)
    s.set("editor/details", window.fields.details.isVisibleTo(window.fields))
    s.set("view/preview", window.actions["toggle_preview"].isChecked())
    if window.editing.story_id is not None:
        s.set("editor/last_story", window.editing.story_id)
    s.sync()
