"""A one-paragraph text field that wraps and grows with its text (a long headline stays readable)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget


class GrowingTextField(QPlainTextEdit):
    """Like QLineEdit (no line breaks; Enter moves on), but wrapping over up to ``max_lines`` lines."""

    textEdited = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None, *, max_lines: int = 3) -> None:
        super().__init__(parent)
        self._max_lines = max_lines
        self._loading = False
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(2)
        self.textChanged.connect(self._changed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self.updateGeometry())

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self._loading = True
        try:
            self.setPlainText(text.replace("\n", " "))
        finally:
            self._loading = False

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def _changed(self) -> None:
        if self._loading:
            return
        text = self.toPlainText()
        if "\n" in text:  # pasted line breaks become spaces
            cursor = self.textCursor().position()
            self.setText(text.replace("\n", " "))
            self.setCursorPosition(cursor)
            text = self.toPlainText()
        self.textEdited.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        lines = max(1, min(self._max_lines, round(self.document().size().height())))
        margins = self.contentsMargins()
        height = lines * line + 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom() + 2
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        # As tall as its text needs; as narrow as a few words (it wraps).
        return QSize(min(self.sizeHint().width(), 12 * self.fontMetrics().averageCharWidth()), self.sizeHint().height())
