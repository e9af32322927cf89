"""The Markdown editor: a plain-text editor with highlighting, the exact text it holds, and its top source line."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette, QTextCursor, QTextOption
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from curator.gui.widgets.highlighter import MarkdownHighlighter

# QTextDocument separates paragraphs with U+2029; the stored text uses newlines.
_PARAGRAPH_SEPARATOR = "\u2029"


class MarkdownEditor(QPlainTextEdit):
    edited = Signal()  # the user changed the text (not set_text)
    top_line_changed = Signal(float)  # the source line at the top of the view, with the fraction scrolled past

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        self.setFont(font)
        self.setTabChangesFocus(False)
        self.document().setDocumentMargin(12)
        self.setPlaceholderText("Write the story here, in Markdown…")
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self._loading = False
        self._menu_providers: list[Callable[[QMenu, QPoint], None]] = []
        self._typewriter = False
        self.cursorPositionChanged.connect(self._keep_centered)
        self.textChanged.connect(self._on_text_changed)
        self._scroll_timer = QTimer(self, singleShot=True, interval=0)
        self._scroll_timer.timeout.connect(self._emit_top_line)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scroll_timer.start())

    # ------------------------------------------------------------------------------------------ text

    def text(self) -> str:
        """The text exactly as typed (toPlainText would turn no-break spaces into plain ones)."""
        return self.document().toRawText().replace(_PARAGRAPH_SEPARATOR, "\n")

    def set_text(self, text: str, *, keep_position: bool = False) -> None:
        """Show ``text`` as a new document (a fresh undo history)."""
        position = self.textCursor().position()
        scroll = self.verticalScrollBar().value()
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        if keep_position:
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(scroll)
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)

    def replace_all_text(self, text: str) -> None:
        """Replace the whole text as one undoable edit (a restored or merged version)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    # ------------------------------------------------------------------------------------ context menu

    def add_context_menu_provider(self, provider: Callable[[QMenu, QPoint], None]) -> None:
        """``provider(menu, position)`` adds its items (at the top, for a word under the mouse) to the menu."""
        self._menu_providers.append(provider)

    def build_context_menu(self, position: QPoint) -> QMenu:
        """The editor's context menu at ``position`` (viewport coordinates): Qt's own, with the providers' items."""
        menu = self.createStandardContextMenu(position)
        for provider in self._menu_providers:
            provider(menu, position)
        return menu

    # ------------------------------------------------------------------------------------ typewriter

    def set_typewriter(self, on: bool) -> None:
        """Typewriter scrolling: the line being written stays in the middle of the view."""
        self._typewriter = on
        self.setCenterOnScroll(on)
        if on:
            self.centerCursor()

    def _keep_centered(self) -> None:
        if self._typewriter:
            self.centerCursor()

    # ------------------------------------------------------------------------------------ position

    def top_line(self) -> float:
        """The source line at the top of the view (0-based), plus how far into it the view has scrolled."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0.0
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        height = geometry.height() or 1.0
        fraction = min(max(-geometry.top() / height, 0.0), 0.999)
        return block.blockNumber() + fraction

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.maximum() > 0 and bar.value() >= bar.maximum()

    def _emit_top_line(self) -> None:
        self.top_line_changed.emit(float("inf") if self.at_bottom() else self.top_line())

    def cursor_position(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return cursor.blockNumber() + 1, cursor.positionInBlock() + 1

    # ------------------------------------------------------------------------------------- look

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())

    def apply_palette(self, palette: QPalette) -> None:
        self.highlighter.set_palette(palette)

    # ----------------------------------------------------------------------------------- editing aids

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter at the end of a list item starts the next item, as word processors do.
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() and self._continue_list():
            return
        super().keyPressEvent(event)

    def _continue_list(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection() or not cursor.atBlockEnd():
            return False
        line = cursor.block().text()
        m = re.match(r"^(\s*)([*+-]|\d+\.)(\s+)(.*)$", line)
        if not m:
            return False
        indent, marker, space, rest = m.groups()
        if not rest.strip():
            # An empty item ends the list.
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.endEditBlock()
            return True
        if marker[0].isdigit():
            marker = f"{int(marker[:-1]) + 1}."
        cursor.insertText(f"\n{indent}{marker}{space}")
        self.ensureCursorVisible()
        return True

    def toggle_wrap(self, marker: str) -> None:
        """Wrap the selection (or the word at the cursor) in ``marker`` — ** for bold, * for italics."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        text = cursor.selectedText()
        cursor.beginEditBlock()
        if text.startswith(marker) and text.endswith(marker) and len(text) >= 2 * len(marker):
            cursor.insertText(text[len(marker) : -len(marker)])
        else:
            cursor.insertText(f"{marker}{text}{marker}")
        cursor.endEditBlock()
        self.setTextCursor(cursor)
