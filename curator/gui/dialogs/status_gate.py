"""Moving stories to Ready or Published with fact checks open: the open items, and a reason to move anyway."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.domain.errors import StatusGateError
from curator.gui.dialogs import present

if TYPE_CHECKING:
    from curator.domain.factcheck import OpenItem
    from curator.gui.bridge import LibraryBridge

# Open items listed per story; the rest are counted.
MAX_ITEMS = 200
MAX_STORIES = 20


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class StatusGateDialog(QDialog):
    """Lists what is still open and asks why the move should go ahead; OK only with a reason."""

    def __init__(self, error: StatusGateError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusGateDialog")
        self.error = error
        first = error.blocks[0]
        self.setWindowTitle(f"Move to {first.status.label}?")
        self.resize(620, 440)
        layout = QVBoxLayout(self)
        stories = len(error.blocks)
        what = f"“{first.headline or 'Untitled story'}” has" if stories == 1 else f"{stories} stories have"
        intro = QLabel(
            f"{what} checks still open. Resolve them in the Fact Check or Writing panel, or give a reason to move "
            f"to {first.status.label} anyway (the reason is kept in the story's history)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.items = QListWidget()
        self.items.setObjectName("openItems")
        self.items.setTextElideMode(Qt.TextElideMode.ElideRight)
        for block in error.blocks:
            head = QListWidgetItem(f"{block.headline or 'Untitled story'}: {', '.join(block.problems)}")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setData(Qt.ItemDataRole.UserRole, block.story_id)
            self.items.addItem(head)
        layout.addWidget(self.items, 1)
        label = QLabel("&Reason for moving anyway:")
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText("e.g. checked by phone with the ministry's press office")
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(f"Move to {first.status.label} Anyway")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.reason.setFocus()

    def show_items(self, items: dict[int, tuple[OpenItem, ...]]) -> None:
        """Put each story's open items under its heading."""
        for row in range(self.items.count() - 1, -1, -1):
            head = self.items.item(row)
            story_id = head.data(Qt.ItemDataRole.UserRole)
            found = items.get(story_id, ())
            for n, item in enumerate(found[:MAX_ITEMS], 1):
                line = QListWidgetItem(f"    {item.kind.label.capitalize()}: “{_clip(item.text)}” — {item.detail}")
                line.setToolTip(item.text)
                self.items.insertItem(row + n, line)
            if len(found) > MAX_ITEMS:
                self.items.insertItem(row + MAX_ITEMS + 1, QListWidgetItem(f"    … {len(found) - MAX_ITEMS} more"))

    def reason_text(self) -> str:
        return self.reason.text().strip()


def open_gate_dialog(parent: QWidget) -> StatusGateDialog | None:
    """The gate dialog already asking in ``parent``'s window, if one is (a second would ask the same)."""
    return next((d for d in parent.window().findChildren(StatusGateDialog) if d.isVisible()), None)


def ask_override(
    parent: QWidget,
    error: StatusGateError,
    bridge: LibraryBridge | None,
    on_reason: Callable[[str], None],
    on_cancel: Callable[[], None] | None = None,
) -> StatusGateDialog:
    """Open the dialog (window-modal); ``on_reason`` gets the reason if the user moves anyway."""
    dialog = StatusGateDialog(error, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if bridge is not None:
        ids = [b.story_id for b in error.blocks[:MAX_STORIES]]

        def shown(items: dict[int, tuple[OpenItem, ...]]) -> None:
            with contextlib.suppress(RuntimeError):  # closed meanwhile
                dialog.show_items(items)

        bridge.read(lambda lib: {i: lib.factcheck.open_items(i) for i in ids}, shown, lambda _exc: None)
    dialog.accepted.connect(lambda: on_reason(dialog.reason_text()))
    if on_cancel is not None:
        dialog.rejected.connect(on_cancel)
    present(dialog)
    return dialog
