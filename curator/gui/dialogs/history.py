"""Revision history: every explicit save of a story, each compared with the text being edited, and restore."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.gui.dialogs.diff_view import DiffView

if TYPE_CHECKING:
    from curator.domain.stories import Revision, RevisionInfo, StoryFields
    from curator.gui.bridge import LibraryBridge


def revision_label(info: RevisionInfo) -> str:
    when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.created_at else ""
    who = f" · {info.author}" if info.author else ""
    return f"{when}  v{info.story_version}{who}\n{info.note}"


class HistoryDialog(QDialog):
    restore_requested = Signal(int)  # revision id
    loaded = Signal()

    def __init__(
        self, bridge: LibraryBridge, story_id: int, current: StoryFields, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History — {current.headline or 'Untitled story'}")
        self.resize(980, 640)
        self._bridge = bridge
        self._current = current
        self._revisions: dict[int, Revision] = {}
        self.list = QListWidget()
        self.list.setObjectName("revisionList")
        self.list.setAlternatingRowColors(True)
        self.diff = DiffView()
        self.note = QLabel("Loading the history…")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([300, 680])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore = QPushButton("Restore this revision")
        self.restore.setEnabled(False)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore.clicked.connect(self._restore)
        self.list.currentItemChanged.connect(lambda item, _prev: self._select(item))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        bridge.read(lambda lib: lib.revisions.history(story_id), self._listed)

    def _listed(self, infos: list[RevisionInfo]) -> None:
        self.note.setText(
            f"{len(infos)} revision{'s' if len(infos) != 1 else ''}. Each is compared with the text you are editing; "
            "restoring one saves it as a new revision, so nothing in this list is lost."
        )
        for info in infos:
            item = QListWidgetItem(revision_label(info))
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
        if infos:
            self.list.setCurrentRow(0)
        else:
            self.loaded.emit()

    def _select(self, item: QListWidgetItem | None) -> None:
        self.restore.setEnabled(item is not None)
        if item is None:
            return
        revision_id = item.data(Qt.ItemDataRole.UserRole)
        cached = self._revisions.get(revision_id)
        if cached is not None:
            self._show(cached)
            return
        self._bridge.read(lambda lib: lib.revisions.get(revision_id), self._fetched)

    def _fetched(self, revision: Any) -> None:
        self._revisions[revision.info.id] = revision
        item = self.list.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == revision.info.id:
            self._show(revision)

    def _show(self, revision: Revision) -> None:
        when = revision.info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.diff.show_diff(revision.fields, self._current, old_label=f"the revision of {when}", new_label="now")
        self.loaded.emit()

    def selected_revision_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _restore(self) -> None:
        revision_id = self.selected_revision_id()
        if revision_id is not None:
            self.restore_requested.emit(revision_id)
            self.accept()
