"""The library search field: the core query syntax, applied as you type after a short pause."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QWidget

SEARCH_HELP = (
    'Search the library: words, "exact phrases", prefix*, -exclude,\n'
    "tag:diplomacy, status:fact-check, byline:…, outlet:…, headline:…, after:2025-03, before:2025-04"
)


class SearchField(QLineEdit):
    query_changed = Signal(str)
    save_requested = Signal()  # "Save this search…" from the field's menu

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = 250) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText('Search  (tag:… status:… "phrase" word*)')
        self.setToolTip(SEARCH_HELP)
        self.setClearButtonEnabled(True)
        self.setTextMargins(2, 2, 2, 2)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fire)
        self.textChanged.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._fire)
        self._last = ""
        self.setProperty("invalid", False)
        # The field's own (context) menu offers to save the search.
        self.save_action = QAction(self.tr("Save this search…"), self)
        self.save_action.setObjectName("saveSearch")
        self.save_action.triggered.connect(self.save_requested.emit)

    def search_menu(self) -> QMenu:
        """The field's context menu: the standard editing actions and "Save this search…"."""
        menu = self.createStandardContextMenu() or QMenu(self)
        self.save_action.setEnabled(bool(self.text().strip()))
        menu.addSeparator()
        menu.addAction(self.save_action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.search_menu().exec(event.globalPos())

    def _fire(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.query_changed.emit(text)

    def show_error(self, message: str | None) -> None:
        """Mark the field when the query cannot be understood (the list keeps its last results)."""
        invalid = bool(message)
        if self.property("invalid") == invalid:
            if invalid:
                self.setToolTip(f"{message}\n\n{SEARCH_HELP}")
            return
        self.setProperty("invalid", invalid)
        palette = self.palette()
        if invalid:
            base = palette.color(QPalette.ColorRole.Base)
            tint = QColor("#5c1f1f") if base.lightness() < 128 else QColor("#fde2e2")
            palette.setColor(QPalette.ColorRole.Base, tint)
            self.setPalette(palette)
        else:
            self.setPalette(QPalette())
        self.setToolTip(f"{message}\n\n{SEARCH_HELP}" if message else SEARCH_HELP)


class SearchStatus(QLabel):
    """Under the search field: how many stories the list holds, "no matches", or why the query was not run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchStatus")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(6, 2, 6, 3)
        self.error: str | None = None
        self.count: int | None = None
        self.setAccessibleName(self.tr("Search results"))

    def show_count(self, count: int, *, searching: bool) -> None:
        self.error, self.count = None, count
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setStyleSheet("")
        if count == 0:
            text = self.tr("No stories match this search") if searching else self.tr("No stories here")
        else:
            # %Ln: the number in the user's locale ("1 234"), and the plural as the language makes it.
            text = self.tr("%Ln stories match", "", count) if searching else self.tr("%Ln stories", "", count)
        self.setText(text)
        self.show()

    def show_error(self, message: str | None) -> None:
        if not message:
            if self.error is not None:
                self.error = None
                self.setText("")
                self.setStyleSheet("")
            return
        self.error = message
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(f"color: {'#ff8a80' if dark else '#b3261e'};")
        self.setText(message)
        self.show()
