"""What the side panels (fact check, related headlines) share: a dock on the right, tabbed with the others, a
toggle action with its shortcut, shown-or-hidden remembered, actions of their own, and the library's bridge."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

if TYPE_CHECKING:
    from curator.gui.main_window import MainWindow

DOCK_WIDTH = 360


class SidePanelController(QObject):
    """Docks ``panel`` in ``window``; subclasses connect the panel to the story on screen."""

    def __init__(
        self,
        window: MainWindow,
        panel: QWidget,
        *,
        title: str,
        name: str,
        setting: str,
        toggle_text: str,
        toggle_shortcut: str,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.editing = window.editing
        self.bridge: Any = None
        self.panel = panel
        self._setting = setting
        self.dock = QDockWidget(title, window)
        self.dock.setObjectName(name)
        self.dock.setWidget(panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        others = [
            d
            for d in window.findChildren(QDockWidget)
            if d is not self.dock and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        if others:
            # A tab beside the panels already there: the editor and the preview keep their width.
            window.tabifyDockWidget(others[0], self.dock)
            others[0].raise_()
        else:
            window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.dock.setVisible(bool(window.settings.value(setting, True, bool)))
        self.dock.visibilityChanged.connect(self._visibility_changed)
        self.toggle_action = self.dock.toggleViewAction()
        self.toggle_action.setText(toggle_text)
        self.toggle_action.setShortcut(QKeySequence(toggle_shortcut))
        window.addAction(self.toggle_action)
        window.library_attached.connect(self._attach)

    def action(self, text: str, shortcut: str, tip: str, slot: Callable[[], Any] | None = None) -> QAction:
        """A window-wide action (its shortcut works wherever the focus is)."""
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def window_menu(self, title: str) -> QMenu | None:
        """The window's menu called ``title`` (without its & mark), if there is one."""
        for action in self.window.menuBar().actions():
            if action.text().replace("&", "") == title and action.menu() is not None:
                return action.menu()
        return None

    def message(self, text: str) -> None:
        self.window.status.showMessage(text, 6000)

    def _attach(self) -> None:
        self.bridge = self.window.bridge

    def _visibility_changed(self, visible: bool) -> None:
        if not self.window.isHidden():
            self.window.settings.set(self._setting, visible)
