"""The conflict dialog: the story was saved elsewhere while it was being edited here.

It shows both versions and their difference and lets the user keep the other version, use their own, or merge the
two by hand. Whatever is chosen, both texts stay in the story's revision history.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.gui.dialogs.diff_view import DiffView

if TYPE_CHECKING:
    from curator.domain.errors import ConflictError

MINE_MARK = "<<<<<<< your version"
SPLIT_MARK = "======="
THEIRS_MARK = ">>>>>>> other version"


def marked_merge(mine: str, theirs: str) -> str:
    """Both bodies in one text: shared paragraphs once, differing ones side by side between markers."""
    a, b = mine.split("\n"), theirs.split("\n")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
        else:
            out += [MINE_MARK, *a[i1:i2], SPLIT_MARK, *b[j1:j2], THEIRS_MARK]
    return "\n".join(out)


def _read_only(text: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    return view


class ConflictDialog(QDialog):
    resolved = Signal(str, object)  # "theirs" | "mine" | "merge", merged body or None

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("The story was changed elsewhere")
        self.resize(900, 640)
        self.conflict = conflict
        mine, theirs = conflict.mine, conflict.theirs
        when = theirs.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if theirs.updated_at else ""
        intro = QLabel(
            f"<b>“{theirs.headline or 'Untitled story'}” was saved elsewhere</b> (version {theirs.version}, {when}) "
            f"while you were editing version {conflict.base_version}. Nothing has been overwritten.<br>"
            "Choose which text to keep. Both versions stay in the story's history either way."
        )
        intro.setWordWrap(True)

        self.tabs = QTabWidget()
        self.diff = DiffView()
        self.diff.show_diff(theirs.fields(), mine, old_label="the other version", new_label="your version")
        self.mine_view = _read_only(mine.body)
        self.theirs_view = _read_only(theirs.body)
        self.merge_edit = QPlainTextEdit(marked_merge(mine.body, theirs.body))
        self.merge_edit.setObjectName("mergeEditor")
        self.tabs.addTab(self.diff, "Difference")
        self.tabs.addTab(self.mine_view, "Your version")
        self.tabs.addTab(self.theirs_view, "Other version")
        self.tabs.addTab(self.merge_edit, "Merge by hand")

        buttons = QDialogButtonBox()
        self.keep_theirs = QPushButton("Keep the other version")
        self.use_mine = QPushButton("Use my version")
        self.merge = QPushButton("Save merged text")
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.use_mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge, QDialogButtonBox.ButtonRole.ActionRole)
        later = buttons.addButton("Decide later", QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip("Close this; your text stays unsaved (and in the recovery file) until you save again")
        self.keep_theirs.clicked.connect(lambda: self._choose("theirs"))
        self.use_mine.clicked.connect(lambda: self._choose("mine"))
        self.merge.clicked.connect(self._merge_clicked)
        buttons.rejected.connect(self.reject)
        self.tabs.currentChanged.connect(lambda i: self.merge.setDefault(self.tabs.widget(i) is self.merge_edit))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _choose(self, choice: str, merged: str | None = None) -> None:
        self.resolved.emit(choice, merged)
        self.accept()

    def _merge_clicked(self) -> None:
        if self.tabs.currentWidget() is not self.merge_edit:
            self.tabs.setCurrentWidget(self.merge_edit)
            return
        text = self.merge_edit.toPlainText()
        if any(mark in text.split("\n") for mark in (MINE_MARK, SPLIT_MARK, THEIRS_MARK)):
            answer = QMessageBox.question(
                self,
                "Markers left in the text",
                "The merged text still has conflict markers (<<<<<<<, =======, >>>>>>>). Save it anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._choose("merge", text)
