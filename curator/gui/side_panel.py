"""What the side panels (fact check, related headlines) share: a dock on the right, tabbed with the others, a
toggle action with its shortcut, shown-or-hidden remembered, actions of their own, and the library's bridge.

A panel sees the window only through :class:`~curator.gui.panel_host.PanelHost`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from curator.gui.panel_host import DOCK_WIDTH, PanelHost

if TYPE_CHECKING:
    from curator.gui.bridge import LibraryBridge

__all__ = ["DOCK_WIDTH", "PanelHost", "SidePanelController"]


class SidePanelController(QObject):
    """Docks ``panel`` through ``host``; subclasses connect the panel to the story on screen."""

    def __init__(
        self,
        host: PanelHost,
        panel: QWidget,
        *,
        title: str,
        name: str,
        setting: str,
        toggle_text: str,
        toggle_shortcut: str,
    ) -> None:
        parent = host.dialog_parent()
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.editing = host.editing
        self.bridge: LibraryBridge | None = None
        self.panel = panel
        self._setting = setting
        self.dock = QDockWidget(title, parent)
        self.dock.setObjectName(name)
        self.dock.setWidget(panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        host.add_side_dock(self.dock)
        self.dock.setVisible(host.setting(setting, True, bool))
        self.dock.visibilityChanged.connect(self._visibility_changed)
        # Its key shows the panel and brings it in front of the panels tabbed with it; only a panel already in
        # front is hidden by it (a plain toggle would hide a panel the user cannot see).
        self.toggle_action = QAction(toggle_text, parent, checkable=True)
        self.toggle_action.setShortcut(QKeySequence(toggle_shortcut))
        self.toggle_action.setChecked(not self.dock.isHidden())
        self.toggle_action.triggered.connect(self._toggle_pressed)
        self.dock.visibilityChanged.connect(lambda _v: self.toggle_action.setChecked(not self.dock.isHidden()))
        host.add_window_action(self.toggle_action)
        host.on_library_attached(self._attach)

    def in_front(self) -> bool:
        """Whether the panel can be seen (shown, and not behind another panel's tab)."""
        return self.dock.isVisible() and not self.dock.visibleRegion().isEmpty()

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def _toggle_pressed(self) -> None:
        if self.in_front():
            self.dock.hide()
        else:
            self.show_panel()
        self.toggle_action.setChecked(not self.dock.isHidden())

    def action(self, text: str, shortcut: str, tip: str, slot: Callable[[], Any] | None = None) -> QAction:
        """A window-wide action (its shortcut works wherever the focus is)."""
        action = QAction(text, self.parent_widget)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        self.host.add_window_action(action)
        return action

    def window_menu(self, title: str) -> QMenu | None:
        """The window's menu called ``title`` (without its & mark), if there is one."""
        return self.host.menu(title)

    def message(self, text: str) -> None:
        self.host.show_message(text, 6000)

    def _attach(self) -> None:
        self.bridge = self.host.bridge

    def _name_controls(self) -> None:
        from curator.gui.accessibility import name_controls

        name_controls(self.parent_widget)

    def _visibility_changed(self, visible: bool) -> None:
        self.host.set_setting(self._setting, visible)
        # Docking makes a tab bar, and panels may build controls as they show: name them for screen readers.
        QTimer.singleShot(0, self._name_controls)
