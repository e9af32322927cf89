"""The Comments panel: a story's editorial comment threads beside Fact Check and Related (F4), anchored to passages,
with replies, @mentions, resolve and reopen. Comments are internal: nothing here reaches an export or the preview.

A thread is started on the editor's selection (Ctrl+Alt+C, also in the Story menu); clicking a thread selects its
passage; a thread whose passage was deleted is listed as an orphan, never dropped.
"""

from __future__ import annotations

import logging
from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.domain.desk import Comment
from curator.gui.side_panel import PanelHost, SidePanelController

if TYPE_CHECKING:
    from curator.domain.stories import Story

log = logging.getLogger(__name__)

PANEL_SHORTCUT = "F4"
ADD_SHORTCUT = "Ctrl+Alt+C"
_ID = Qt.ItemDataRole.UserRole


def _when(comment: Comment) -> str:
    return comment.created_at.replace(tzinfo=UTC).astimezone().strftime("%d %b %H:%M")


class CommentsPanel(QWidget):
    add_requested = Signal()
    reply_requested = Signal(int)
    resolve_requested = Signal(int, bool)
    passage_requested = Signal(object)  # Comment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(self.tr("Comment threads"))
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        row = QHBoxLayout()
        self.add = QPushButton(self.tr("Comment…"))
        self.add.setToolTip(self.tr("Comment on the selected passage ({key})").format(key=ADD_SHORTCUT))
        self.reply = QPushButton(self.tr("Reply…"))
        self.resolve = QPushButton(self.tr("Resolve"))
        for button in (self.add, self.reply, self.resolve):
            button.setAccessibleName(button.text().rstrip("…"))
            row.addWidget(button)
        self.add.clicked.connect(self.add_requested)
        self.reply.clicked.connect(lambda: self._emit_for_current(self.reply_requested.emit))
        self.resolve.clicked.connect(self._resolve_clicked)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self._threads: dict[int, Comment] = {}
        self.set_threads([])

    def set_threads(self, threads: list[Comment]) -> None:
        self.tree.clear()
        self._threads = {c.id: c for c in threads}
        open_count = sum(1 for c in threads if not c.resolved)
        self.summary.setText(
            self.tr("No comments on this story.")
            if not threads
            else self.tr("{open} open, {resolved} resolved").format(open=open_count, resolved=len(threads) - open_count)
        )
        for c in threads:
            where = self.tr("(passage deleted)") if c.orphaned else (f"“{c.anchor.exact[:50]}”" if c.anchor else "")
            state = self.tr("resolved") if c.resolved else ""
            head = f"{c.author or self.tr('Someone')} · {_when(c)} {state}".strip()
            item = QTreeWidgetItem([f"{head}\n{where}\n{c.body}".replace("\n\n", "\n")])
            item.setData(0, _ID, c.id)
            item.setToolTip(0, c.body)
            if c.resolved:
                item.setForeground(0, self.palette().placeholderText())
            for r in c.replies:
                child = QTreeWidgetItem([f"{r.author or self.tr('Someone')} · {_when(r)}\n{r.body}"])
                child.setData(0, _ID, c.id)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        self._update_buttons()

    def _current_thread(self) -> Comment | None:
        item = self.tree.currentItem()
        return self._threads.get(item.data(0, _ID)) if item is not None else None

    def _emit_for_current(self, emit: Any) -> None:
        thread = self._current_thread()
        if thread is not None:
            emit(thread.id)

    def _resolve_clicked(self) -> None:
        thread = self._current_thread()
        if thread is not None:
            self.resolve_requested.emit(thread.id, not thread.resolved)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        thread = self._threads.get(item.data(0, _ID))
        if thread is not None:
            self.passage_requested.emit(thread)

    def _update_buttons(self) -> None:
        thread = self._current_thread()
        self.reply.setEnabled(thread is not None)
        self.resolve.setEnabled(thread is not None)
        self.resolve.setText(self.tr("Reopen") if thread is not None and thread.resolved else self.tr("Resolve"))


class CommentsController(SidePanelController):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(
            host,
            CommentsPanel(),
            title="Comments",
            name="commentsDock",
            setting="comments/visible",
            toggle_text="&Comments Panel",
            toggle_shortcut=PANEL_SHORTCUT,
        )
        self.panel: CommentsPanel
        self._generation = 0
        # Hidden until asked for (F4, or a comment started): the fact-check panel keeps the front on a first start.
        if not host.setting("comments/visible", False, bool):
            self.dock.hide()
        self.add_action = self.action(
            "Co&mment on Selection…", ADD_SHORTCUT, "Start a comment thread on the selected passage", self.add
        )
        story_menu = self.window_menu("Story")
        if story_menu is not None:
            story_menu.addAction(self.add_action)
        view_menu = self.window_menu("View")
        if view_menu is not None:
            view_menu.addAction(self.toggle_action)
        p = self.panel
        p.add_requested.connect(self.add)
        p.reply_requested.connect(self.reply)
        p.resolve_requested.connect(self.resolve)
        p.passage_requested.connect(self.select_passage)
        self.editing.opened.connect(self._opened)
        self.editing.saved.connect(lambda story: self.load(story.id))
        self.add_action.setEnabled(False)

    def _attach(self) -> None:
        super()._attach()
        if self.bridge is not None:
            self.bridge.changed.connect(self._changed)

    def _opened(self, story: Story | None) -> None:
        self.add_action.setEnabled(story is not None)
        self.panel.setEnabled(story is not None)
        if story is None:
            self.panel.set_threads([])
        else:
            self.load(story.id)

    def _changed(self, changes: Any) -> None:
        story_id = self.editing.story_id
        if story_id is not None and story_id in (*changes.updated, *changes.created):
            self.load(story_id)

    def load(self, story_id: int) -> None:
        if self.bridge is None:
            return
        self._generation += 1
        generation = self._generation

        def show(threads: list[Comment]) -> None:
            if generation == self._generation and self.editing.story_id == story_id:
                self.panel.set_threads(threads)

        self.bridge.read(lambda lib: lib.desk.comments.threads(story_id), show, lambda exc: self.message(str(exc)))

    def _run(self, job: Any, story_id: int) -> None:
        if self.bridge is None:
            return
        self.bridge.write(job, lambda _r: self.load(story_id), lambda exc: self.message(str(exc)))

    def add(self) -> None:
        story_id = self.editing.story_id
        if story_id is None or self.bridge is None:
            return
        cursor = self.host.editor.textCursor()
        quote = cursor.selectedText().replace("\u2029", "\n").strip()
        if self.editing.is_dirty() and quote:
            self.message("Save the story first: comments anchor to the saved text.")
            return
        text, ok = QInputDialog.getMultiLineText(
            self.host.dialog_parent(),
            "Comment",
            f"On “{quote[:80]}”:" if quote else "On the whole story:",
        )
        if not ok or not text.strip():
            return
        self.show_panel()
        self._run(lambda lib: lib.desk.comments.add(story_id, text, quote=quote), story_id)

    def reply(self, comment_id: int) -> None:
        story_id = self.editing.story_id
        if story_id is None:
            return
        text, ok = QInputDialog.getMultiLineText(self.host.dialog_parent(), "Reply", "Your reply:")
        if ok and text.strip():
            self._run(lambda lib: lib.desk.comments.reply(comment_id, text), story_id)

    def resolve(self, comment_id: int, resolved: bool) -> None:
        story_id = self.editing.story_id
        if story_id is not None:
            self._run(lambda lib: lib.desk.comments.resolve(comment_id, resolved=resolved), story_id)

    def select_passage(self, thread: Comment) -> None:
        if thread.anchor is None or thread.orphaned:
            return
        from curator.factcheck.anchors import locate, to_utf16

        text = self.host.editor.text()
        found = locate(thread.anchor, text)
        if found is None:
            return
        cursor = self.host.editor.textCursor()
        cursor.setPosition(to_utf16(text, found.start))
        cursor.setPosition(to_utf16(text, found.end), QTextCursor.MoveMode.KeepAnchor)
        self.host.editor.setTextCursor(cursor)
        self.host.editor.centerCursor()


def install_comments(host: PanelHost) -> CommentsController:
    """Dock the Comments panel in the window (through ``host``) and add its actions to the menus."""
    return CommentsController(host)
