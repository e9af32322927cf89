"""Saved searches in the app: the sidebar's list with live counts, and saving, renaming, reordering, deleting.

Counts are worked out in the background (each is a search) after the library opens and whenever a change is
announced (this window's writes and, through the change feed, the desk's), never on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from curator.gui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from curator.gui.bridge import LibraryBridge


class SaveSearchDialog(QDialog):
    """A name for the search, and whether it is shared with the desk or the saver's own."""

    def __init__(self, query: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveSearchDialog")
        self.setWindowTitle("Save this search")
        self.name = QLineEdit()
        self.name.setObjectName("savedSearchName")
        self.name.setPlaceholderText("e.g. Kazakhstan, to check")
        self.personal = QCheckBox("Only for me (not shared with the desk)")
        shown = QLabel(query)
        shown.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Search:", shown)
        form.addRow("Name:", self.name)
        form.addRow("", self.personal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(False)
        self.name.textChanged.connect(lambda t: save.setEnabled(bool(t.strip())))


class SavedSearches(QObject):
    """Keeps the sidebar's saved searches current and carries out what is asked of them."""

    message = Signal(str)  # for the status bar

    def __init__(self, bridge: LibraryBridge, sidebar: Sidebar, window: QWidget) -> None:
        super().__init__(window)
        self._bridge = bridge
        self._sidebar = sidebar
        self._window = window
        self._generation = 0
        sidebar.rename_saved.connect(self.rename)
        sidebar.move_saved.connect(self.move)
        sidebar.delete_saved.connect(self.delete)

    def refresh(self) -> None:
        """Read the saved searches and their counts in the background, and show them."""
        self._generation += 1
        generation = self._generation

        def read(lib: Any) -> tuple[list[Any], dict[int, int]]:
            return lib.saved_searches.list(), lib.saved_searches.counts()

        def show(result: tuple[list[Any], dict[int, int]]) -> None:
            if generation == self._generation:
                self._sidebar.set_saved(*result)

        self._bridge.read(read, show)

    # ------------------------------------------------------------------------------------------ actions

    def save(self, query: str) -> None:
        """Ask for a name and save ``query`` (what the list shows now: the sidebar's filter and the typed text)."""
        query = query.strip()
        if not query:
            return
        dialog = SaveSearchDialog(query, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_as(dialog.name.text(), query, personal=dialog.personal.isChecked())

    def save_as(self, name: str, query: str, *, personal: bool = False) -> None:
        def done(saved: Any) -> None:
            self.message.emit(f"Saved the search as “{saved.label}”")
            self.refresh()

        self._bridge.write(lambda lib: lib.saved_searches.save(name, query, personal=personal), done, self._failed)

    def rename(self, name: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        new, ok = QInputDialog.getText(self._window, "Rename saved search", f"New name for “{name}”:", text=name)
        new = new.strip()
        if ok and new and new != name:
            self._bridge.write(
                lambda lib: lib.saved_searches.rename(name, new), lambda _s: self._done(f"Renamed to “{new}”")
            )

    def move(self, name: str, position: int) -> None:
        self._bridge.write(lambda lib: lib.saved_searches.move(name, position), lambda _s: self.refresh())

    def delete(self, name: str) -> None:
        answer = QMessageBox.question(
            self._window, "Delete saved search", f"Delete the saved search “{name}”? Its stories stay as they are."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._bridge.write(lambda lib: lib.saved_searches.delete(name), lambda _s: self._done(f"Deleted “{name}”"))

    def _done(self, message: str) -> None:
        self.message.emit(message)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self._window, "Save this search", str(exc))
