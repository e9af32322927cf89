"""Find and replace in the editor: a bar under it, opened with Ctrl+F (find) or Ctrl+H (replace)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._editor = editor
        self.find_field = QLineEdit(placeholderText="Find")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(placeholderText="Replace with")
        self.case = QCheckBox("Match case")
        self.whole = QCheckBox("Whole words")
        self.status = QLabel()
        self.status.setMinimumWidth(60)
        previous = QPushButton("Previous")
        following = QPushButton("Next")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace all")
        close = QToolButton()
        close.setText("✕")
        close.setObjectName("findClose")
        close.setAutoRaise(True)
        close.setToolTip("Close (Esc)")

        # Three short rows rather than one long one: the bar never makes the editor's column wider.
        self.find_field.setMinimumWidth(120)
        self.replace_field.setMinimumWidth(120)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.find_field, 0, 0)
        layout.addWidget(previous, 0, 1)
        layout.addWidget(following, 0, 2)
        layout.addWidget(close, 0, 3)
        options = QHBoxLayout()
        for w in (self.case, self.whole):
            options.addWidget(w)
        options.addWidget(self.status, 1)
        layout.addLayout(options, 1, 0, 1, 4)
        layout.addWidget(self.replace_field, 2, 0)
        layout.addWidget(self.replace_button, 2, 1)
        layout.addWidget(self.replace_all_button, 2, 2, 1, 2)
        layout.setColumnStretch(0, 1)

        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.textChanged.connect(lambda _t: self._find(from_start_of_selection=True))
        self.replace_field.returnPressed.connect(self.replace)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        close_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        close_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def open_find(self, *, replace: bool = False) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        for w in (self.replace_field, self.replace_button, self.replace_all_button):
            w.setVisible(replace)
        self.show()
        (self.replace_field if replace and self.find_field.text() else self.find_field).setFocus()
        self.find_field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()
        self.closed.emit()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.whole.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find_next(self) -> bool:
        return self._find()

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, *, backward: bool = False, from_start_of_selection: bool = False) -> bool:
        needle = self.find_field.text()
        if not needle:
            self.status.clear()
            return False
        editor = self._editor
        if from_start_of_selection:
            cursor = editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            editor.setTextCursor(cursor)
        if editor.find(needle, self._flags(backward)):
            self.status.clear()
            return True
        # Wrap around once.
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        editor.setTextCursor(cursor)
        found = editor.find(needle, self._flags(backward))
        self.status.setText("" if found else "Not found")
        return found

    def _selection_matches(self) -> bool:
        selected = self._editor.textCursor().selectedText()
        needle = self.find_field.text()
        if self.case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace(self) -> None:
        if self.find_field.text() and self._selection_matches():
            self._editor.textCursor().insertText(self.replace_field.text())
        self.find_next()

    def replace_all(self) -> int:
        needle = self.find_field.text()
        if not needle:
            return 0
        document = self._editor.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one undo step for the lot
        count = 0
        found = document.find(needle, 0, self._flags())
        while not found.isNull():
            found.insertText(self.replace_field.text())
            count += 1
            found = document.find(needle, found.position(), self._flags())
        cursor.endEditBlock()
        self.status.setText(f"Replaced {count}")
        return count
