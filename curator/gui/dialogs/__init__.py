"""Dialogs: conflicts, revision history, recovery, import and export."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def present(dialog: QDialog) -> None:
    """Open a window-modal dialog on top (some X11 set-ups do not raise it by themselves)."""
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()
