"""What a side panel may use of the window it is docked in: the :class:`PanelHost` protocol and its one
implementation over the main window.

The panels (fact check, related headlines, and those to come) get this narrow seam instead of the whole window,
so they cannot come to depend on the window's insides, and a test can host a panel in anything that provides it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

if TYPE_CHECKING:
    from curator.factcheck.settings import VerdictScale
    from curator.gui.bridge import LibraryBridge
    from curator.gui.dialogs.preferences import PreferencesSection
    from curator.gui.editing import EditingController
    from curator.gui.main_window import MainWindow
    from curator.gui.widgets.editor import MarkdownEditor
    from curator.gui.widgets.fields import StoryFieldsForm

T = TypeVar("T")

DOCK_WIDTH = 300


class PanelHost(Protocol):
    """The window as a side panel sees it."""

    @property
    def editing(self) -> EditingController:
        """The story on screen: its id, its unsaved state, its saves and signals."""

    @property
    def editor(self) -> MarkdownEditor:
        """The body's editor (panels highlight and select text in it)."""

    @property
    def fields(self) -> StoryFieldsForm:
        """The story's fields (the related headlines are held there with the rest)."""

    @property
    def bridge(self) -> LibraryBridge | None:
        """The way into the library, or None until it is open."""

    @property
    def author(self) -> str:
        """Who is working (recorded with every change)."""

    def dialog_parent(self) -> QWidget:
        """The widget a panel's dialogs and menus belong to."""

    def add_side_dock(self, dock: QDockWidget) -> None:
        """Dock ``dock`` on the right, as a tab beside the panels already there."""

    def add_window_action(self, action: QAction) -> None:
        """Make ``action``'s shortcut work wherever the focus is in the window."""

    def menu(self, title: str) -> QMenu | None:
        """The window's menu called ``title`` (without its & mark), if there is one."""

    def add_menu(self, menu: QMenu) -> None:
        """Add ``menu`` to the menu bar, before Help."""

    def show_message(self, text: str, msecs: int = 6000) -> None:
        """A passing message in the status bar."""

    def add_status_widget(self, widget: QWidget) -> None:
        """Show ``widget`` for good in the status bar, before the save state."""

    def open_story(self, story_id: int) -> None:
        """Show the story ``story_id`` in the editor."""

    def verdict_scale(self) -> VerdictScale | None:
        """The library's verdict scale (None until the library is open)."""

    def setting(self, key: str, default: T, kind: type[T]) -> T:
        """A remembered choice of the window."""

    def set_setting(self, key: str, value: object) -> None:
        """Remember a choice (only while the window is on screen: closing hides the docks)."""

    def on_library_attached(self, callback: Callable[[], Any]) -> None:
        """Call ``callback`` once the library is open and ``bridge`` is set."""

    def add_preferences_section(self, factory: Callable[[], PreferencesSection]) -> None:
        """Add a page to Edit → Preferences (see :class:`~curator.gui.dialogs.preferences.PreferencesSection`)."""


class MainWindowHost:
    """:class:`PanelHost` over the main window."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._docks: list[QDockWidget] = []  # in the order they were docked

    @property
    def editing(self) -> EditingController:
        return self._window.editing

    @property
    def editor(self) -> MarkdownEditor:
        return self._window.editor

    @property
    def fields(self) -> StoryFieldsForm:
        return self._window.fields

    @property
    def bridge(self) -> LibraryBridge | None:
        return self._window.bridge

    @property
    def author(self) -> str:
        return self._window.ctx.author

    def dialog_parent(self) -> QWidget:
        return self._window

    def add_side_dock(self, dock: QDockWidget) -> None:
        window = self._window
        right = Qt.DockWidgetArea.RightDockWidgetArea
        others = [d for d in self._docks if d is not dock and window.dockWidgetArea(d) == right]
        self._docks.append(dock)
        window.addDockWidget(right, dock)
        if others:
            # A tab beside the panels already there: the editor and the preview keep their width, and the
            # first panel docked (fact check) stays in front.
            window.tabifyDockWidget(others[-1], dock)
            others[0].raise_()
        else:
            window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

    def add_window_action(self, action: QAction) -> None:
        self._window.addAction(action)

    def menu(self, title: str) -> QMenu | None:
        return self._window.menus.get(title)  # by English name, whatever the language of the titles

    def add_menu(self, menu: QMenu) -> None:
        bar = self._window.menuBar()
        help_menu = self._window.menus.get("Help")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)

    def show_message(self, text: str, msecs: int = 6000) -> None:
        self._window.status.showMessage(text, msecs)

    def add_status_widget(self, widget: QWidget) -> None:
        self._window.status.insertPermanentWidget(0, widget)

    def open_story(self, story_id: int) -> None:
        self._window.open_story(story_id)

    def verdict_scale(self) -> VerdictScale | None:
        library = self._window.ctx.library
        return library.factcheck.scale if library is not None else None

    def setting(self, key: str, default: T, kind: type[T]) -> T:
        value: T = self._window.settings.value(key, default, kind)
        return value

    def set_setting(self, key: str, value: object) -> None:
        try:
            shown = not self._window.isHidden()
        except RuntimeError:  # the window is being destroyed: its docks are hidden, not by the user
            return
        if shown:
            self._window.settings.set(key, value)

    def on_library_attached(self, callback: Callable[[], Any]) -> None:
        self._window.library_attached.connect(callback)

    def add_preferences_section(self, factory: Callable[[], PreferencesSection]) -> None:
        self._window.preference_sections.append(factory)
