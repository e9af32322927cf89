"""Offering back the unsaved text a crash or a kill left in the recovery store."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QMessageBox, QVBoxLayout, QWidget

from curator.gui.recovery import Draft


class RecoveryDialog(QDialog):
    restore = Signal(list)  # list[Draft]
    discard = Signal(list)

    def __init__(self, drafts: list[Draft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Recover unsaved text")
        self.drafts = drafts
        many = len(drafts) != 1
        intro = QLabel(
            f"Curator did not close properly last time. It kept unsaved text for {len(drafts)} "
            f"stor{'ies' if many else 'y'}. Restore it to go on editing (it is not saved until you save), "
            "or discard it."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        for draft in drafts:
            when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            words = len(draft.fields.body.split())
            self.list.addItem(f"{draft.headline}  —  {words:,} words, kept {when}")
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton("Discard…", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(600, 320)

    def _restore(self) -> None:
        self.restore.emit(self.drafts)
        self.accept()

    def _discard(self) -> None:
        sure = QMessageBox.warning(
            self,
            "Discard the recovered text?",
            "The unsaved text will be deleted for good.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if sure == QMessageBox.StandardButton.Discard:
            self.discard.emit(self.drafts)
            self.accept()
