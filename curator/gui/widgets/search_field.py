"""The library search field: the core query syntax, applied as you type after a short pause."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_HELP = (
    'Search the library: words, "exact phrases", prefix*, -exclude,\n'
    "tag:diplomacy, status:fact-check, byline:…, outlet:…, headline:…, after:2025-03, before:2025-04"
)


class SearchField(QLineEdit):
    query_changed = Signal(str)

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
